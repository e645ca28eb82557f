import CGSL
import XCTest
@testable import SufficiencyCalibration

/// Exact Poisson intervals never abort and are always right: for every count from 0 to 100,000, and for large
/// exposures, the interval is finite, contains the count, and its ends are the quantiles they claim to be.
final class RobustQuantileTests: XCTestCase {
    /// 1,159 events: GSL's own inversion fails to converge here (with its default handler, the process aborts).
    func testTheCountGSLCannotInvertGivesTheExactInterval() {
        GammaQuantile.disableAbort()
        XCTAssertFalse(gsl_cdf_chisq_Pinv(0.975, 2 * 1159 + 2).isFinite && gsl_cdf_chisq_Pinv(0.025, 2 * 1159).isFinite,
                       "GSL inverts 1,159 after all: the case this test guards is gone")
        let r = RateEstimate(events: 1159, exposureDays: 365.25)
        let (low, high) = r.interval
        XCTAssertEqual(gsl_cdf_gamma_P(low, 1159, 1), 0.025, accuracy: 1e-9)
        XCTAssertEqual(gsl_cdf_gamma_Q(high, 1160, 1), 0.025, accuracy: 1e-9)
        XCTAssertLessThan(low, 1159)
        XCTAssertGreaterThan(high, 1159)
    }

    func testEveryCountUpToOneHundredThousandHasAFiniteIntervalAroundIt() {
        var gslFailures = 0
        for n in 0...100_000 {
            let (low, high) = RateEstimate(events: n, exposureDays: 365.25).interval
            if !low.isFinite || !high.isFinite || low > Double(n) || high < Double(n) || low < 0 {
                XCTFail("\(n) events: [\(low), \(high)]")
                return
            }
            if n > 0 && !gsl_cdf_chisq_Pinv(0.025, 2 * Double(n)).isFinite { gslFailures += 1 }
        }
        // The fallback was needed: GSL alone fails for some of these counts.
        XCTAssertGreaterThan(gslFailures, 0)
    }

    func testLargeExposuresAndZeroEventsGiveSmallRatesNotErrors() {
        for days in [1.0, 365.25, 1e6, 1e9, 1e12] {
            let zero = RateEstimate(events: 0, exposureDays: days).interval
            XCTAssertEqual(zero.low, 0)
            XCTAssertEqual(zero.high, -Foundation.log(0.025) / (days / 365.25), accuracy: 1e-9 * zero.high)
            let many = RateEstimate(events: 50_000, exposureDays: days).interval
            XCTAssertTrue(many.low.isFinite && many.high.isFinite && many.low < many.high)
        }
    }
}
