import CGSL

/// Mean, standard deviation and quantiles of one quantity over replications, computed with GSL.
public struct Summary: Sendable, Equatable {
    public var mean: Double
    public var sd: Double
    /// Quantiles at `Summary.levels`.
    public var quantiles: [Double]

    /// The quantile levels reported everywhere (model.md section 8): 5, 10, 25, 50, 75, 90 and 95%.
    public static let levels: [Double] = [0.05, 0.10, 0.25, 0.50, 0.75, 0.90, 0.95]
    public static let levelLabels = ["p05", "p10", "p25", "p50", "p75", "p90", "p95"]

    /// Summarises `values` (sorted in place on a copy). Quantiles use GSL's definition (linear interpolation
    /// between order statistics, `gsl_stats_quantile_from_sorted_data`). The sd of a single value is 0.
    ///
    /// The copy is sorted by `DoubleSort` (the same sorted array as GSL's heapsort, faster); the mean and sd are
    /// GSL's, over the sorted values.
    ///
    /// - Complexity: O(n) for n values: a copy, `DoubleSort.sort` (a radix sort; O(n log n) if a value is NaN), and
    ///   GSL's mean and sd, one pass each; each quantile is then O(1). Memory: the copy and 2n sort keys.
    public init(_ values: [Double]) {
        var sorted = values
        let n = sorted.count
        guard n > 0 else {
            mean = .nan
            sd = .nan
            quantiles = Summary.levels.map { _ in .nan }
            return
        }
        var mean = 0.0, sd = 0.0, quantiles: [Double] = []
        sorted.withUnsafeMutableBufferPointer { buffer in
            let p = buffer.baseAddress!
            DoubleSort.sort(buffer)
            mean = gsl_stats_mean(p, 1, n)
            sd = n > 1 ? gsl_stats_sd_m(p, 1, n, mean) : 0
            quantiles = Summary.levels.map { gsl_stats_quantile_from_sorted_data(p, 1, n, $0) }
        }
        self.mean = mean
        self.sd = sd
        self.quantiles = quantiles
    }

    public func quantile(_ level: Double) -> Double {
        quantiles[Summary.levels.firstIndex(of: level)!]
    }

    public var p05: Double { quantiles[0] }
    public var p10: Double { quantiles[1] }
    public var p25: Double { quantiles[2] }
    public var p50: Double { quantiles[3] }
    public var p75: Double { quantiles[4] }
    public var p90: Double { quantiles[5] }
    public var p95: Double { quantiles[6] }
}
