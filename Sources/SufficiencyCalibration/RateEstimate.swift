import CGSL
import Foundation

/// Events over exposure: a rate per year with its exact 95% Poisson interval (Garwood), from chi-square quantiles:
/// [χ²(0.025; 2n)/2, χ²(0.975; 2n+2)/2] events, divided by the exposure in years. The quantiles come from
/// `GammaQuantile`, which never aborts (GSL's own inversion fails for some counts).
public struct RateEstimate: Sendable, Equatable {
    public var events: Int
    public var exposureDays: Double

    public init(events: Int = 0, exposureDays: Double = 0) {
        self.events = events
        self.exposureDays = exposureDays
    }

    public var exposureYears: Double { exposureDays / 365.25 }
    public var perYear: Double { exposureDays > 0 ? Double(events) / exposureYears : 0 }

    /// The 95% interval.
    public var interval: (low: Double, high: Double) { interval(level: 0.95) }

    /// The exact interval at confidence `level`.
    public func interval(level: Double) -> (low: Double, high: Double) {
        guard exposureDays > 0 else { return (0, .infinity) }
        let n = Double(events), tail = (1 - level) / 2
        let low = events == 0 ? 0 : GammaQuantile.quantile(tail, shape: n)
        let high = GammaQuantile.quantile(1 - tail, shape: n + 1)
        return (low / exposureYears, high / exposureYears)
    }

    public static func + (a: RateEstimate, b: RateEstimate) -> RateEstimate {
        RateEstimate(events: a.events + b.events, exposureDays: a.exposureDays + b.exposureDays)
    }
}
