import SufficiencyModel
@testable import SufficiencySimulation
import XCTest

/// The target search on synthetic probabilities (a step at a known threshold, a dip, a ceiling), where the answer is
/// known, and the goal's probability on a small simulated run.
final class TargetSearchTests: XCTestCase {
    func search(_ range: ClosedRange<Double> = 0...100, resolution: Double = 1, confidence: Double = 0.8,
                replications: Int = 1000) -> TargetSearch {
        TargetSearch(lever: "lever", range: range, resolution: resolution, confidence: confidence, replications: replications)
    }

    /// A probability function that records every value it is asked for.
    final class Recorder {
        var asked: [Double] = []
        let p: (Double) -> Double
        init(_ p: @escaping (Double) -> Double) { self.p = p }
        func callAsFunction(_ v: Double) -> Double { asked.append(v); return p(v) }
    }

    func testBisectionFindsTheSmallestWholeValueAtAStep() throws {
        for threshold in [1.0, 37, 50, 99, 100] {
            let f = Recorder { $0 >= threshold ? 0.9 : 0.1 }
            let answer = try search().run { f($0) }
            XCTAssertEqual(answer, TargetAnswer(value: threshold, probability: 0.9, below: threshold - 1, belowProbability: 0.1),
                           "threshold \(threshold)")
            XCTAssertEqual(Set(f.asked).count, f.asked.count, "a value is evaluated once (threshold \(threshold))")
            XCTAssertLessThanOrEqual(f.asked.count, 6 + 7, "the grid and about log2(100) bisection steps")
        }
    }

    func testTheAnswerIsOnTheGridOfStepsFromTheBottomOfTheRange() throws {
        // Steps of 0.3 from 0.1: 0.1, 0.4, 0.7, 1.0, …; the first at or above 1.15 is 1.3.
        let answer = try search(0.1...3, resolution: 0.3).run { $0 >= 1.15 ? 1 : 0 }
        XCTAssertEqual(answer.value, 1.3, accuracy: 1e-9)
        XCTAssertEqual(try XCTUnwrap(answer.below), 1.0, accuracy: 1e-9)
    }

    func testTheLastStepIsCappedAtTheTopOfTheRange() throws {
        let s = search(0...10, resolution: 3)
        XCTAssertEqual(s.steps, 4)
        XCTAssertEqual((0...s.steps).map(s.value), [0, 3, 6, 9, 10])
        XCTAssertEqual(try s.run { $0 > 9.5 ? 1 : 0 }.value, 10)
    }

    func testAGoalMetAtTheBottomOfTheRangeHasNothingBelow() throws {
        let answer = try search(5...20).run { _ in 1 }
        XCTAssertEqual(answer, TargetAnswer(value: 5, probability: 1))
    }

    func testAnUnreachableGoalIsRefused() {
        XCTAssertThrowsError(try search().run { $0 / 200 }) { error in
            let text = (error as? TargetRefusal)?.description ?? ""
            XCTAssertTrue(text.hasPrefix("the goal is not reachable in the range: P = 0.500 at lever = 100, below 0.8"), text)
        }
    }

    /// A goal met lower in the range but not at its top, by less than the sampling noise the grid allows (the audit's
    /// case: P = 0.630 at 5 and 10, 0.620 at 20, confidence 0.625) is not "not reachable": it was reached.
    func testAGoalMetBelowTheTopButNotAtItIsRefusedAsNoiseNotAsUnreachable() {
        let p: [Double: Double] = [0: 0.55, 5: 0.63, 10: 0.63, 15: 0.625, 20: 0.62]
        XCTAssertThrowsError(try search(0...20, confidence: 0.625, replications: 100).run { p[$0] ?? 0.6 }) { error in
            let text = (error as? TargetRefusal)?.description ?? ""
            XCTAssertTrue(text.hasPrefix("the goal is met by chance at some values and not at others: P = 0.630 at lever = 5 "
                                         + "but 0.620 at 20, the top of the range, below 0.625;"), text)
        }
    }

    /// However the answer falls, the search evaluates no more values than it says it may (`target --dry-run`).
    func testASearchEvaluatesAtMostItsStatedNumberOfValues() throws {
        for (range, resolution) in [(0.0...100.0, 1.0), (0...20, 1), (0...1, 0.01), (0.1...3, 0.3), (0...1_000_000, 1)] {
            let s = search(range, resolution: resolution)
            for k in [0, 1, s.steps / 3, s.steps - 1, s.steps] {
                let threshold = s.value(k)
                let f = Recorder { $0 >= threshold ? 0.9 : 0.1 }
                _ = try s.run { f($0) }
                XCTAssertLessThanOrEqual(f.asked.count, s.maximumEvaluations, "\(range) by \(resolution), answer \(threshold)")
            }
        }
        XCTAssertEqual(search(0...20).maximumEvaluations, 5 + 2 + 5, "five grid values, the bottom and below, 2^5 ≥ 20 steps")
    }

    /// Lever values are printed and set as the scenario holds them: six decimals at most, no trailing zeros, and
    /// the default step is never finer than that.
    func testLeverValuesAreLabelledToSixDecimalsAndTheDefaultStepIsNoFiner() {
        XCTAssertEqual(TargetSearch.label(11), "11")
        XCTAssertEqual(TargetSearch.label(11.175), "11.175")
        XCTAssertEqual(TargetSearch.label(0 + 7 * 0.01), "0.07")
        XCTAssertEqual(TargetSearch.label(11.1750001), "11.175")
        XCTAssertEqual(TargetSearch.defaultResolution(range: 0...0.00001, current: 0.000005), TargetSearch.finestResolution)
    }

