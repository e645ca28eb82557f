import CGSL
import SufficiencyModel

/// The mean, sd and quantiles of one column of a run's results over replications, as a summary file prints them.
///
/// The quantiles are exactly `Summary`'s (GSL's `gsl_stats_quantile_from_sorted_data` on the same sorted values).
/// The mean and sd are values that print with `Format.fixed(_, decimals)` exactly as `Summary`'s do, for the
/// `decimals` they were computed for — not necessarily the same doubles (see `ColumnSummarizer`).
struct PrintedSummary: Equatable {
    var mean: Double
    var sd: Double
    /// At `Summary.levels`.
    var quantiles: [Double]

    /// Number of doubles a summary takes in a flat array (`stored(in:at:)`).
    static let width = 2 + Summary.levels.count

    init(mean: Double, sd: Double, quantiles: [Double]) {
        self.mean = mean
        self.sd = sd
        self.quantiles = quantiles
    }

    init(_ s: Summary) {
        self.init(mean: s.mean, sd: s.sd, quantiles: s.quantiles)
    }

    /// The summary stored at `slot` of a flat array of `width`-double slots.
    init(stored flat: UnsafePointer<Double>, at slot: Int) {
        let p = flat + slot * Self.width
        mean = p[0]
        sd = p[1]
        quantiles = (0..<Summary.levels.count).map { p[2 + $0] }
    }

    func store(in flat: UnsafeMutablePointer<Double>, at slot: Int) {
        let p = flat + slot * Self.width
        p[0] = mean
        p[1] = sd
        for k in quantiles.indices { p[2 + k] = quantiles[k] }
    }

    func quantile(_ level: Double) -> Double {
        quantiles[Summary.levels.firstIndex(of: level)!]
    }
}

/// Summarises columns of values quickly, printing exactly as `Summary` (GSL) does. One per thread: it owns its
/// scratch space.
///
/// - Quantiles: whole numbers in a small range (the counts: children, placements, requests) are counted rather than
///   sorted, and the sorted array is rebuilt from the counts (the array GSL's heapsort gives); the quantiles are
///   then GSL's function of it. Other values (money, percentages) are not sorted at all: the order statistics the
///   quantiles interpolate between are selected (`selectQuantiles`), and GSL's function interpolates them. Either
///   way the quantiles are the very doubles `Summary` gives.
/// - Mean and sd: GSL's (`gsl_stats_mean`, `gsl_stats_sd_m` on the sorted data) run a recurrence with a division
///   per value in `long double` arithmetic, about 0.1 ms for 10,000 values. Here they are first computed
///   accurately and quickly instead: exactly from the counts, or by compensated (Neumaier) summation. GSL's values
///   differ from the exact ones by a bounded rounding error (below), and so does the estimate here; when the
///   estimate scaled to the printed decimals is farther from a rounding boundary (a half in the last printed
///   digit) than both errors together, times 64, every value GSL could have computed prints the same digits as
///   the estimate, and the estimate is used. Otherwise (rarely: a mean that is exactly a half in the last digit,
///   such as 1/32 to four decimals, or a value very close to one) the column is sorted and GSL's mean or sd
///   computed on it is used. So the mean and sd print as `Summary`'s do but may differ from them in the last bits.
///
/// Error bounds (u = 2⁻⁵³ for doubles, v = 2⁻⁶⁴ for GSL's 80-bit long doubles; M the largest |value|, D the range,
/// n values): GSL's running mean m ← m + (x − m)/(i + 1) makes an error of at most about 5·M·v at a step, and an
/// error made at step i is scaled by (i + 1)/n by the end, so |mean − μ| ≤ (n/2 + 5)·M·v + u·|μ|. Its variance
/// runs the same recurrence on δ² = (x − mean)² ≤ D² with δ rounded to a double, then is scaled by n/(n − 1)
/// and square-rooted in doubles: |sd − σ| ≤ 4u·σ + ((μ − mean)² + (n + 10)·D²·v)/σ.
final class ColumnSummarizer {
    /// Whole-number columns whose range is at most this (or 4 × the values) are counted.
    static let countingRange = 1 << 16
    static let safety = 64.0
    private static let u = 0x1p-53
    /// The unit roundoff of GSL's `long double`: 80-bit extended on x86-64 (but for Windows); elsewhere it may be a
    /// double (Apple's arm64), so a double's is assumed.
    #if arch(x86_64) && !os(Windows)
    private static let u80 = 0x1p-64
    #else
    private static let u80 = 0x1p-53
    #endif

