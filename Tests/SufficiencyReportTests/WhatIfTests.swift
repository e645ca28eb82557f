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
        let headline = try XCTUnwrap(Briefing.whatIf(scenario, name: "tact-recruitment", baseline: (baseline, "peterborough-2017")))
        XCTAssertEqual(headline.text, "A what-if: values set with --set, not by the scenario files themselves; every figure here is under them:")
        XCTAssertEqual(Set(headline.items), [
            "uasc.annual_rate = 40 (children per year), in the baseline (peterborough-2017) and tact-recruitment alike",
            "interventions.recruitment.approvals_per_year = 5 (households per year), in tact-recruitment only",
            "exits.reentry_probability = 0.2 (probability), in the baseline (peterborough-2017) only",
        ])
    }

    func testADifferentValueInEachRunIsGivenForEach() throws {
        let headline = try XCTUnwrap(Briefing.whatIf(try load("tact-recruitment", ["uasc.annual_rate=40"]), name: "tact-recruitment",
                                                     baseline: (try load("peterborough-2017", ["uasc.annual_rate=30"]), "peterborough-2017")))
        XCTAssertEqual(headline.items, ["uasc.annual_rate = 40 (children per year), in tact-recruitment only",
                                        "uasc.annual_rate = 30 (children per year), in the baseline (peterborough-2017) only"])
    }

    func testNothingSetSaysNothing() throws {
        XCTAssertNil(Briefing.whatIf(try load("tact-recruitment", []), name: "tact-recruitment",
                                     baseline: (try load("peterborough-2017", []), "peterborough-2017")))
        XCTAssertEqual(Briefing.whatIf(try load("peterborough-2017", ["uasc.annual_rate=40"]), name: "peterborough-2017", baseline: nil)?.items,
                       ["uasc.annual_rate = 40 (children per year)"])
    }
}
