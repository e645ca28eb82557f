import Foundation
import SufficiencyModel
import XCTest

/// `sufficiency gap` as a user runs it, on a small real run whose `results.json` has its sufficiency gap replaced by
/// hand-written figures, so that the sentences are known.
final class GapCommandTests: CommandLineTestCase {

    /// Every segment of both years with zeros, but 10–15-year-olds with complex needs asking without siblings: 14.2 place-years
    /// short in 2018-19 (8 to agency carers, 4 to children's homes, mostly no match) and 8 in 2017-18; 130 places
    /// approved for each age band, 7 of them vacant.
    func writeGapFiles(in dir: URL) throws {
        let url = dir.appendingPathComponent(RunSummary.fileName)
        var results = try RunSummary.decode(Data(contentsOf: url))
        XCTAssertEqual(results.years, ["2017-18", "2018-19"])
        typealias E = RunSummary.Estimate
        let special: [String: [SufficiencyMeasure: E]] = [
            "2018-19": [.shortfallPlaceYears: E(mean: 14.2, p05: 9.1, p50: 13.8, p95: 20.4),
                        .placedIFA: E(mean: 8, p05: 4, p50: 8, p95: 12), .placedResidential: E(mean: 4, p05: 1, p50: 4, p95: 7),
                        .inHouseNoMatch: E(mean: 9, p05: 5, p50: 9, p95: 13), .requests: E(mean: 30, p05: 22, p50: 30, p95: 38),
                        .placedInHouse: E(mean: 10, p05: 6, p50: 10, p95: 14)],
            "2017-18": [.shortfallPlaceYears: E(mean: 8, p05: 4, p50: 8, p95: 12)],
        ]
        results.sufficiency = []
        results.supply = []
        for y in results.years {
            for a in AgeBand.allCases { for n in NeedTier.allCases { for g in GroupSize.allCases {
                var measures = Dictionary(uniqueKeysWithValues: SufficiencyMeasure.allCases.map { ($0, E.zero) })
                if a == .age10to15 && n == .complex && g == .single { measures.merge(special[y] ?? [:]) { $1 } }
                results.sufficiency.append(.init(year: y, ageBand: a, needTier: n, groupSize: g, measures: measures))
            } } }
            for a in AgeBand.allCases {
                results.supply.append(.init(year: y, ageBand: a, measures: [.placesApprovedFor: E(mean: 130, p05: 120, p50: 130, p95: 140),
                                                                           .placesVacantFor: E(mean: 7, p05: 3, p50: 7, p95: 11)]))
            }
        }
        try results.encoded().write(to: url)
    }

    static let sentence = "1. In 2018-19 we expect to be short of about 14 in-house places (90% range 9.1–20) for 10–15-year-olds with "
        + "complex needs who need a place without siblings; two thirds of them go to agency carers, a third to children's homes. In-house fostering fell through "
        + "for them mainly because the free places did not suit their age, needs or sibling group."

    func testGapPrintsTheYearsTotalAndItsLargestShortfallsAndTheBriefingHasTheSection() throws {
        XCTAssertEqual(try sufficiency(["run"] + CommandLineTests.small + ["--out", "run", "--quiet"]).status, 0)
        try writeGapFiles(in: work.appendingPathComponent("run"))
        let result = try sufficiency(["gap", "run"])
        XCTAssertEqual(result.status, 0, result.stderr)
        let lines = result.stdout.split(separator: "\n").map(String.init)
        XCTAssertEqual(lines.first, "2018-19: short of 14 in-house place-years across all children; 30 placement requests through the preference list, 10 (33%) placed in-house.")
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
        XCTAssertFalse(fetchesAnything(html), "self-contained")
    }

    /// A run directory made by an older version has no `results.json`: `gap` and `report` say so in one line and
    /// exit 2, writing nothing.
    func testGapAndReportExitTwoOnARunWithoutResultsJSONOrAMissingDirectory() throws {
        XCTAssertEqual(try sufficiency(["run"] + CommandLineTests.small + ["--out", "run", "--quiet"]).status, 0)
        try FileManager.default.removeItem(at: work.appendingPathComponent("run/results.json"))
        for command in ["gap", "report"] {
            let result = try sufficiency([command, "run"])
            XCTAssertEqual(result.status, 2, command)
            XCTAssertEqual(result.stdout, "", command)
            XCTAssertTrue(result.stderr.hasPrefix("error: ") && result.stderr.contains("run: no results.json: the run was made by an older version"),
                          result.stderr)
            XCTAssertEqual(result.stderr.split(separator: "\n").count, 1, "one line")
        }
        XCTAssertFalse(FileManager.default.fileExists(atPath: work.appendingPathComponent("run/briefing.html").path))
        // A damaged one names the file.
        try Data("{\"format\": 1}".utf8).write(to: work.appendingPathComponent("run/results.json"))
        let damaged = try sufficiency(["report", "run"])
        XCTAssertEqual(damaged.status, 2)
        XCTAssertTrue(damaged.stderr.contains("run/results.json: not results written by sufficiency (no "), damaged.stderr)
        XCTAssertEqual(damaged.stderr.split(separator: "\n").count, 1, "one line")

        let missing = try sufficiency(["gap", "nowhere"])
        XCTAssertEqual(missing.status, 2)
        XCTAssertEqual(missing.stderr, "error: nowhere: no such directory\n")
        // A file is there, but it is not a run: said so, for gap and report alike.
        try Data("x".utf8).write(to: work.appendingPathComponent("p.py"))
        for command in ["gap", "report"] {
            let file = try sufficiency([command, "p.py"])
            XCTAssertEqual(file.status, 2, command)
            XCTAssertEqual(file.stderr, "error: p.py: not a directory (give a run or comparison directory)\n", command)
        }
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
