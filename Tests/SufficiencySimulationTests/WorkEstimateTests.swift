import Foundation
import SufficiencyModel
@testable import SufficiencySimulation
import XCTest

/// The work estimate (`WorkEstimate`) against the engine's own event count, its scaling, and its refusals.
final class WorkEstimateTests: XCTestCase {
    /// The estimate over the engine's count must lie in this range (the brief asked for [0.5, 2]). In the scenarios
    /// checked here the estimate is 1.03–1.26 times the engine's count, always over it (1.26 for savings-plan-2022-23,
    /// 1.25 for reunification, 1.24 for the big council, 1.03 for breakdown hazards of 52 a year): the upper end
    /// leaves little room, and a kind of event left out is caught only when it is over a quarter of the events.
    static let tolerance = 0.75...1.33

    /// Breakdown hazards and every breakdown multiplier at the loader's caps (52 a year, 20): the hostile tester's
    /// scenario of issue 11.
    static let extremeYAML = try! String(
        contentsOf: URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Fixtures/extreme-breakdowns.yaml"), encoding: .utf8)

    /// The events the engine processed for the extreme scenario in one replication of one year (release build,
    /// `sufficiency run extreme.yaml --replications 1 --years 1 --threads 1`, manifest.json; 56 s of CPU): too slow
    /// to repeat in a test.
    static let extremeEventsMeasured = 143_182_460.0

    static var packageRoot: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    }

    /// Estimate and engine for `scenario`: (estimate, actual) events of the whole run.
    func compare(_ scenario: Scenario, years: Int, replications: Int) -> (estimate: WorkEstimate, actual: RunResult) {
        let model = CompiledScenario(scenario, horizonYears: years)
        let estimate = WorkEstimate(model, replications: replications, threads: 2)
        let result = MonteCarlo.run(model, replications: replications, seed: 20_170_401, threads: 2)
        return (estimate, result)
    }

    func assertClose(_ scenario: Scenario, years: Int, replications: Int, _ name: String,
                     file: StaticString = #filePath, line: UInt = #line) -> (WorkEstimate, RunResult) {
        let (estimate, result) = compare(scenario, years: years, replications: replications)
        let ratio = estimate.totalEvents / Double(result.events)
        XCTAssertTrue(Self.tolerance.contains(ratio), "\(name), \(years) years: estimate \(estimate.totalEvents) against "
            + "\(result.events) events (ratio \(ratio))", file: file, line: line)
        return (estimate, result)
    }

    func testTheDefaultScenarioEstimateIsCloseToTheEnginesEventsAndItsExits() throws {
        let s = TestScenarios.baseline()
        for years in [2, 5] {
            let (estimate, result) = assertClose(s, years: years, replications: 20, "default")
            // The exits by route and at 18, per replication-year, against the engine's tallies.
            var exits = 0.0
            for y in result.years.indices {
                for m in [AnnualMetric.exitsReunification, .exitsAdoption, .exitsSGO, .exitsOther, .exitsAge18] {
                    exits += result.values(m, year: y).reduce(0, +)
                }
            }
            let actualExits = exits / Double(result.replications) / estimate.replicationYears
            let estimated = estimate.events(.exits) + estimate.events(.age18)
            XCTAssertEqual(estimated / actualExits, 1, accuracy: 0.15, "exits: \(estimated) against \(actualExits)")
            // Mean children in care.
            let actualChildren = result.childDays / Double(result.replications) / (estimate.replicationYears * daysPerYear)
            XCTAssertEqual(estimate.childrenInCare / actualChildren, 1, accuracy: 0.1)
        }
    }