    let capacity: Int
    private let sorted: UnsafeMutablePointer<Double>
    private let keys: UnsafeMutablePointer<UInt64>
    private var counts: UnsafeMutablePointer<Int>
    private var countsCapacity: Int

    /// Scratch for columns of up to `capacity` values.
    init(capacity: Int) {
        self.capacity = max(capacity, 1)
        sorted = .allocate(capacity: self.capacity)
        keys = .allocate(capacity: 2 * self.capacity)
        countsCapacity = 1024
        counts = .allocate(capacity: countsCapacity)
    }

    deinit {
        sorted.deallocate()
        keys.deallocate()
        counts.deallocate()
    }

    private func reserveCounts(_ k: Int) {
        guard k > countsCapacity else { return }
        counts.deallocate()
        countsCapacity = max(k, 2 * countsCapacity)
        counts = .allocate(capacity: countsCapacity)
    }

    /// The summary of `values` (not changed); the mean and sd print as `Summary`'s do with `decimals` digits.
    /// Without `sd`, the sd is left at 0 (unprinted).
    ///
    /// - Complexity: O(n) for n values in every common case. Whole numbers spanning a range W ≤ max(65,536, 4n)
    ///   are counted: O(n + W). Other values take O(n + B) for B = 2,048 buckets (`selectQuantiles`) plus a sort of
    ///   the values in the buckets that hold the quantiles' order statistics, at most max(1,024, n/8) of them; the
    ///   whole column is sorted (a radix sort: at most 8 passes, O(n)) only when more than that would be collected
    ///   or when GSL's own mean or sd has to be computed. A column with a NaN or an infinity goes to `Summary` (a copy
    ///   and a full sort, O(n log n) with a NaN, which GSL's heapsort sorts). Memory: the scratch this summariser owns.
    func summarize(_ values: UnsafeBufferPointer<Double>, decimals: Int, sd wantsSD: Bool) -> PrintedSummary {
        let n = values.count
        precondition(n <= capacity)
        guard n > 0, let v = values.baseAddress else { return PrintedSummary(Summary([])) }
        var lo = v[0], hi = v[0]
        var finite = true, whole = true
        for i in 0..<n {
            let x = v[i]
            finite = finite && x.isFinite
            if x < lo { lo = x }
            if x > hi { hi = x }
            whole = whole && abs(x) < 0x1p52 && Double(Int64(x)) == x
        }
        // NaN or infinity: GSL throughout, as before.
        guard finite else { return PrintedSummary(Summary(Array(values))) }
        if lo == hi { return constant(lo, n) }
        let range = hi - lo
        if whole && range <= Double(max(Self.countingRange, 4 * n)) {
            let width = Int(range) + 1
            reserveCounts(width)
            counts.initialize(repeating: 0, count: width)
            for i in 0..<n { counts[Int(v[i] - lo)] += 1 }
            return fromCounts(Int64(lo), width, n, decimals: decimals, sd: wantsSD)
        }
        // Other values: the mean and sd from compensated sums, the quantiles by selection; the whole column is sorted
        // only when its quantiles cannot be selected or GSL's mean or sd is needed.
        var sum = CompensatedSum()
        for i in 0..<n { sum.add(v[i]) }
        let mean = sum.value / Double(n)
        var squares = CompensatedSum()
        if wantsSD {
            for i in 0..<n {
                let d = v[i] - mean
                squares.add(d * d)
            }
        }
        var isSorted = false
        let sortAll = { [sorted, keys] in
            guard !isSorted else { return }
            sorted.update(from: v, count: n)
            DoubleSort.sort(UnsafeMutableBufferPointer(start: sorted, count: n), scratch: keys)
            isSorted = true
        }
        let selected = selectQuantiles(v, n, lo: lo, hi: hi)
        return finish(n, mean: mean, squares: squares.value, magnitude: max(abs(lo), abs(hi)), range: range,
                      decimals: decimals, sd: wantsSD, quantiles: selected, sortAll: sortAll)
    }

