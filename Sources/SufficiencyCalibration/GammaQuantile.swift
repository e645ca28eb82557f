import CGSL

/// Quantiles of the gamma distribution that always return.
///
/// GSL's `gsl_cdf_gamma_Pinv` (behind `gsl_cdf_chisq_Pinv`) fails to converge for some shapes (for example 1,159
/// events, and about one count in eight up to 20,000); with GSL's default error handler that aborts the process, and
/// with the handler off it returns NaN. Here the handler is switched off, GSL's answer is kept when it is finite and
/// checks out against the CDF, and otherwise the quantile is found by bisection on `gsl_cdf_gamma_P`, which always
/// returns, to a relative precision of 1e-12.
public enum GammaQuantile {
    /// Switches GSL's abort-on-error handler off for the whole process (idempotent; call before any GSL use).
    public static func disableAbort() { gsl_set_error_handler_off() }

    /// The `p` quantile of a gamma distribution with `shape` and scale 1 (`p` in [0, 1], `shape` > 0).
    public static func quantile(_ p: Double, shape: Double) -> Double {
        disableAbort()
        guard p > 0 else { return 0 }
        guard p < 1 else { return .infinity }
        let gsl = gsl_cdf_gamma_Pinv(p, shape, 1)
        if gsl.isFinite && gsl >= 0 && abs(gsl_cdf_gamma_P(gsl, shape, 1) - p) <= 1e-9 { return gsl }
        // Bracket: the CDF is increasing; start around the mean and widen.
        var low = 0.0, high = shape + 10 * shape.squareRoot() + 10
        while gsl_cdf_gamma_P(high, shape, 1) < p { low = high; high *= 2 }
        for _ in 0..<200 {
            let mid = (low + high) / 2
            if gsl_cdf_gamma_P(mid, shape, 1) < p { low = mid } else { high = mid }
            if high - low <= 1e-12 * max(1, high) { break }
        }
        return (low + high) / 2
    }

    /// The `p` quantile of a chi-square distribution with `nu` degrees of freedom (a gamma with shape nu/2, scale 2).
    public static func chiSquare(_ p: Double, degrees nu: Double) -> Double { 2 * quantile(p, shape: nu / 2) }
}
