import ArgumentParser
import Foundation
import SufficiencyCalibration
import SufficiencyData
import SufficiencyModel
import SufficiencySimulation

/// `sufficiency backtest`: calibrate on the data up to a point, simulate on, and compare with what happened.
struct BacktestCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "backtest",
        abstract: "Calibrate on data up to --rewind before its end, simulate that period, and compare with the data.",
        discussion: """
            Compares the mean and 90% interval of children in care by placement category at the end, and of entries \
            and exits by route over the period, with the actual figures; writes backtest.csv and says which actuals \
            fell outside the 90% interval.
            """
    )

    @OptionGroup var input: DataOptions

    @Option(name: .long, help: "How far to rewind: 1y (a year) or a number of months such as 6m; at most 1y.")
    var rewind: String = "1y"

    @Option(name: .long, help: "Replications.")
    var replications = 1000

    @Option(name: .long, help: "Master seed.")
    var seed: UInt64 = SimulationOptions.defaultSeed

    @Option(name: .long, help: "Worker threads (default: all cores).")
    var threads: Int = ProcessInfo.processInfo.activeProcessorCount

    @Option(name: .long, help: "Directory to write backtest.csv, the calibrated scenario and its report (default: results/backtest/<UTC time>/).")
    var out: String?

    @Flag(name: .long, help: "Replace --out if it holds a previous backtest.")
    var force = false

    func rewindDays() -> Int? {
        guard let n = Int(rewind.dropLast()), n > 0 else { return nil }
        switch rewind.last {
        case "y": return n == 1 ? 365 : nil
        case "m": return n <= 12 ? Int((Double(n) * 365.25 / 12).rounded()) : nil
        default: return nil
        }
    }

    func validate() throws {
        try input.requireData()
        guard rewindDays() != nil else { throw ValidationError("--rewind must be 1y or 1m to 12m (got \(rewind))") }
        guard (1...100_000).contains(replications) else { throw ValidationError("--replications must be between 1 and 100000") }
    }

    /// Placement categories of the comparison (the peer model's): fostering, residential, supported, other.
    static let categories: [(String, [PlacementType])] = [
        ("fostering", [.inHouseFoster, .ifaFoster, .kinshipFoster]),
        ("residential", [.residential]),
        ("supported", [.supportedAccommodation]),
        ("other", [.placedWithParents, .placedForAdoption, .residentialSchool, .secure, .other]),
    ]

    func run() throws {
        let started = Date()
        let data = try input.load()
        guard let last = data.lastDate else { throw InputError("the data hold no dated episodes") }
        let cut = CivilDate(dayNumber: last.dayNumber - rewindDays()!)
        var options = Calibration.Options()
        options.windowEnd = cut
        options.snapshot = cut
        options.baseline = baselineReference(input.baseline, out: "")
        options.name = "backtest-calibration"
        let (yaml, report) = try calibrate(data, options)
        let loaded = try ScenarioLoader.load(yaml: yaml, file: "backtest-calibration.yaml")
        // Simulate from the day after the cut to the data's end.
        let model = CompiledScenario(loaded.scenario, horizonYears: 1)
        let result = MonteCarlo.run(model, replications: replications, seed: seed, threads: threads)
        let actual = Estimates(data: data, windowStart: CivilDate(dayNumber: cut.dayNumber + 1),
                               windowEnd: CivilDate(dayNumber: last.dayNumber + 1), snapshot: last)
        let lastYear = result.years.count - 1

        var rows: [(String, Double, [Double])] = []
        let stockActual = actual.stock.map { $0.reduce(0, +) }
        rows.append(("children_in_care", Double(actual.childrenInCare), result.values(.childrenInCare, year: lastYear)))
        let metricOf: [PlacementType: AnnualMetric] = [.inHouseFoster: .inHouseFoster, .ifaFoster: .ifaFoster,
            .kinshipFoster: .kinshipFoster, .residential: .residential, .supportedAccommodation: .supportedAccommodation,
            .placedWithParents: .placedWithParents, .placedForAdoption: .placedForAdoption]
        for (name, types) in Self.categories {
            let a = types.reduce(0) { $0 + stockActual[$1.index] }
            var simulated = [Double](repeating: 0, count: replications)
            var others = false
            for t in types {
                if let m = metricOf[t] {
                    simulated = zip(simulated, result.values(m, year: lastYear)).map(+)
                } else {
                    others = true
                }
            }
            if others { simulated = zip(simulated, result.values(.otherPlacement, year: lastYear)).map(+) }
            rows.append(("in_care_\(name)", Double(a), simulated))
        }
        func flow(_ m: AnnualMetric) -> [Double] {
            (0..<replications).map { r in (0...lastYear).reduce(0.0) { $0 + result.value(m, year: $1, replication: r) } }
        }
        let actualEntries = actual.entries.reduce(0, +) + actual.uascEntries + actual.reentries
        rows.append(("entries", Double(actualEntries), flow(.entries)))
        let routeMetrics: [AnnualMetric] = [.exitsReunification, .exitsAdoption, .exitsSGO, .exitsOther]
        for (r, route) in Estimates.routes.enumerated() {
            rows.append(("exits_\(route.label)", Double(actual.exitRate(r).events), flow(routeMetrics[r])))
        }
        rows.append(("exits_age18", Double(actual.exitsAt18), flow(.exitsAge18)))

        var csv = "measure,actual,simulated_mean,simulated_p05,simulated_p95,outside_90\n"
        var outside: [String] = []
        var table = "measure               actual   simulated mean (90% interval)\n"
        for (name, a, values) in rows {
            let s = Summary(values)
            let out = a < s.p05 || a > s.p95
            if out { outside.append(name) }
            csv += "\(name),\(Int(a)),\(Format.fixed(s.mean, 2)),\(Format.fixed(s.p05, 2)),\(Format.fixed(s.p95, 2)),\(out ? "yes" : "no")\n"
            table += name.padding(toLength: 20, withPad: " ", startingAt: 0) + String(format: "%8d   %8.1f (%.0f–%.0f)%@\n", Int(a), s.mean, s.p05, s.p95,
                                                                                      out ? "  outside" : "")
        }
        let directory = try outputDirectory(out, defaultName: "backtest", force: force, started: started)
        do {
            try RunWriter.writeAtomically(to: directory, replace: force) { dir in
                try RunWriter.write(csv, dir, "backtest.csv")
                try RunWriter.write(yaml, dir, "backtest-calibration.yaml")
                try RunWriter.write(report, dir, "calibration-report.md")
            }
        } catch {
            throw InputError("\(directory.path): cannot write the backtest: \(error.localizedDescription)")
        }
        print("backtest: calibrated on data to \(cut), simulated \(cut) to \(last) (\(replications) replications, seed \(seed))")
        print(table, terminator: "")
        print(outside.isEmpty ? "every actual lies inside its 90% interval"
              : "outside the 90% interval: \(outside.joined(separator: ", "))")
        print("wrote \(directory.path)")
    }
}
