import ArgumentParser
import Foundation
import SufficiencyModel
import SufficiencySimulation

/// `sufficiency validate`: check scenario files without running them.
struct ValidateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "validate",
        abstract: "Check scenario files: every problem, one per line, with file, line and key path.",
        discussion: """
            Also estimates the work of a run with the default options (events per replication-year, time, memory) \
            and refuses a scenario beyond the bounds `run` would refuse. Exits 0 when every file is valid, 2 otherwise.
            """
    )

    @Argument(help: "Scenario files (or embedded scenario names).")
    var files: [String]

    func validate() throws {
        guard !files.isEmpty else { throw ValidationError("give at least one scenario file") }
    }

    func run() throws {
        var problems: [String] = []
        // The work estimate is for a run with the default options (`run`'s replications, years and threads).
        let options = try SimulationOptions<RunDefaults>.parse([])
        for file in files {
            do {
                let loaded = try ScenarioLoader.load(path: file)
                let model = CompiledScenario(loaded.scenario, horizonYears: options.years, drawsRates: false)
                let estimate = WorkEstimate(model, replications: options.replications, threads: options.threads)
                let refused = estimate.problems(label: file)
                if refused.isEmpty {
                    print("\(file): valid (\(loaded.scenario.name))")
                    print("  work: \(estimate.summary)")
                    for note in model.unmetEntryRates { print("  note: \(note)") }
                } else {
                    problems += refused
                }
            } catch let error as ScenarioError {
                problems += error.problems.map(\.description)
            }
        }
        if !problems.isEmpty { throw InputError(problems) }
    }
}
