import XCTest
@testable import SufficiencyCalibration
import SufficiencyData
import SufficiencyModel
import SufficiencySimulation

/// Backtests: rewinds, what each compares, and the coverage of the forecast's intervals.
final class BacktestTests: XCTestCase {
    func row(_ rewind: String, _ actual: Double, p05: Double = 10, p25: Double = 20, p75: Double = 30, p95: Double = 40) -> BacktestRow {
        BacktestRow(rewind: rewind, measure: "m", actual: actual, mean: 25, median: 25, p25: p25, p75: p75, p05: p05, p95: p95)
    }

    // MARK: - Coverage arithmetic

    func testIntervalEndsCountAsInside() {
        for actual in [10.0, 40] { XCTAssertTrue(row("1y", actual).inside90); XCTAssertFalse(row("1y", actual).inside50) }
        for actual in [20.0, 30] { XCTAssertTrue(row("1y", actual).inside50); XCTAssertTrue(row("1y", actual).inside90) }
        for actual in [9.0, 41] { XCTAssertFalse(row("1y", actual).inside90) }
        XCTAssertFalse(row("1y", 19.5).inside50)
        XCTAssertTrue(row("1y", 5, p05: 5, p25: 5, p75: 5, p95: 5).inside50, "a degenerate interval holds its one value")
    }

    /// Four of five inside the 90% interval is 80%: exactly the threshold, so no warning; one more miss warns.
    func testFourOfFiveIsEightyPercentAndDoesNotWarn() {
        let rows = [row("1y", 25), row("1y", 21), row("1y", 35), row("2y", 12), row("2y", 50)]
        let coverage = Backtest.coverage(rows)
        XCTAssertEqual(coverage.map(\.scope), ["all", "1y", "2y"])
        XCTAssertEqual(coverage[0], BacktestCoverage(scope: "all", rows: rows))
        XCTAssertEqual(coverage[0].rows, 5)
        XCTAssertEqual(coverage[0].inside90, 4)
        XCTAssertEqual(coverage[0].inside50, 2)
        XCTAssertEqual(coverage[0].share90, 0.8)
        XCTAssertEqual(coverage[0].share50, 0.4)
        XCTAssertEqual(coverage[1].rows, 3)
        XCTAssertEqual(coverage[1].inside90, 3)
        XCTAssertEqual(coverage[1].inside50, 2)
        XCTAssertEqual(coverage[2].rows, 2)
        XCTAssertEqual(coverage[2].inside90, 1)
        XCTAssertEqual(coverage[2].inside50, 0)
        XCTAssertNil(Backtest.warning(coverage[0]), "80% is not below 80%")

        let worse = Backtest.coverage(rows + [row("2y", 0)])[0]
        XCTAssertEqual(worse.inside90, 4)
        XCTAssertEqual(worse.rows, 6)
        XCTAssertEqual(Backtest.warning(worse), "warning: 90% intervals covered only 66.7% of actuals (below 80%): "
                       + "the forecast is overconfident for this council")
    }

    /// A share just below 80% never reads as 80.0% in the warning; the CSV says the same as the table.
    func testAShareJustBelowTheThresholdIsNotRoundedUpToIt() {
        func coverage(inside: Int, outside: Int) -> BacktestCoverage {
            BacktestCoverage(scope: "all", rows: [BacktestRow](repeating: row("1y", 25), count: inside)
                + [BacktestRow](repeating: row("1y", 0), count: outside))
        }
        let c = coverage(inside: 799, outside: 201)
        XCTAssertEqual(Backtest.warning(c)?.contains("only 79.9% of actuals"), true, Backtest.warning(c) ?? "")
        XCTAssertEqual(Backtest.coverageCSV([c]), Backtest.coverageHeader + "\nall,1000,799,79.9,799,79.9\n")
        let close = coverage(inside: 9999, outside: 2501)   // 79.992%
        XCTAssertEqual(Backtest.percent(close.share90), "80.0%")
        XCTAssertEqual(Backtest.warning(close)?.contains("only 79.9% of actuals"), true, Backtest.warning(close) ?? "")
        XCTAssertNil(Backtest.warning(coverage(inside: 1, outside: 0)))
        XCTAssertNil(Backtest.warning(BacktestCoverage(scope: "all", rows: [])), "no rows, no warning")
    }

    // MARK: - Rewinds

