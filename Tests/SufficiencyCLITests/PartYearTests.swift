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
        XCTAssertTrue(md.contains("the headlines above compare the whole financial years 2018-19,"), md)
        XCTAssertTrue(md.contains("| Indicator | 2018-19 (90% range) | 2018-19 (90% range) |"), md)
        XCTAssertTrue(md.contains("| Years | 2 (2017-18 to 2019-20) |"), md)
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
