import Foundation
import XCTest

/// `sufficiency gap` as a user runs it, on a small real run with hand-written `sufficiency.csv` and `supply.csv`
/// added (the engine that writes them is not on this branch yet).
final class GapCommandTests: CommandLineTestCase {

    /// Every segment of both years with zeros, but 10–15-year-olds with complex needs placed alone: 14.2 place-years
    /// short in 2018-19 (8 to agency carers, 4 to children's homes, mostly no match) and 8 in 2017-18.
    func writeGapFiles(in dir: URL) throws {
        var text = "year,age_band,need_tier,group_size,measure,mean,p05,p50,p95\n"
        let special: [String: String] = [
            "2018-19,10-15,complex,1,shortfall_place_years": "14.2000,9.1000,13.8000,20.4000",
            "2018-19,10-15,complex,1,placed_ifa": "8.0000,4.0000,8.0000,12.0000",
            "2018-19,10-15,complex,1,placed_residential": "4.0000,1.0000,4.0000,7.0000",
            "2018-19,10-15,complex,1,in_house_no_match": "9.0000,5.0000,9.0000,13.0000",
            "2018-19,10-15,complex,1,requests": "30.0000,22.0000,30.0000,38.0000",
            "2018-19,10-15,complex,1,placed_in_house": "10.0000,6.0000,10.0000,14.0000",
            "2017-18,10-15,complex,1,shortfall_place_years": "8.0000,4.0000,8.0000,12.0000",
        ]
        for y in ["2017-18", "2018-19"] {
            for a in ["0", "1-4", "5-9", "10-15", "16-17"] { for n in ["standard", "complex", "very_complex"] { for g in ["1", "2", "3+"] {
                for m in ["requests", "placed_in_house", "placed_kinship", "placed_ifa", "placed_residential", "in_house_no_vacancy",
                          "in_house_no_match", "in_house_declined", "shortfall_place_years"] {
                    let key = "\(y),\(a),\(n),\(g),\(m)"
                    text += key + "," + (special[key] ?? "0.0000,0.0000,0.0000,0.0000") + "\n"
                }
            } } }
        }
        try Data(text.utf8).write(to: dir.appendingPathComponent("sufficiency.csv"))
        var supply = "year,age_band,measure,mean,p05,p50,p95\n"
        for y in ["2017-18", "2018-19"] {
            for a in ["0", "1-4", "5-9", "10-15", "16-17"] {
                supply += "\(y),\(a),places_approved_for,130.0000,120.0000,130.0000,140.0000\n\(y),\(a),places_vacant_for,7.0000,3.0000,7.0000,11.0000\n"
            }
        }
        try Data(supply.utf8).write(to: dir.appendingPathComponent("supply.csv"))
    }

    static let sentence = "1. In 2018-19 we expect to be short of about 14 in-house places (90% range 9.1–20) for 10–15-year-olds with "
        + "complex needs; two thirds of them go to agency carers, a third to children's homes. In-house fostering fell through "
        + "for them mainly because the free places did not suit their age, needs or sibling group."

    func testGapPrintsTheYearsTotalAndItsLargestShortfallsAndTheBriefingHasTheSection() throws {
        XCTAssertEqual(try sufficiency(["run"] + CommandLineTests.small + ["--out", "run", "--quiet"]).status, 0)
        try writeGapFiles(in: work.appendingPathComponent("run"))
        let result = try sufficiency(["gap", "run"])
        XCTAssertEqual(result.status, 0, result.stderr)
        let lines = result.stdout.split(separator: "\n").map(String.init)
        XCTAssertEqual(lines.first, "2018-19: short of 14 in-house place-years across all children; 30 placement requests, 10 (33%) placed in-house.")
        XCTAssertTrue(lines.contains(Self.sentence), result.stdout)
        XCTAssertTrue(lines.contains { $0.hasPrefix("At 31 March 2019 households approved for 10–15-year-olds had 7 places vacant") }, result.stdout)
        XCTAssertTrue(lines.contains("Other years:"), result.stdout)
        XCTAssertTrue(lines.contains { $0.hasPrefix("2017-18: short of 8.0 in-house place-years") }, result.stdout)

        let earlier = try sufficiency(["gap", "run", "--year", "2017-18", "--top", "1"])
        XCTAssertEqual(earlier.status, 0, earlier.stderr)
        XCTAssertTrue(earlier.stdout.contains("1. In 2017-18 we expect to be short of about 8.0 in-house places (90% range 4.0–12) for 10–15-year-olds"),
                      earlier.stdout)
        XCTAssertFalse(earlier.stdout.contains("2. "), earlier.stdout)

        let badYear = try sufficiency(["gap", "run", "--year", "2030-31"])
        XCTAssertEqual(badYear.status, 2)
        XCTAssertEqual(badYear.stderr, "error: --year 2030-31 is not in the run (2017-18, 2018-19)\n")

        XCTAssertEqual(try sufficiency(["report", "run"]).status, 0)
        let html = try String(contentsOf: work.appendingPathComponent("run/briefing.html"), encoding: .utf8)
        XCTAssertTrue(html.contains("<h2>Sufficiency gap</h2>"))
        XCTAssertTrue(html.contains("<table class=\"gap\">"))
        XCTAssertFalse(html.contains("http") || html.contains("<script") || html.contains("<link"), "self-contained")
    }

    func testGapExitsTwoOnARunWithoutSufficiencyCSVOrAMissingDirectory() throws {
        XCTAssertEqual(try sufficiency(["run"] + CommandLineTests.small + ["--out", "run", "--quiet"]).status, 0)
        // A run written before the gap outputs existed.
        for name in ["sufficiency.csv", "supply.csv"] {
            try FileManager.default.removeItem(at: work.appendingPathComponent("run/\(name)"))
        }
        let result = try sufficiency(["gap", "run"])
        XCTAssertEqual(result.status, 2)
        XCTAssertEqual(result.stdout, "")
        XCTAssertTrue(result.stderr.hasPrefix("error: ") && result.stderr.contains("run: no sufficiency.csv"), result.stderr)
        XCTAssertEqual(result.stderr.split(separator: "\n").count, 1, "one line")
        XCTAssertEqual(try sufficiency(["report", "run"]).status, 0, "an older run still gets its briefing")
        XCTAssertFalse(try String(contentsOf: work.appendingPathComponent("run/briefing.html"), encoding: .utf8).contains("Sufficiency gap"))

        let missing = try sufficiency(["gap", "nowhere"])
        XCTAssertEqual(missing.status, 2)
        XCTAssertEqual(missing.stderr, "error: nowhere: no such directory\n")
    }

    func testGapOnAComparisonReadsAndNamesTheFirstScenario() throws {
        XCTAssertEqual(try sufficiency(["compare", "peterborough-2017", "tact-recruitment", "--replications", "20", "--years", "2",
                                        "--out", "cmp", "--quiet"]).status, 0)
        try writeGapFiles(in: work.appendingPathComponent("cmp/tact-recruitment"))
        let result = try sufficiency(["gap", "cmp"])
        XCTAssertEqual(result.status, 0, result.stderr)
        XCTAssertTrue(result.stdout.hasPrefix("Scenario tact-recruitment (the first of the comparison)\n2018-19: short of 14"), result.stdout)
        XCTAssertTrue(result.stdout.contains(Self.sentence), result.stdout)
    }
}
