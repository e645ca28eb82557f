import Foundation
import SufficiencyModel

/// `parameter_uncertainty:` in the calibrated scenario: the events and exposure behind every estimated rate, from
/// which each replication of a run draws its own rates (`ParameterUncertainty`).
extension Calibration {
    func uncertaintyYAML() -> String {
        let e = estimates
        let window = "SSDA903 \(sourceFiles), window \(e.windowStart) to \(e.windowEnd)"
        var y = "\n# What the estimated rates rest on: each replication of a run draws its rates from these (a parametric\n"
        y += "# bootstrap), so that intervals hold the estimates' uncertainty too. Set draw_rates to false to use the point\n"
        y += "# estimates alone.\n"
        y += "parameter_uncertainty:\n"
        y += parameter("draw_rates", options.parameterUncertainty ? "true" : "false", "flag",
                       "calibration: rates estimated from \(e.windowYears < 10 ? String(format: "%.1f", e.windowYears) : "many") years of one council's return are uncertain", indent: 2)
        y += "  exits:\n"
        let days = 365.25
        for (r, route) in Estimates.routes.enumerated() {
            y += "    \(route.label):\n"
            y += parameter("events", rowLists(AgeBand.labels, e.exitEvents[r].map { $0.map(Double.init) }), "events",
                           window + "; rows age band, columns time-in-care band (0, 6, 12, 24, 60 months)", indent: 6)
            y += parameter("exposure", rowLists(AgeBand.labels, e.exposure.map { $0.map { $0 / days } }), "child-years",
                           window + "; time in care under 18 in the window", indent: 6)
        }
        for (key, events) in [("breakdowns", e.breakdownEvents), ("planned_moves", e.plannedMoveEvents)] {
            y += "  \(key):\n"
            y += parameter("events", rowLists(PlacementType.labels, events.map { $0.map(Double.init) }), "events",
                           window + "; rows placement type, columns age band at the move (0, 1-4, 5-9, 10-15, 16-17)", indent: 4)
            y += parameter("exposure", rowLists(PlacementType.labels, e.moveExposure.map { $0.map { $0 / days } }), "child-years",
                           window + "; time in each placement type under 18 in the window", indent: 4)
        }
        let periods = "[" + entryPeriodYears.map(Self.number).joined(separator: ", ") + "]"
        let midpoints = "[" + entryMidpoints.map(Self.number).joined(separator: ", ") + "]"
        func periodsYAML(trend: Bool) -> String {
            parameter("period_years", periods, "years", window + "; years of the window counted back from its end", indent: 4)
                + parameter("period_midpoints", midpoints, "years", window + "; middle of each period, from the start date", indent: 4)
                + parameter("trend", trend ? "true" : "false", "flag", "calibrate --entries \(trend ? "trend" : "flat")", indent: 4)
        }
        y += "  entries:\n"
        y += parameter("events", rowLists(AgeBand.labels, e.entriesByPeriod.map { $0.map(Double.init) }), "children",
                       window + "; entries (not re-entries) by age band at entry and period", indent: 4)
        y += periodsYAML(trend: options.entriesTrend)
        y += "  uasc:\n"
        y += parameter("events", list(e.uascEntriesByPeriod.map(Double.init)), "children", window + "; UASC entries by period", indent: 4)
        y += periodsYAML(trend: false)
        return y
    }

    private func list(_ values: [Double]) -> String { "[" + values.map(Self.number).joined(separator: ", ") + "]" }

    private func rowLists(_ labels: [String], _ rows: [[Double]]) -> String {
        "{" + zip(labels, rows).map { "\"\($0)\": \(list($1))" }.joined(separator: ", ") + "}"
    }
}
