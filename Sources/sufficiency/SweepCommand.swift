import ArgumentParser
import Foundation
import SufficiencyModel
import SufficiencySimulation
import SufficiencyWorkbook

/// `sufficiency sweep`: a grid of lever values on common random numbers.
struct SweepCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sweep",
        abstract: "Run a grid of parameter values on common random numbers and tabulate the outcomes.",
        discussion: """
            Each --set KEY=V1,V2,... names a parameter by its key path (as in the scenario file) and the values to \
            try; the grid is every combination. Every point runs on the same seeds, so differences between points \
            are the lever's, not the noise's. Writes sweep.csv: one row per point with the mean and 90% interval of \
            the main outcomes in --year.
            """
    )

    @Argument(help: "The scenario (file or embedded name).")
    var scenario: String

    @Option(name: .customLong("set"), help: "KEY=V1,V2,... (repeatable).")
    var sets: [String] = []

    @OptionGroup var simulation: SimulationOptions<RunDefaults>

    @Option(name: .long, help: "Financial year of the outcomes (default: the last whole simulated year).")
    var year: String?

    @Option(name: .long, help: "Write to exactly this directory (default: results/sweep-<scenario>/<UTC time>/).")
    var out: String?

    @OptionGroup var workbook: WorkbookOption

    @Flag(name: .long, help: "Replace --out if it holds a previous sweep.")
    var force = false

    @Flag(name: .long, help: "Print nothing but errors.")
    var quiet = false

    func validate() throws {
        guard !sets.isEmpty else { throw ValidationError("give at least one --set KEY=V1,V2,...") }
        for s in sets where Sweep.Axis(assignment: s) == nil {
            throw ValidationError("--set \(s): expected KEY=V1,V2,... with no value left empty")
        }
        if let year, FinancialYear(label: year) == nil { throw ValidationError("--year must be like 2020-21 (got \(year))") }
    }

    func run() throws {
        let started = Date()
        let sweep = Sweep(axes: sets.compactMap(Sweep.Axis.init(assignment:)))
        if !sweep.problems.isEmpty { throw InputError(sweep.problems) }
        guard sweep.pointCount <= Sweep.maximumPoints else {
            throw InputError("the grid has \(sweep.pointCount) points; at most \(Sweep.maximumPoints) are allowed")
        }
        let grid = sweep.points
        // Load every point first, so a bad key or value is reported before anything runs: every problem once, though
        // a bad value recurs at every point of the other axes (`K=-1,-2` names both values, not the first alone).
        var scenarios: [LoadedScenario] = []
        var problems: [String] = []
        for point in grid {
            do {
                scenarios.append(try loadScenario(scenario, overrides: point))
            } catch let error as InputError {
                for line in error.lines where !problems.contains(line) { problems.append(line) }
            }
        }
        if !problems.isEmpty { throw InputError(problems) }
        let simulated = CompiledScenario(scenarios[0].scenario, horizonYears: simulation.years, drawsRates: false).simulatedYears
        let years = simulated.map(\.year)
        let y: Int
        if let year {
            guard let k = years.firstIndex(of: FinancialYear(label: year)!) else {
                throw InputError("--year \(year) is outside the simulated years \(years.first!.label) to \(years.last!.label)")
            }
            y = k
        } else {
            y = SimulatedYear.lastWholeIndex(simulated)!
        }
        try checkWork(scenarios.indices.map { k in
            ("\(scenarios[k].origin) [" + Sweep.label(grid[k]) + "]", scenarios[k])
        }, simulation)
        if simulation.dryRun { return }
        let directory = try outputDirectory(out, defaultName: "sweep-" + scenarios[0].scenario.name, force: force,
                                            started: started, marker: "sweep.csv")
        var points: [SweepPoint] = []
        for (k, loaded) in scenarios.enumerated() {
            let (result, _) = try simulate(loaded, simulation, quiet: quiet, label: Sweep.label(grid[k]))
            points.append(SweepPoint(overrides: grid[k], result: result, year: y))
        }
        do {
            try RunWriter.writeAtomically(to: directory, replace: force) { dir in
                try RunWriter.write(sweep.csv(points), dir, "sweep.csv")
                if workbook.xlsx {
                    try SweepWorkbook.write(sweep, points, replications: simulation.replications,
                                            to: dir.appendingPathComponent(WorkbookOption.fileName))
                }
            }
        } catch {
            throw InputError("\(directory.path): cannot write the sweep: \(FileFailure.reason(error))")
        }
        if !quiet {
            print("sweep of \(scenarios[0].scenario.name): \(Format.counted(grid.count, "point")) × "
                + "\(Format.counted(simulation.replications, "replication")), "
                + "seed \(simulation.seed), outcomes in \(simulated[y].label): mean (90% interval)")
            print(sweep.table(points))
            if let note = simulated[y].note { print(note) }
            print("wrote \(directory.appendingPathComponent("sweep.csv").path)")
        }
    }
}
