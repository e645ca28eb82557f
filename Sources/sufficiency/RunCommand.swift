import ArgumentParser
import Foundation
import SufficiencyModel
import SufficiencySimulation
import SufficiencyWorkbook

/// `sufficiency run`: simulate a scenario and write a run directory.
struct RunCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Simulate a scenario and write a run directory.",
        discussion: """
            SCENARIO is a YAML file, or the name of an embedded scenario; without it the embedded default \
            (\(EmbeddedScenarios.defaultName)) is used. The run directory holds scenario.resolved.yaml, \
            manifest.json, annual.csv, summary.csv, monthly.csv and requests.csv (and workbook.xlsx with --xlsx).
            """
    )

    @Argument(help: "Scenario file or embedded scenario name (default: \(EmbeddedScenarios.defaultName)).")
    var scenario: String?

    @OptionGroup var simulation: SimulationOptions<RunDefaults>

    @Option(name: .long, help: "Write the run to exactly this directory (default: results/<scenario>/<UTC time>/).")
    var out: String?

    @Flag(name: .long, help: "Replace --out if it exists and is not empty.")
    var force = false

    @Flag(name: .long, help: "Print nothing but errors.")
    var quiet = false

    @OptionGroup var workbook: WorkbookOption

    @Option(name: .customLong("set"), help: "KEY=VALUE: set a parameter by its key path for this run (repeatable).")
    var sets: [String] = []

    func validate() throws {
        try ParameterSets.validate(sets)
    }

    func run() throws {
        let started = Date()
        let overrides = try ParameterSets.overrides(sets)
        let loaded = try loadScenario(scenario, overrides: overrides)
        try checkWork([(loaded.origin, loaded)], simulation)
        if simulation.dryRun { return }
        let directory = try outputDirectory(out, defaultName: loaded.scenario.name, force: force, started: started)
        if !quiet {
            print("sufficiency \(Sufficiency.version): \(loaded.scenario.name) (\(loaded.origin)), "
                + "\(Format.counted(simulation.replications, "replication")) × \(Format.counted(simulation.years, "year")), seed \(simulation.seed), "
                + Format.counted(simulation.threads, "thread"))
        }
        let (result, manifest) = try simulate(loaded, simulation, quiet: quiet)
        do {
            try RunWriter.writeAtomically(to: directory, replace: force) { dir in
                let summary = try RunWriter.writeRunFiles(result, manifest: manifest, into: dir)
                if workbook.xlsx {
                    try RunWorkbook.write(summary, assumptions: WorkbookAssumption.all(loaded),
                                          to: dir.appendingPathComponent(WorkbookOption.fileName))
                }
            }
        } catch {
            throw InputError("\(directory.path): cannot write the run: \(FileFailure.reason(error))")
        }
        if !quiet {
            print(RunTable.render(result))
            print("wrote \(directory.path) in \(Format.fixed(manifest.wallSeconds, 1)) s of simulation")
        }
    }
}
