import Foundation
import SufficiencyData
import SufficiencyModel
import SufficiencySimulation

/// How far a backtest rewinds from the data's last date: whole years (`1y`…`5y`) or months (`1m`…`60m`).
public struct BacktestRewind: Hashable, Sendable, CustomStringConvertible {
    /// The rewind in months (`2y` is 24).
    public let months: Int
    /// As written: `2y`, `18m`.
    public let label: String

    public static let maximumYears = 5
    public static let maximumMonths = 60

    /// One rewind, `Ny` (N 1–5) or `Nm` (N 1–60); nil for anything else.
    public init?(_ text: String) {
        let text = text.trimmingCharacters(in: .whitespaces)
        guard let unit = text.last, let n = Int(text.dropLast()), n >= 1, text.first?.isNumber == true else { return nil }
        switch unit {
        case "y" where n <= Self.maximumYears: months = 12 * n
        case "m" where n <= Self.maximumMonths: months = n
        default: return nil
        }
        label = text
    }

    /// A comma-separated list (`1y,2y,3y`), in the order given; an invalid or repeated rewind (`1y` and `12m` are
    /// the same rewind) is an error naming it.
    public static func parseList(_ text: String) throws -> [BacktestRewind] {
        let parts = text.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
        var rewinds: [BacktestRewind] = []
        for part in parts {
            guard let r = BacktestRewind(part) else {
                throw BacktestError("must be a comma-separated list of 1y to \(maximumYears)y or 1m to \(maximumMonths)m "
                    + "(got \(part.isEmpty ? "an empty item" : part)\(parts.count > 1 ? " in \(text)" : ""))")
            }
            if let same = rewinds.first(where: { $0.months == r.months }) {
                throw BacktestError("lists the same rewind twice (\(same.label) and \(r.label))")
            }
            rewinds.append(r)
        }
        return rewinds
    }

    /// Years to simulate: the rewind rounded up to whole years.
    public var horizonYears: Int { (months + 11) / 12 }

    /// The last day of calibration data: the rewound period, from the day after the cut to the day after `last`,
    /// is `months` long — the day after `last`, `months` earlier (the month's last day when it has no such day), less
    /// a day. So a rewind of whole years from 27 March is cut on 27 March, and one of months from a month's end is
    /// cut at a month's end; only a day after `last` on 29 February cannot be reached from a common year.
    public func cut(from last: CivilDate) -> CivilDate {
        let next = CivilDate(dayNumber: last.dayNumber + 1)
        let total = next.year * 12 + (next.month - 1) - months
        let year = total / 12, month = total % 12 + 1
        let back = CivilDate(year: year, month: month, day: min(next.day, CivilDate.daysInMonth(year: year, month: month)))
        return CivilDate(dayNumber: back.dayNumber - 1)
    }

    public var description: String { label }
}

/// What one rewind calibrates on, simulates and compares.
///
/// The simulation starts the day after the cut and runs `horizonYears` calendar years; its flows are totals by
/// financial year and its stocks are taken at each year's end (31 March, or the horizon). The comparison covers the
/// simulated financial years that end on or before the day after the data's last date: for a rewind in whole years
/// that is the whole rewound period (the horizon is the day after the data's end); for months, when the data do not
/// end on 31 March, it stops at the last 31 March inside the data, and `comparedTo` says so.
public struct BacktestPlan: Sendable, Equatable {
    public let rewind: BacktestRewind
    /// The data's first date (earliest DECOM), where they begin to record entries and exits (the first collection
    /// year's 1 April: `Backtest.observedFrom`), and their last date.
    public let dataStart: CivilDate
    public let observedFrom: CivilDate
    public let dataEnd: CivilDate
    /// The last day of data the calibration sees (its window end and snapshot).
    public let cut: CivilDate
    /// The calibration window's start, as `Calibration` sets it by default: three years (1,096 days) before the cut,
    /// or where the data begin to record entries and exits (`observedFrom`) if later.
    public let calibrationStart: CivilDate
    public let horizonYears: Int
    /// Financial years of the simulation compared (the first `comparedYears` of them).
    public let comparedYears: Int
    /// The first and last day compared: entries and exits in between, children in care at the end of `comparedTo`.
    public let comparedFrom: CivilDate
    public let comparedTo: CivilDate

