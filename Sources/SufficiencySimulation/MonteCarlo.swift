import Foundation
import Synchronization
import SufficiencyModel

/// The outputs of every replication of a run, held in flat arrays indexed by replication.
public final class RunResult: @unchecked Sendable {
    public let model: CompiledScenario
    public let replications: Int
    public let seed: UInt64
    /// `[replication][year][AnnualMetric]`.
    public internal(set) var annual: [Double]
    /// `[replication][year][RequestTally]`: counts, so 32-bit integers.
    public internal(set) var requests: [Int32]
    /// Distributions of the month-end stocks, column `[month][MonthlySeries]` (`StockHistograms`: the run keeps
    /// their counts, not each replication's row).
    var stocks: StockHistograms
    /// Child-days simulated (in care), over all replications.
    public internal(set) var childDays: Double = 0
    /// Events processed, over all replications.
    public internal(set) var events: Int = 0
    /// Invariant violations found when the run was made with `checkInvariants` (tests).
    public internal(set) var invariantViolations: [String] = []
    /// Distributions of the sufficiency and supply cells, `[year][SufficiencyLayout]`.
    var segments: CellHistograms

    init(model: CompiledScenario, replications: Int, seed: UInt64) {
        self.model = model
        self.replications = replications
        self.seed = seed
        annual = [Double](repeating: 0, count: replications * model.years.count * AnnualMetric.count)
        stocks = StockHistograms(columns: model.monthEnds.count * MonthlySeries.count)
        requests = [Int32](repeating: 0, count: replications * model.years.count * RequestTally.count)
        segments = CellHistograms(cells: model.years.count * SufficiencyLayout.count)
    }

    public var years: [FinancialYear] { model.years }
    public var monthLabels: [String] { model.monthLabels }

    /// The value of `metric` in `year` (index) for replication `r`.
    public func value(_ metric: AnnualMetric, year: Int, replication r: Int) -> Double {
        annual[(r * model.years.count + year) * AnnualMetric.count + metric.rawValue]
    }

    /// All replications' values of `metric` in year index `year`.
    public func values(_ metric: AnnualMetric, year: Int) -> [Double] {
        (0..<replications).map { value(metric, year: year, replication: $0) }
    }

    /// All replications' month-end values of `series` in month index `month`, in ascending order (the run keeps
    /// their distribution, not which replication had which).
    public func monthlyValues(series: Int, month: Int) -> [Double] {
        stocks.values(month * MonthlySeries.count + series).map(Double.init)
    }

    /// Mean, 5th, 50th and 95th percentiles over replications of a sufficiency measure for one segment
    /// (`SufficiencyLayout.segment`) in year index `year`; shortfall in place-years.
    public func sufficiency(year: Int, segment: Int, _ m: SufficiencyMeasure) -> CellSummary {
        let scale = m == .shortfallPlaceYears ? 1 / daysPerYear : 1
        return CellSummary(segments.summary(year * SufficiencyLayout.count + SufficiencyLayout.cell(segment: segment, m),
                                            levels: CellSummary.levels, scale: scale))
    }

    /// The same for a supply measure by age band at 31 March of year index `year`.
    public func supply(year: Int, _ age: AgeBand, _ m: SupplyMeasure) -> CellSummary {
        CellSummary(segments.summary(year * SufficiencyLayout.count + SufficiencyLayout.cell(age, m),
                                     levels: CellSummary.levels))
    }

    /// All replications' request counter `column` in year index `year`.
    public func requestValues(column: Int, year: Int) -> [Double] {
        (0..<replications).map { Double(requests[($0 * model.years.count + year) * RequestTally.count + column]) }
    }
}

extension RunResult {
    /// Bytes a run's result arrays take: checked before a run so that a very large request is refused with a
    /// message instead of exhausting memory.
    public static func bytesNeeded(replications: Int, model: CompiledScenario) -> Int {
        // The month-end stocks are kept as counts (`StockHistograms`), which do not grow with the replications
        // unless a stock spreads over more than 65,536 values; large sufficiency values (shortfall days, places)
        // are kept per replication: about 40 a year.
        let perReplication = model.years.count * (AnnualMetric.count * 8 + RequestTally.count * 4 + 40 * 4)
        return replications * perReplication
    }

    /// The most memory a run's results may take (2 GB; the default run takes under 10 MB).
    public static let maximumBytes = 2 << 30
}

