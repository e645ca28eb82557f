/// A Poisson log-linear model of one kind of event's occurrences over exposure with two joint main effects:
/// events[i][j] ~ Poisson(exposure[i][j] × R[i] × C[j]). Exits use rows = age band and columns = time-in-care band;
/// breakdowns and planned moves use rows = placement type and columns = age band.
///
/// Estimating one factor over all levels of the other and then multiplying double-counts whatever the two share:
/// the youngest children are adopted and have been in care the shortest time, so a process with no duration effect
/// at all showed duration factors of 1.80 … 0.32. The joint fit gives each factor net of the other. It is fitted by
/// iterative proportional fitting, whose fixed point is the maximum-likelihood estimate of a main-effects Poisson
/// model (each margin's fitted events equal its observed events).
///
/// Thin cells are not pooled with neighbours by event count (which invented events: adoption at 10–15, with no
/// events in 75,000 child-days, took on the 1–4s' rate). Each factor level is shrunk instead towards the factor's
/// overall level by a gamma prior worth `priorEvents` events (empirical Bayes, gamma–Poisson): the estimate is
/// (events + prior) / (expected exposure + prior / overall), so a level with much exposure and no events stays near
/// zero, and a level with little exposure is pulled towards the rest in proportion to how little it says.
public struct JointHazard: Sendable {
    /// Annual hazard in each cell: `rate[i][j]`, per year.
    public let rate: [[Double]]
    /// The row and column factors (exposure-weighted means 1) and the overall annual rate, so that
    /// rate[i][j] = base × rows[i] × columns[j].
    public let base: Double
    public let rows: [Double]
    public let columns: [Double]
    /// Events and exposure (years) behind each factor level.
    public let rowEvents: [Double], rowExposure: [Double], columnEvents: [Double], columnExposure: [Double]
    /// Iterations used.
    public let iterations: Int
    /// The factors as fitted, before normalising (the shrinkage fixes their scale): a refit starts from these.
    let fittedRows: [Double], fittedColumns: [Double]

    /// - Parameters: `events[i][j]` and `exposureDays[i][j]`; `priorEvents` the shrinkage's strength.
    public init(events: [[Int]], exposureDays: [[Double]], priorEvents: Double = 1) {
        self.init(events: events.map { $0.map(Double.init) }, exposureYears: exposureDays.map { $0.map { $0 / 365.25 } },
                  priorEvents: priorEvents)
    }

    /// - Parameters: `events[i][j]` and `exposureYears[i][j]`; `tolerance` the largest relative change of a factor
    ///   at which the fit stops.
    public init(events y: [[Double]], exposureYears e: [[Double]], priorEvents: Double = 1, tolerance: Double = 1e-10) {
        let nRows = y.count, nColumns = y.first?.count ?? 0
        let totalEvents = y.joined().reduce(0, +), totalExposure = e.joined().reduce(0, +)
        let overall = totalExposure > 0 ? totalEvents / totalExposure : 0
        var r = [Double](repeating: overall, count: nRows), c = [Double](repeating: 1, count: nColumns)
        let rowY = (0..<nRows).map { i in y[i].reduce(0, +) }
        let columnY = (0..<nColumns).map { j in (0..<nRows).reduce(0) { $0 + y[$1][j] } }
        // Exposure flat, row by row: the loops below run hundreds of times in a bootstrap.
        let flat = e.flatMap { $0 }
        var iterations = 0
        if overall > 0 {
            flat.withUnsafeBufferPointer { x in
                r.withUnsafeMutableBufferPointer { r in
                    c.withUnsafeMutableBufferPointer { c in
                        for k in 1...500 {
                            iterations = k
                            var change = 0.0
                            for i in 0..<nRows {
                                var s = 0.0
                                for j in 0..<nColumns { s += x[i * nColumns + j] * c[j] }
                                // Shrunk towards the overall rate by a prior worth `priorEvents` events.
                                let new = (rowY[i] + priorEvents) / (s + priorEvents / overall)
                                change = max(change, abs(new - r[i]) / max(new, 1e-12))
                                r[i] = new
                            }
                            for j in 0..<nColumns {
                                var s = 0.0
                                for i in 0..<nRows { s += x[i * nColumns + j] * r[i] }
                                // Column factors relative to 1, shrunk towards 1 the same way.
                                let new = (columnY[j] + priorEvents) / (s + priorEvents)
                                change = max(change, abs(new - c[j]) / max(new, 1e-12))
                                c[j] = new
                            }
                            if change < tolerance { break }
                        }
                    }
                }
            }
        } else {
            r = [Double](repeating: 0, count: nRows)
        }
        self.init(r, c, y, e, iterations: iterations)
    }

    /// A fit from its row and column levels (before normalising): rates, normalised factors and margins.
    init(_ r: [Double], _ c: [Double], _ y: [[Double]], _ e: [[Double]], iterations: Int) {
        let nRows = r.count, nColumns = c.count
        let rowY = (0..<nRows).map { i in y[i].reduce(0, +) }
        let columnY = (0..<nColumns).map { j in (0..<nRows).reduce(0) { $0 + y[$1][j] } }
        fittedRows = r
        fittedColumns = c
        rate = (0..<nRows).map { i in (0..<nColumns).map { j in r[i] * c[j] } }
        // Normalise each factor to an exposure-weighted mean of 1 and carry the scale in `base`.
        let rowExposure = (0..<nRows).map { i in e[i].reduce(0, +) }
        let columnExposure = (0..<nColumns).map { j in (0..<nRows).reduce(0) { $0 + e[$1][j] } }
        func weightedMean(_ f: [Double], _ w: [Double]) -> Double {
            let total = w.reduce(0, +)
            return total > 0 ? zip(f, w).reduce(0) { $0 + $1.0 * $1.1 } / total : 1
        }
        let rm = weightedMean(r, rowExposure), cm = weightedMean(c, columnExposure)
        rows = r.map { rm > 0 ? $0 / rm : 1 }
        columns = c.map { cm > 0 ? $0 / cm : 1 }
        base = rm * cm
        rowEvents = rowY
        self.rowExposure = rowExposure
        columnEvents = columnY
        self.columnExposure = columnExposure
        self.iterations = iterations
    }

    /// Events the fit expects in each cell over `exposureYears`.
    public func fittedEvents(_ exposureYears: [[Double]]) -> [[Double]] {
        zip(rate, exposureYears).map { zip($0, $1).map { $0 * $1 } }
    }
}
