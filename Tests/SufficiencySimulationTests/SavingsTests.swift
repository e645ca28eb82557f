import SufficiencyModel
@testable import SufficiencySimulation
import XCTest

/// Savings against a baseline: exact identities, a hand-checked NPV and payback, and the variance reduction that
/// common random numbers buy.
final class SavingsTests: XCTestCase {
    func testComparingAScenarioWithItselfGivesZeroSavingsInEveryReplication() {
        let s = TestScenarios.baseline()
        let a = TestScenarios.run(s, years: 3, replications: 30, seed: 4)
        let b = TestScenarios.run(s, years: 3, replications: 30, seed: 4, threads: 1)
        let savings = SavingsAnalysis(baseline: a, scenario: b, name: "same", valuation: SavingsValuation())
        for measure in savings.nominal { for year in measure { XCTAssertEqual(year, [Double](repeating: 0, count: 30)) } }
        for line in savings.lineNominal { for year in line { XCTAssertEqual(year, [Double](repeating: 0, count: 30)) } }
        XCTAssertEqual(savings.npv, [Double](repeating: 0, count: 30))
    }

    /// A saving counts as positive from half a penny: replications the same to the penny differ by rounding error
    /// (sums of many daily amounts), which is no saving.
    func testASubPennyDifferenceIsNotASaving() {
        XCTAssertEqual(SavingsAnalysis.probabilityPositive([0, 1e-9, 0.004, -1e-9, 0.005, 12, -3, 0.01]), 3.0 / 8)
        XCTAssertEqual(SavingsAnalysis.probabilityPositive([]), 0)
        XCTAssertEqual(CompareWriter.pounds(-50_000.4), "-£50,000")
        XCTAssertEqual(CompareWriter.pounds(1_122_000), "£1,122,000")
    }

    func testLineSavingsAddUpToNetSavings() throws {
        let baseline = TestScenarios.run(TestScenarios.baseline(), years: 3, replications: 40, seed: 8)
        let plan = try ScenarioLoader.load(path: "tact-recruitment").scenario
        let scenario = TestScenarios.run(plan, years: 3, replications: 40, seed: 8)
        let savings = SavingsAnalysis(baseline: baseline, scenario: scenario, name: "tact", valuation: SavingsValuation())
        for y in 0..<3 {
            for r in 0..<40 {
                let lines = SavingsLine.allCases.reduce(0.0) { $0 + savings.lineNominal[$1.rawValue][y][r] }
                let net = savings.nominal[SavingsMeasure.netSavings.rawValue][y][r]
                XCTAssertEqual(lines, net, accuracy: 1e-6 * max(1, abs(net)), "year \(y), replication \(r)")
                let gross = savings.nominal[SavingsMeasure.grossSavings.rawValue][y][r]
                let costs = savings.nominal[SavingsMeasure.interventionCosts.rawValue][y][r]
                let income = savings.nominal[SavingsMeasure.income.rawValue][y][r]
                XCTAssertEqual(gross - costs + income, net, accuracy: 1e-6 * max(1, abs(net)))
                XCTAssertEqual(net, baseline.value(.netCost, year: y, replication: r) - scenario.value(.netCost, year: y, replication: r),
                               accuracy: 1e-6 * max(1, abs(net)))
            }
        }
    }

    /// Net savings of −50, 40 and 60 over three years at a 10% discount rate and no inflation:
    /// NPV = −50 + 40/1.1 + 60/1.21 = 35.950…; cumulative −50, −10, 50, so payback in the third year.
    func testNPVAndPaybackMatchAHandCalculation() {
        let model = CompiledScenario(TestScenarios.baseline(), horizonYears: 3)
        let baseline = RunResult(model: model, replications: 1, seed: 0)
        let scenario = RunResult(model: model, replications: 1, seed: 0)
        for (y, (b, s)) in [(100.0, 150.0), (100, 60), (100, 40)].enumerated() {
            for (r, v) in [(baseline, b), (scenario, s)] {
                r.annual[y * AnnualMetric.count + AnnualMetric.costTotal.rawValue] = v
                r.annual[y * AnnualMetric.count + AnnualMetric.netCost.rawValue] = v
                r.annual[y * AnnualMetric.count + AnnualMetric.costResidential.rawValue] = v
            }
        }
        var valuation = SavingsValuation()
        valuation.discountRate = 0.10
        valuation.deflatorRate = 0
        valuation.target = 40
        valuation.targetYear = model.years[1]
        let savings = SavingsAnalysis(baseline: baseline, scenario: scenario, name: "hand", valuation: valuation)
        XCTAssertEqual(savings.nominal[SavingsMeasure.netSavings.rawValue].map { $0[0] }, [-50, 40, 60])
        XCTAssertEqual(savings.nominal[SavingsMeasure.cumulativeNetSavings.rawValue].map { $0[0] }, [-50, -10, 50])
        XCTAssertEqual(savings.npv[0], -50 + 40 / 1.1 + 60 / 1.21, accuracy: 1e-9)
        XCTAssertEqual(savings.paybackYear, model.years[2])
        XCTAssertEqual(savings.targetProbability, 1)
        // Real terms at 2% deflation a year from the first year.
        valuation.deflatorRate = 0.02
        let real = SavingsAnalysis(baseline: baseline, scenario: scenario, name: "hand", valuation: valuation)
        XCTAssertEqual(real.real[SavingsMeasure.netSavings.rawValue][2][0], 60 / 1.0404, accuracy: 1e-9)
        // Real cumulative savings add up each year's real savings.
        XCTAssertEqual(real.real[SavingsMeasure.cumulativeNetSavings.rawValue][2][0], -50 + 40 / 1.02 + 60 / 1.0404,
                       accuracy: 1e-9)
    }

