import CGSL
import Foundation
@testable import SufficiencySimulation
import XCTest

/// Each distribution drawn through GSL against its analytic mean and variance, within four standard errors.
final class RandomStreamTests: XCTestCase {
    let n = 40_000

    func draws(_ f: (RandomStream) -> Double) -> (mean: Double, variance: Double) {
        let r = RandomStream()
        r.seed(master: 11, replication: 0, stream: .arrivals)
        return moments((0..<n).map { _ in f(r) })
    }

    func check(_ name: String, _ f: (RandomStream) -> Double, mean: Double, variance: Double, kurtosis: Double = 3) {
        let (m, v) = draws(f)
        XCTAssertEqual(m, mean, accuracy: 4 * (variance / Double(n)).squareRoot(), "\(name) mean")
        // Standard error of a sample variance: σ² √((κ − 1)/n).
        XCTAssertEqual(v, variance, accuracy: 4 * variance * ((kurtosis - 1) / Double(n)).squareRoot(), "\(name) variance")
    }

    func testExponentialHasMeanAndVarianceFromItsMean() {
        check("exponential", { $0.exponential(mean: 2.5) }, mean: 2.5, variance: 6.25, kurtosis: 9)
    }

    func testPoissonHasEqualMeanAndVariance() {
        check("poisson", { Double($0.poisson(mean: 7)) }, mean: 7, variance: 7, kurtosis: 3 + 1 / 7.0)
    }

    func testBinomialHasMeanNpAndVarianceNpq() {
        check("binomial", { Double($0.binomial(p: 0.3, n: 20)) }, mean: 6, variance: 4.2, kurtosis: 3)
    }

    func testGammaHasMeanKThetaAndVarianceKThetaSquared() {
        check("gamma", { $0.gamma(mean: 6, shape: 4) }, mean: 6, variance: 9, kurtosis: 3 + 6 / 4.0)
    }

    func testLognormalHasTheRequestedMeanAndCoefficientOfVariation() {
        let cv = 0.35, mean = 3500.0
        let s2 = log1p(cv * cv)
        let kurtosis = exp(4 * s2) + 2 * exp(3 * s2) + 3 * exp(2 * s2) - 3
        check("lognormal", { $0.lognormal(mean: mean, cv: cv) }, mean: mean, variance: pow(cv * mean, 2), kurtosis: kurtosis)
    }

    func testWeibullHasItsGammaFunctionMoments() {
        let a = 2.0, b = 1.5
        let mean = a * tgamma(1 + 1 / b)
        let variance = a * a * (tgamma(1 + 2 / b) - pow(tgamma(1 + 1 / b), 2))
        check("weibull", { $0.weibull(scale: a, shape: b) }, mean: mean, variance: variance, kurtosis: 4)
    }

    func testDiscreteDrawsFollowTheirWeights() {
        let weights = [0.5, 0.2, 0.0, 0.3]
        let table = DiscreteDistribution(weights: weights)
        let r = RandomStream()
        r.seed(master: 5, replication: 1, stream: .childAttributes)
        var counts = [0, 0, 0, 0]
        for _ in 0..<n { counts[r.discrete(table)] += 1 }
        for (k, w) in weights.enumerated() {
            XCTAssertEqual(Double(counts[k]) / Double(n), w, accuracy: 4 * (w * (1 - w) / Double(n)).squareRoot() + 1e-12)
        }
        let multinomial = r.multinomial(n: 1000, p: weights)
        XCTAssertEqual(multinomial.reduce(0, +), 1000)
        XCTAssertEqual(multinomial[2], 0)
    }

    /// The engine draws discrete indices itself (`Generator.discrete`); each must be the one GSL's
    /// `gsl_ran_discrete` gives from the same generator state, so the results are GSL's.
    func testDiscreteDrawsAreGSLsDrawForDraw() {
        let tables = [[0.5, 0.2, 0.0, 0.3], [0.318, 0.364, 0.273, 0.045], [1, 1, 1], [0.999, 0.001], [0.1, 0, 0, 0, 0.9],
                      (1...17).map { Double($0 * $0 % 7) + 0.5 }]
        let ours = RandomStream(), theirs = RandomStream()
        for (t, weights) in tables.enumerated() {
            let table = DiscreteDistribution(weights: weights)
            ours.seed(master: 9, replication: t, stream: .arrivals)
            theirs.seed(master: 9, replication: t, stream: .arrivals)
            for k in 0..<20_000 {
                let gsl = Int(gsl_ran_discrete(theirs.rng, table.table)), mine = ours.discrete(table)
                XCTAssertEqual(mine, gsl, "table \(t), draw \(k)")
                if mine != gsl { return }
            }
        }
    }

    func testStreamsOfOneReplicationAreIndependentlySeeded() {
        let a = RandomStream(), b = RandomStream()
        a.seed(master: 1, replication: 0, stream: .arrivals)
        b.seed(master: 1, replication: 0, stream: .childAttributes)
        XCTAssertNotEqual((0..<4).map { _ in a.uniform() }, (0..<4).map { _ in b.uniform() })
        b.seed(master: 1, replication: 0, stream: .arrivals)
        a.seed(master: 1, replication: 0, stream: .arrivals)
        XCTAssertEqual((0..<4).map { _ in a.uniform() }, (0..<4).map { _ in b.uniform() })
    }
}
