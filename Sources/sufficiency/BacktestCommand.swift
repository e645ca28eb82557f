import ArgumentParser
import Foundation
import SufficiencyCalibration
import SufficiencyData
import SufficiencyModel
import SufficiencySimulation

/// `sufficiency backtest`: calibrate on the data up to a point, simulate on, and compare with what happened; over
/// several rewinds, the share of actuals inside the forecast's 50% and 90% intervals.
struct BacktestCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "backtest",
        abstract: "Calibrate on data up to each --rewind before its end, simulate on, and compare with the data.",
        discussion: """
            For each rewind the calibration sees the data up to the cut (the data's last date less the rewind; its \
            window is the three years before the cut) and the simulation runs from the day after the cut for the \
            rewind rounded up to whole years. Compared, per rewind: entries and exits by route (reunification, \
            adoption, sgo, other, age18) counted over the period, and children in care at its end by placement \
            category, by age band and in total; each actual against the forecast's median, 50% interval (p25–p75) \
            and 90% interval (p05–p95). The period compared is the simulated financial years that end by the day \
            after the data's last date: for whole years (1y…5y) the whole rewound period (but its last day when \
            the data end on the eve of a 29 February); for months, when the data \
            do not end on 31 March, it stops at the last 31 March in the data (compared_from and compared_to in \
            backtest.csv say which days). Writes backtest.csv (a row per rewind and measure), coverage.csv (the \
            share of actuals inside each interval, overall and per rewind) and each rewind's calibrated scenario \
            and report; warns when the 90% intervals hold fewer than 80% of the actuals. A rewind is refused \
            (exit 2) when its cut leaves less than a year of data before it, counted from the 1 April of the \
            return's first collection year, found from its exits (a return's earliest DECOM goes back years before \
            it records any entry or exit), and each calibration's window starts there at the earliest; or when none of \
            its simulated financial years ends within the data. Every rewind uses the same --seed.
            """
    )

    @OptionGroup var input: DataOptions

    @Option(name: .long, parsing: .unconditional, help: "How far to rewind: a comma-separated list of 1y to 5y or 1m to 60m, such as 1y,2y,3y.")
    var rewind: String = "1y"

    @OptionGroup var count: ReplicationCount<RunDefaults>

    @OptionGroup var replication: ReplicationOptions

    @Option(name: .long, help: "Directory to write backtest.csv, coverage.csv, the calibrated scenarios and their reports (default: results/backtest/<UTC time>/).")
    var out: String?

    @Option(name: .long, help: "Entries as a flat rate over each calibration window, or with a trend by year: flat or trend.")
    var entries: EntryModel = .flat

    @Flag(name: .long, help: "Replace --out if it holds a previous backtest.")
    var force = false

    func rewinds() throws -> [BacktestRewind] {
        do {
            return try BacktestRewind.parseList(rewind)
        } catch let error as BacktestError {
            throw ValidationError("--rewind \(error.description)")
        }
    }

    func validate() throws {
        try input.requireData()
        try input.validateDates()
        _ = try rewinds()
    }

    func run() throws {
        let started = Date()
        try input.checkBaseline()
        let data = try input.load()
        // No usable episode is a problem with the files, not with --rewind.
        guard data.lastDate != nil else { throw InputError(Calibration.noEpisodes(data)) }
        let plans: [BacktestPlan]
        do {
            plans = try Backtest.plans(try rewinds(), data: data)
        } catch let error as BacktestError {
            throw InputError("--rewind \(error.description)")
        }
        let directory = try outputDirectory(out, defaultName: "backtest", force: force, started: started,
                                            marker: "backtest.csv")
        var options = Backtest.Options()
        options.baseline = baselineReference(input.baseline, out: "")
        options.replications = count.replications
        options.seed = replication.seed
        options.threads = replication.threads
        options.entriesTrend = entries == .trend
        options.parameterUncertainty = !replication.noParameterUncertainty

        var runs: [BacktestRun] = []
        for plan in plans {
            do {
                runs.append(try Backtest.run(plan, data: data, options: options))
            } catch let error as CalibrationError {
                throw InputError("--rewind \(plan.rewind.label): calibration: \(error.description)")
            } catch let refusal as BacktestWorkRefusal {
                throw InputError(refusal.problems)
            } catch let error as ScenarioError {
                throw InputError(error.problems.map {
                    "--rewind \(plan.rewind.label): the calibrated scenario does not load (a bug; please report it): \($0)"
                })
            }
        }
        let rows = runs.flatMap(\.rows)
        let coverage = Backtest.coverage(rows)
        do {
            try RunWriter.writeAtomically(to: directory, replace: force) { dir in
                try RunWriter.write(Backtest.rowsCSV(runs), dir, "backtest.csv")
                try RunWriter.write(Backtest.coverageCSV(coverage), dir, "coverage.csv")
                for run in runs {
                    try RunWriter.write(run.scenarioYAML, dir, "backtest-calibration-\(run.plan.rewind.label).yaml")
                    try RunWriter.write(run.report, dir, "calibration-report-\(run.plan.rewind.label).md")
                }
            }
        } catch {
            throw InputError("\(directory.path): cannot write the backtest: \(FileFailure.reason(error))")
        }

        print(Backtest.heading(plans[0], replications: count.replications, seed: replication.seed))
        for run in runs { print(Backtest.table(run)) }
        print(Backtest.coverageTable(coverage))
        if let warning = Backtest.warning(coverage[0]) { print(warning) }
        print("wrote \(directory.path)")
    }
}