    /// Payback is the first year in which the median replication's cumulative net savings are positive, not the
    /// mean's: one replication saving 100 at once pulls the mean up a year early. Net savings by replication are
    /// −10, −10 and 100 in the first year (median −10, mean 26.7) and 20, 20 and 0 in the second (cumulative 10, 10
    /// and 100: median 10).
    func testPaybackIsWhenTheMedianReplicationHasPaidBack() {
        let model = CompiledScenario(TestScenarios.baseline(), horizonYears: 2)
        let baseline = RunResult(model: model, replications: 3, seed: 0)
        let scenario = RunResult(model: model, replications: 3, seed: 0)
        let saved: [[Double]] = [[-10, -10, 100], [20, 20, 0]]
        for y in 0..<2 {
            for r in 0..<3 {
                for (run, cost) in [(baseline, 100.0), (scenario, 100 - saved[y][r])] {
                    for metric in [AnnualMetric.costTotal, .netCost] {
                        run.annual[(r * 2 + y) * AnnualMetric.count + metric.rawValue] = cost
                    }
                }
            }
        }
        let savings = SavingsAnalysis(baseline: baseline, scenario: scenario, name: "hand", valuation: SavingsValuation())
        XCTAssertEqual(savings.nominal[SavingsMeasure.cumulativeNetSavings.rawValue][1], [10, 10, 100])
        XCTAssertEqual(savings.paybackYear, model.years[1])
    }

    /// Common random numbers: the 90% interval of net savings is several times narrower than with independent seeds.
    func testCommonRandomNumbersNarrowTheSavingsIntervalOfARecruitmentScenario() throws {
        let plan = try ScenarioLoader.load(path: "tact-recruitment").scenario
        let baseline = TestScenarios.run(TestScenarios.baseline(), years: 2, replications: 150, seed: 21)
        let common = TestScenarios.run(plan, years: 2, replications: 150, seed: 21)
        let independent = TestScenarios.run(plan, years: 2, replications: 150, seed: 9_999)
        func width(_ r: RunResult) -> Double {
            let s = SavingsAnalysis(baseline: baseline, scenario: r, name: "x", valuation: SavingsValuation())
            let net = Summary(s.nominal[SavingsMeasure.netSavings.rawValue][1])
            return net.p95 - net.p05
        }
        let ratio = width(independent) / width(common)
        XCTAssertGreaterThan(ratio, 2.5, "independent seeds \(width(independent)) against common \(width(common))")
    }

    /// The comparison's net present value line gives the 90% interval: one year, 21 replications saving 0, 1,000,
    /// … 20,000, no discounting or inflation, so the NPV is the year's saving, whose 5th and 95th percentiles (GSL:
    /// ranks 1 and 19 exactly) are 1,000 and 19,000; the table's own row gives the 80% interval, 2,000 to 18,000.
    func testTheNPVLineGivesTheNinetyPercentInterval() {
        let model = CompiledScenario(TestScenarios.baseline(), horizonYears: 1)
        let baseline = RunResult(model: model, replications: 21, seed: 0)
        let scenario = RunResult(model: model, replications: 21, seed: 0)
        for r in 0..<21 {
            for (run, cost) in [(baseline, 100_000.0), (scenario, 100_000 - 1_000 * Double(r))] {
                for metric in [AnnualMetric.costTotal, .netCost] { run.annual[r * AnnualMetric.count + metric.rawValue] = cost }
            }
        }
        var v = SavingsValuation()
        v.discountRate = 0
        v.deflatorRate = 0
        let text = CompareWriter.table(SavingsAnalysis(baseline: baseline, scenario: scenario, name: "x", valuation: v))
        XCTAssertTrue(text.contains(": 10,000 (90% interval 1,000 to 19,000)"), text)
        XCTAssertTrue(text.contains("10,000 (2,000 to 18,000)"), "the table's 80% interval: \(text)")
    }
}

final class ComparisonSeedTests: XCTestCase {
    /// Common random numbers run every scenario on the baseline's seed; independent seeds give each scenario one of
    /// its own, never the baseline's nor another scenario's.
    func testIndependentSeedsDifferFromTheBaselinesAndFromEachOther() {
        for base in [UInt64(0), 1, 20_170_401, .max, .max - 0x9E37_79B9] {
            XCTAssertEqual((0..<5).map { SavingsAnalysis.seed(forScenario: $0, baseline: base, independent: false) },
                           [UInt64](repeating: base, count: 5))
            let seeds = (0..<1_000).map { SavingsAnalysis.seed(forScenario: $0, baseline: base, independent: true) }
            XCTAssertFalse(seeds.contains(base), "seed \(base)")
            XCTAssertEqual(Set(seeds).count, seeds.count, "seed \(base)")
        }
    }
}
