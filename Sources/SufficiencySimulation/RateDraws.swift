import Foundation
import SufficiencyModel

/// Each replication's own draw of the rates a calibration estimated (`ParameterUncertainty`), so that a run's
/// intervals hold the uncertainty of the estimates as well as the process's randomness.
///
/// A parametric bootstrap: for each recorded table, the events of every cell are drawn again as Poisson counts
/// with the fitted model's means, the model is refitted to them exactly as `calibrate` fitted it (`JointHazard`,
/// `EntryTrend`), and the scenario's rates are scaled by refitted ÷ fitted. The draws are keyed by (seed,
/// replication, table), so a comparison's baseline and scenario draw the same rates in the same replication, and a
/// table added to a scenario leaves the others' draws unchanged.
struct RateDraws {
    let scenario: Scenario
    let uncertainty: ParameterUncertainty
    let years: [FinancialYear], yearStarts: [Double], horizonDay: Double
    /// The point fits of the recorded tables, and their fitted events (the bootstrap's means).
    let exitFits: [JointHazard?], exitMeans: [[[Double]]?]
    let breakdownFit: JointHazard?, breakdownMeans: [[Double]]?
    let plannedFit: JointHazard?, plannedMeans: [[Double]]?
    let entryFit: EntryTrend?, entryMeans: [[Double]]?
    let uascFit: EntryTrend?, uascMeans: [[Double]]?

    /// Tolerance of the refits: far below the bootstrap's own spread, and ten times quicker than the calibration's.
    static let tolerance = 1e-7

    /// Nil when the scenario records no estimates or drawing is off.
    init?(_ scenario: Scenario, years: [FinancialYear], yearStarts: [Double], horizonDay: Double) {
        guard let u = scenario.parameterUncertainty, u.drawRates, u.tableCount > 0 else { return nil }
        self.scenario = scenario
        uncertainty = u
        self.years = years
        self.yearStarts = yearStarts
        self.horizonDay = horizonDay
        func fit(_ t: EventTable?) -> (JointHazard?, [[Double]]?) {
            guard let t else { return (nil, nil) }
            let f = JointHazard(events: t.events, exposureYears: t.exposureYears)
            return (f, f.fittedEvents(t.exposureYears))
        }
        func fit(_ t: EntryTable?) -> (EntryTrend?, [[Double]]?) {
            guard let t else { return (nil, nil) }
            let f = EntryTrend(events: t.events, periodYears: t.periodYears, midpoints: t.midpoints, trend: t.trend)
            return (f, f.fittedEvents(periodYears: t.periodYears, midpoints: t.midpoints))
        }
        let exits = u.exits.map(fit)
        exitFits = exits.map(\.0)
        exitMeans = exits.map(\.1)
        (breakdownFit, breakdownMeans) = fit(u.breakdowns)
        (plannedFit, plannedMeans) = fit(u.plannedMoves)
        (entryFit, entryMeans) = fit(u.entries)
        (uascFit, uascMeans) = fit(u.uasc)
    }

    /// The scenario with replication `key`'s draw of every recorded rate.
    func scenario(key: UInt64, rng: RandomStream) -> Scenario {
        var s = scenario
        var table: UInt64 = 0
        func counts(_ means: [[Double]]) -> [[Double]] {
            table += 1
            rng.seed(key: SplitMix64.key(key, Draw.parameters.rawValue, table, 0))
            return means.map { $0.map { Double(rng.poisson(mean: $0)) } }
        }
        for r in exitFits.indices {
            guard let fit = exitFits[r], let means = exitMeans[r], let t = uncertainty.exits[r] else { table += 1; continue }
            let again = JointHazard(events: counts(means), exposureYears: t.exposureYears, tolerance: Self.tolerance)
            let (rows, columns) = Self.ratios(fit, again, t)
            for a in rows.indices { s.exits.ageMultiplier[r][a] *= rows[a] }
            for b in columns.indices { s.exits.timeInCareMultiplier[r][b] *= columns[b] }
        }
        if let fit = breakdownFit, let means = breakdownMeans, let t = uncertainty.breakdowns {
            let again = JointHazard(events: counts(means), exposureYears: t.exposureYears, tolerance: Self.tolerance)
            let (rows, columns) = Self.ratios(fit, again, t)
            for p in rows.indices { s.breakdowns.annualHazardByPlacement[p] *= rows[p] }
            for a in columns.indices { s.breakdowns.ageMultiplier[a] *= columns[a] }
        } else { table += 1 }
        if let fit = plannedFit, let means = plannedMeans, let t = uncertainty.plannedMoves {
            let again = JointHazard(events: counts(means), exposureYears: t.exposureYears, tolerance: Self.tolerance)
            let (rows, columns) = Self.ratios(fit, again, t)
            for p in rows.indices { s.plannedMoves.annualHazardByPlacement[p] *= rows[p] }
            for a in columns.indices { s.plannedMoves.ageMultiplier[a] *= columns[a] }
        } else { table += 1 }
        if let fit = entryFit, let means = entryMeans, let t = uncertainty.entries {
            let again = EntryTrend(events: counts(means), periodYears: t.periodYears, midpoints: t.midpoints, trend: t.trend)
            for a in fit.rate.indices where fit.rate[a] > 0 { s.entries.annualRate[a] *= again.rate[a] / fit.rate[a] }
            s.entries.annualTrend *= again.growth / fit.growth
        } else { table += 1 }
        if let fit = uascFit, let means = uascMeans, let t = uncertainty.uasc, let rate = fit.rate.first, rate > 0 {
            let again = EntryTrend(events: counts(means), periodYears: t.periodYears, midpoints: t.midpoints, trend: t.trend)
            s.uasc.annualRate *= again.rate[0] / rate
        }
        return s
    }

    /// The rates of replication `key`, as the engine's tables.
    func tables(key: UInt64, rng: RandomStream) -> HazardTables {
        HazardTables(scenario(key: key, rng: rng), years: years, yearStarts: yearStarts, horizonDay: horizonDay)
    }

    /// Refitted over fitted, for the rows (with the overall level) and for the columns: their products scale each
    /// cell's rate. Levels with no exposure carry no information and keep a factor of 1.
    static func ratios(_ fit: JointHazard, _ again: JointHazard, _ t: EventTable) -> (rows: [Double], columns: [Double]) {
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
