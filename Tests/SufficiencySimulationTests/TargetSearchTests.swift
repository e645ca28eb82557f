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

    // MARK: - Seventh mutation audit

    /// The goal is met with "at least a given probability" (`TargetSearch`), so a probability equal to the confidence
    /// meets it, at the top of the range and in the bisection alike: a step to exactly 0.8 at 37, confidence 0.8,
    /// answers 37 (probability 0.8), with 36 below it (0.1).
    func testAProbabilityEqualToTheConfidenceMeetsTheGoal() throws {
        let answer = try search(confidence: 0.8).run { $0 >= 37 ? 0.8 : 0.1 }
        XCTAssertEqual(answer, TargetAnswer(value: 37, probability: 0.8, below: 36, belowProbability: 0.1))
    }

    /// A value below the top whose probability equals the confidence has met the goal, so a top below it is "met by
    /// chance", not "not reachable" (the refusals of `TargetSearch.run`): P = 0.625 exactly at 5, 0.62 at 10 to 20,
    /// confidence 0.625, 100 replications (noise 0.11, so the grid's falls are tolerated).
    func testAValueMeetingTheConfidenceExactlyBelowTheTopIsMetByChance() {
        let p: [Double: Double] = [0: 0.55, 5: 0.625, 10: 0.62, 15: 0.62, 20: 0.62]
        XCTAssertThrowsError(try search(0...20, confidence: 0.625, replications: 100).run { p[$0] ?? 0.6 }) { error in
            let text = (error as? TargetRefusal)?.description ?? ""
            XCTAssertTrue(text.hasPrefix("the goal is met by chance at some values and not at others: P = 0.625 at lever = 5 "
                                         + "but 0.620 at 20, the top of the range, below 0.625;"), text)
        }
    }

    /// The grid's quarters are brought *down* to values searched (`monotonicityGrid`): 0 to 10 by 4 has quarters 0,
    /// 2.5, 5, 7.5 and 10, brought down to 0, 0, 4, 4 and 8, with the top, 10: [0, 4, 8, 10], none beyond the range
    /// (rounded to the nearest step, 10 would become 12).
    func testTheMonotonicityGridIsBroughtDownAndStaysInTheRange() {
        let s = search(0...10, resolution: 4)
        XCTAssertEqual(s.monotonicityGrid, [0, 4, 8, 10])
        XCTAssertTrue(s.monotonicityGrid.allSatisfy { (0...10).contains($0) })
    }

    /// Each grid value is set against the one before it, not only against the first (`run`: "the probability falls
    /// along the monotonicity grid"): 0.1, 0.9, 0.5, 0.95, 0.95 over the quarters of 0 to 100 falls by 0.4 from 25 to
    /// 50, far beyond the noise of 1,000 replications (about 0.033), though 0.5 is above the 0.1 at 0.
    func testAFallBetweenNeighbouringGridValuesIsRefusedThoughAboveTheFirst() {
        let p: [Double: Double] = [0: 0.1, 25: 0.9, 50: 0.5, 75: 0.95, 100: 0.95]
        XCTAssertThrowsError(try search().run { p[$0] ?? ($0 < 50 ? 0.9 : 0.95) }) { error in
            let text = (error as? TargetRefusal)?.description ?? ""
            XCTAssertEqual(text, "the chance of meeting the goal does not rise with lever over the range: P = 0.900 at 25 "
                           + "but 0.500 at 50, so there is no smallest value to find")
        }
    }

    /// The most evaluations are the grid, the bottom and the value below, and ⌈log₂ steps⌉ bisections: 0 to 16 by 1
    /// has a grid of 0, 4, 8, 12, 16 (5 values), and 16 steps halve in 4, so 5 + 2 + 4 = 11.
    func testTheMostEvaluationsCountTheBisectionsOfAPowerOfTwoExactly() {
        XCTAssertEqual(search(0...16).maximumEvaluations, 11)
    }

    /// Net savings are the baseline's net cost less the scenario's, replication by replication (`TargetGoal`): with
    /// agency prices doubled and the same seeds, the scenario costs more, so its savings against the baseline are
    /// below 0 in every replication where it differs. The share meeting "at least 0" is computed here from the two
    /// runs' net costs directly.
    func testNetSavingsAreTheBaselinesNetCostLessTheScenarios() {
        let base = TestScenarios.baseline()
        var dearer = base
        dearer.ifa.weeklyPriceByNeed = dearer.ifa.weeklyPriceByNeed.map { $0 * 2 }
        let baseline = TestScenarios.run(base, years: 1, replications: 6, seed: 7)
        let result = TestScenarios.run(dearer, years: 1, replications: 6, seed: 7)
        let savings = (0..<6).map { baseline.value(.netCost, year: 0, replication: $0) - result.value(.netCost, year: 0, replication: $0) }
        XCTAssertTrue(savings.allSatisfy { $0 <= 0 } && savings.contains { $0 < 0 }, "\(savings)")
        let year = base.startDate.financialYear
        for bound in [0.0, -1] {
            let goal = TargetGoal(.netSavings, in: year, .atLeast(bound))
            XCTAssertEqual(goal.probability(result, baseline: baseline, year: 0),
                           Double(savings.filter { $0 >= bound }.count) / 6, "at least \(bound)")
        }
        XCTAssertLessThan(TargetGoal(.netSavings, in: year, .atLeast(0.01)).probability(result, baseline: baseline, year: 0), 1)
    }
}
