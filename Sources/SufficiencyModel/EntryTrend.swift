import Foundation

/// Entries to care as a Poisson log-linear model of counts by row (age band) and period (a year of the reference
/// window): n[a][p] ~ Poisson(years[p] × exp(α[a] + β × midpoint[p])), with β = 0 for a flat rate.
///
/// The trend is shared by every age band (a council's entries rise or fall together far more often than one band
/// moves alone, and a band's own trend from three years of counts is mostly noise). Given β, each α is the
/// band's count over its exposure-weighted years, so β is found by Newton's method on the profile likelihood,
/// whose score depends only on the periods' totals. Midpoints are in years from the forecast's start (negative in
/// the reference window), so `rate[a]` is the rate at the start and `growth` the factor per year after it.
public struct EntryTrend: Sendable {
    /// Entries per year at the forecast's start, by row.
    public let rate: [Double]
    /// exp(β): the rate's factor per year (1 when flat).
    public let growth: Double
    /// β's standard error from the observed information (0 when flat).
    public let trendStandardError: Double

    public init(events n: [[Double]], periodYears years: [Double], midpoints x: [Double], trend: Bool) {
        let totals = (0..<years.count).map { p in n.reduce(0) { $0 + $1[p] } }
        let all = totals.reduce(0, +)
        var beta = 0.0, information = 0.0
        // A trend needs two periods with exposure and some events.
        if trend, all > 0, years.filter({ $0 > 0 }).count >= 2 {
            for _ in 0..<50 {
                // Weights of the periods under β: their exposure-weighted share of the events.
                let w = zip(years, x).map { $0 * exp(beta * $1) }
                let sw = w.reduce(0, +)
                let mean = zip(w, x).reduce(0) { $0 + $1.0 * $1.1 } / sw
                let variance = zip(w, x).reduce(0) { $0 + $1.0 * ($1.1 - mean) * ($1.1 - mean) } / sw
                let score = zip(totals, x).reduce(0) { $0 + $1.0 * $1.1 } - all * mean
                information = all * variance
                guard information > 0 else { beta = 0; break }
                // Newton's step, limited so that one period's luck cannot send it far in one go.
                let step = max(-1, min(1, score / information))
                beta += step
                if abs(step) < 1e-12 { break }
            }
            beta = max(-1, min(1, beta))
        }
        let w = zip(years, x).map { $0 * exp(beta * $1) }
        let sw = w.reduce(0, +)
        rate = n.map { row in sw > 0 ? row.reduce(0, +) / sw : 0 }
        growth = exp(beta)
        trendStandardError = trend && information > 0 ? 1 / information.squareRoot() : 0
    }

    /// Events the fit expects in each row and period.
    public func fittedEvents(periodYears years: [Double], midpoints x: [Double]) -> [[Double]] {
        let beta = log(growth)
        return rate.map { r in zip(years, x).map { r * $0 * exp(beta * $1) } }
    }
}
