import Foundation
import SufficiencyModel
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
        XCTAssertTrue(csv.contains("\npopulation.placement_mix,,,,,,,,,,,,,,,shares that must sum to 1\n"), csv)
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

    /// Only the names were checked: an analysis with other seeds or replications, or of another scenario of the same
    /// name, was added to a comparison whose briefing then called them "the same simulated futures". When everything
    /// matches, the analysis's central comparison is the comparison's own savings, to the pound.
    func testAComparisonRunOtherwiseIsRefusedAndAMatchingOneGivesTheSameSavings() throws {
        XCTAssertEqual(try sufficiency(["compare", "peterborough-2022", "savings-plan-2022-23", "--replications", "8",
                                        "--years", "2", "--out", "cmp", "--quiet"]).status, 0)
        let before = try fm.contentsOfDirectory(atPath: work.appendingPathComponent("cmp").path).sorted()
        let analysis = ["sensitivity", "savings-plan-2022-23", "--parameters",
                        "interventions.reunification_programme.hazard_multiplier", "--out", "cmp"]
        let tail = "; write the sensitivity analysis elsewhere or give the comparison's scenarios (--baseline too), --seed, "
            + "--replications and --no-parameter-uncertainty as it was given\n"
        let fewer = try sufficiency(analysis + ["--year", "2022-23", "--replications", "4"])
        XCTAssertEqual(fewer.status, 2)
        XCTAssertEqual(fewer.stderr,
                       "error: cmp: a comparison run otherwise: its peterborough-2022 run has 8 replications, this analysis 4" + tail
                       + "error: cmp: a comparison run otherwise: its savings-plan-2022-23 run has 8 replications, this analysis 4" + tail)
        let seed = try sufficiency(analysis + ["--year", "2022-23", "--replications", "8", "--seed", "5"])
        XCTAssertEqual(seed.status, 2)
        XCTAssertTrue(seed.stderr.hasPrefix("error: cmp: a comparison run otherwise: its peterborough-2022 run has seed 20170401, "
                                            + "this analysis 5;"), seed.stderr)
        let later = try sufficiency(analysis + ["--year", "2024-25", "--replications", "8"])
        XCTAssertEqual(later.stderr, "error: cmp: a comparison run otherwise: it simulated 2022-23 to 2023-24, not --year 2024-25" + tail)
        // Another scenario of the same name: one parameter changed.
        try ("extends: savings-plan-2022-23\nname: savings-plan-2022-23\nuasc:\n  annual_rate:\n    value: 20\n"
             + "    unit: children per year\n    source: \"assumption: a test that the analysis tells one scenario from another of the same name.\"\n").write(
            to: work.appendingPathComponent("shadow.yaml"), atomically: true, encoding: .utf8)
        var shadow = analysis
        shadow[1] = "shadow.yaml"
        let other = try sufficiency(shadow + ["--baseline", "peterborough-2022", "--year", "2022-23", "--replications", "8"])
        XCTAssertEqual(other.status, 2)
        XCTAssertEqual(other.stderr, "error: cmp: a comparison run otherwise: its savings-plan-2022-23 run is of another "
                       + "savings-plan-2022-23 (its resolved parameters differ from shadow.yaml's)" + tail)
        XCTAssertEqual(try fm.contentsOfDirectory(atPath: work.appendingPathComponent("cmp").path).sorted(), before)

        // The same scenario given as a file (another origin, other layers) is the same scenario.
        for name in ["savings-plan-2022-23", "peterborough-2022", "peterborough-2017"] {
            try EmbeddedScenarios.text(named: name)!.write(to: work.appendingPathComponent("\(name).yaml"), atomically: true,
                                                          encoding: .utf8)
        }
        var copy = analysis
        copy[1] = "./savings-plan-2022-23.yaml"
        let same = try sufficiency(copy + ["--baseline", "peterborough-2022", "--year", "2023-24", "--replications", "8"])
        XCTAssertEqual(same.status, 0, same.stderr)
        let savings = try String(contentsOf: work.appendingPathComponent("cmp/savings.csv"), encoding: .utf8)
        let row = try XCTUnwrap(savings.split(separator: "\n").first { $0.hasPrefix("savings-plan-2022-23,2023-24,366,net_savings,nominal,") })
        let mean = Double(row.split(separator: ",")[5])!
        let json = try JSONSerialization.jsonObject(with: Data(contentsOf: work.appendingPathComponent("cmp/sensitivity.json")))
        let central = ((json as! [String: Any])["central"] as! [String: Any])["mean"] as! Double
        XCTAssertEqual(central, mean, accuracy: 0.01)
        // A second analysis replaces the first only with --force.
        let again = try sufficiency(analysis + ["--year", "2023-24", "--replications", "8"])
        XCTAssertEqual(again.stderr, "error: cmp: the comparison holds a sensitivity analysis already; use --force to replace it\n")
        XCTAssertEqual(try sufficiency(analysis + ["--year", "2023-24", "--replications", "8", "--force"]).status, 0)
    }

    /// Its own earlier analysis was refused with "use --force to replace it", and it had no --force.
    func testForceReplacesAnEarlierAnalysis() throws {
        let analysis = ["sensitivity", "savings-plan-2022-23", "--year", "2022-23", "--replications", "3", "--quiet",
                        "--parameters", "interventions.reunification_programme.hazard_multiplier", "--out", "sens"]
        XCTAssertEqual(try sufficiency(analysis).status, 0)
        let again = try sufficiency(analysis)
        XCTAssertEqual(again.stderr, "error: sens: --out exists and is not empty; use --force to replace it\n")
        XCTAssertEqual(try sufficiency(analysis + ["--force"]).status, 0)
        XCTAssertEqual(try fm.contentsOfDirectory(atPath: work.appendingPathComponent("sens").path).sorted(),
                       ["sensitivity.csv", "sensitivity.json"])
        // --force replaced any run directory too, which sensitivity never writes.
        XCTAssertEqual(try sufficiency(["run", "--replications", "2", "--years", "1", "--out", "arun", "--quiet"]).status, 0)
        var intoRun = analysis
        intoRun[intoRun.count - 1] = "arun"
        let refused = try sufficiency(intoRun + ["--force"])
        XCTAssertEqual(refused.stderr, "error: arun: --out holds no earlier sensitivity.json (it holds other files); refusing "
                       + "to replace it, even with --force\n")
        XCTAssertTrue(fm.fileExists(atPath: work.appendingPathComponent("arun/manifest.json").path))
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
