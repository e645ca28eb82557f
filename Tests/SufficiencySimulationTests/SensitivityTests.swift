@testable import SufficiencyModel
@testable import SufficiencySimulation
import XCTest

/// The sensitivity analysis: which values each parameter is tried at, which parameters are tried, and that the
/// comparison moves the way the model says it must when a lever is turned up or down on common random numbers.
final class SensitivityTests: XCTestCase {
    static let baseline = try! ScenarioLoader.load(path: "peterborough-2022")
    static let plan = try! ScenarioLoader.load(path: "savings-plan-2022-23")

    func parameter(_ keyPath: String) throws -> ScenarioParameter {
        try XCTUnwrap(Self.plan.parameters.first { $0.keyPath == keyPath }, keyPath)
    }

    /// The printed table gives the chance of the target as compare and the briefing do: one decimal below 10%,
    /// whole percent from 10% (it printed "61.0%" where the briefing said "61%"), nothing without a target.
    func testTheTablesProbabilitiesArePrintedAsCompareAndTheBriefingPrintThem() {
        XCTAssertEqual(SensitivityWriter.percent(0.037), "3.7%")
        XCTAssertEqual(SensitivityWriter.percent(0.61), "61%")
        XCTAssertEqual(SensitivityWriter.percent(0.0004), "<0.1%")
        XCTAssertEqual(SensitivityWriter.percent(nil), "")
    }

    func testValuesAreScaledClampedToTheirBoundsAndRoundedForWholeNumbers() throws {
        XCTAssertEqual(Sensitivity.variants(try parameter("interventions.reunification_programme.hazard_multiplier"), swing: 0.25),
                       .vary(low: "1.0125", high: "1.6875"))
        XCTAssertEqual(Sensitivity.variants(try parameter("interventions.income.arrival_probability"), swing: 0.25),
                       .vary(low: "0.6", high: "1"), "a probability stays at most 1")
        XCTAssertEqual(Sensitivity.variants(try parameter("interventions.reunification_programme.capacity"), swing: 0.1),
                       .vary(low: "36", high: "44"))
        XCTAssertEqual(Sensitivity.variants(try parameter("interventions.recruitment.months_to_approval"), swing: 0.5),
                       .vary(low: "{\"mean\": 3, \"shape\": 2}", high: "{\"mean\": 9, \"shape\": 6}"), "every number of a table")
        for (key, reason) in [("population.placement_mix", "shares that must sum to 1"),
                              ("interventions.reunification_programme.eligible_care_plans", "not a number that can be scaled (list of labels)")] {
            guard case .skip(let s) = Sensitivity.variants(try parameter(key), swing: 0.25) else { return XCTFail(key) }
            XCTAssertEqual(s.reason, reason, key)
        }
    }

    func testByDefaultEveryAssumptionOfTheScenarioAndItsBaselineIsTriedAndNamedOnesMustExist() throws {
        var plan = Sensitivity.Plan(baseline: Self.baseline, scenario: Self.plan, year: FinancialYear(startYear: 2022),
                                    target: 1_122_000, swing: 0.25, parameters: nil, replications: 10, seed: 1, threads: 1)
        let all = try Sensitivity.candidates(plan)
        XCTAssertTrue(all.allSatisfy { Sensitivity.isAssumption($0.source) })
        XCTAssertTrue(all.contains { $0.keyPath == "interventions.reunification_programme.hazard_multiplier" }, "a lever's")
        XCTAssertTrue(all.contains { $0.keyPath == "in_house.acceptance_by_age_need" }, "the baseline's")
        XCTAssertFalse(all.contains { $0.keyPath == "population.children_in_care" }, "a figure from the council's report")
        XCTAssertEqual(Set(all.map(\.keyPath)).count, all.count, "each once")
        plan.parameters = ["interventions.no_such_lever.x"]
        XCTAssertThrowsError(try Sensitivity.candidates(plan))
    }

    /// A stronger reunification programme saves more, on the same children; a parameter of the baseline is changed
    /// in both runs, a lever only in the scenario's.
    func testTurningALeverUpAndDownMovesTheSavingsInItsDirection() throws {
        let plan = Sensitivity.Plan(baseline: Self.baseline, scenario: Self.plan, year: FinancialYear(startYear: 2022),
                                    target: 1_122_000, swing: 0.5,
                                    parameters: ["interventions.reunification_programme.hazard_multiplier", "entries.annual_rate"],
                                    replications: 60, seed: 11, threads: 2)
        let s = try Sensitivity.run(plan)
        let lever = try XCTUnwrap(s.drivers.first { $0.keyPath == "interventions.reunification_programme.hazard_multiplier" })
        XCTAssertEqual(lever.changed, "scenario")
        XCTAssertLessThan(lever.low.mean, s.central.mean)
        XCTAssertGreaterThan(lever.high.mean, s.central.mean)
        XCTAssertLessThanOrEqual(lever.low.probabilityOfTarget!, lever.high.probabilityOfTarget!)
        let entries = try XCTUnwrap(s.drivers.first { $0.keyPath == "entries.annual_rate" })
        XCTAssertEqual(entries.changed, "baseline and scenario")
        XCTAssertEqual(s.drivers.count, 2)
        XCTAssertGreaterThanOrEqual(s.drivers[0].range, s.drivers[1].range, "largest move first")
        // The same plan gives the same numbers whatever the thread count.
        var one = plan
        one.threads = 1
        XCTAssertEqual(try Sensitivity.run(one), s)
        // The summary round-trips through sensitivity.json.
        XCTAssertEqual(try SensitivitySummary.decode(s.encoded()), s)
    }
}
