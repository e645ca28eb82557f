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
                       .vary(low: "0.6", high: "1"), "0.8 × 1.25 is 1 exactly: at the limit, not held short of the swing")
        XCTAssertEqual(Sensitivity.variants(try parameter("interventions.income.arrival_probability"), swing: 0.5),
                       .vary(low: "0.4", high: "1", held: .high), "a probability stays at most 1, and is marked held")
        XCTAssertEqual(Sensitivity.variants(try parameter("interventions.reunification_programme.capacity"), swing: 0.1),
                       .vary(low: "36", high: "44"))
        XCTAssertEqual(Sensitivity.variants(try parameter("interventions.recruitment.months_to_approval"), swing: 0.5),
                       .vary(low: "{\"mean\": 3, \"shape\": 2}", high: "{\"mean\": 9, \"shape\": 6}"), "every number of a table")
        // A table with some numbers held: 0.9 × 1.25 is held at 1 while 0.7 × 1.25 = 0.875 is not; the low side is
        // never held for a probability.
        guard case .vary(let low, let high, let held) = Sensitivity.variants(try parameter("ifa_market.found_probability"), swing: 0.25) else {
            return XCTFail("found_probability is varied")
        }
        XCTAssertEqual(held, .high)
        XCTAssertTrue(high.contains("\"standard\": 1,") && high.contains("\"very_complex\": 0.875"), high)
        XCTAssertTrue(low.contains("\"standard\": 0.675"), low)
        XCTAssertEqual(Sensitivity.variants(try parameter("interventions.income.arrival_probability"), swing: 0.1),
                       .vary(low: "0.72", high: "0.88"), "not held when the swing stays inside the limit")
        for (key, reason) in [("population.placement_mix", "shares that must sum to 1"),
                              ("interventions.reunification_programme.eligible_care_plans", "not a number that can be scaled (list of labels)")] {
            guard case .skip(let s) = Sensitivity.variants(try parameter(key), swing: 0.25) else { return XCTFail(key) }
            XCTAssertEqual(s.reason, reason, key)
        }
    }

    /// A value held at its limit is marked in the printed table (`0.6 → 1*`, with what the mark means under it),
    /// in `sensitivity.csv` (`held_at_limit`) and in `sensitivity.json`; a file written before the mark existed
    /// reads as nothing held.
    func testAValueHeldAtItsLimitIsMarkedInTheTableTheCSVAndTheJSON() throws {
        let o = SensitivitySummary.Outcome(mean: 1000, p05: 0, p95: 2000, probabilityOfTarget: 0.5)
        let held = SensitivitySummary.Driver(keyPath: "interventions.income.arrival_probability", description: "", unit: "probability",
                                             source: "assumption", changed: "scenario", value: "0.8", lowValue: "0.6",
                                             highValue: "1", heldAtLimit: .high, low: o, high: .init(mean: 3000, p05: 0, p95: 4000, probabilityOfTarget: 0.6))
        var free = held
        free.keyPath = "interventions.reunification_programme.capacity"
        free.heldAtLimit = nil
        let s = SensitivitySummary(baseline: "b", scenario: "s", goal: "net_savings", year: "2022-23", target: 5000,
                                   swing: 0.25, replications: 10, seed: 1, central: o, drivers: [held, free], skipped: [])
        let table = SensitivityWriter.table(s)
        XCTAssertTrue(table.contains("0.6 → 1*"), table)
        XCTAssertEqual(table.components(separatedBy: "*").count - 1, 2, "one mark in the row and one before its note: \(table)")
        XCTAssertTrue(table.hasSuffix("* " + SensitivitySummary.Held.note(swing: 0.25)), table)
        XCTAssertTrue(SensitivitySummary.Held.note(swing: 0.25).contains("less than 25%"))
        XCTAssertFalse(held.isTable)
        XCTAssertTrue(SensitivitySummary.Driver(keyPath: "k", description: "", unit: "", source: "", changed: "", value: "",
                                                lowValue: "{\"a\": 1}", highValue: "{\"a\": 2}", low: o, high: o).isTable)
        var unheld = s
        unheld.drivers = [free]
        XCTAssertFalse(SensitivityWriter.table(unheld).contains("*"), "no mark and no note when nothing is held")
        let csv = SensitivityWriter.csv(s).split(separator: "\n").map { $0.split(separator: ",", omittingEmptySubsequences: false) }
        let column = try XCTUnwrap(csv[0].firstIndex(of: "held_at_limit"))
        XCTAssertEqual(csv[1][column], "high")
        XCTAssertEqual(csv[2][column], "")
        XCTAssertEqual(Set(csv.map(\.count)).count, 1, "every row as wide as the header")
        XCTAssertEqual(try SensitivitySummary.decode(s.encoded()), s)
        let old = try XCTUnwrap(String(data: try unheld.encoded(), encoding: .utf8))
        XCTAssertFalse(old.contains("held_at_limit"), "nothing written when nothing is held, as before the mark existed")
        XCTAssertNil(try SensitivitySummary.decode(Data(old.utf8)).drivers[0].heldAtLimit)
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

    /// A parameter the baseline sets too is changed in both runs, so the savings move only by the change in what the
    /// two runs spend at it. Prices change no child's path on common random numbers, so at half and one and a half
    /// times the IFA prices a year's savings are the central savings ∓ half the difference between the baseline's
    /// and the scenario's IFA costs, replication by replication. Changed in the scenario's run alone, they would
    /// move by half of the scenario's whole IFA cost instead (£2.28 million against £61,000 on these seeds).
    func testABaselineParameterIsChangedInBothRuns() throws {
        let n = 20
        let plan = Sensitivity.Plan(baseline: Self.baseline, scenario: Self.plan, year: FinancialYear(startYear: 2022),
                                    target: nil, swing: 0.5, parameters: ["ifa_market.weekly_price_by_need"],
                                    replications: n, seed: 5, threads: 2)
        let s = try Sensitivity.run(plan)
        let driver = try XCTUnwrap(s.drivers.first)
        XCTAssertEqual(driver.changed, "baseline and scenario")
        let baseline = Sensitivity.simulate(plan.baseline, plan), scenario = Sensitivity.simulate(plan.scenario, plan)
        let y = try XCTUnwrap(baseline.years.firstIndex(of: plan.year))
        func meanIFA(_ r: RunResult) -> Double {
            (0..<n).reduce(0) { $0 + r.value(.costIFAFoster, year: y, replication: $1) } / Double(n)
        }
        let difference = meanIFA(baseline) - meanIFA(scenario), whole = meanIFA(scenario)
        XCTAssertGreaterThan(whole, 10 * abs(difference), "the test needs the two runs' IFA costs close")
        XCTAssertEqual(driver.low.mean, s.central.mean - 0.5 * difference, accuracy: 1e-6 * whole)
        XCTAssertEqual(driver.high.mean, s.central.mean + 0.5 * difference, accuracy: 1e-6 * whole)
    }

    func driver(low: String, high: String) -> SensitivitySummary.Driver {
        SensitivitySummary.Driver(keyPath: "k", description: "", unit: "", source: "assumption", changed: "scenario",
                                  value: "v", lowValue: low, highValue: high,
                                  low: .init(mean: 100, p05: 10, p95: 20, probabilityOfTarget: nil),
                                  high: .init(mean: 300, p05: 30, p95: 40, probabilityOfTarget: nil))
    }

    /// The table's change column prints the values tried when the two together fit in 24 characters, and the swing
    /// as factors from 25.
    func testAChangeOfTwentyFourCharactersIsPrintedAsTheValues() {
        XCTAssertEqual(SensitivityWriter.change(driver(low: "0.1234567890", high: "0.1234567891"), 0.25),
                       "0.1234567890 → 0.1234567891")
        XCTAssertTrue(SensitivityWriter.change(driver(low: "0.1234567890", high: "0.12345678912"), 0.25).hasPrefix("× "))
    }

    /// Each of the four percentile columns of `sensitivity.csv`, and the two means, holds its own figure.
    func testTheSensitivityCSVColumnsAreTheirOwn() throws {
        let o = SensitivitySummary.Outcome(mean: 200, p05: 0, p95: 400, probabilityOfTarget: nil)
        let s = SensitivitySummary(baseline: "b", scenario: "s", goal: "net_savings", year: "2022-23", target: nil,
                                   swing: 0.25, replications: 10, seed: 1, central: o,
                                   drivers: [driver(low: "1", high: "2")], skipped: [])
        let rows = SensitivityWriter.csv(s).split(separator: "\n")
            .map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
        let row = Dictionary(uniqueKeysWithValues: zip(rows[0], rows[1]))
        XCTAssertEqual(row["mean_low"], "100.00")
        XCTAssertEqual(row["mean_high"], "300.00")
        XCTAssertEqual(row["p05_low"], "10.00")
        XCTAssertEqual(row["p95_low"], "20.00")
        XCTAssertEqual(row["p05_high"], "30.00")
        XCTAssertEqual(row["p95_high"], "40.00")
    }
}
