import Foundation
import XCTest

/// A run whose start date is not 1 April simulates part of its first and last financial years. Its tables mark them
/// and say which days they cover, and its briefing's headlines compare whole years, so that nobody reads half a
/// year's cost, or four days' moves, as a year's (`calibrate` writes the day after the data's last date, which is
/// often not 1 April).
final class PartYearTests: CommandLineTestCase {
    func testARunStartingInOctoberMarksItsPartYearsAndItsBriefingComparesWholeYears() throws {
        let run = try sufficiency(["run", "--set", "start_date=2017-10-01", "--replications", "20", "--years", "2",
                                   "--out", "run"])
        XCTAssertEqual(run.status, 0, run.stderr)
        let lines = run.stdout.split(separator: "\n").map(String.init)
        XCTAssertEqual(lines.filter { $0.hasPrefix("20") }.map { String($0.prefix(9)) }, ["2017-18* ", "2018-19  ", "2019-20* "],
                       run.stdout)
        XCTAssertTrue(lines.contains("* 2017-18 is a part year, 1 October 2017 to 31 March 2018 (182 days): its costs, entries, "
                                     + "exits and moves are for those days only, its stocks at 31 March 2018."), run.stdout)
        XCTAssertTrue(lines.contains { $0.hasPrefix("* 2019-20 is a part year, 1 April 2019 to 30 September 2019 (183 days)") },
                      run.stdout)

        let report = try sufficiency(["report", "run"])
        XCTAssertEqual(report.status, 0, report.stderr)
        let md = try String(contentsOf: work.appendingPathComponent("run/briefing.md"), encoding: .utf8)
        XCTAssertTrue(md.contains("- By March 2019 we expect "), md)
        XCTAssertFalse(md.contains("By March 2020"), "the last year ends on 30 September 2019")
        XCTAssertTrue(md.contains("are expected to cost £"), md)
        XCTAssertTrue(md.contains(" in 2018-19 (90% range £"), md)
        XCTAssertFalse(md.contains("against £"), "one whole year: nothing to compare it with")
        XCTAssertTrue(md.contains("the headlines above use the whole financial year 2018-19,"), md)
        XCTAssertTrue(md.contains("| Indicator | 2018-19 (90% range) | 2018-19 (90% range) |"), md)
        XCTAssertTrue(md.contains("| Years | 2 (2017-18 to 2019-20) |"), md)

        // `gap` takes the last whole year by default and says what the part years are.
        let gap = try sufficiency(["gap", "run"])
        XCTAssertEqual(gap.status, 0, gap.stderr)
        XCTAssertTrue(gap.stdout.hasPrefix("2018-19: short of "), gap.stdout)
        XCTAssertTrue(gap.stdout.contains("\n* 2019-20 is a part year, 1 April 2019 to 30 September 2019 (183 days)"), gap.stdout)
        // Asked for the part year, its stocks are dated at the run's last day.
        let part = try sufficiency(["gap", "run", "--year", "2019-20"])
        XCTAssertEqual(part.status, 0, part.stderr)
        XCTAssertFalse(part.stdout.contains("31 March 2020"), part.stdout)
    }

    /// A run with no whole year: the briefing's stocks and its gap section are dated at the run's last day.
    func testARunOfHalfYearsDatesItsStocksAtItsLastDay() throws {
        let run = try sufficiency(["run", "--set", "start_date=2017-10-01", "--replications", "20", "--years", "1",
                                   "--out", "run", "--quiet"])
        XCTAssertEqual(run.status, 0, run.stderr)
        XCTAssertEqual(try sufficiency(["report", "run"]).status, 0)
        let md = try String(contentsOf: work.appendingPathComponent("run/briefing.md"), encoding: .utf8)
        XCTAssertTrue(md.contains("- By 30 September 2018 we expect "), md)
        XCTAssertFalse(md.contains("At 31 March 2019"), md)
        XCTAssertTrue(md.contains("In-house places approved for, 30 September 2018 (90% range)"), md)
        XCTAssertTrue(md.contains("its figures are for those days only"), md)
    }

    func testARunFromFirstAprilHasNoPartYears() throws {
        let run = try sufficiency(["run"] + CommandLineTests.small + ["--out", "run"])
        XCTAssertEqual(run.status, 0, run.stderr)
        XCTAssertTrue(run.stdout.contains("\n2018-19 "), "the table is printed: \(run.stdout)")
        XCTAssertFalse(run.stdout.contains("*"), run.stdout)
        XCTAssertFalse(run.stdout.contains("part year"), run.stdout)
        XCTAssertEqual(try sufficiency(["report", "run"]).status, 0)
        let md = try String(contentsOf: work.appendingPathComponent("run/briefing.md"), encoding: .utf8)
        XCTAssertFalse(md.contains("part year"))
        XCTAssertTrue(md.contains("| Indicator | 2017-18 (90% range) | 2018-19 (90% range) |"), md)
    }
}
