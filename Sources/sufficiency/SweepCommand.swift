import ArgumentParser
import Foundation
import SufficiencyModel
import SufficiencySimulation

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

    @OptionGroup var simulation: SimulationOptions

    @Option(name: .long, help: "Financial year of the outcomes (default: the last simulated year).")
    var year: String?

    @Option(name: .long, help: "Write to exactly this directory (default: results/sweep-<scenario>/<UTC time>/).")
    var out: String?

    @Flag(name: .long, help: "Replace --out if it holds a previous sweep.")
    var force = false

    @Flag(name: .long, help: "Print nothing but errors.")
    var quiet = false

    static let metrics: [AnnualMetric] = [.childrenInCare, .inHouseFoster, .ifaFoster, .residential,
                                          .displacedToResidential, .moves3PlusPct, .costTotal, .netCost]

    func validate() throws {
        guard !sets.isEmpty else { throw ValidationError("give at least one --set KEY=V1,V2,...") }
        for s in sets {
            guard let o = ScenarioOverride(assignment: s), !o.value.split(separator: ",").isEmpty else {
                throw ValidationError("--set \(s): expected KEY=V1,V2,...")
            }
        }
        if let year, FinancialYear(label: year) == nil { throw ValidationError("--year must be like 2020-21 (got \(year))") }
    }

    func run() throws {
        let started = Date()
        let axes = sets.compactMap(ScenarioOverride.init(assignment:)).map { o in
            (key: o.keyPath, values: o.value.split(separator: ",").map { String($0).trimmingCharacters(in: .whitespaces) })
        }
        var grid: [[ScenarioOverride]] = [[]]
        for axis in axes {
            grid = grid.flatMap { point in axis.values.map { point + [ScenarioOverride(keyPath: axis.key, value: $0)] } }
        }
        guard grid.count <= 400 else { throw InputError("the grid has \(grid.count) points; at most 400 are allowed") }
        // Load every point first, so a bad key or value is reported before anything runs.
        let points = try grid.map { try loadScenario(scenario, overrides: $0) }
        let years = CompiledScenario(points[0].scenario, horizonYears: simulation.years, drawsRates: false).years
        let y: Int
        if let year {
            guard let k = years.firstIndex(of: FinancialYear(label: year)!) else {
                throw InputError("--year \(year) is outside the simulated years \(years.first!.label) to \(years.last!.label)")
            }
            y = k
        } else {
            y = years.count - 1
        }
        try checkWork(points.indices.map { k in
            ("\(points[k].origin) [" + grid[k].map { "\($0.keyPath)=\($0.value)" }.joined(separator: " ") + "]", points[k])
        }, simulation)
        if simulation.dryRun { return }
        let directory = try outputDirectory(out, defaultName: "sweep-" + points[0].scenario.name, force: force,
                                            started: started)
        var header = axes.map(\.key)
        for m in Self.metrics { header += [m.label + "_mean", m.label + "_p05", m.label + "_p95"] }
        var rows: [[String]] = []
        for (k, point) in points.enumerated() {
            let label = grid[k].map { "\($0.keyPath)=\($0.value)" }.joined(separator: " ")
            let (result, _) = try simulate(point, simulation, quiet: quiet, label: label)
            var row = grid[k].map(\.value)
            for m in Self.metrics {
                let s = Summary(result.values(m, year: y))
                let d = m.isMoney ? 0 : 2
                row += [Format.fixed(s.mean, d), Format.fixed(s.p05, d), Format.fixed(s.p95, d)]
            }
            rows.append(row)
        }
        let csv = ([header] + rows).map { $0.map(Format.csv).joined(separator: ",") }.joined(separator: "\n") + "\n"
        do {
            try RunWriter.writeAtomically(to: directory, replace: force) { dir in
                try RunWriter.write(csv, dir, "sweep.csv")
            }
        } catch {
            throw InputError("\(directory.path): cannot write the sweep: \(error.localizedDescription)")
        }
        if !quiet {
            print("sweep of \(points[0].scenario.name): \(grid.count) points × \(simulation.replications) replications, "
                + "seed \(simulation.seed), outcomes in \(years[y].label): mean (90% interval)")
            var table: [[String]] = [axes.map(\.key) + ["children in care", "in-house", "IFA", "residential", "net cost £m"]]
            for r in rows {
                let n = axes.count
                func cell(_ k: Int, _ scale: Double = 1, _ d: Int = 0) -> String {
                    let v = { (i: Int) in Format.fixed((Double(r[n + 3 * k + i]) ?? .nan) * scale, d) }
                    return "\(v(0)) (\(v(1))–\(v(2)))"
                }
                table.append(Array(r[0..<n]) + [cell(0), cell(1), cell(2), cell(3), cell(7, 1e-6, 2)])
            }
            let widths = table[0].indices.map { c in table.map { $0[c].count }.max()! }
            for row in table {
                print(row.enumerated().map { c, v in String(repeating: " ", count: widths[c] - v.count) + v }
                    .joined(separator: "  "))
            }
            print("wrote \(directory.appendingPathComponent("sweep.csv").path)")
        }
    }
}
