import Foundation
import SufficiencyModel

/// `parameter_uncertainty:` in the calibrated scenario: the events and exposure behind every estimated rate, from
/// which each replication of a run draws its own rates (`ParameterUncertainty`).
extension Calibration {
    func uncertaintySettings() -> [ParameterSetting] {
        let e = estimates
        let window = "SSDA903 \(sourceFiles), window \(e.windowStart) to \(e.windowEnd)"
        let days = 365.25
        var out: [ParameterSetting] = []
        func set(_ keyPath: String, _ value: ParameterValue, _ source: String) {
            out.append(ParameterSetting("parameter_uncertainty." + keyPath, value, source: source))
        }
        set("draw_rates", .flag(options.parameterUncertainty), "calibration: rates estimated from "
            + "\(e.windowYears < 10 ? String(format: "%.1f", e.windowYears) : "many") years of one council's return are uncertain")
        let bands = e.bandMonths.map(Self.number).joined(separator: ", ")
        for (r, route) in Estimates.routes.enumerated() {
            set("exits.\(route.label).events", .rows(e.exitEvents[r].map { $0.map(Double.init) }),
                window + "; rows age band, columns time-in-care band (\(bands) months)")
            set("exits.\(route.label).exposure", .rows(e.exposure.map { $0.map { $0 / days } }),
                window + "; time in care under 18 in the window")
        }
        let ageBands = AgeBand.labels.joined(separator: ", ")
        for (key, events) in [("breakdowns", e.breakdownEvents), ("planned_moves", e.plannedMoveEvents)] {
            set("\(key).events", .rows(events.map { $0.map(Double.init) }),
                window + "; rows placement type, columns age band at the move (\(ageBands))")
            set("\(key).exposure", .rows(e.moveExposure.map { $0.map { $0 / days } }),
                window + "; time in each placement type under 18 in the window")
        }
        func periods(_ key: String, trend: Bool) {
            set("\(key).period_years", .numbers(entryPeriodYears), window + "; years of the window counted back from its end")
            set("\(key).period_midpoints", .numbers(entryMidpoints), window + "; middle of each period, from the start date")
            set("\(key).trend", .flag(trend), "calibrate --entries \(trend ? "trend" : "flat")")
        }
        set("entries.events", .rows(e.entriesByPeriod.map { $0.map(Double.init) }),
            window + "; entries (not re-entries) by age band at entry and period")
        periods("entries", trend: options.entriesTrend)
        set("uasc.events", .numbers(e.uascEntriesByPeriod.map(Double.init)), window + "; UASC entries by period")
        periods("uasc", trend: false)
        return out
    }
}