    /// The summary of whole-number `values`, as `summarize` gives for the same values as doubles.
    ///
    /// - Complexity: O(n + W) for n values spanning a range W ≤ max(65,536, 4n), by counting; a wider range is
    ///   converted to doubles (O(n)) and summarised as above.
    func summarize(_ values: UnsafeBufferPointer<Int32>, decimals: Int, sd wantsSD: Bool) -> PrintedSummary {
        let n = values.count
        precondition(n <= capacity)
        guard n > 0, let v = values.baseAddress else { return PrintedSummary(Summary([])) }
        var lo = v[0], hi = v[0]
        for i in 0..<n {
            lo = min(lo, v[i])
            hi = max(hi, v[i])
        }
        if lo == hi { return constant(Double(lo), n) }
        let width = Int(hi) - Int(lo) + 1
        guard width <= max(Self.countingRange, 4 * n) else {
            let doubles = (0..<n).map { Double(v[$0]) }
            return doubles.withUnsafeBufferPointer { summarize($0, decimals: decimals, sd: wantsSD) }
        }
        reserveCounts(width)
        counts.initialize(repeating: 0, count: width)
        for i in 0..<n { counts[Int(v[i]) - Int(lo)] += 1 }
        return fromCounts(Int64(lo), width, n, decimals: decimals, sd: wantsSD)
    }

    /// The summary of the whole numbers counted in `given` (`given[k]` of the value `lo + k`), as `summarize` gives
    /// for the same values in any order (`StockHistograms`, whose windows are never wider than `countingRange`).
    ///
    /// - Complexity: O(W) for a window of W counts, plus O(n) to rebuild the sorted values for GSL's quantiles.
    func summarize(counts given: UnsafeBufferPointer<UInt32>, lo: Int, decimals: Int, sd wantsSD: Bool) -> PrintedSummary {
        guard let first = given.firstIndex(where: { $0 > 0 }), let last = given.lastIndex(where: { $0 > 0 }) else {
            return PrintedSummary(Summary([]))
        }
        var n = 0
        for c in given { n += Int(c) }
        precondition(n <= capacity)
        if first == last { return constant(Double(lo + first), n) }
        let width = last - first + 1
        precondition(width <= Self.countingRange, "a window of counts is at most countingRange wide")
        reserveCounts(width)
        for k in 0..<width { (counts + k).initialize(to: Int(given[first + k])) }
        return fromCounts(Int64(lo + first), width, n, decimals: decimals, sd: wantsSD)
    }

    /// All `n` values equal `x`: GSL's running mean is then exactly `x` at every step, and the sd exactly 0.
    private func constant(_ x: Double, _ n: Int) -> PrintedSummary {
        sorted.initialize(repeating: x, count: n)
        return PrintedSummary(mean: x, sd: 0, quantiles: quantiles(n))
    }

