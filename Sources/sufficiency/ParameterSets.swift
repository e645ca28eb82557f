import ArgumentParser
import SufficiencyModel

/// The `--set KEY=VALUE` values of `run` and `compare`, checked alike: each must be `KEY=VALUE` with a key path
/// of non-empty parts (`validate`, a usage error), and no key may be set twice (`overrides`, an input error).
enum ParameterSets {
    static func validate(_ sets: [String]) throws {
        for s in sets where ScenarioOverride(assignment: s) == nil {
            // Say which part is wrong: an empty part of a key path (`uasc..annual_rate`) is not a missing `=`.
            if let eq = s.firstIndex(of: "="), eq != s.startIndex, s.index(after: eq) != s.endIndex {
                throw ValidationError("--set \(s): the key path has an empty part (two dots together, or a dot at "
                    + "either end); expected KEY=VALUE")
            }
            throw ValidationError("--set \(s): expected KEY=VALUE")
        }
    }

    static func overrides(_ sets: [String]) throws -> [ScenarioOverride] {
        let overrides = sets.compactMap(ScenarioOverride.init(assignment:))
        let problems = ScenarioOverride.problems(in: overrides)
        if !problems.isEmpty { throw InputError(problems) }
        return overrides
    }
}