    func testAGoalThatFallsAsTheLeverRisesIsRefused() {
        XCTAssertThrowsError(try search().run { 1 - $0 / 100 }) { error in
            let text = (error as? TargetRefusal)?.description ?? ""
            XCTAssertEqual(text, "the chance of meeting the goal does not rise with lever over the range: P = 1.000 at 0 "
                           + "but 0.750 at 25, so there is no smallest value to find")
        }
    }

    /// With 100 replications a fall of 0.05 is within the noise (0.11) and the search goes on; a fall of 0.2 is not.
    func testAFallWithinSamplingNoiseIsTolerated() throws {
        let s = search(replications: 100)
        XCTAssertEqual(s.noise, 0.11, accuracy: 1e-12)
        let dip = { (drop: Double) in { (v: Double) -> Double in v >= 60 ? 0.9 : (v == 50 ? 0.5 - drop : 0.5) } }
        XCTAssertEqual(try s.run(dip(0.05)).value, 60)
        XCTAssertThrowsError(try s.run(dip(0.2)))
    }

    func testTheMonotonicityGridIsTheQuartersOnTheStepsAndTheTop() {
        XCTAssertEqual(search().monotonicityGrid, [0, 25, 50, 75, 100])
        XCTAssertEqual(search(0...10, resolution: 3).monotonicityGrid, [0, 3, 6, 9, 10], "quarters brought down to steps")
    }

    func testDefaultsAreTwiceTheCurrentValueInWholeStepsForACount() {
        XCTAssertEqual(TargetSearch.defaultRange(current: 12), 0...24)
        XCTAssertEqual(TargetSearch.defaultRange(current: 0), 0...1)
        XCTAssertEqual(TargetSearch.defaultResolution(range: 0...24, current: 12), 1)
        XCTAssertEqual(TargetSearch.defaultResolution(range: 0...0.5, current: 0.25), 0.005)
        XCTAssertEqual(TargetSearch.defaultResolution(range: 0...24, current: 12.5), 0.24)
    }

    func testARangeFitsUpToTheMaximumNumberOfSteps() {
        XCTAssertTrue(TargetSearch.fits(range: 0...1, resolution: 1e-8))
        XCTAssertTrue(TargetSearch.fits(range: 0...1_000_000_000, resolution: 1))
        XCTAssertFalse(TargetSearch.fits(range: 0...1, resolution: 1e-10))
        XCTAssertFalse(TargetSearch.fits(range: 0...20, resolution: 1e-300))
    }

    func testAThrowingEvaluationStopsTheSearch() {
        struct Failure: Error {}
        XCTAssertThrowsError(try search().run { v in if v > 30 { throw Failure() }; return 0 }) { error in
            XCTAssertTrue(error is Failure)
        }
    }

    // MARK: - The goal

    func testGoalsParseStateAndCountReplicationsMeetingThem() {
        XCTAssertEqual(TargetGoal.Outcome(label: "net_savings"), .netSavings)
        XCTAssertEqual(TargetGoal.Outcome(label: "ifa_foster"), .metric(.ifaFoster))
        XCTAssertNil(TargetGoal.Outcome(label: "ifa"))
        let year = FinancialYear(startYear: 2019)
        let atLeast = TargetGoal(.netSavings, in: year, .atLeast(372_000))
        XCTAssertEqual(atLeast.description, "net_savings in 2019-20 ≥ 372000")
        XCTAssertTrue(atLeast.isMet(by: 372_000))
        XCTAssertFalse(atLeast.isMet(by: 371_999))
        let atMost = TargetGoal(.metric(.ifaFoster), in: year, .atMost(60))
        XCTAssertEqual(atMost.description, "ifa_foster in 2019-20 ≤ 60")
        XCTAssertTrue(atMost.isMet(by: 60))
        XCTAssertFalse(atMost.isMet(by: 60.5))
        XCTAssertEqual(atMost.horizonYears(from: CivilDate(year: 2017, month: 4, day: 1)), 3)
        // The bound as tested, not rounded to a whole number (which printed ≤ 7 for a search of ≤ 6.5).
        XCTAssertEqual(TargetGoal(.metric(.moves3PlusPct), in: year, .atMost(6.5)).description, "moves_3plus_pct in 2019-20 ≤ 6.5")
    }

    /// On a small run: "at most x" and "more than x" split the replications, and net savings against the run itself
    /// are zero in every replication.
    func testTheGoalsProbabilityIsTheShareOfReplicationsOnTheRun() {
        let s = TestScenarios.baseline()
        let result = TestScenarios.run(s, years: 1, replications: 20, seed: 3)
        let values = result.values(.childrenInCare, year: 0).sorted()
        let middle = values[9]
        let year = s.startDate.financialYear
        let atMost = TargetGoal(.metric(.childrenInCare), in: year, .atMost(middle))
        let expected = Double(values.filter { $0 <= middle }.count) / 20
        XCTAssertEqual(atMost.probability(result, baseline: nil, year: 0), expected)
        XCTAssertGreaterThan(expected, 0)
        XCTAssertLessThan(TargetGoal(.metric(.childrenInCare), in: year, .atLeast(values[19] + 1))
            .probability(result, baseline: nil, year: 0), 1e-12)
        XCTAssertEqual(TargetGoal(.netSavings, in: year, .atLeast(0)).probability(result, baseline: result, year: 0), 1)
        XCTAssertEqual(TargetGoal(.netSavings, in: year, .atLeast(0.01)).probability(result, baseline: result, year: 0), 0)
    }
}
