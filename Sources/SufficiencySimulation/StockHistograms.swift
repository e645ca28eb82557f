/// Distributions over replications of the month-end stocks (`monthly.csv`: every `MonthlySeries` at every month
/// end), kept as counts rather than as every replication's row.
///
/// Only their means and quantiles are printed, yet keeping each replication's row took 58 MB for 10,000
/// replications × 10 years (1,440 stocks of 4 bytes each), the largest table of a run. A stock at one month end
/// varies over replications within a narrow range (children in care: a few hundred values), so each column counts
/// its values in a window `[lo, lo + counts.count)`, widened (by half as much again, so that widening is rare) when a
/// value falls outside it. A column whose values would spread wider than `maximumWidth` keeps the values themselves
/// instead. Counts add, so merging the workers' histograms gives the same distribution in any order: outputs stay
/// byte-identical whatever the thread count. `ColumnSummarizer` summarises counts exactly as it does the values.
struct StockHistograms: Sendable {
    /// The widest window of counts a column keeps (the summariser counts ranges up to this wide anyway).
    static let maximumWidth = ColumnSummarizer.countingRange
    let columns: Int
    /// Replications folded in: each added one value to every column.
    private(set) var replications = 0
    private var data: [Column]

    /// One column's values: counts in a window, or the values themselves once they spread too wide.
    struct Column: Equatable {
        /// The value `counts[0]` counts.
        var lo = 0
        var counts: [UInt32] = []
        /// Every value, unsorted, when the column spread wider than `maximumWidth` (then `counts` is empty).
        var values: [Int32]?

        /// Counts `value` `times` times.
        mutating func add(_ value: Int32, times: UInt32 = 1) {
            if values != nil {
                values!.append(contentsOf: repeatElement(value, count: Int(times)))
                return
            }
            let k = Int(value) - lo
            if k >= 0 && k < counts.count {
                counts[k] += times
            } else if include(Int(value)) {
                counts[Int(value) - lo] += times
            } else {
                values!.append(contentsOf: repeatElement(value, count: Int(times)))
            }
        }

        /// Counts the `count` values `p[0]`, `p[stride]`, `p[2 × stride]`…: the window is widened once for all of
        /// them, then each is counted with no further check.
        mutating func add(_ p: UnsafePointer<Int32>, stride: Int, count: Int) {
            guard count > 0 else { return }
            let end = p + count * stride
            var low = p.pointee, high = low
            var v = p + stride
            while v < end {
                low = min(low, v.pointee)
                high = max(high, v.pointee)
                v += stride
            }
            // Widened only on a side a value falls outside (an empty window takes `low` first).
            if values == nil && (counts.isEmpty || Int(low) < lo) { _ = include(Int(low)) }
            if values == nil && Int(high) >= lo + counts.count { _ = include(Int(high)) }
            if values != nil {
                for r in 0..<count { values!.append(p[r * stride]) }
                return
            }
            // Every value is in the window now, and no count can reach 2³² (one per replication).
            let lo = lo
            counts.withUnsafeMutableBufferPointer { q in
                guard let q = q.baseAddress else { return }
                var v = p
                while v < end {
                    q[Int(v.pointee) &- lo] &+= 1
                    v += stride
                }
            }
        }

        /// Widens the window to take `v`, with as much room again as half its new width on the side it grew;
        /// false, with the values moved to `values`, when it would be wider than `maximumWidth`.
        private mutating func include(_ v: Int) -> Bool {
            guard !counts.isEmpty else {
                lo = v
                counts = [0]
                return true
            }
            let hi = lo + counts.count - 1
            let needLo = min(lo, v), needHi = max(hi, v)
            let needed = needHi - needLo + 1
            guard needed <= StockHistograms.maximumWidth else {
                values = expanded.map { Int32($0) }
                counts = []
                return false
            }
            let room = min(needed / 2, StockHistograms.maximumWidth - needed)
            let newLo = v < lo ? needLo - room : needLo
            let newHi = v > hi ? needHi + room : needHi
            var widened = [UInt32](repeating: 0, count: newHi - newLo + 1)
            for k in counts.indices { widened[lo - newLo + k] = counts[k] }
            lo = newLo
            counts = widened
            return true
        }

        /// The values counted, in ascending order.
        var expanded: [Int] {
            if let values { return values.map(Int.init).sorted() }
            var out: [Int] = []
            for k in counts.indices where counts[k] > 0 {
                out.append(contentsOf: repeatElement(lo + k, count: Int(counts[k])))
            }
            return out
        }
    }

    init(columns: Int) {
        self.columns = columns
        data = [Column](repeating: Column(), count: columns)
    }

    /// Adds `count` replications' rows of `columns` stocks, row after row from `rows`. A batch of rows is
    /// counted a column at a time, which touches each column's storage once for all of them.
    ///
    /// - Complexity: O(c·b) for c columns and b rows, amortised: a window is widened O(log w) times for w values
    ///   it spans.
    mutating func fold(_ rows: UnsafePointer<Int32>, count: Int = 1) {
        replications += count
        for c in 0..<columns { data[c].add(rows + c, stride: columns, count: count) }
    }

    /// Adds `other`'s counts. Into a histogram that has none yet, `other` is taken over whole rather than copied.
    mutating func merge(_ other: StockHistograms) {
        precondition(other.columns == columns)
        if replications == 0 {
            self = other
            return
        }
        replications += other.replications
        for c in 0..<columns {
            let theirs = other.data[c]
            if let values = theirs.values {
                for v in values { data[c].add(v) }
            } else {
                for k in theirs.counts.indices where theirs.counts[k] > 0 {
                    data[c].add(Int32(theirs.lo + k), times: theirs.counts[k])
                }
            }
        }
    }

    /// Column `c`'s values over the replications, in ascending order (not in the order of the replications).
    func values(_ c: Int) -> [Int] { data[c].expanded }

    /// Mean, sd (when `sd`) and quantiles of column `c`, as `summarizer` gives for its values.
    func summary(_ c: Int, _ summarizer: ColumnSummarizer, decimals: Int, sd: Bool) -> PrintedSummary {
        if let values = data[c].values {
            return values.withUnsafeBufferPointer { summarizer.summarize($0, decimals: decimals, sd: sd) }
        }
        return data[c].counts.withUnsafeBufferPointer {
            summarizer.summarize(counts: $0, lo: data[c].lo, decimals: decimals, sd: sd)
        }
    }
}

extension StockHistograms: Equatable {
    /// The same distribution in every column, however the windows were laid out.
    static func == (a: StockHistograms, b: StockHistograms) -> Bool {
        a.columns == b.columns && a.replications == b.replications
            && (0..<a.columns).allSatisfy { a.values($0) == b.values($0) }
    }
}
