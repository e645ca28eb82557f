import Foundation
import SufficiencyModel
@testable import SufficiencySimulation
import XCTest

/// The engine against queueing theory. With supply unconstrained, Poisson entries at rate λ and one exit route
/// with hazard μ, the number in care is an M/M/∞ queue: starting from N0, at time t it is the sum of a binomial
/// (N0, e^(−μt)) survivors and a Poisson((λ/μ)(1 − e^(−μt))) count of new arrivals still in care. Tolerances are
/// four standard errors of the replications' own mean and variance, so a correct engine fails about once in
/// 15,000 checks and a wrong rate (by a few per cent) fails reliably.
final class QueueingTheoryTests: XCTestCase {
    func testTheStockOfAnMMInfinitySystemHasMeanAndVarianceLambdaOverMu() {
        let lambda = 60.0, mu = 0.5
        let s = TestScenarios.queue(lambda: lambda, mu: mu)
        let years = 10
        let result = TestScenarios.run(s, years: years, replications: 600)
        let y = years - 1
        let t = TestScenarios.yearsToStock(s, year: y)
        let expected = lambda / mu * (1 - exp(-mu * t))
        let (mean, variance) = moments(result.values(.childrenInCare, year: y))
        let n = Double(result.replications)
        XCTAssertEqual(mean, expected, accuracy: 4 * (expected / n).squareRoot(), "mean stock at \(t) years")
        XCTAssertEqual(variance, expected, accuracy: 4 * expected * (2 / (n - 1)).squareRoot(), "variance of the stock")
        // The steady state itself: λ/μ = 120, reached within 1% by year 10.
        XCTAssertEqual(mean, lambda / mu, accuracy: 0.01 * lambda / mu + 4 * (expected / n).squareRoot())
    }

    func testTheTransientMeanFollowsTheMMInfinitySolutionFromALargeInitialPopulation() {
        let lambda = 50.0, mu = 0.4, n0 = 300
        let s = TestScenarios.queue(lambda: lambda, mu: mu, initial: n0)
        let result = TestScenarios.run(s, years: 6, replications: 400)
        let n = Double(result.replications)
        for y in 0..<6 {
            let t = TestScenarios.yearsToStock(s, year: y)
            let p = exp(-mu * t)
            let expected = Double(n0) * p + lambda / mu * (1 - p)
            let variance = Double(n0) * p * (1 - p) + lambda / mu * (1 - p)
            let (mean, sampleVariance) = moments(result.values(.childrenInCare, year: y))
            XCTAssertEqual(mean, expected, accuracy: 4 * (variance / n).squareRoot(), "mean at \(t) years")
            XCTAssertEqual(sampleVariance, variance, accuracy: 4.5 * variance * (2 / (n - 1)).squareRoot(),
                           "variance at \(t) years")
        }
    }

    /// M/G/∞ from empty: E[N(t)] = λ ∫₀ᵗ S(u) du, where S is the survival function of a stay. With the exit hazard
    /// piecewise constant in time in care, S is piecewise exponential; as t grows the integral tends to the mean
    /// stay and this is Little's law, L = λW.
    func testTheStockFollowsLittlesLawWhenStaysAreNotExponential() {
        let lambda = 40.0, mu = 0.6
        let multipliers = [2.0, 1.5, 1.0, 0.8, 0.6]
        let s = TestScenarios.queue(lambda: lambda, mu: mu, timeMultipliers: multipliers)
        let years = 15
        let result = TestScenarios.run(s, years: years, replications: 300)
        let starts = [0.0, 0.5, 1, 2, 5]   // years
        func integratedSurvival(_ t: Double) -> Double {
            var total = 0.0, survival = 1.0
            for (k, start) in starts.enumerated() where start < t {
                let end = min(k + 1 < starts.count ? starts[k + 1] : .infinity, t)
                let rate = mu * multipliers[k]
                total += survival * (1 - exp(-rate * (end - start))) / rate
                survival *= exp(-rate * (end - start))
            }
            return total
        }
        let n = Double(result.replications)
        for y in [1, 4, years - 1] {
            let t = TestScenarios.yearsToStock(s, year: y)
            let expected = lambda * integratedSurvival(t)
            let mean = moments(result.values(.childrenInCare, year: y)).mean
            XCTAssertEqual(mean, expected, accuracy: 4 * (expected / n).squareRoot(), "E[N] at \(t) years")
        }
        let meanStay = integratedSurvival(1_000)
        let last = moments(result.values(.childrenInCare, year: years - 1)).mean
        XCTAssertEqual(last, lambda * meanStay, accuracy: 0.01 * lambda * meanStay + 4 * (lambda * meanStay / n).squareRoot(),
                       "Little's law: L = λW with W = \(meanStay) years")
    }

    func testEntriesInAYearArePoissonWithTheScenarioRate() {
        let lambda = 80.0
        let s = TestScenarios.queue(lambda: lambda, mu: 1)
        let result = TestScenarios.run(s, years: 2, replications: 500)
        let (mean, variance) = moments(result.values(.entries, year: 1))
        let n = Double(result.replications)
        XCTAssertEqual(mean, lambda, accuracy: 4 * (lambda / n).squareRoot())
        XCTAssertEqual(variance, lambda, accuracy: 4 * lambda * (2 / (n - 1)).squareRoot())
    }

    /// Competing risks: with constant hazards μ₁ (reunification) and μ₂ (special guardianship) the share of exits by
    /// the first route is μ₁ / (μ₁ + μ₂).
    func testExitsSplitBetweenRoutesInProportionToTheirHazards() {
        var s = TestScenarios.queue(lambda: 100, mu: 0.6)
        let sgo = ExitRoute.hazardRoutes.firstIndex(of: .specialGuardianship)!
        s.exits.baseHazard[sgo] = CarePlan.allCases.map { _ in 0.2 }
        let result = TestScenarios.run(s, years: 5, replications: 200)
        var reunified = 0.0, guardianship = 0.0
        for y in 0..<5 {
            reunified += result.values(.exitsReunification, year: y).reduce(0, +)
            guardianship += result.values(.exitsSGO, year: y).reduce(0, +)
        }
        let total = reunified + guardianship
        let share = reunified / total
        XCTAssertEqual(share, 0.75, accuracy: 4 * (0.75 * 0.25 / total).squareRoot())
    }
}