    /// From `counts[0..<width]` of the values `lo + k`: rebuilds the sorted array and sums exactly.
    private func fromCounts(_ lo: Int64, _ width: Int, _ n: Int, decimals: Int, sd wantsSD: Bool) -> PrintedSummary {
        var k = 0
        var offsets: Int64 = 0 // Σ (value − lo), exact
        for w in 0..<width {
            let c = counts[w]
            guard c > 0 else { continue }
            (sorted + k).initialize(repeating: Double(lo + Int64(w)), count: c)
            k += c
            offsets += Int64(w) * Int64(c)
        }
        let hi = lo + Int64(width - 1)
        // The exact sum n·lo + Σ offsets, as a double when it is exactly one (|sum| < 2⁵³); else sum the values.
        let (base, overflow) = lo.multipliedReportingOverflow(by: Int64(n))
        let total = base &+ offsets
        guard !overflow, total.magnitude < 1 << 53 else {
            var sum = CompensatedSum()
            for i in 0..<n { sum.add(sorted[i]) }
            var squares = CompensatedSum()
            let mean = sum.value / Double(n)
            if wantsSD { for i in 0..<n { squares.add((sorted[i] - mean) * (sorted[i] - mean)) } }
            return finish(n, mean: mean, squares: squares.value, magnitude: Double(max(lo.magnitude, hi.magnitude)),
                          range: Double(width - 1), decimals: decimals, sd: wantsSD, quantiles: nil, sortAll: {})
        }
        let mean = Double(total) / Double(n)
        var squares = CompensatedSum()
        if wantsSD {
            for w in 0..<width where counts[w] > 0 {
                let d = Double(lo + Int64(w)) - mean
                squares.add(Double(counts[w]) * (d * d))
            }
        }
        return finish(n, mean: mean, squares: squares.value, magnitude: Double(max(lo.magnitude, hi.magnitude)),
                      range: Double(width - 1), decimals: decimals, sd: wantsSD, quantiles: nil, sortAll: {})
    }

    /// GSL's quantiles of the sorted values.
    private func quantiles(_ n: Int) -> [Double] {
        Summary.levels.map { gsl_stats_quantile_from_sorted_data(sorted, 1, n, $0) }
    }

    /// Buckets of the value range for selecting order statistics.
    static let buckets = 2048

    /// GSL's quantiles at `Summary.levels` of the `n` values at `v` (finite, `lo` < `hi`), without sorting them
    /// all: the values are counted in buckets of equal width, which are in the order of the values (the bucket is a
    /// non-decreasing function of the value), so the order statistic of rank r is in the bucket where the running
    /// count passes r; only the values of those buckets are collected and sorted. GSL's interpolation between the
    /// two order statistics is `gsl_stats_quantile_from_sorted_data`'s own.
    /// Nil when those buckets hold too many values (a column of a few distinct values or far outliers): sort then.
    ///
    /// - Complexity: O(n + B) for n values and B = 2,048 buckets: two passes over the values and one over the
    ///   buckets, then a sort of each marked bucket (at most 14, one per order statistic read; at most max(1,024, n/8)
    ///   values in all, by `DoubleSort`). Returns nil before collecting when the marked buckets hold more.
    func selectQuantiles(_ v: UnsafePointer<Double>, _ n: Int, lo: Double, hi: Double) -> [Double]? {
        let b = Self.buckets
        let width = hi - lo
        guard n > 1, width > 0, width.isFinite else { return nil }
        let scale = Double(b) / width
        guard scale.isFinite else { return nil }
        let top = Double(b - 1)
        @inline(__always) func bucket(_ x: Double) -> Int {
            let t = (x - lo) * scale
            return t < top ? Int(t) : b - 1
        }
        reserveCounts(2 * b)
        let count = counts, start = counts + b
        count.initialize(repeating: 0, count: b)
        for i in 0..<n { count[bucket(v[i])] += 1 }
        // The ranks GSL reads: lhs and lhs + 1 at each level.
        var ranks: [Int] = []
        for f in Summary.levels {
            let lhs = Int(f * Double(n - 1))
            ranks.append(lhs)
            if lhs < n - 1 { ranks.append(lhs + 1) }
        }
        ranks = Array(Set(ranks)).sorted()
        start.initialize(repeating: -1, count: b)
        var located: [Int: (bucket: Int, within: Int)] = [:]
        var marked: [(bucket: Int, size: Int)] = []
        var below = 0, k = 0, collected = 0
        for r in ranks {
            while below + count[k] <= r {
                below += count[k]
                k += 1
            }
            if start[k] < 0 {
                start[k] = collected
                marked.append((k, count[k]))
                collected += count[k]
            }
            located[r] = (k, r - below)
        }
        guard collected <= max(1024, n / 8) else { return nil }
        for (bucket, _) in marked { count[bucket] = start[bucket] } // now each marked bucket's write position
        for i in 0..<n {
            let x = v[i]
            let k = bucket(x)
            if start[k] >= 0 {
                sorted[count[k]] = x
                count[k] += 1
            }
        }
        for (bucket, size) in marked {
            DoubleSort.sort(UnsafeMutableBufferPointer(start: sorted + start[bucket], count: size), scratch: keys)
        }
        var statistics: [Int: Double] = [:]
        for (rank, (bucket, within)) in located { statistics[rank] = sorted[start[bucket] + within] }
        // GSL's function reads only the order statistics at lhs and lhs + 1 of the sorted array: they are put there
        // (the rest of `sorted` is not the column), so that the interpolation is GSL's own arithmetic.
        return Summary.levels.map { f in
            let lhs = Int(f * Double(n - 1))
            sorted[lhs] = statistics[lhs]!
            if lhs + 1 < n { sorted[lhs + 1] = statistics[lhs + 1]! }
            return gsl_stats_quantile_from_sorted_data(sorted, 1, n, f)
        }
    }

