import ArgumentParser
import SufficiencyModel

/// The `--set KEY=VALUE` values of `run` and `compare`, checked alike: each must be `KEY=VALUE` with a key path
/// of non-empty parts (`validate`, a usage error), and no key may be set twice (`overrides`, an input error).
enum ParameterSets {
    static func validate(_ sets: [String]) throws {
        for s in sets {
            if let problem = ScenarioOverride.problem(assignment: s) { throw ValidationError("--set \(s): \(problem)") }
        }
    }

    static func overrides(_ sets: [String]) throws -> [ScenarioOverride] {
        let overrides = sets.compactMap(ScenarioOverride.init(assignment:))
        let problems = ScenarioOverride.problems(in: overrides)
        if !problems.isEmpty { throw InputError(problems) }
        return overrides
    }
}
