import Foundation
import SufficiencyModel
@testable import SufficiencySimulation
import XCTest

/// The checks behind the commands' one-line refusals that are more than parsing a flag: a valuation whose real
/// terms cannot be computed, a sensitivity or sweep that names nothing or the same thing twice; and JSON that
/// stays JSON whatever the numbers.
final class FlagProblemTests: XCTestCase {
    static let years = [FinancialYear(startYear: 2017), FinancialYear(startYear: 2018)]

    func valuation(deflator: Double = 0.02, priceBase: Int? = nil, discount: Double = 0.035) -> SavingsValuation {
        var v = SavingsValuation()
        v.deflatorRate = deflator
        v.priceBase = priceBase.map(FinancialYear.init(startYear:))
        v.discountRate = discount
        return v
    }

    func testTheDefaultValuationAndTheEdgesOfItsWindowsAreAccepted() {
        XCTAssertEqual(SavingsValuation().problems(years: Self.years), [])
        for deflator in [-0.1, 0, 0.3] {
            for base in [2007, 2017, 2018, 2028] {
                XCTAssertEqual(valuation(deflator: deflator, priceBase: base).problems(years: Self.years), [], "\(deflator) \(base)")
            }
        }
    }

    func testAnImplausibleDeflatorOrAFarPriceBaseIsOneLineEach() {
        let window = "must be a financial year from 2007-08 to 2028-29: within 10 years of the simulated years 2017-18 to 2018-19"
        XCTAssertEqual(valuation(deflator: -0.5, priceBase: 0).problems(years: Self.years), [
            "--deflator -0.5 must be a number from -0.1 to 0.3",
            "--price-base 0000-01 \(window)",
        ])
        XCTAssertEqual(valuation(priceBase: 2006).problems(years: Self.years), ["--price-base 2006-07 \(window)"])
        XCTAssertEqual(valuation(priceBase: 2029).problems(years: Self.years), ["--price-base 2029-30 \(window)"])
        XCTAssertEqual(valuation(deflator: 0.31).problems(years: Self.years), ["--deflator 0.31 must be a number from -0.1 to 0.3"])
        XCTAssertEqual(valuation(deflator: .nan).problems(years: Self.years), ["--deflator nan must be a number from -0.1 to 0.3"])
        XCTAssertEqual(valuation(discount: -1).problems(years: Self.years), ["--discount-rate -1.0 must be a number of 0 or more"])
    }

    /// Within both windows the factor between nominal and real terms stays between 1.3^−24 and 1.3^24 (about 1/543
    /// and 543), so the real figures are finite whenever the nominal ones are.
    func testAcceptedValuationsGiveFiniteRealTerms() {
        let years = (2017..<2032).map(FinancialYear.init(startYear:))
        for deflator in [-0.1, 0.3] {
            for base in [2007, 2041] {
                XCTAssertEqual(valuation(deflator: deflator, priceBase: base).problems(years: years), [])
                for y in years {
                    let factor = pow(1 + deflator, Double(y.startYear - base))
                    XCTAssertTrue(factor.isNormal && factor >= 1 / 544 && factor <= 544, "\(deflator) \(base) \(y): \(factor)")
                }
            }
        }
    }

    func testJSONNumbersAreNullWhenNotFinite() {
        XCTAssertEqual(Format.jsonNumber(.nan, 2), "null")
        XCTAssertEqual(Format.jsonNumber(.infinity, 0), "null")
        XCTAssertEqual(Format.jsonNumber(-.infinity), "null")
        XCTAssertEqual(Format.jsonNumber(1234.5678, 2), Format.fixed(1234.5678, 2))
        XCTAssertEqual(Format.jsonNumber(0.035), "0.035")
    }