    /// Whether the comparison covers the whole rewound period (to the data's last date).
    public var comparesWholePeriod: Bool { comparedTo == dataEnd }

    /// Plans `rewind` on data from `first` (their earliest DECOM) to `last` that record entries and exits from
    /// `observedFrom` (`Backtest.observedFrom`):
    /// refuses a cut before `observedFrom` or less than a year after it (less than a year of calibration data), and
    /// a rewind none of whose simulated financial years ends within the data.
    public init(_ rewind: BacktestRewind, first: CivilDate, observedFrom: CivilDate, last: CivilDate) throws {
        self.rewind = rewind
        dataStart = first
        self.observedFrom = observedFrom
        dataEnd = last
        cut = rewind.cut(from: last)
        guard cut >= observedFrom else {
            throw BacktestError("\(rewind.label): the cut \(cut) is before the data record any entry or exit "
                + "(they are recorded from \(observedFrom))")
        }
        let days = cut.dayNumber - observedFrom.dayNumber + 1
        guard days >= 365 else {
            throw BacktestError("\(rewind.label): the cut \(cut) leaves \(days) days of data before it (entries and "
                + "exits are recorded from \(observedFrom)); calibration needs at least one year")
        }
        calibrationStart = max(observedFrom, CivilDate(dayNumber: cut.dayNumber - 1096))
        horizonYears = rewind.horizonYears
        let start = CivilDate(dayNumber: cut.dayNumber + 1)
        comparedFrom = start
        // The simulated financial years' ends, as `CompiledScenario` lays them out: each 1 April after the start
        // and before the horizon, then the horizon.
        let ends = Self.yearEnds(start: start, horizonYears: horizonYears)
        let dataLimit = last.dayNumber + 1
        let inside = ends.prefix { $0.dayNumber <= dataLimit }
        guard let end = inside.last else {
            throw BacktestError("\(rewind.label): no simulated financial year ends within the data (the first ends "
                + "\(CivilDate(dayNumber: ends[0].dayNumber - 1)), after the data's last date \(last)); "
                + "use whole years or data that end on 31 March")
        }
        comparedYears = inside.count
        comparedTo = CivilDate(dayNumber: end.dayNumber - 1)
    }

    /// The day after each simulated financial year ends (its last day + 1), for a simulation from `start`.
    static func yearEnds(start: CivilDate, horizonYears: Int) -> [CivilDate] {
        let horizon = start.adding(years: horizonYears)
        var ends: [CivilDate] = []
        var year = start.financialYear
        while true {
            let next = FinancialYear(startYear: year.startYear + 1).firstDay
            if next >= horizon { break }
            ends.append(next)
            year = FinancialYear(startYear: year.startYear + 1)
        }
        ends.append(horizon)
        return ends
    }
}

/// One measure of one rewind: what happened against the simulated distribution.
public struct BacktestRow: Sendable, Equatable {
    public var rewind: String
    public var measure: String
    public var actual: Double
    public var mean: Double
    public var median: Double
    public var p25: Double
    public var p75: Double
    public var p05: Double
    public var p95: Double

    public init(rewind: String, measure: String, actual: Double, mean: Double, median: Double,
                p25: Double, p75: Double, p05: Double, p95: Double) {
        self.rewind = rewind
        self.measure = measure
        self.actual = actual
        self.mean = mean
        self.median = median
        self.p25 = p25
        self.p75 = p75
        self.p05 = p05
        self.p95 = p95
    }

    /// A row from the simulated values of the measure over replications.
    public init(rewind: String, measure: String, actual: Double, simulated: [Double]) {
        let s = Summary(simulated)
        self.init(rewind: rewind, measure: measure, actual: actual, mean: s.mean, median: s.p50,
                  p25: s.p25, p75: s.p75, p05: s.p05, p95: s.p95)
    }

