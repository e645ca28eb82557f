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

    /// Every file with a row per year says how many days of it were simulated, and the JSON files which days, so
    /// that someone with only `annual.csv` or `savings.csv` cannot read 182 days as a year; a sweep reports the last
    /// whole year by default and names it.
    func testEveryFileByYearCarriesItsDaysAndASweepReportsTheLastWholeYear() throws {
        for (name, base) in [("base-october", "peterborough-2017"), ("plan-october", "tact-recruitment")] {
            try """
                extends: \(base)
                name: \(name)
                title: \(base) from October
                question: test
                start_date:
                  value: 2017-10-01
                  unit: date
                  source: "test: a start that is not 1 April"
                """.write(to: work.appendingPathComponent(name + ".yaml"), atomically: true, encoding: .utf8)
        }
        let compare = try sufficiency(["compare", "base-october.yaml", "plan-october.yaml", "--out", "cmp",
                                       "--replications", "10", "--years", "2"])
        XCTAssertEqual(compare.status, 0, compare.stderr)
        let days = ["2017-18": "182", "2018-19": "365", "2019-20": "183"]
        func check(_ file: String, yearColumn: Int) throws {
            let rows = try String(contentsOf: work.appendingPathComponent(file), encoding: .utf8).split(separator: "\n")
                .map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
            XCTAssertEqual(rows[0][yearColumn ... yearColumn + 1], ["year", "days"], file)
            XCTAssertEqual(Set(rows.dropFirst().map { $0[yearColumn] }), Set(days.keys), file)
            for row in rows.dropFirst() { XCTAssertEqual(row[yearColumn + 1], days[row[yearColumn]], "\(file): \(row)") }
        }
        for name in ["annual.csv": 1, "summary.csv": 1, "requests.csv": 0, "sufficiency.csv": 0, "supply.csv": 0] {
            try check("cmp/plan-october/" + name.key, yearColumn: name.value)
        }
        try check("cmp/savings.csv", yearColumn: 1)
        try check("cmp/savings_by_line.csv", yearColumn: 1)
        for file in ["cmp/compare.json", "cmp/plan-october/manifest.json"] {
            let json = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(contentsOf: work.appendingPathComponent(file)))
                                     as? [String: Any])
            let years = try XCTUnwrap(json["simulated_years"] as? [[String: Any]], file)
            XCTAssertEqual(years.map { $0["first_day"] as? String }, ["2017-10-01", "2018-04-01", "2019-04-01"], file)
            XCTAssertEqual(years.map { $0["last_day"] as? String }, ["2018-03-31", "2019-03-31", "2019-09-30"], file)
            XCTAssertEqual(years.map { $0["days"] as? Int }, [182, 365, 183], file)
            XCTAssertEqual(years.map { $0["whole"] as? Bool }, [false, true, false], file)
        }
        // The NPV line names its prices and year 0, and marks the part years in its table.
        XCTAssertTrue(compare.stdout.contains("NPV of net savings at 2017-18 prices, discounted at 3.5% a year to 2017-18: "),
                      compare.stdout)
        XCTAssertTrue(compare.stdout.contains("\n2017-18* "), compare.stdout)
        XCTAssertTrue(compare.stdout.contains("\n* 2017-18 is a part year, 1 October 2017 to 31 March 2018 (182 days)"),
                      compare.stdout)

        let small = ["--replications", "10", "--years", "2"]
        let sweep = try sufficiency(["sweep", "plan-october.yaml", "--set", "interventions.recruitment.approvals_per_year=0,10",
                                     "--out", "sw"] + small)
        XCTAssertEqual(sweep.status, 0, sweep.stderr)
        XCTAssertTrue(sweep.stdout.contains("outcomes in 2018-19: mean (90% interval)"), sweep.stdout)
        let swept = try String(contentsOf: work.appendingPathComponent("sw/sweep.csv"), encoding: .utf8).split(separator: "\n")
            .map { Array($0.split(separator: ",").map(String.init)[1...2]) }
        XCTAssertEqual(swept, [["year", "days"], ["2018-19", "365"], ["2018-19", "365"]])
        let asked = try sufficiency(["sweep", "plan-october.yaml", "--set", "interventions.recruitment.approvals_per_year=0",
                                     "--year", "2019-20", "--out", "sw2"] + small)
        XCTAssertEqual(asked.status, 0, asked.stderr)
        XCTAssertTrue(asked.stdout.contains("outcomes in 2019-20*: mean (90% interval)"), asked.stdout)
        XCTAssertTrue(asked.stdout.contains("\n* 2019-20 is a part year, 1 April 2019 to 30 September 2019 (183 days)"),
                      asked.stdout)
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
