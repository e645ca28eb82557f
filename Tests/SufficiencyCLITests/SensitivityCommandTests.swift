import Foundation
import XCTest

/// `sufficiency sensitivity`: the tornado table, its files, and one-line refusals of bad flags.
final class SensitivityCommandTests: CommandLineTestCase {
    func testItPrintsTheTableAndWritesItsFilesIntoAComparisonDirectory() throws {
        XCTAssertEqual(try sufficiency(["compare", "peterborough-2022", "savings-plan-2022-23", "--replications", "20",
                                        "--years", "1", "--out", "cmp", "--quiet"]).status, 0)
        let result = try sufficiency(["sensitivity", "savings-plan-2022-23", "--year", "2022-23", "--target", "1122000",
                                      "--parameters", "interventions.reunification_programme.hazard_multiplier,population.placement_mix",
                                      "--replications", "20", "--out", "cmp"])
        XCTAssertEqual(result.status, 0, result.stderr)
        XCTAssertTrue(result.stdout.contains("against peterborough-2022"), result.stdout)
        XCTAssertTrue(result.stdout.contains("1  interventions.reunification_programme.hazard_multiplier  1.0125 → 1.6875"), result.stdout)
        XCTAssertTrue(result.stdout.contains("Not varied: 1 parameter ("), result.stdout)
        for file in ["sensitivity.json", "sensitivity.csv", "compare.json"] {
            XCTAssertTrue(fm.fileExists(atPath: work.appendingPathComponent("cmp/\(file)").path), file)
        }
        let csv = try String(contentsOf: work.appendingPathComponent("cmp/sensitivity.csv"), encoding: .utf8)
        XCTAssertTrue(csv.contains("\npopulation.placement_mix,,,,,,,,,,,,,,shares that must sum to 1\n"), csv)
        // The briefing of the comparison now opens with the drivers and draws the tornado.
        XCTAssertEqual(try sufficiency(["report", "cmp"]).status, 0)
        let html = try String(contentsOf: work.appendingPathComponent("cmp/briefing.html"), encoding: .utf8)
        XCTAssertTrue(html.contains("The assumption that moves 2022-23's net savings of savings-plan-2022-23 most"), "the drivers headline")
        XCTAssertTrue(html.contains("id=\"tornado-title\""))
    }

    /// Written into a comparison of other scenarios, the analysis was added to it and its briefing set the drivers
    /// of one plan's savings beside another's; and a scenario as its own baseline gave a table of zeros.
    func testAComparisonOfOtherScenariosOrTheScenarioAsItsOwnBaselineIsRefused() throws {
        XCTAssertEqual(try sufficiency(["compare", "peterborough-2017", "generic-recruitment", "--replications", "3",
                                        "--years", "1", "--out", "cmp", "--quiet"]).status, 0)
        let before = try fm.contentsOfDirectory(atPath: work.appendingPathComponent("cmp").path).sorted()
        let other = try sufficiency(["sensitivity", "family-safeguarding", "--year", "2017-18", "--replications", "2",
                                     "--parameters", "interventions.demand.annual_cost", "--out", "cmp"])
        XCTAssertEqual(other.status, 2, other.stderr)
        XCTAssertEqual(other.stderr, "error: cmp: a comparison of generic-recruitment against peterborough-2017, not of "
                       + "family-safeguarding against peterborough-2017; write the sensitivity analysis elsewhere or into a "
                       + "comparison of these scenarios\n")
        XCTAssertEqual(other.stdout, "", "refused before simulating")
        XCTAssertEqual(try fm.contentsOfDirectory(atPath: work.appendingPathComponent("cmp").path).sorted(), before)

        let itself = try sufficiency(["sensitivity", "generic-recruitment", "--baseline", "generic-recruitment", "--year",
                                      "2017-18", "--replications", "2", "--out", "self"])
        XCTAssertEqual(itself.status, 2, itself.stderr)
        XCTAssertTrue(itself.stderr.hasSuffix(": the name generic-recruitment is used twice in this comparison (the scenario "
                                              + "and its baseline)\n"), itself.stderr)
        XCTAssertFalse(fm.fileExists(atPath: work.appendingPathComponent("self").path))
    }

    func testBadFlagsAreRefusedInOneLineWithStatusTwo() throws {
        for (flags, message) in [(["--swing", "150%"], "--swing must be above 0 and below 100%"),
                                 (["--goal", "residential"], "--goal must be net_savings"),
                                 (["--parameters", "no.such.key"], "--parameters: no parameter no.such.key")] {
            let result = try sufficiency(["sensitivity", "savings-plan-2022-23", "--year", "2022-23", "--replications", "5"] + flags)
            XCTAssertEqual(result.status, 2, "\(flags): \(result.stderr)")
            XCTAssertTrue(result.stderr.contains(message), "\(flags): \(result.stderr)")
            XCTAssertFalse(fm.fileExists(atPath: work.appendingPathComponent("results").path), "nothing written")
        }
    }
}