    /// Inside the 50% interval, p25 to p75 (ends included).
    public var inside50: Bool { actual >= p25 && actual <= p75 }
    /// Inside the 90% interval, p05 to p95 (ends included).
    public var inside90: Bool { actual >= p05 && actual <= p95 }
}

/// The share of actuals inside their intervals over a set of rows: every row (`scope` "all") or one rewind's.
public struct BacktestCoverage: Sendable, Equatable {
    public var scope: String
    public var rows: Int
    public var inside50: Int
    public var inside90: Int

    public init(scope: String, rows: [BacktestRow]) {
        self.scope = scope
        self.rows = rows.count
        inside50 = rows.filter(\.inside50).count
        inside90 = rows.filter(\.inside90).count
    }

    public var share50: Double { rows == 0 ? .nan : Double(inside50) / Double(rows) }
    public var share90: Double { rows == 0 ? .nan : Double(inside90) / Double(rows) }
}

/// One rewind's result: the plan, the calibrated scenario and its report, and a row per measure.
public struct BacktestRun: Sendable {
    public let plan: BacktestPlan
    public let scenarioYAML: String
    public let report: String
    public let rows: [BacktestRow]
}

public struct BacktestError: Error, CustomStringConvertible {
    public var description: String
    public init(_ text: String) { description = text }
}

/// A rewind whose simulation is beyond `WorkEstimate`'s bounds (too long, or too much memory for its results):
/// refused before it runs, one line per problem.
public struct BacktestWorkRefusal: Error {
    public var problems: [String]
}

/// Backtesting: calibrate on the data up to a cut, simulate from the cut, compare with what the data say happened.
public enum Backtest {
    public struct Options: Sendable {
        public var baseline: String = EmbeddedScenarios.defaultName
        public var replications = 1000
        public var seed: UInt64 = 20170401
        public var threads = 1
        /// Entries with a trend by year (`calibrate --entries trend`).
        public var entriesTrend = false
        /// Draw each replication's rates from what the estimates rest on (on by default, as for `calibrate`).
        public var parameterUncertainty = true
        public init() {}
    }

    /// Below this share of actuals inside their 90% intervals the forecast is called overconfident.
    public static let warningThreshold = 0.8

    /// Placement categories of the comparison (the peer model's): fostering, residential, supported, other.
    public static let categories: [(String, [PlacementType])] = [
        ("fostering", [.inHouseFoster, .ifaFoster, .kinshipFoster]),
        ("residential", [.residential]),
        ("supported", [.supportedAccommodation]),
        ("other", [.placedWithParents, .placedForAdoption, .residentialSchool, .secure, .other]),
    ]

    /// The measures of every rewind, in the order of the rows.
    public static let measures: [String] = ["entries"]
        + ExitRoute.allCases.map { "exits_\($0.label)" }
        + categories.map { "in_care_\($0.0)" }
        + AgeBand.allCases.map { "in_care_age_\($0.label)" }
        + ["children_in_care"]

    /// Plans every rewind against the data (refusing any that does not fit; see `BacktestPlan`).
    public static func plans(_ rewinds: [BacktestRewind], data: SSDA903Data) throws -> [BacktestPlan] {
        guard let first = data.firstDate, let observed = observedFrom(data), let last = data.lastDate else {
            throw BacktestError(Calibration.noEpisodes(data))
        }
        return try rewinds.map { try BacktestPlan($0, first: first, observedFrom: observed, last: last) }
    }

    /// Where the data begin to record what happens: the 1 April of the return's first collection year, as its exits
    /// show it (`SSDA903Data.recordsFrom`); the data's first date when no row ends a period of care.
    public static func observedFrom(_ data: SSDA903Data) -> CivilDate? {
        data.recordsFrom ?? data.firstDate
    }