    func testRewindListsParse() throws {
        XCTAssertEqual(try BacktestRewind.parseList("1y").map(\.months), [12])
        XCTAssertEqual(try BacktestRewind.parseList("1y,2y,3y").map(\.months), [12, 24, 36])
        XCTAssertEqual(try BacktestRewind.parseList("3y,1y").map(\.label), ["3y", "1y"], "the order given")
        XCTAssertEqual(try BacktestRewind.parseList("6m,18m,60m").map(\.months), [6, 18, 60])
        XCTAssertEqual(try BacktestRewind.parseList("1m,5y").map(\.months), [1, 60])
        XCTAssertEqual(try BacktestRewind.parseList("1y, 2y").map(\.label), ["1y", "2y"], "spaces after commas")
        XCTAssertEqual(BacktestRewind("18m")?.horizonYears, 2)
        XCTAssertEqual(BacktestRewind("12m")?.horizonYears, 1)
        XCTAssertEqual(BacktestRewind("13m")?.horizonYears, 2)
        XCTAssertEqual(BacktestRewind("5y")?.horizonYears, 5)
        XCTAssertEqual(BacktestRewind("1m")?.horizonYears, 1)
    }

    func testInvalidRewindsAreRefusedNamingTheItem() {
        for text in ["", "0y", "6y", "0m", "61m", "1d", "y", "m", "1", "-1y", "+1y", "1.5y", "1y,", ",1y", "1y,,2y", "1Y", "one y"] {
            XCTAssertThrowsError(try BacktestRewind.parseList(text), "'\(text)' was accepted") { error in
                XCTAssertTrue("\(error)".hasPrefix("must be a comma-separated list of 1y to 5y or 1m to 60m"), "\(error)")
            }
        }
        XCTAssertThrowsError(try BacktestRewind.parseList("2y,7y")) { XCTAssertTrue("\($0)".contains("got 7y in 2y,7y"), "\($0)") }
        for text in ["1y,12m", "1y,1y", "5y,60m"] {
            XCTAssertThrowsError(try BacktestRewind.parseList(text)) { XCTAssertTrue("\($0)".contains("twice"), "\($0)") }
        }
    }

    func testTheRewoundPeriodRunsFromTheDayAfterTheCutToTheDayAfterTheDataEnd() {
        let last = CivilDate(year: 2022, month: 3, day: 27)
        XCTAssertEqual(BacktestRewind("1y")!.cut(from: last), CivilDate(year: 2021, month: 3, day: 27))
        XCTAssertEqual(BacktestRewind("3y")!.cut(from: last), CivilDate(year: 2019, month: 3, day: 27))
        XCTAssertEqual(BacktestRewind("14m")!.cut(from: last), CivilDate(year: 2021, month: 1, day: 27))
        XCTAssertEqual(BacktestRewind("3m")!.cut(from: CivilDate(year: 2022, month: 5, day: 31)), CivilDate(year: 2022, month: 2, day: 28))
        XCTAssertEqual(BacktestRewind("1y")!.cut(from: CivilDate(year: 2024, month: 2, day: 29)), CivilDate(year: 2023, month: 2, day: 28))
        XCTAssertEqual(BacktestRewind("6m")!.cut(from: CivilDate(year: 2022, month: 3, day: 31)), CivilDate(year: 2021, month: 9, day: 30))
        XCTAssertEqual(BacktestRewind("1m")!.cut(from: CivilDate(year: 2022, month: 3, day: 31)), CivilDate(year: 2022, month: 2, day: 28))
        XCTAssertEqual(BacktestRewind("1m")!.cut(from: CivilDate(year: 2022, month: 3, day: 30)), CivilDate(year: 2022, month: 2, day: 27))
        XCTAssertEqual(BacktestRewind("1y")!.cut(from: CivilDate(year: 2022, month: 12, day: 31)), CivilDate(year: 2021, month: 12, day: 31))
        // The day after 28 February 2024 is 29 February, which a year earlier does not have.
        XCTAssertEqual(BacktestRewind("1y")!.cut(from: CivilDate(year: 2024, month: 2, day: 28)), CivilDate(year: 2023, month: 2, day: 27))
    }

    /// Whole years from a leap day's eve: the horizon falls a day short of the data's end, and the plan says so.
    func testAYearToTheEveOfALeapDayComparesAllButItsLastDay() throws {
        let p = try plan("1y", last: CivilDate(year: 2024, month: 2, day: 28))
        XCTAssertEqual(p.comparedFrom, CivilDate(year: 2023, month: 2, day: 28))
        XCTAssertEqual(p.comparedTo, CivilDate(year: 2024, month: 2, day: 27))
        XCTAssertFalse(p.comparesWholePeriod)
    }