    /// A valuation built without its checks (deflation of 50% a year to a price base of year 0) makes the real
    /// figures NaN; compare.json used to say `"mean": NA`, which no JSON reader accepts.
    func testCompareJSONIsJSONEvenWhenTheFiguresAreNot() throws {
        let model = CompiledScenario(TestScenarios.baseline(), horizonYears: 2)
        let baseline = RunResult(model: model, replications: 2, seed: 0)
        let scenario = RunResult(model: model, replications: 2, seed: 0)
        for y in 0..<2 {
            for (r, v) in [(baseline, 100.0), (scenario, 60.0)] {
                r.annual[y * AnnualMetric.count + AnnualMetric.netCost.rawValue] = v
                r.annual[y * AnnualMetric.count + AnnualMetric.costTotal.rawValue] = v
            }
        }
        let v = valuation(deflator: -0.5, priceBase: 0, discount: .nan)
        let analysis = SavingsAnalysis(baseline: baseline, scenario: scenario, name: "x", valuation: v)
        XCTAssertFalse(analysis.npv.allSatisfy(\.isFinite), "the test needs figures that are not finite")
        let text = CompareWriter.compareJSON([analysis], baseline: "b", seed: 1, replications: 2, independentSeeds: false)
        XCTAssertFalse(text.contains("NA") || text.contains("nan") || text.contains("inf"), text)
        let json = try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any], text)
        XCTAssertTrue(json["discount_rate"] is NSNull, text)
        let npv = try XCTUnwrap(((json["scenarios"] as? [String: Any])?["x"] as? [String: Any])?["npv_real"] as? [String: Any])
        XCTAssertTrue(npv["mean"] is NSNull, text)
    }

    // MARK: - sensitivity --parameters

    /// The tables' pounds are the shared formatter's grouping; a figure no `Int` holds is `NA`, where the writer's
    /// own `Int64(_:)` would have stopped the program.
    func testTablePoundsAreGroupedAndNeverTrap() {
        XCTAssertEqual(CompareWriter.money(1_122_000), "1,122,000")
        XCTAssertEqual(CompareWriter.money(-45_300.4), "-45,300")
        XCTAssertEqual(CompareWriter.money(999.5), "1,000")
        XCTAssertEqual(CompareWriter.money(-0.4), "0")
        XCTAssertEqual(CompareWriter.money(.nan), "NA")
        XCTAssertEqual(CompareWriter.money(1e300), "NA")
    }

    func testParametersAreSplitAtCommasKeepingEmptyOnes() {
        XCTAssertEqual(Sensitivity.parameterList("a.b, c.d"), ["a.b", "c.d"])
        XCTAssertEqual(Sensitivity.parameterList(""), [""])
        XCTAssertEqual(Sensitivity.parameterList(",,,"), ["", "", "", ""])
        XCTAssertEqual(Sensitivity.parameterList("a.b,,c.d,"), ["a.b", "", "c.d", ""])
    }

    func testParametersNamingNothingAnEmptyKeyOrAKeyTwiceAreProblems() {
        let none = "--parameters: no key path given; expected KEY,KEY,... (key paths as in the scenario file)"
        let empty = "--parameters: an empty key path (two commas together, or a comma at either end); expected KEY,KEY,..."
        XCTAssertEqual(Sensitivity.parameterProblems(Sensitivity.parameterList("a.b,c.d")), [])
        XCTAssertEqual(Sensitivity.parameterProblems(Sensitivity.parameterList("")), [none])
        XCTAssertEqual(Sensitivity.parameterProblems(Sensitivity.parameterList(" , ,,")), [none])
        XCTAssertEqual(Sensitivity.parameterProblems([]), [none])
        XCTAssertEqual(Sensitivity.parameterProblems(Sensitivity.parameterList("a.b,,c.d")), [empty])
        XCTAssertEqual(Sensitivity.parameterProblems(Sensitivity.parameterList("a.b,c.d,")), [empty])
        XCTAssertEqual(Sensitivity.parameterProblems(Sensitivity.parameterList("a.b,c.d,a.b,c.d,a.b")),
                       ["--parameters: a.b given 3 times", "--parameters: c.d given twice"])
    }

    /// A plan built without the command's check is refused by `candidates` too, before anything is simulated.
    func testAPlanNamingNothingOrAKeyTwiceIsRefused() throws {
        let plan = try ScenarioLoader.load(path: "savings-plan-2022-23")
        let baseline = try ScenarioLoader.load(path: "peterborough-2022")
        let key = "interventions.reunification_programme.hazard_multiplier"
        for (named, expected) in [([String](), "--parameters: no key path given"), ([key, key], "--parameters: \(key) given twice")] {
            let p = Sensitivity.Plan(baseline: baseline, scenario: plan, year: FinancialYear(startYear: 2022), target: nil,
                                     swing: 0.25, parameters: named, replications: 2, seed: 1, threads: 1)
            XCTAssertThrowsError(try Sensitivity.candidates(p), "\(named)") { error in
                XCTAssertTrue(String(describing: error).hasPrefix(expected), "\(error)")
            }
        }
    }

    // MARK: - sweep --set

    func testASweepKeyOrValueGivenTwiceIsAProblem() {
        func sweep(_ sets: [String]) -> Sweep { Sweep(axes: sets.compactMap(Sweep.Axis.init(assignment:))) }
        XCTAssertEqual(sweep(["a.b=1,2", "c.d=3"]).problems, [])
        XCTAssertEqual(sweep(["a.b=1", "a.b=2"]).problems, ["--set: a.b given twice"])
        XCTAssertEqual(sweep(["a.b=1, 2 ,1"]).problems, ["--set a.b=1,2,1: the value 1 given twice"])
        XCTAssertEqual(sweep(["a.b=1", "c.d=4,4,4", "a.b=2", "a.b=3,3"]).problems, [
            "--set: a.b given 3 times",
            "--set c.d=4,4,4: the value 4 given 3 times",
            "--set a.b=3,3: the value 3 given twice",
        ])
    }
}