    /// Calibrates on the data up to the plan's cut, simulates, and compares each measure.
    /// Throws `CalibrationError` or `ScenarioError` when the calibration fails or yields an invalid scenario, and
    /// `BacktestWorkRefusal` when the simulation would take too long or too much memory.
    public static func run(_ plan: BacktestPlan, data: SSDA903Data, options: Options) throws -> BacktestRun {
        var calibrationOptions = Calibration.Options()
        calibrationOptions.windowStart = plan.calibrationStart
        calibrationOptions.windowEnd = plan.cut
        calibrationOptions.snapshot = plan.cut
        calibrationOptions.baseline = options.baseline
        calibrationOptions.name = "backtest-calibration-\(plan.rewind.label)"
        calibrationOptions.entriesTrend = options.entriesTrend
        calibrationOptions.parameterUncertainty = options.parameterUncertainty
        var calibration = try Calibration(data: data, options: calibrationOptions)
        let yaml = calibration.scenarioYAML()
        let report = calibration.reportMarkdown()
        let loaded = try ScenarioLoader.load(yaml: yaml, file: calibrationOptions.name + ".yaml")
        let model = CompiledScenario(loaded.scenario, horizonYears: plan.horizonYears)
        let expected = BacktestPlan.yearEnds(start: plan.comparedFrom, horizonYears: plan.horizonYears)
        precondition(loaded.scenario.startDate == plan.comparedFrom && model.years.count == expected.count,
                     "the simulation's years differ from the backtest's plan")
        // The replications are checked against the same bounds as every other run's (time, memory for the results),
        // now that the calibration has said how many children the simulation holds.
        let problems = WorkEstimate(model, replications: options.replications, threads: options.threads)
            .problems(label: "--rewind \(plan.rewind.label)")
        guard problems.isEmpty else { throw BacktestWorkRefusal(problems: problems) }
        let result = MonteCarlo.run(model, replications: options.replications, seed: options.seed, threads: options.threads)
        let actual = Estimates(data: data, windowStart: plan.comparedFrom,
                               windowEnd: CivilDate(dayNumber: plan.comparedTo.dayNumber + 1), snapshot: plan.comparedTo)
        return BacktestRun(plan: plan, scenarioYAML: yaml, report: report,
                           rows: rows(plan: plan, actual: actual, result: result))
    }

    /// The rows of one rewind: flows summed over the compared financial years, stocks at the last one's end.
    static func rows(plan: BacktestPlan, actual: Estimates, result: RunResult) -> [BacktestRow] {
        let n = result.replications, years = 0..<plan.comparedYears, last = plan.comparedYears - 1
        func flow(_ m: AnnualMetric) -> [Double] {
            (0..<n).map { r in years.reduce(0.0) { $0 + result.value(m, year: $1, replication: r) } }
        }
        func stock(_ metrics: [AnnualMetric]) -> [Double] {
            (0..<n).map { r in metrics.reduce(0.0) { $0 + result.value($1, year: last, replication: r) } }
        }
        var rows: [BacktestRow] = []
        func add(_ measure: String, _ a: Int, _ simulated: [Double]) {
            rows.append(BacktestRow(rewind: plan.rewind.label, measure: measure, actual: Double(a), simulated: simulated))
        }
        add("entries", actual.entries.reduce(0, +) + actual.uascEntries + actual.reentries, flow(.entries))
        let routeMetric: [ExitRoute: AnnualMetric] = [.reunification: .exitsReunification, .adoption: .exitsAdoption,
            .specialGuardianship: .exitsSGO, .other: .exitsOther, .age18: .exitsAge18]
        for route in ExitRoute.allCases {
            let a = route == .age18 ? actual.exitsAt18 : actual.exitRate(Estimates.routes.firstIndex(of: route)!).events
            add("exits_\(route.label)", a, flow(routeMetric[route]!))
        }
        let stockByType = actual.stock.map { $0.reduce(0, +) }
        for (name, types) in categories {
            let metrics = Set(types.map(metric(of:))).sorted { $0.rawValue < $1.rawValue }
            add("in_care_\(name)", types.reduce(0) { $0 + stockByType[$1.index] }, stock(metrics))
        }
        for band in AgeBand.allCases {
            let metric = AnnualMetric(rawValue: AnnualMetric.childrenInCare0.rawValue + band.index)!
            add("in_care_age_\(band.label)", actual.stock.reduce(0) { $0 + $1[band.index] }, stock([metric]))
        }
        add("children_in_care", actual.childrenInCare, stock([.childrenInCare]))
        return rows
    }