    func testEveryLibraryScenarioEstimateIsCloseToTheEnginesEvents() throws {
        let folder = Self.packageRoot.appendingPathComponent("scenarios")
        let files = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".yaml") }.sorted()
        XCTAssertGreaterThanOrEqual(files.count, 8)
        for name in files {
            let loaded = try ScenarioLoader.load(path: folder.appendingPathComponent(name).path)
            _ = assertClose(loaded.scenario, years: 2, replications: 20, name)
        }
    }

    func testDoublingEntriesDoublesEntryEvents() throws {
        var s = TestScenarios.baseline()
        let once = WorkEstimate(CompiledScenario(s, horizonYears: 5, drawsRates: false), replications: 1000, threads: 2)
        s.entries.annualRate = s.entries.annualRate.map { $0 * 2 }
        s.uasc.annualRate *= 2
        let twice = WorkEstimate(CompiledScenario(s, horizonYears: 5, drawsRates: false), replications: 1000, threads: 2)
        XCTAssertEqual(twice.events(.entries) / once.events(.entries), 2, accuracy: 1e-9)
        // More children in care, so more of everything that happens to them, but less than twice (the initial
        // population is the same).
        XCTAssertGreaterThan(twice.childrenInCare, 1.3 * once.childrenInCare)
        XCTAssertLessThan(twice.childrenInCare, 2 * once.childrenInCare)
        XCTAssertGreaterThan(twice.events(.breakdowns), 1.3 * once.events(.breakdowns))
        // And the engine agrees.
        _ = assertClose(s, years: 2, replications: 10, "entries doubled")
    }

    func testDoublingBreakdownHazardsRoughlyDoublesBreakdowns() throws {
        var s = TestScenarios.baseline()
        let once = WorkEstimate(CompiledScenario(s, horizonYears: 5, drawsRates: false), replications: 1000, threads: 2)
        s.breakdowns.annualHazardByPlacement = s.breakdowns.annualHazardByPlacement.map { $0 * 2 }
        let twice = WorkEstimate(CompiledScenario(s, horizonYears: 5, drawsRates: false), replications: 1000, threads: 2)
        // More than twice (2.5 for the default scenario): when breakdowns are commoner, a first placement's early
        // period adds more, and fewer placements last long enough to be settled; the engine agrees (below).
        XCTAssertGreaterThan(twice.events(.breakdowns) / once.events(.breakdowns), 2.05)
        XCTAssertLessThan(twice.events(.breakdowns) / once.events(.breakdowns), 3)
        XCTAssertEqual(twice.events(.entries), once.events(.entries))
        _ = assertClose(s, years: 2, replications: 10, "breakdowns doubled")
    }

    /// Breakdown hazards at the cap of 52 a year (the multipliers as in the default): placements last days, the
    /// regime where the renewal rates matter, and still cheap enough to run.
    func testBreakdownHazardsAtTheCapEstimateIsCloseToTheEngine() throws {
        var s = TestScenarios.baseline()
        s.breakdowns.annualHazardByPlacement = s.breakdowns.annualHazardByPlacement.map { _ in 52 }
        let (estimate, _) = assertClose(s, years: 1, replications: 2, "breakdown hazards 52")
        XCTAssertEqual(estimate.topKinds.first, .breakdowns)
        XCTAssertTrue(estimate.problems(label: "heavy").isEmpty, "\(estimate.problems(label: "heavy"))")
    }

    /// Reunification hazards and their multipliers at the loader's caps (52 a year, 20, 20): the stock would go home
    /// within minutes. The returns home of the year before the start were drawn from the stock's hazards summed
    /// over a year, about 6 million, and the estimate left them out: 533 events a replication-year against the
    /// engine's 1,165,357 at the default re-entry chance, and a run that never ended at 0.9 (a fuzz audit). They
    /// are now at most the periods of care that could have ended in that year, and counted.
    func testReunificationHazardsAtTheCapsEstimateIsCloseToTheEngine() throws {
        var s = TestScenarios.baseline()
        let r = ExitRoute.reunification.rawValue
        s.exits.baseHazard[r] = s.exits.baseHazard[r].map { _ in 52 }
        s.exits.ageMultiplier[r] = s.exits.ageMultiplier[r].map { _ in 20 }
        s.exits.timeInCareMultiplier[r] = s.exits.timeInCareMultiplier[r].map { _ in 20 }
        for reentry in [0.15, 0.9] {
            s.exits.reentryProbability = reentry
            let (estimate, result) = assertClose(s, years: 1, replications: 4, "reunification at the caps, re-entry \(reentry)")
            XCTAssertLessThan(Double(result.events) / 4, 10_000, "re-entry \(reentry)")
            XCTAssertTrue(estimate.problems(label: "caps").isEmpty, "\(estimate.problems(label: "caps"))")
        }
    }

    func testTheExtremeScenarioIsRefusedWithOneLineNamingTheBreakdownParameters() throws {
        let loaded = try ScenarioLoader.load(yaml: Self.extremeYAML, file: "extreme.yaml")
        let oneYear = WorkEstimate(CompiledScenario(loaded.scenario, horizonYears: 1, drawsRates: false), replications: 1,
                                   threads: 1)
        let ratio = oneYear.totalEvents / Self.extremeEventsMeasured
        XCTAssertTrue(Self.tolerance.contains(ratio), "estimate \(oneYear.totalEvents) against the measured "
            + "\(Self.extremeEventsMeasured) (ratio \(ratio))")
        // 52 × 20 × 20 × 20 = 416,000 breakdowns a child-year in the early period, which every placement is in.
        XCTAssertEqual(oneYear.events(.breakdowns) / oneYear.childrenInCare, 416_000, accuracy: 20_000)

        let clock = ContinuousClock.now
        let estimate = WorkEstimate(CompiledScenario(loaded.scenario, horizonYears: 5, drawsRates: false),
                                    replications: 1000, threads: 2)
        let problems = estimate.problems(label: "extreme.yaml")
        XCTAssertLessThan(ContinuousClock.now - clock, .seconds(2))
        XCTAssertEqual(problems.count, 1, "\(problems)")
        let line = try XCTUnwrap(problems.first)
        for text in ["extreme.yaml: about ", "events per replication-year", "365,000 allowed", "largest English council",
                     "1,000 replications × 5 years would take about", "breakdowns.annual_hazard_by_placement",
                     "breakdowns.need_multiplier", "breakdowns.age_multiplier", "per child-year"] {
            XCTAssertTrue(line.contains(text), "'\(text)' missing from: \(line)")
        }
        XCTAssertFalse(line.contains("\n"))
        XCTAssertEqual(estimate.topKinds, [.breakdowns])
    }

    /// The bound is what the docs say it is: 100 times the default scenario's events per child-year for a council
    /// of 2,500 children.
    func testTheBoundIsOneHundredTimesTheLargestCouncilAtTheDefaultRates() throws {
        let estimate = WorkEstimate(CompiledScenario(TestScenarios.baseline(), horizonYears: 5, drawsRates: false),
                                    replications: 1000, threads: 2)
        let perChildYear = estimate.eventsPerReplicationYear / estimate.childrenInCare
        let bound = 100 * WorkEstimate.largestCouncilChildren * perChildYear
        XCTAssertEqual(bound / WorkEstimate.maximumEventsPerReplicationYear, 1, accuracy: 0.1,
                       "\(perChildYear) events per child-year give a bound of \(bound)")
        XCTAssertTrue(estimate.problems(label: "default").isEmpty)
    }

    /// Peterborough scaled to the largest council (about seven times: 2,500 children, entries, carers and
    /// recruitment), with its defaults' rates: nowhere near the bound, and quick.
    func testABigButRealCouncilIsNotRefused() throws {
        let big = Self.bigCouncil()
        for (years, replications) in [(5, 1000), (10, 10_000), (15, 1000)] {
            let estimate = WorkEstimate(CompiledScenario(big, horizonYears: years, drawsRates: false),
                                        replications: replications, threads: 2)
            XCTAssertTrue(estimate.problems(label: "big").isEmpty, "\(estimate.problems(label: "big"))")
            XCTAssertEqual(estimate.eventsPerReplicationYear, 3_650, accuracy: 1_000)
            XCTAssertLessThan(estimate.eventsPerReplicationYear, WorkEstimate.maximumEventsPerReplicationYear / 50)
        }
        _ = assertClose(big, years: 1, replications: 4, "big council")
    }

    static func bigCouncil() -> Scenario {
        var s = TestScenarios.baseline()
        let k = 2_500.0 / Double(s.population.childrenInCare)
        s.population.childrenInCare = 2_500
        s.population.stayingPut = Int(Double(s.population.stayingPut) * k)
        s.entries.annualRate = s.entries.annualRate.map { $0 * k }
        s.uasc.annualRate *= k
        s.inHouse.households = Int(Double(s.inHouse.households) * k)
        s.recruitment.approvalsPerYear = Schedule(10 * k)
        return s
    }

    func testARunTooLongOrTooLargeIsRefusedWithItsOwnLine() throws {
        // Breakdowns at 52 a year × 4 for every age (× 3.5 in a placement's early months): under the bound per
        // replication-year, but 40,000 replications × 15 years on one thread would take days.
        var s = TestScenarios.baseline()
        s.breakdowns.annualHazardByPlacement = s.breakdowns.annualHazardByPlacement.map { _ in 52 }
        s.breakdowns.ageMultiplier = s.breakdowns.ageMultiplier.map { _ in 4 }
        let model = CompiledScenario(s, horizonYears: 15, drawsRates: false)
        let long = WorkEstimate(model, replications: 40_000, threads: 1)
        XCTAssertLessThan(long.eventsPerReplicationYear, WorkEstimate.maximumEventsPerReplicationYear)
        XCTAssertGreaterThan(long.seconds, WorkEstimate.maximumSeconds)
        let problems = long.problems(label: "long.yaml")
        XCTAssertEqual(problems.count, 1, "\(problems)")
        XCTAssertTrue(problems[0].hasPrefix("long.yaml: 40,000 replications × 15 years would take about "), problems[0])
        XCTAssertTrue(problems[0].contains("24 hours allowed") && problems[0].contains("breakdowns.annual_hazard_by_placement"),
                      problems[0])
        // A few replications of the same are fine.
        XCTAssertTrue(WorkEstimate(model, replications: 10, threads: 1).problems(label: "short").isEmpty)

        // Too much memory: the existing limit, with its message.
        let huge = WorkEstimate(CompiledScenario(TestScenarios.baseline(), horizonYears: 15, drawsRates: false),
                                replications: 1_000_000, threads: 2)
        XCTAssertEqual(huge.problems(label: "x"), ["--replications 1000000 over 15 years needs \(huge.bytes >> 20) MB of "
            + "results, more than the 2048 MB allowed; use fewer replications"])
    }

    func testSeveralRunsTooLongTogetherAreRefusedTogether() throws {
        var s = TestScenarios.baseline()
        s.breakdowns.annualHazardByPlacement = s.breakdowns.annualHazardByPlacement.map { _ in 52 }
        s.breakdowns.ageMultiplier = s.breakdowns.ageMultiplier.map { _ in 4 }
        let model = CompiledScenario(s, horizonYears: 15, drawsRates: false)
        let probe = WorkEstimate(model, replications: 1000, threads: 1)
        // Each run takes 60% of the limit.
        let replications = Int(0.6 * WorkEstimate.maximumSeconds / probe.seconds * 1000)
        let run = WorkEstimate(model, replications: replications, threads: 1)
        XCTAssertTrue(run.problems(label: "a").isEmpty)
        XCTAssertEqual(WorkEstimate.problems([("a", run)]), [])
        let together = WorkEstimate.problems([("a", run), ("b", run)])
        XCTAssertEqual(together.count, 1, "\(together)")
        XCTAssertTrue(together[0].hasPrefix("these 2 runs would take about "), together[0])
    }

    func testTheReportListsEveryKindWithEventsAndTheTotals() throws {
        let estimate = WorkEstimate(CompiledScenario(TestScenarios.baseline(), horizonYears: 5, drawsRates: false),
                                    replications: 1000, threads: 2)
        let text = estimate.report(label: "embedded:peterborough-2017").joined(separator: "\n")
        for kind in [WorkEstimate.Kind.entries, .exits, .age18, .breakdowns, .plannedMoves, .approvals, .deregistrations] {
            XCTAssertGreaterThan(estimate.events(kind), 0, "\(kind)")
            XCTAssertTrue(text.contains(kind.label), "\(kind.label) missing:\n\(text)")
        }
        for part in ["work estimate for peterborough-2017 (embedded:peterborough-2017): 1,000 replications × 5 years", "total events: about", "estimated time:", "memory for results:"] {
            XCTAssertTrue(text.contains(part), "\(part) missing:\n\(text)")
        }
        XCTAssertEqual(WorkEstimate.count(416_123), "416,000")
        XCTAssertEqual(WorkEstimate.count(545.4), "545")
        XCTAssertEqual(WorkEstimate.count(146_400_000), "146,000,000")
        XCTAssertEqual(WorkEstimate.duration(0.3), "under a second")
        XCTAssertEqual(WorkEstimate.duration(180_000), "about 2.1 days")
    }

    // MARK: - Seventh mutation audit

    /// Approvals are business as usual and programme alike (`WorkEstimate`: "per approval (business as usual and
    /// programme)"): `tact-recruitment` approves the baseline's 10 households a year and a drive of 10 more a year
    /// from its first year, so 20 a replication-year over two years (peterborough-2017 alone: 10).
    func testApprovalsCountTheProgrammesTargetBesideBusinessAsUsual() throws {
        let folder = Self.packageRoot.appendingPathComponent("scenarios")
        for (name, expected) in [("peterborough-2017", 10.0), ("tact-recruitment", 20)] {
            let s = try ScenarioLoader.load(path: folder.appendingPathComponent(name + ".yaml").path).scenario
            let estimate = WorkEstimate(CompiledScenario(s, horizonYears: 2, drawsRates: false), replications: 100, threads: 2)
            XCTAssertEqual(estimate.events(.approvals), expected, accuracy: 1e-6, name)
        }
    }

    /// Households approved during the run leave at the first-year hazard for their first twelve months
    /// (`WorkEstimate`: "first-year hazard for the first twelve months"): with no households at the start, 12
    /// approvals a year, a first-year hazard of 0 and a later hazard of 1 a year, nobody leaves in a one-year run,
    /// since no household approved in it reaches its second year.
    func testHouseholdsApprovedInTheRunLeaveAtTheFirstYearHazard() {
        var s = TestScenarios.baseline()
        s.inHouse.households = 0
        s.recruitment.approvalsPerYear = Schedule(12)
        s.deregistration.annualHazard = 1
        s.deregistration.annualHazardFirstYear = 0
        let estimate = WorkEstimate(CompiledScenario(s, horizonYears: 1, drawsRates: false), replications: 100, threads: 2)
        XCTAssertGreaterThan(estimate.events(.approvals), 11)
        XCTAssertEqual(estimate.events(.deregistrations), 0, accuracy: 1e-9)
    }

    /// The threads that share the work are at most the replications (`effectiveThreads`: "at most the cores and the
    /// replications"): one replication runs on one thread whatever is asked, so its time is not halved.
    func testOneReplicationRunsOnOneThread() {
        let model = CompiledScenario(TestScenarios.baseline(), horizonYears: 1, drawsRates: false)
        let one = WorkEstimate(model, replications: 1, threads: 2)
        XCTAssertEqual(one.effectiveThreads, 1)
        XCTAssertEqual(one.seconds, WorkEstimate(model, replications: 1, threads: 1).seconds)
    }

    /// Staying Put starts at 18 in foster care only (`WorkEstimate`: "18th birthdays in foster care ×
    /// staying_put_probability"): with every child of the start in a children's home, nobody Staying Put at the start
    /// and a Staying Put chance of 1, the estimate has 18th birthdays but no Staying Put arrangements to end.
    func testStayingPutEndsFollowOnlyEighteenthBirthdaysInFosterCare() {
        var s = TestScenarios.baseline()
        s.population.placementMix = PlacementType.allCases.map { $0 == .residential ? 1 : 0 }
        s.population.stayingPut = 0
        s.exits.stayingPutProbability = 1
        let estimate = WorkEstimate(CompiledScenario(s, horizonYears: 5, drawsRates: false), replications: 100, threads: 2)
        XCTAssertGreaterThan(estimate.events(.age18), 1)
        XCTAssertEqual(estimate.events(.stayingPutEnds), 0, accuracy: 1e-9)
    }

    /// The searches whose household reads are costed are entries, re-entries, breakdowns and planned moves
    /// (`householdReadsPerReplicationYear`), in the default scenario with its re-entry chance above 0.
    func testSearchesAreEntriesReentriesBreakdownsAndPlannedMoves() {
        let estimate = WorkEstimate(CompiledScenario(TestScenarios.baseline(), horizonYears: 2, drawsRates: false),
                                    replications: 100, threads: 2)
        XCTAssertGreaterThan(estimate.events(.reentries), 0.5)
        let searches = [WorkEstimate.Kind.entries, .reentries, .breakdowns, .plannedMoves].reduce(0) { $0 + estimate.events($1) }
        XCTAssertEqual(estimate.householdReadsPerReplicationYear, searches * estimate.householdsOnAverage,
                       accuracy: 1e-9 * estimate.householdReadsPerReplicationYear)
    }
}
