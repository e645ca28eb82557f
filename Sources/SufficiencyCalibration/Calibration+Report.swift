import Foundation
import SufficiencyModel

/// `calibration-report.md`: every estimate with its 95% interval and the counts behind it, and the data quality.
extension Calibration {
    public func reportMarkdown() -> String {
        let e = estimates
        func f(_ x: Double) -> String { x.isFinite ? String(format: "%.3f", x) : "∞" }
        func rate(_ r: RateEstimate) -> String {
            let i = r.interval
            return "\(f(r.perYear)) [\(f(i.low)), \(f(i.high))] (\(r.events) events / \(Int(r.exposureDays.rounded())) days)"
        }
        var m = "# Calibration report: \(options.name)\n\n"
        m += "- Data: \(data.files.joined(separator: ", "))\n"
        if !data.councils.isEmpty { m += "- Councils in the data: \(data.councils.joined(separator: ", "))\n" }
        m += "- Reference window: \(e.windowStart) to \(e.windowEnd) (\(String(format: "%.2f", e.windowYears)) years); snapshot \(e.snapshot)\n"
        m += "- Baseline for what the return does not hold (carers, costs, needs, care plans): \(options.baseline)\n"
        m += "- Rates are per year with exact 95% Poisson intervals; cells with fewer than \(options.minimumEvents) events are pooled with a neighbour.\n\n"
        m += "## Children in care at the snapshot\n\n| placement | children |\n|---|---|\n"
        for t in PlacementType.allCases { m += "| \(t.label) | \(e.stock[t.index].reduce(0, +)) |\n" }
        m += "| total | \(e.childrenInCare) |\n\n"
        m += "## Entries\n\n| age band | entries | per year |\n|---|---|---|\n"
        for a in AgeBand.allCases {
            m += "| \(a.label) | \(e.entries[a.index]) | \(f(Double(e.entries[a.index]) / e.windowYears)) |\n"
        }
        m += "| UASC | \(e.uascEntries) | \(f(Double(e.uascEntries) / e.windowYears)) |\n\n"
        m += "Re-entries within 12 months of going home: \(e.reentries) after \(e.reunifications) returns home.\n\n"
        m += "First placement of entries:\n\n| placement | entries |\n|---|---|\n"
        for t in PlacementType.allCases {
            let n = e.firstPlacement.reduce(0) { $0 + $1[t.index] }
            if n > 0 { m += "| \(t.label) | \(n) |\n" }
        }
        m += "\n## Exit hazards (occurrence over exposure)\n\n| route | all | by age band | by time in care |\n|---|---|---|---|\n"
        for (r, route) in Estimates.routes.enumerated() {
            let ages = AgeBand.allCases.map { "\($0.label): \(rate(e.exitRate(r, age: $0.index)))" }.joined(separator: "<br>")
            let bands = ["0-6m", "6-12m", "1-2y", "2-5y", "5y+"].enumerated().map { "\($0.element): \(rate(e.exitRate(r, band: $0.offset)))" }
                .joined(separator: "<br>")
            m += "| \(route.label) | \(rate(e.exitRate(r))) | \(ages) | \(bands) |\n"
        }
        m += "\nExits at 18: \(e.exitsAt18) (\(e.exitsAt18FromFoster) from foster care, \(e.stayingPut) staying put, E17).\n\n"
        m += "## Placement moves\n\n| placement | exposure days | breakdowns per year | planned moves per year |\n|---|---|---|---|\n"
        for t in PlacementType.allCases where e.placementExposure[t.index] > 0 {
            let b = RateEstimate(events: e.breakdowns[t.index], exposureDays: e.placementExposure[t.index])
            let p = RateEstimate(events: e.plannedMoves[t.index], exposureDays: e.placementExposure[t.index])
            m += "| \(t.label) | \(Int(e.placementExposure[t.index].rounded())) | \(rate(b)) | \(rate(p)) |\n"
        }
        if !notes.isEmpty { m += "\n## Pooling and omissions\n\n" + notes.map { "- \($0)" }.joined(separator: "\n") + "\n" }
        if let fostering { m += "\n" + fostering.reportSection() }
        m += "\n" + data.quality.markdown
        return m
    }
}