/// Runs replications in parallel.
///
/// Each worker thread owns one `World` (and so its own GSL generators) and takes replication indices from a
/// shared counter (`ParallelWork.run`). Replication `r` is seeded from (seed, r, stream) alone and writes only its own rows, so results
/// are identical for any thread count and any order in which workers pick up work.
public enum MonteCarlo {
    /// - Parameters:
    ///   - model: the compiled scenario (with more than one thread, each worker runs on a private copy).
    ///   - replications: how many replications to run (their rows are preallocated).
    ///   - seed: the master seed; replication r is seeded from (seed, r) alone.
    ///   - threads: worker threads (at least 1).
    ///   - checkInvariants: check the engine's invariants after every event (slow; for the tests).
    ///   - progress: called now and then with the number of replications finished (from worker threads).
    public static func run(_ model: CompiledScenario, replications: Int, seed: UInt64, threads: Int,
                           checkInvariants: Bool = false, progress: (@Sendable (Int) -> Void)? = nil) -> RunResult {
        let result = RunResult(model: model, replications: replications, seed: seed)
        let years = model.years.count, months = model.monthEnds.count
        let annualStride = years * AnnualMetric.count
        let monthlyColumns = months * MonthlySeries.count
        let requestStride = years * RequestTally.count
        let workers = max(1, min(threads, replications))
        let cells = years * SufficiencyLayout.count
        let done = Mutex(0) // replications finished, for `progress`
        /// Month-end rows a worker holds before it counts them (`StockHistograms.fold`), a column at a time.
        let batch = 64
        /// A worker's own world, its row of sufficiency cells, its batch of rows of month-end stocks (`pending` of
        /// them filled), and the sums and distributions it folds its replications into.
        struct Worker: ~Copyable {
            var world: World
            let segmentRow: UnsafeMutablePointer<Double>
            let monthlyRows: UnsafeMutablePointer<Int32>
            var pending = 0
            var histogram: CellHistograms
            var stocks: StockHistograms
            var childDays = 0.0, events = 0
        }
        /// What a worker hands back when its replications are done (its world is freed).
        struct Finished {
            let segmentRow: UnsafeMutablePointer<Double>
            let monthlyRows: UnsafeMutablePointer<Int32>
            var histogram: CellHistograms
            var stocks: StockHistograms
            let childDays: Double, events: Int
            let violations: [String]
        }
        var finished = result.annual.withUnsafeMutableBufferPointer { annual in
            result.requests.withUnsafeMutableBufferPointer { requests in
                // Replication r writes only its own rows of these.
                let annual = SharedBuffer(annual), requests = SharedBuffer(requests)
                return ParallelWork.run(tasks: replications, workers: workers, start: { _ in
                    let segmentRow = UnsafeMutablePointer<Double>.allocate(capacity: cells)
                    segmentRow.initialize(repeating: 0, count: cells)
                    let monthlyRows = UnsafeMutablePointer<Int32>.allocate(capacity: batch * monthlyColumns)
                    monthlyRows.initialize(repeating: 0, count: batch * monthlyColumns)
                    // A private model per worker: no shared reference counts on the hot path.
                    var world = World(model: threads > 1 ? model.privateCopy() : model,
                                      annual: annual.base, monthly: monthlyRows,
                                      requests: requests.base, segmentRow: segmentRow)
                    world.checksInvariants = checkInvariants
                    return Worker(world: world, segmentRow: segmentRow, monthlyRows: monthlyRows,
                                  histogram: CellHistograms(cells: cells),
                                  stocks: StockHistograms(columns: monthlyColumns))
                }, { w, r in
                    // No zeroing: every month end of the calendar writes its whole row (`Metrics.recordMonth`).
                    w.world.run(index: r, seed: seed,
                                annual: annual.base + r * annualStride,
                                monthly: w.monthlyRows + w.pending * monthlyColumns,
                                requests: requests.base + r * requestStride)
                    w.childDays += w.world.childDays
                    w.events += w.world.events
                    w.histogram.fold(w.segmentRow)
                    w.pending += 1
                    if w.pending == batch {
                        w.stocks.fold(w.monthlyRows, count: batch)
                        w.pending = 0
                    }
                    let count = done.withLock { n in
                        n += 1
                        return n
                    }
                    progress?(count)
                }, finish: { w in
                    var w = w // the worker is consumed; its last, partial batch is counted
                    w.stocks.fold(w.monthlyRows, count: w.pending)
                    return Finished(segmentRow: w.segmentRow, monthlyRows: w.monthlyRows, histogram: w.histogram,
                                    stocks: w.stocks, childDays: w.childDays, events: w.events,
                                    violations: w.world.violations)
                })
            }
        }
        // Summed in worker order; child-days are whole-day sums of integers times spans, reported only as a rate.
        result.childDays = finished.reduce(0) { $0 + $1.childDays }
        result.events = finished.reduce(0) { $0 + $1.events }
        result.invariantViolations = checkInvariants ? finished.flatMap(\.violations) : []
        // Each worker's histogram is let go as soon as it is merged: the first is taken over whole, and a run's
        // large values (about 15 MB for 10,000 replications × 10 years) are never held twice over.
        for k in finished.indices {
            result.segments.merge(finished[k].histogram)
            finished[k].histogram = CellHistograms(cells: 0)
            result.stocks.merge(finished[k].stocks)
            finished[k].stocks = StockHistograms(columns: 0)
            finished[k].segmentRow.deallocate()
            finished[k].monthlyRows.deallocate()
        }
        result.segments.finish()
        return result
    }
}
