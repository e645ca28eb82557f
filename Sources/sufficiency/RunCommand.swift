import ArgumentParser
import Foundation
import SufficiencyModel
import SufficiencySimulation

/// `sufficiency run`: simulate a scenario and write a run directory.
struct RunCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Simulate a scenario and write a run directory.",
        discussion: """
            SCENARIO is a YAML file, or the name of an embedded scenario; without it the embedded default \
            (\(EmbeddedScenarios.defaultName)) is used. The run directory holds scenario.resolved.yaml, \
            manifest.json, annual.csv, summary.csv, monthly.csv and requests.csv.
            """
    )

    @Argument(help: "Scenario file or embedded scenario name (default: \(EmbeddedScenarios.defaultName)).")
    var scenario: String?

    @OptionGroup var simulation: SimulationOptions

    @Option(name: .long, help: "Write the run to exactly this directory (default: results/<scenario>/<UTC time>/).")
    var out: String?

    @Flag(name: .long, help: "Replace --out if it exists and is not empty.")
    var force = false

    @Flag(name: .long, help: "Print nothing but errors.")
    var quiet = false

    @Option(name: .customLong("set"), help: "KEY=VALUE: set a parameter by its key path for this run (repeatable).")
    var sets: [String] = []

    func validate() throws {
        for s in sets where ScenarioOverride(assignment: s) == nil {
            throw ValidationError("--set \(s): expected KEY=VALUE")
        }
    }

    func run() throws {
        let started = Date()
        let loaded = try loadScenario(scenario, overrides: sets.compactMap(ScenarioOverride.init(assignment:)))
        try checkWork([(loaded.origin, loaded)], simulation)
        if simulation.dryRun { return }
        let directory = try outputDirectory(out, defaultName: loaded.scenario.name, force: force, started: started)
        if !quiet {
            print("sufficiency \(Sufficiency.version): \(loaded.scenario.name) (\(loaded.origin)), "
                + "\(simulation.replications) replications × \(simulation.years) years, seed \(simulation.seed), "
                + "\(simulation.threads) threads")
        }
        let (result, manifest) = try simulate(loaded, simulation, quiet: quiet)
        do {
            try RunWriter.write(result, manifest: manifest, to: directory, replace: force)
        } catch {
            throw InputError("\(directory.path): cannot write the run: \(error.localizedDescription)")
        }
        if !quiet {
            print(RunTable.render(result))
            print("wrote \(directory.path) in \(Format.fixed(manifest.wallSeconds, 1)) s of simulation")
        }
    }
}

/// Refuses a run whose estimated work is beyond `WorkEstimate`'s bounds (too many events per replication-year, too
/// long, too much memory for the results), before anything is allocated: status 2, one line per problem.
@discardableResult
func checkWork(_ model: CompiledScenario, replications: Int, threads: Int, label: String) throws -> WorkEstimate {
    let estimate = WorkEstimate(model, replications: replications, threads: threads)
    let problems = estimate.problems(label: label)
    if !problems.isEmpty { throw InputError(problems) }
    return estimate
}

/// The work estimates of the runs a command will make, labelled, as `options` would run them; with `--dry-run` they are
/// printed (in full for a few runs, a line each for more). Refuses them as `checkWork` does, together.
func checkWork(_ runs: [(label: String, scenario: LoadedScenario)], _ options: SimulationOptions) throws {
    let estimates = runs.map { run in
        (label: run.label, estimate: WorkEstimate(
            CompiledScenario(options.prepared(run.scenario.scenario), horizonYears: options.years, drawsRates: false),
            replications: options.replications, threads: options.threads))
    }
    if options.dryRun {
        for (label, estimate) in estimates {
            print(estimates.count <= 4 ? estimate.report(label: label).joined(separator: "\n") : "\(label): \(estimate.summary)")
        }
        if estimates.count > 1 { print(WorkEstimate.total(estimates.map(\.estimate))) }
    }
    let problems = WorkEstimate.problems(estimates)
    if !problems.isEmpty { throw InputError(problems) }
}

/// Loads a scenario file or embedded name (the default scenario when nil), turning every problem into an
/// `InputError` line.
func loadScenario(_ path: String?, overrides: [ScenarioOverride] = []) throws -> LoadedScenario {
    do {
        return try ScenarioLoader.load(path: path ?? EmbeddedScenarios.defaultName, overrides: overrides)
    } catch let error as ScenarioError {
        throw InputError(error.problems.map(\.description))
    }
}

extension Duration {
    var seconds: Double { Double(components.seconds) + Double(components.attoseconds) * 1e-18 }
}
