/// Distributions over replications of many small whole-number cells (the sufficiency and supply tallies), kept as
/// counts rather than as every replication's row.
///
/// `sufficiency.csv` has about 400 cells a year; keeping each replication's row would take 330 MB for 10,000
/// replications × 10 years and sorting each cell would take seconds. Most cells are zero and the rest small
/// integers, so each worker counts values instead: zeros implicitly (replications minus the other counts), values
/// below `dense` in a flat table, larger ones (shortfall days, places) in a list per cell. Counts add, so merging
/// the workers' histograms gives the same result in any order: outputs stay byte-identical whatever the thread
/// count. Means and the GSL quantile definition (`gsl_stats_quantile_from_sorted_data`) are computed exactly from
/// the counts.
struct CellHistograms {
    static let dense = 16
    let cells: Int
    /// Replications folded in.
    private(set) var replications = 0
    /// `[cell × dense + value]` for values 1..<dense (index 0 unused).
    private var counts: [UInt32]
    /// Values of `dense` and above, per cell, unsorted until `finish()`.
    private var large: [[Int32]]

    init(cells: Int) {
        self.cells = cells
        counts = [UInt32](repeating: 0, count: cells * Self.dense)
        large = [[Int32]](repeating: [], count: cells)
    }

    /// Adds one replication's row of `cells` values, each rounded to the nearest whole number (negative: 0).
    ///
    /// - Complexity: O(c) for c cells (an amortised O(1) append for each large value).
    mutating func fold(_ row: UnsafePointer<Double>) {
        replications += 1
        for cell in 0..<cells {
            let x = row[cell]
            guard x >= 0.5 else { continue }
            let v = Int(roundedToInteger(x))
            if v < Self.dense { counts[cell * Self.dense + v] += 1 } else { large[cell].append(Int32(clamping: v)) }
        }
    }

    /// Adds `other`'s counts. Into a histogram that has none yet, `other` is taken over whole rather than copied.
    mutating func merge(_ other: CellHistograms) {
        precondition(other.cells == cells)
        if replications == 0 {
            self = other
            return
        }
        replications += other.replications
        for k in counts.indices { counts[k] += other.counts[k] }
        for cell in 0..<cells where !other.large[cell].isEmpty { large[cell] += other.large[cell] }
    }

    /// Sorts the large values, so that summaries read them in order (call once, after the last merge).
    ///
    /// - Complexity: O(Σ m log m) over the cells, for m large values in a cell; most cells have none.
    mutating func finish() {
        for cell in 0..<cells where large[cell].count > 1 { large[cell].sort() }
    }

    /// Mean and quantiles of `cell` over the replications, scaled by `scale` (after `finish()`).
    ///
    /// - Complexity: O(d·k + m) for d = `dense` (16) small values, k levels and m large values of the cell,
    ///   whatever the number of replications: each order statistic is found by walking the counts, never by sorting.
    func summary(_ cell: Int, levels: [Double], scale: Double = 1) -> (mean: Double, quantiles: [Double]) {
        let n = replications
        guard n > 0 else { return (.nan, levels.map { _ in .nan }) }
        let base = cell * Self.dense
        var nonzero = 0
        var sum: Int64 = 0
        for v in 1..<Self.dense {
            nonzero += Int(counts[base + v])
            sum += Int64(v) * Int64(counts[base + v])
        }
        nonzero += large[cell].count
        for v in large[cell] { sum += Int64(v) }
        let zeros = n - nonzero
        /// The value of rank `k` (0-based) in the sorted sample.
        func value(_ k: Int) -> Double {
            if k < zeros { return 0 }
            var r = k - zeros
            for v in 1..<Self.dense {
                let c = Int(counts[base + v])
                if r < c { return Double(v) }
                r -= c
            }
            return Double(large[cell][r])
        }
        let quantiles = levels.map { f -> Double in
            let index = f * Double(n - 1)
            let lhs = Int(index)
            let delta = index - Double(lhs)
            let q = lhs == n - 1 ? value(lhs) : (1 - delta) * value(lhs) + delta * value(lhs + 1)
            return q * scale
        }
        return (Double(sum) / Double(n) * scale, quantiles)
    }
}

/// Mean and the 5th, 50th and 95th percentiles of a quantity over replications (the columns of `sufficiency.csv`
/// and `supply.csv`).
public struct CellSummary: Sendable, Equatable {
    public var mean: Double
    public var p05: Double
    public var p50: Double
    public var p95: Double

    static let levels = [0.05, 0.5, 0.95]

    init(_ s: (mean: Double, quantiles: [Double])) {
        mean = s.mean
        p05 = s.quantiles[0]
        p50 = s.quantiles[1]
        p95 = s.quantiles[2]
    }
}
