/// A Poisson log-linear model of one exit route's occurrences over exposure with age band and time-in-care band as
/// joint main effects: events[a][t] ~ Poisson(exposure[a][t] × A[a] × T[t]).
///
/// Estimating the age effect over all durations and the duration effect over all ages, then multiplying, double-
/// counts whatever the two share: the youngest children are adopted and have been in care the shortest time, so a
/// process with no duration effect at all showed duration factors of 1.80 … 0.32. The joint fit gives each factor
/// net of the other. It is fitted by iterative proportional fitting, whose fixed point is the maximum-likelihood
/// estimate of a main-effects Poisson model (each margin's fitted events equal its observed events).
///
/// Thin cells are not pooled with neighbours by event count (which invented events: adoption at 10–15, with no
/// events in 75,000 child-days, took on the 1–4s' rate). Each factor level is shrunk instead towards the factor's
/// overall level by a gamma prior worth `priorEvents` events (empirical Bayes, gamma–Poisson): the estimate is
/// (events + prior) / (expected exposure + prior / overall), so a level with much exposure and no events stays near
/// zero, and a level with little exposure is pulled towards the rest in proportion to how little it says.
public struct JointHazard: Sendable {
    /// Annual hazard in each (age band, time band) cell: `rate[a][t]`, per year.
    public let rate: [[Double]]
    /// The age and time factors (exposure-weighted means 1) and the overall annual rate, so that
    /// rate[a][t] = base × age[a] × time[t].
    public let base: Double
    public let age: [Double]
    public let time: [Double]
    /// Events and exposure (days) behind each factor level.
    public let ageEvents: [Int], ageExposure: [Double], timeEvents: [Int], timeExposure: [Double]
    /// Iterations used.
    public let iterations: Int

    /// - Parameters: `events[a][t]` and `exposureDays[a][t]`; `priorEvents` the shrinkage's strength.
    public init(events: [[Int]], exposureDays: [[Double]], priorEvents: Double = 1) {
        let ages = events.count, bands = events.first?.count ?? 0
        let y = events.map { $0.map(Double.init) }
        let e = exposureDays.map { $0.map { $0 / 365.25 } }
        let totalEvents = y.joined().reduce(0, +), totalExposure = e.joined().reduce(0, +)
        let overall = totalExposure > 0 ? totalEvents / totalExposure : 0
        var a = [Double](repeating: overall, count: ages), t = [Double](repeating: 1, count: bands)
        let ageY = (0..<ages).map { i in y[i].reduce(0, +) }
        let timeY = (0..<bands).map { j in (0..<ages).reduce(0) { $0 + y[$1][j] } }
        var iterations = 0
        if overall > 0 {
            for k in 1...500 {
                iterations = k
                var change = 0.0
                for i in 0..<ages {
                    let x = (0..<bands).reduce(0) { $0 + e[i][$1] * t[$1] }
                    // Shrunk towards the overall rate by a prior worth `priorEvents` events.
                    let new = (ageY[i] + priorEvents) / (x + priorEvents / overall)
                    change = max(change, abs(new - a[i]) / max(new, 1e-12))
                    a[i] = new
                }
                for j in 0..<bands {
                    let x = (0..<ages).reduce(0) { $0 + e[$1][j] * a[$1] }
                    // Time factors relative to 1, shrunk towards 1 the same way.
                    let new = (timeY[j] + priorEvents) / (x + priorEvents)
                    change = max(change, abs(new - t[j]) / max(new, 1e-12))
                    t[j] = new
                }
                if change < 1e-10 { break }
            }
        } else {
            a = [Double](repeating: 0, count: ages)
        }
        rate = (0..<ages).map { i in (0..<bands).map { j in a[i] * t[j] } }
        // Normalise each factor to an exposure-weighted mean of 1 and carry the scale in `base`.
        let ageExposure = (0..<ages).map { i in exposureDays[i].reduce(0, +) }
        let timeExposure = (0..<bands).map { j in (0..<ages).reduce(0) { $0 + exposureDays[$1][j] } }
        func weightedMean(_ f: [Double], _ w: [Double]) -> Double {
            let total = w.reduce(0, +)
            return total > 0 ? zip(f, w).reduce(0) { $0 + $1.0 * $1.1 } / total : 1
        }
        let am = weightedMean(a, ageExposure), tm = weightedMean(t, timeExposure)
        age = a.map { am > 0 ? $0 / am : 1 }
        time = t.map { tm > 0 ? $0 / tm : 1 }
        base = am * tm
        self.ageEvents = ageY.map { Int($0) }
        self.ageExposure = ageExposure
        self.timeEvents = timeY.map { Int($0) }
        self.timeExposure = timeExposure
        self.iterations = iterations
    }
}
