import XCTest
@testable import SufficiencyCalibration
import SufficiencyModel

/// The tables `backtest` prints: fixed columns that line up from one rewind to the next, and the missed interval.
final class BacktestTableTests: XCTestCase {
    func plan() throws -> BacktestPlan {
        try BacktestPlan(BacktestRewind("1y")!, first: CivilDate(year: 2013, month: 8, day: 27),
                         observedFrom: CivilDate(year: 2016, month: 8, day: 15), last: CivilDate(year: 2022, month: 3, day: 27))
    }

    func row(_ measure: String, _ actual: Double, median: Double, p25: Double, p75: Double, p05: Double, p95: Double) -> BacktestRow {
        BacktestRow(rewind: "1y", measure: measure, actual: actual, mean: median, median: median, p25: p25, p75: p75,
                    p05: p05, p95: p95)
    }

    func testARewindsTableLinesUpAndFlagsTheMissedInterval() throws {
        let run = BacktestRun(plan: try plan(), scenarioYAML: "", report: "", rows: [
            row("entries", 5, median: 15, p25: 12, p75: 17, p05: 6, p95: 23.5),
            row("exits_reunification", 9, median: 5.5, p25: 4, p75: 7, p05: 2, p95: 9),
            row("children_in_care", 90, median: 94, p25: 90.25, p75: 99.75, p05: 81.4, p95: 105.1),
        ])
        XCTAssertEqual(Backtest.table(run), """
            rewind 1y: calibrated on 2018-03-27 to 2021-03-27; compared 2021-03-28 to 2022-03-27
            measure                   actual   median   50% interval   90% interval
            entries                        5     15.0      12.0–17.0       6.0–23.5  outside 90%
            exits_reunification            9      5.5        4.0–7.0        2.0–9.0  outside 50%
            children_in_care              90     94.0      90.3–99.8     81.4–105.1  outside 50%

            """)
    }

    func testACellWiderThanItsColumnWidensItForEveryRow() throws {
        let run = BacktestRun(plan: try plan(), scenarioYAML: "", report: "", rows: [
            row("entries", 5, median: 15, p25: 12, p75: 17, p05: 6, p95: 23.5),
            row("children_in_care", 12_000, median: 11_950, p25: 11_900, p75: 12_010.5, p05: 11_800, p95: 12_100),
        ])
        let lines = Backtest.table(run).split(separator: "\n").dropFirst().map(String.init)
        let header = lines[0]
        XCTAssertEqual(header.count, 24 + 1 + 7 + 1 + 8 + 1 + 15 + 1 + 15, "the interval columns widen to 15")
        XCTAssertEqual(lines[2].count, header.count, "the wide row ends where the header does:\n" + lines.joined(separator: "\n"))
        XCTAssertTrue(lines[1].prefix(header.count).hasSuffix(" 6.0–23.5"), "and so does the narrow one")
    }

    func testTheCoverageTable() {
        let rows = [row("a", 5, median: 5, p25: 4, p75: 6, p05: 3, p95: 7), row("b", 9, median: 5, p25: 4, p75: 6, p05: 3, p95: 7)]
        XCTAssertEqual(Backtest.coverageTable(Backtest.coverage(rows)), """
            coverage    measures   inside 50% interval   inside 90% interval
            all                2             1 (50.0%)             1 (50.0%)
            1y                 2             1 (50.0%)             1 (50.0%)
            """)
    }

    func testTheHeadingNamesTheDataAndTheRuns() throws {
        XCTAssertEqual(Backtest.heading(try plan(), replications: 50, seed: 7),
                       "backtest of data from 2013-08-27 (entries and exits recorded from 2016-08-15) to 2022-03-27: 50 replications, seed 7")
    }
}