    /// The annual metric holding the stock of a placement type (`other_placement` for residential schools, secure
    /// units and other placements).
    static func metric(of type: PlacementType) -> AnnualMetric {
        switch type {
        case .inHouseFoster: return .inHouseFoster
        case .ifaFoster: return .ifaFoster
        case .kinshipFoster: return .kinshipFoster
        case .residential: return .residential
        case .supportedAccommodation: return .supportedAccommodation
        case .placedWithParents: return .placedWithParents
        case .placedForAdoption: return .placedForAdoption
        default: return .otherPlacement
        }
    }

    /// Coverage over every row (scope "all") and then over each rewind's rows, rewinds in their order of appearance.
    public static func coverage(_ rows: [BacktestRow]) -> [BacktestCoverage] {
        var order: [String] = []
        for row in rows where !order.contains(row.rewind) { order.append(row.rewind) }
        return [BacktestCoverage(scope: "all", rows: rows)]
            + order.map { r in BacktestCoverage(scope: r, rows: rows.filter { $0.rewind == r }) }
    }

    /// The warning when fewer than 80% of actuals fell inside their 90% intervals; nil otherwise. The share is
    /// written as in the coverage table, except that one just below 80% is rounded down so it never reads 80.0%.
    public static func warning(_ overall: BacktestCoverage) -> String? {
        guard overall.rows > 0, overall.share90 < warningThreshold else { return nil }
        var shown = (overall.share90 * 1000).rounded(.toNearestOrAwayFromZero) / 10
        if shown >= warningThreshold * 100 { shown = (overall.share90 * 1000).rounded(.down) / 10 }
        return "warning: 90% intervals covered only \(Format.fixed(shown, 1))% of actuals (below "
            + "\(Format.fixed(warningThreshold * 100, 0))%): the forecast is overconfident for this council"
    }

    /// A share as a percentage with one decimal (`coverage.csv` and the printed table).
    public static func percent(_ share: Double) -> String { Format.fixed(share * 100, 1) + "%" }

    /// What `backtest.csv` holds: a row per rewind and measure. `calibrated_to` is the cut; entries and exits are
    /// counted from `compared_from` to `compared_to` (both included), children in care at the end of `compared_to`.
    public static let rowsHeader = "rewind,calibrated_to,compared_from,compared_to,measure,actual,mean,median,p25,p75,p05,p95,"
        + "inside_50,inside_90"

    public static func rowsCSV(_ runs: [BacktestRun]) -> String {
        var csv = rowsHeader + "\n"
        for run in runs {
            let p = run.plan
            for row in run.rows {
                let values = [row.actual, row.mean, row.median, row.p25, row.p75, row.p05, row.p95]
                csv += "\(p.rewind.label),\(p.cut),\(p.comparedFrom),\(p.comparedTo),\(row.measure),"
                    + values.enumerated().map { Format.fixed($1, $0 == 0 ? 0 : 2) }.joined(separator: ",")
                    + ",\(row.inside50 ? "yes" : "no"),\(row.inside90 ? "yes" : "no")\n"
            }
        }
        return csv
    }

    public static let coverageHeader = "rewind,measures,inside_50,coverage_50_pct,inside_90,coverage_90_pct"

    /// `coverage.csv`: overall ("all") then each rewind.
    public static func coverageCSV(_ coverage: [BacktestCoverage]) -> String {
        var csv = coverageHeader + "\n"
        for c in coverage {
            csv += "\(c.scope),\(c.rows),\(c.inside50),\(percent(c.share50).dropLast()),\(c.inside90),"
                + "\(percent(c.share90).dropLast())\n"
        }
        return csv
    }
}