    // MARK: - What each rewind compares

    let first = CivilDate(year: 2010, month: 1, day: 1)

    func plan(_ rewind: String, observed: CivilDate = CivilDate(year: 2016, month: 4, day: 1),
              last: CivilDate = CivilDate(year: 2022, month: 3, day: 27)) throws -> BacktestPlan {
        try BacktestPlan(BacktestRewind(rewind)!, first: first, observedFrom: observed, last: last)
    }

    /// Whole years compare the whole rewound period: the simulation's horizon is the day after the data's end.
    func testWholeYearsCompareTheWholeRewoundPeriod() throws {
        let p = try plan("2y")
        XCTAssertEqual(p.cut, CivilDate(year: 2020, month: 3, day: 27))
        XCTAssertEqual(p.comparedFrom, CivilDate(year: 2020, month: 3, day: 28))
        XCTAssertEqual(p.comparedTo, CivilDate(year: 2022, month: 3, day: 27))
        XCTAssertTrue(p.comparesWholePeriod)
        XCTAssertEqual(p.horizonYears, 2)
        XCTAssertEqual(p.comparedYears, 3, "four days of 2019-20, 2020-21, and 2021-22 to the horizon")
        XCTAssertEqual(p.calibrationStart, CivilDate(dayNumber: p.cut.dayNumber - 1096))
        XCTAssertEqual(try plan("1y").comparedYears, 2)
        XCTAssertEqual(try plan("1y", last: CivilDate(year: 2022, month: 3, day: 31)).comparedYears, 1)
    }

    /// Months that do not end on a financial year's end compare only the simulated years that end within the data.
    func testMonthsCompareTheFinancialYearsThatEndWithinTheData() throws {
        let p = try plan("18m")
        XCTAssertEqual(p.cut, CivilDate(year: 2020, month: 9, day: 27))
        XCTAssertEqual(p.horizonYears, 2)
        XCTAssertEqual(p.comparedYears, 1)
        XCTAssertEqual(p.comparedTo, CivilDate(year: 2021, month: 3, day: 31))
        XCTAssertFalse(p.comparesWholePeriod)
        XCTAssertThrowsError(try plan("6m")) { XCTAssertTrue("\($0)".hasPrefix("6m: no simulated financial year ends within the data"), "\($0)") }
        // Data that end on 31 March: months compare the whole period.
        let march = try plan("6m", last: CivilDate(year: 2022, month: 3, day: 31))
        XCTAssertEqual(march.comparedFrom, CivilDate(year: 2021, month: 10, day: 1))
        XCTAssertEqual(march.comparedTo, CivilDate(year: 2022, month: 3, day: 31))
        XCTAssertTrue(march.comparesWholePeriod)
    }

    func testACutBeforeTheDataOrWithLessThanAYearBeforeItIsRefused() throws {
        XCTAssertThrowsError(try plan("5y", observed: CivilDate(year: 2017, month: 4, day: 2))) {
            XCTAssertEqual("\($0)", "5y: the cut 2017-03-27 is before the data record any entry or exit (they are recorded from 2017-04-02)")
        }
        XCTAssertThrowsError(try plan("4y", observed: CivilDate(year: 2017, month: 4, day: 2))) {
            XCTAssertEqual("\($0)", "4y: the cut 2018-03-27 leaves 360 days of data before it (entries and exits are recorded from 2017-04-02); "
                           + "calibration needs at least one year")
        }
        // Exactly 365 days of data (the cut's day included) is enough.
        let cut = CivilDate(year: 2021, month: 3, day: 27)
        XCTAssertNoThrow(try plan("1y", observed: CivilDate(dayNumber: cut.dayNumber - 364)))
        XCTAssertThrowsError(try plan("1y", observed: CivilDate(dayNumber: cut.dayNumber - 363)))
    }

