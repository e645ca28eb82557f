import Foundation
import SufficiencyModel

/// Each replication's own draw of the rates a calibration estimated (`ParameterUncertainty`), so that a run's
/// intervals hold the uncertainty of the estimates as well as the process's randomness.
///
/// A parametric bootstrap: for each recorded table, the events of every cell are drawn again as Poisson counts
/// with the fitted model's means, the model is refitted to them as `calibrate` fitted it (`JointHazard`, by
/// Newton's method from the point fit, and `EntryTrend`), and the scenario's rates are scaled by refitted ÷ fitted, factor by factor (each row level with
/// the overall level, each column level). A refit of thin data is itself biased (the shrinkage prior and the
/// trend's extrapolation are not linear in the counts: 4% low on a 39-event table), so each factor's ratio is
/// divided by its mean over 256 draws made once per run: the draws scatter around the estimates and leave the
/// forecast's mean where the point estimates put it.
///
/// The draws are keyed by (seed, replication, table), so a comparison's baseline and scenario draw the same rates
/// in the same replication, and a table added to a scenario leaves the others' draws unchanged.
struct RateDraws {
    let scenario: Scenario
    let years: [FinancialYear], yearStarts: [Double], horizonDay: Double
    /// Sibling groups are not drawn, so their `EntryMix` is worked out once.
    let entryMix: EntryMix
    /// One per recorded table, in a fixed order (exits by route, breakdowns, planned moves, entries, UASC).
    let tables: [Table]

    /// Where a table's ratios apply.
    enum Target {
        case exits(route: Int), breakdowns, plannedMoves, entries, uasc
    }

    struct Table {
        let target: Target
        /// Position in the fixed order, for the key.
        let index: UInt64
        /// Ratios of one draw: rows (with the overall level) and columns (for entries: the growth).
        let draw: @Sendable (RandomStream) -> (rows: [Double], columns: [Double])
        /// Each ratio's mean over many draws, divided out.
        let rowMean: [Double], columnMean: [Double]
    }

    /// Draws made once per run to find each ratio's mean.
    static let calibrationDraws = 256

    /// Nil when the scenario records no estimates or drawing is off.
    init?(_ scenario: Scenario, years: [FinancialYear], yearStarts: [Double], horizonDay: Double) {
        guard let u = scenario.parameterUncertainty, u.drawRates, u.tableCount > 0 else { return nil }
        self.scenario = scenario
        self.years = years
        self.yearStarts = yearStarts
        self.horizonDay = horizonDay
        entryMix = EntryMix(scenario.entries)
        var tables: [Table] = []
        func add(_ target: Target, _ index: Int, _ draw: @escaping @Sendable (RandomStream) -> (rows: [Double], columns: [Double])) {
            let rng = RandomStream()
            rng.seed(key: SplitMix64.key(0x5EED, Draw.parameters.rawValue, UInt64(index), 1))
            var rowSum: [Double] = [], columnSum: [Double] = []
            for _ in 0..<Self.calibrationDraws {
                let (rows, columns) = draw(rng)
                rowSum = rowSum.isEmpty ? rows : zip(rowSum, rows).map(+)
                columnSum = columnSum.isEmpty ? columns : zip(columnSum, columns).map(+)
            }
            let n = Double(Self.calibrationDraws)
            tables.append(Table(target: target, index: UInt64(index), draw: draw,
                                rowMean: rowSum.map { $0 > 0 ? $0 / n : 1 }, columnMean: columnSum.map { $0 > 0 ? $0 / n : 1 }))
        }
        let routes = ExitRoute.hazardRoutes.count
        for (r, t) in u.exits.enumerated() {
            if let t { add(.exits(route: r), r, Self.eventDraw(t)) }
        }
        if let t = u.breakdowns { add(.breakdowns, routes, Self.eventDraw(t)) }
        if let t = u.plannedMoves { add(.plannedMoves, routes + 1, Self.eventDraw(t)) }
        if let t = u.entries { add(.entries, routes + 2, Self.entryDraw(t)) }
        if let t = u.uasc { add(.uasc, routes + 3, Self.entryDraw(t)) }
        self.tables = tables
    }

