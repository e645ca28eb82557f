import SufficiencyModel
@testable import SufficiencyReport
import XCTest

/// The briefing's what-if headline: every value set with `--set`, with which runs of a comparison have it, and
/// nothing when none was set.
final class WhatIfTests: XCTestCase {
    func load(_ name: String, _ sets: [String]) throws -> LoadedScenario {
        try ScenarioLoader.load(path: name, overrides: sets.compactMap(ScenarioOverride.init(assignment:)))
    }

    func testEachValueSaysWhichRunsHaveIt() throws {
        let scenario = try load("tact-recruitment", ["uasc.annual_rate=40", "interventions.recruitment.approvals_per_year=5"])
        let baseline = try load("peterborough-2017", ["uasc.annual_rate=40", "exits.reentry_probability=0.2"])
        let headline = try XCTUnwrap(Briefing.whatIf([("peterborough-2017", baseline), ("tact-recruitment", scenario)]))
        XCTAssertEqual(headline.text, "A what-if: values set with --set, not by the scenario files themselves; every figure here is under them:")
        XCTAssertEqual(Set(headline.items), [
            "uasc.annual_rate = 40 (children per year), in the baseline (peterborough-2017) and tact-recruitment alike",
            "interventions.recruitment.approvals_per_year = 5 (households per year), in tact-recruitment only",
            "exits.reentry_probability = 0.2 (probability), in the baseline (peterborough-2017) only",
        ])
    }

    func testADifferentValueInEachRunIsGivenForEach() throws {
        let headline = try XCTUnwrap(Briefing.whatIf([("peterborough-2017", try load("peterborough-2017", ["uasc.annual_rate=30"])),
                                                      ("tact-recruitment", try load("tact-recruitment", ["uasc.annual_rate=40"]))]))
        XCTAssertEqual(headline.items, ["uasc.annual_rate = 30 (children per year), in the baseline (peterborough-2017) only",
                                        "uasc.annual_rate = 40 (children per year), in tact-recruitment only"])
    }

    func testNothingSetSaysNothing() throws {
        XCTAssertNil(Briefing.whatIf([("peterborough-2017", try load("peterborough-2017", [])),
                                      ("tact-recruitment", try load("tact-recruitment", []))]))
        XCTAssertEqual(Briefing.whatIf([("peterborough-2017", try load("peterborough-2017", ["uasc.annual_rate=40"]))])?.items,
                       ["uasc.annual_rate = 40 (children per year)"])
    }

    /// A value set in a later scenario of a comparison alone was left out: the briefing headed by the first
    /// scenario never said that the third's savings were under a value nobody wrote in its file.
    func testAValueInAnyScenarioOfAComparisonIsNamedWithTheRunsThatHaveIt() throws {
        let runs = [("peterborough-2017", try load("peterborough-2017", ["uasc.annual_rate=40"])),
                    ("reunification", try load("reunification", ["uasc.annual_rate=40"])),
                    ("tact-recruitment", try load("tact-recruitment", ["uasc.annual_rate=80"]))]
        XCTAssertEqual(try XCTUnwrap(Briefing.whatIf(runs)).items, [
            "uasc.annual_rate = 40 (children per year), in the baseline (peterborough-2017) and reunification, not in tact-recruitment",
            "uasc.annual_rate = 80 (children per year), in tact-recruitment only",
        ])
        let alike = try ["peterborough-2017", "reunification", "tact-recruitment"].map { ($0, try load($0, ["uasc.annual_rate=40"])) }
        XCTAssertEqual(try XCTUnwrap(Briefing.whatIf(alike)).items, [
            "uasc.annual_rate = 40 (children per year), in every run: the baseline (peterborough-2017), reunification and tact-recruitment",
        ])
    }

    /// Two tables that differ only past the 137 characters a value is printed to were called "alike".
    func testValuesThatDifferOnlyPastWhatIsPrintedAreNotAlike() throws {
        let mix = "population.placement_mix={in_house_foster: 0.48, ifa_foster: 0.27, kinship_foster: 0.05, residential: 0.11, "
            + "residential_school: 0.01, supported_accommodation: 0.06, placed_with_parents: 0.01, "
        let a = mix + "placed_for_adoption: 0.01, secure: 0.0, other: 0.0}"
        let b = mix + "placed_for_adoption: 0.0, secure: 0.0, other: 0.01}"
        let headline = try XCTUnwrap(Briefing.whatIf([("peterborough-2017", try load("peterborough-2017", [a])),
                                                      ("reunification", try load("reunification", [b]))]))
        XCTAssertEqual(headline.items.count, 2)
        XCTAssertTrue(headline.items[0].hasSuffix("in the baseline (peterborough-2017) only"), headline.items[0])
        XCTAssertTrue(headline.items[1].hasSuffix("in reunification only"), headline.items[1])
    }
}