    /// The plan lays out the simulated financial years as the engine does.
    func testThePlansYearsAreTheSimulations() throws {
        var scenario = try ScenarioLoader.load(path: EmbeddedScenarios.defaultName).scenario
        for (rewind, last) in [("1y", CivilDate(year: 2022, month: 3, day: 27)), ("2y", CivilDate(year: 2022, month: 3, day: 31)),
                               ("18m", CivilDate(year: 2022, month: 3, day: 27)), ("5y", CivilDate(year: 2024, month: 2, day: 29)),
                               ("3y", CivilDate(year: 2021, month: 4, day: 1)), ("1y", CivilDate(year: 2024, month: 2, day: 28)),
                               ("7m", CivilDate(year: 2022, month: 3, day: 31)), ("25m", CivilDate(year: 2022, month: 8, day: 15))] {
            let p = try plan(rewind, observed: first, last: last)
            scenario.startDate = p.comparedFrom
            let model = CompiledScenario(scenario, horizonYears: p.horizonYears)
            let ends = BacktestPlan.yearEnds(start: p.comparedFrom, horizonYears: p.horizonYears)
            XCTAssertEqual(model.years.count, ends.count, rewind)
            XCTAssertEqual(ends.last!.dayNumber - p.comparedFrom.dayNumber, Int(model.horizonDay), rewind)
            for (y, end) in ends.dropLast().enumerated() { XCTAssertEqual(model.years[y + 1].firstDay, end, rewind) }
            XCTAssertLessThanOrEqual(p.comparedTo, last, rewind)
        }
    }

    /// Flows are summed over the compared years only, and stocks are the last compared year's, not the horizon's.
    func testRowsCountFlowsOnlyOverTheComparedYears() throws {
        let p = try plan("18m")
        var scenario = try ScenarioLoader.load(path: EmbeddedScenarios.defaultName).scenario
        scenario.startDate = p.comparedFrom
        let model = CompiledScenario(scenario, horizonYears: p.horizonYears)
        XCTAssertEqual(model.years.count, 3)
        let result = MonteCarlo.run(model, replications: 10, seed: 7, threads: 1)
        let none = SSDA903Data(children: [], quality: DataQuality(), files: [], firstDate: first, lastDate: p.dataEnd, councils: [])
        let actual = Estimates(data: none, windowStart: p.comparedFrom, windowEnd: CivilDate(dayNumber: p.comparedTo.dayNumber + 1),
                               snapshot: p.comparedTo)
        let rows = Backtest.rows(plan: p, actual: actual, result: result)
        XCTAssertEqual(rows.map(\.measure), Backtest.measures)
        XCTAssertEqual(rows.count, 16)
        func mean(_ values: [Double]) -> Double { values.reduce(0, +) / Double(values.count) }
        let entries = rows.first { $0.measure == "entries" }!
        XCTAssertEqual(entries.mean, mean(result.values(.entries, year: 0)), accuracy: 1e-9)
        XCTAssertLessThan(entries.mean, mean((0..<10).map { r in (0..<3).reduce(0.0) { $0 + result.value(.entries, year: $1, replication: r) } }))
        let inCare = rows.first { $0.measure == "children_in_care" }!
        XCTAssertEqual(inCare.mean, mean(result.values(.childrenInCare, year: 0)), accuracy: 1e-9)
        let byAge = rows.filter { $0.measure.hasPrefix("in_care_age_") }.map(\.mean).reduce(0, +)
        let byPlacement = rows.filter { ["in_care_fostering", "in_care_residential", "in_care_supported", "in_care_other"].contains($0.measure) }
            .map(\.mean).reduce(0, +)
        XCTAssertEqual(byAge, inCare.mean, accuracy: 1e-9, "age bands add up to the total")
        XCTAssertEqual(byPlacement, inCare.mean, accuracy: 1e-9, "placement categories add up to the total")
        XCTAssertTrue(rows.allSatisfy { $0.actual == 0 && $0.rewind == "18m" })
    }

    /// The actual entries a backtest compares are every period of care started, as the DfE counts children starting
    /// to be looked after and as the simulation's `entries` counts its own: first entries by age band, UASC children
    /// and re-entries within a year of going home.
    func testActualEntriesCountUASCChildrenAndReEntriesToo() throws {
        let p = try plan("18m")
        var scenario = try ScenarioLoader.load(path: EmbeddedScenarios.defaultName).scenario
        scenario.startDate = p.comparedFrom
        let result = MonteCarlo.run(CompiledScenario(scenario, horizonYears: p.horizonYears), replications: 2, seed: 7, threads: 1)
        let none = SSDA903Data(children: [], quality: DataQuality(), files: [], firstDate: first, lastDate: p.dataEnd, councils: [])
        var actual = Estimates(data: none, windowStart: p.comparedFrom, windowEnd: CivilDate(dayNumber: p.comparedTo.dayNumber + 1),
                               snapshot: p.comparedTo)
        actual.entries = [1, 2, 0, 0, 0]
        actual.uascEntries = 3
        actual.reentries = 4
        let entries = try XCTUnwrap(Backtest.rows(plan: p, actual: actual, result: result).first { $0.measure == "entries" })
        XCTAssertEqual(entries.actual, 10)
    }
}