    /// A joint model's table: Poisson counts with the fit's means, refitted; refitted ÷ fitted for each row level
    /// (with the overall level) and each column level. Levels with no exposure carry no information: ratio 1.
    static func eventDraw(_ t: EventTable) -> @Sendable (RandomStream) -> (rows: [Double], columns: [Double]) {
        let fit = JointHazard(events: t.events, exposureYears: t.exposureYears)
        let means = fit.fittedEvents(t.exposureYears)
        return { rng in
            let counts = means.map { $0.map { Double(rng.poisson(mean: $0)) } }
            let again = fit.refit(events: counts, exposureYears: t.exposureYears)
            let rows = fit.rows.indices.map { i -> Double in
                let before = fit.base * fit.rows[i], after = again.base * again.rows[i]
                return fit.rowExposure[i] > 0 && before > 0 ? after / before : 1
            }
            let columns = fit.columns.indices.map { j -> Double in
                fit.columnExposure[j] > 0 && fit.columns[j] > 0 ? again.columns[j] / fit.columns[j] : 1
            }
            return (rows, columns)
        }
    }

    /// Entries: Poisson counts by row and period with the fit's means, refitted; each row's rate at the start and
    /// the growth, refitted ÷ fitted.
    static func entryDraw(_ t: EntryTable) -> @Sendable (RandomStream) -> (rows: [Double], columns: [Double]) {
        let fit = EntryTrend(events: t.events, periodYears: t.periodYears, midpoints: t.midpoints, trend: t.trend)
        let means = fit.fittedEvents(periodYears: t.periodYears, midpoints: t.midpoints)
        return { rng in
            let counts = means.map { $0.map { Double(rng.poisson(mean: $0)) } }
            let again = EntryTrend(events: counts, periodYears: t.periodYears, midpoints: t.midpoints, trend: t.trend)
            let rows = fit.rate.indices.map { a in fit.rate[a] > 0 ? again.rate[a] / fit.rate[a] : 1 }
            return (rows, [again.growth / fit.growth])
        }
    }

    /// The scenario with replication `key`'s draw of every recorded rate.
    func scenario(key: UInt64, rng: RandomStream) -> Scenario {
        var s = scenario
        for table in tables {
            rng.seed(key: SplitMix64.key(key, Draw.parameters.rawValue, table.index + 1, 0))
            var (rows, columns) = table.draw(rng)
            rows = zip(rows, table.rowMean).map { $0 / $1 }
            columns = zip(columns, table.columnMean).map { $0 / $1 }
            switch table.target {
            case .exits(let r):
                for a in rows.indices { s.exits.ageMultiplier[r][a] *= rows[a] }
                for b in columns.indices { s.exits.timeInCareMultiplier[r][b] *= columns[b] }
            case .breakdowns:
                for p in rows.indices { s.breakdowns.annualHazardByPlacement[p] *= rows[p] }
                for a in columns.indices { s.breakdowns.ageMultiplier[a] *= columns[a] }
            case .plannedMoves:
                for p in rows.indices { s.plannedMoves.annualHazardByPlacement[p] *= rows[p] }
                for a in columns.indices { s.plannedMoves.ageMultiplier[a] *= columns[a] }
            case .entries:
                for a in rows.indices { s.entries.annualRate[a] *= rows[a] }
                s.entries.annualTrend *= columns[0]
            case .uasc:
                s.uasc.annualRate *= rows[0]
            }
        }
        return s
    }

    /// The rates of replication `key`, as the engine's tables.
    func tables(key: UInt64, rng: RandomStream) -> HazardTables {
        HazardTables(scenario(key: key, rng: rng), years: years, yearStarts: yearStarts, horizonDay: horizonDay,
                     entryMix: entryMix)
    }
}