    /// The estimates (mean μ̂ and Σ (x − μ̂)² of values that are not all equal), checked against the rounding
    /// boundaries of `decimals` digits and replaced by GSL's where too close to call. GSL's need the values sorted
    /// in `sorted` (`sortAll` sorts them there if they are not), as do the quantiles when not given.
    private func finish(_ n: Int, mean: Double, squares: Double, magnitude m: Double, range d: Double,
                        decimals: Int, sd wantsSD: Bool, quantiles given: [Double]?,
                        sortAll: () -> Void) -> PrintedSummary {
        let u = Self.u, u80 = Self.u80, count = Double(n)
        // |GSL's mean − μ| and |μ̂ − μ| (the estimate's error is below 4u·|μ| + n·u²·M; n·u² < 2⁻⁶⁴).
        let gslMeanError = (count / 2 + 5) * m * u80 + 2 * u * abs(mean)
        let estimateError = 4 * u * abs(mean) + count * m * u80
        var printedMean = mean
        var gslMean: Double?
        func exactMean() -> Double {
            if let gslMean { return gslMean }
            sortAll()
            let value = gsl_stats_mean(sorted, 1, n)
            gslMean = value
            return value
        }
        if !Self.printsAlike(mean, error: gslMeanError + estimateError, decimals: decimals) {
            printedMean = exactMean()
        }
        var printedSD = 0.0
        if wantsSD {
            let sd = (squares / Double(n - 1)).squareRoot()
            let meanErrors = gslMeanError * gslMeanError + estimateError * estimateError
            let error = 8 * u * sd + (2 * meanErrors + (count + 10) * d * d * 2 * u80) / sd
            if sd > 0 && Self.printsAlike(sd, error: error, decimals: decimals) {
                printedSD = sd
            } else {
                let mean = exactMean()
                printedSD = gsl_stats_sd_m(sorted, 1, n, mean)
            }
        }
        if let given { return PrintedSummary(mean: printedMean, sd: printedSD, quantiles: given) }
        sortAll()
        return PrintedSummary(mean: printedMean, sd: printedSD, quantiles: quantiles(n))
    }

    /// Whether every value within `error` of `estimate` (and the estimate) prints alike with `decimals` digits:
    /// whether `Format.fixed`'s scaled value is farther from a rounding boundary than the error scaled, with
    /// `safety` to spare (including the rounding of the scaling itself).
    static func printsAlike(_ estimate: Double, error: Double, decimals: Int) -> Bool {
        let scale = Format.scale(decimals)
        let t = abs(estimate) * scale
        guard t < 1e15, error.isFinite else { return false }
        let bound = safety * (error * scale + 4 * u * t)
        let fraction = t - t.rounded(.down)
        return abs(fraction - 0.5) > bound
    }
}

/// Neumaier's compensated summation: the sum of doubles to within about 2 ulp whatever their order.
struct CompensatedSum {
    private var sum = 0.0
    private var compensation = 0.0

    @inline(__always) mutating func add(_ x: Double) {
        let t = sum + x
        if abs(sum) >= abs(x) {
            compensation += (sum - t) + x
        } else {
            compensation += (x - t) + sum
        }
        sum = t
    }

    var value: Double { sum + compensation }
}
