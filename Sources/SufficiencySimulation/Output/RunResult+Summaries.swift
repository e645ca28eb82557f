import Foundation

/// Summaries of every column of a replication-major table, computed in parallel (`ColumnSummarizer`): column c
/// is element c of every replication's row.
struct SummaryTable {
    let columns: Int
    private let flat: [Double]

    /// Columns gathered and summarised this many at a time (a task): a task reads this much of each replication's
    /// row, memory that is contiguous (a year of annual metrics is 62 columns), so that the table is read about once
    /// whatever its layout.
    static let group = 64

    subscript(column: Int) -> PrintedSummary {
        flat.withUnsafeBufferPointer { PrintedSummary(stored: $0.baseAddress!, at: column) }
    }

    /// - Parameters:
    ///   - rows: `replications × columns` values, replication-major.
    ///   - decimals: the digits column c's mean and sd are printed with.
    ///   - sd: whether the sd is printed.
    ///
    /// - Complexity: O(n·c) for n replications and c columns, each column costing what `ColumnSummarizer.summarize`
    ///   does (O(n) in every common case; see there), shared among the workers in tasks of `group` columns. The
    ///   gather reads each value once; memory n × `group` values and one summariser's scratch per worker.
    init(_ rows: UnsafeBufferPointer<Double>, replications n: Int, columns: Int, decimals: @Sendable (Int) -> Int, sd: Bool) {
        self.init(rows, replications: n, columns: columns, decimals: decimals, sd: sd) { $0.summarize($1, decimals: $2, sd: $3) }
    }

    init(_ rows: UnsafeBufferPointer<Int32>, replications n: Int, columns: Int, decimals: @Sendable (Int) -> Int, sd: Bool) {
        self.init(rows, replications: n, columns: columns, decimals: decimals, sd: sd) { $0.summarize($1, decimals: $2, sd: $3) }
    }

    /// The summaries of the month-end stocks' columns, from their counts.
    ///
    /// - Complexity: O(c·(W + n)) for c columns of windows of W counts and n replications (`summarize(counts:)`).
    init(_ stocks: StockHistograms, decimals: @escaping @Sendable (Int) -> Int, sd: Bool) {
        self.init(columns: stocks.columns, replications: stocks.replications) { scratch, first, width, out in
            for c in first..<first + width {
                stocks.summary(c, scratch.summarizer, decimals: decimals(c), sd: sd).store(in: out, at: c)
            }
        }
    }

    /// Either of the first two above: `summarize` is the summariser's method for the element type (counting for whole
    /// numbers, bucketing for others).
    private init<T>(_ rows: UnsafeBufferPointer<T>, replications n: Int, columns: Int, decimals: @Sendable (Int) -> Int,
                    sd: Bool, summarize: @escaping @Sendable (ColumnSummarizer, UnsafeBufferPointer<T>, Int, Bool) -> PrintedSummary) {
        precondition(rows.count == n * columns)
        let rows = SharedBuffer(rows) // read only
        self.init(columns: columns, replications: n) { scratch, first, width, out in
            let base = UnsafePointer(rows.base)
            let gathered = scratch.gathered.bindMemory(to: T.self, capacity: n * width)
            Self.gather(base, n, columns, first, width, into: gathered)
            for k in 0..<width {
                summarize(scratch.summarizer, UnsafeBufferPointer(start: gathered + k * n, count: n), decimals(first + k), sd)
                    .store(in: out, at: first + k)
            }
        }
    }

    /// Copies columns `first..<first + width` of the `n` rows into `gathered`, column after column: a blocked
    /// transpose, a few rows at a time, so that both the rows read and the columns written stay in cache.
    @inline(__always)
    private static func gather<T>(_ rows: UnsafePointer<T>, _ n: Int, _ columns: Int, _ first: Int, _ width: Int,
                                  into gathered: UnsafeMutablePointer<T>) {
        let block = 128
        var start = 0
        while start < n {
            let end = min(n, start + block)
            for k in 0..<width {
                let column = gathered + k * n
                var row = rows + start * columns + first + k
                for r in start..<end {
                    column[r] = row.pointee
                    row += columns
                }
            }
            start = end
        }
    }

    /// Runs `summarize(scratch, first, width, out)` for each group of columns in parallel; it gathers columns
    /// `first..<first + width` into the scratch and stores their summaries in `out`.
    private init(columns: Int, replications n: Int,
                 _ summarize: @Sendable (TableScratch, Int, Int, UnsafeMutablePointer<Double>) -> Void) {
        self.columns = columns
        let group = Self.group
        var flat = [Double](repeating: 0, count: columns * PrintedSummary.width)
        flat.withUnsafeMutableBufferPointer { out in
            let out = SharedBuffer(out) // each group of columns writes only its own summaries
            guard n > 0 else { // no replications: every summary is NaN
                for c in 0..<columns { PrintedSummary(Summary([])).store(in: out.base, at: c) }
                return
            }
            ParallelWork.run(tasks: (columns + group - 1) / group, scratch: { TableScratch(n, group) }) { scratch, task in
                let first = task * group
                summarize(scratch, first, min(group, columns - first), out.base)
            }
        }
        self.flat = flat
    }
}

/// A worker's scratch space for `SummaryTable`: its summariser and room for the columns it gathers (of doubles or
/// of 32-bit integers).
private final class TableScratch {
    let summarizer: ColumnSummarizer
    let gathered: UnsafeMutableRawPointer

    init(_ n: Int, _ group: Int) {
        summarizer = ColumnSummarizer(capacity: n)
        gathered = .allocate(byteCount: max(1, n * group) * MemoryLayout<Double>.stride,
                             alignment: MemoryLayout<Double>.alignment)
    }

    deinit { gathered.deallocate() }
}

/// The summaries of a run's three replication tables, computed once (in parallel) for the CSV files and
/// `results.json`.
struct RunTables {
    let annual: SummaryTable, monthly: SummaryTable, requests: SummaryTable

    init(_ result: RunResult) {
        annual = result.annualSummaries()
        monthly = result.monthlySummaries()
        requests = result.requestSummaries()
    }
}

extension RunResult {
    /// Every annual metric's summary in every year, column `year × AnnualMetric.count + metric`; mean and sd
    /// printed with 2 decimals for money, else 4 (as in summary.csv).
    func annualSummaries() -> SummaryTable {
        annual.withUnsafeBufferPointer {
            SummaryTable($0, replications: replications, columns: years.count * AnnualMetric.count,
                         decimals: { AnnualMetric(rawValue: $0 % AnnualMetric.count)!.isMoney ? 2 : 4 }, sd: true)
        }
    }

    /// Every monthly series' summary at every month end, column `month × MonthlySeries.count + series`; means with
    /// 4 decimals, no sd.
    func monthlySummaries() -> SummaryTable {
        SummaryTable(stocks, decimals: { _ in 4 }, sd: false)
    }

    /// Every request counter's summary in every year, column `year × RequestTally.count + counter`; means with 4
    /// decimals, no sd.
    func requestSummaries() -> SummaryTable {
        requests.withUnsafeBufferPointer {
            SummaryTable($0, replications: replications, columns: years.count * RequestTally.count,
                         decimals: { _ in 4 }, sd: false)
        }
    }
}

extension PrintedSummary {
    var p05: Double { quantiles[0] }
    var p25: Double { quantiles[2] }
    var p50: Double { quantiles[3] }
    var p75: Double { quantiles[4] }
    var p95: Double { quantiles[6] }
}
