import Foundation
import SufficiencyData
import SufficiencyModel

/// `calibration-report.md`: every estimate with its 95% interval and the counts behind it, and the data quality.
extension Calibration {
    /// The report when no calibration could be made: why, and the data quality section with every rejected row, so
    /// that the analyst can fix the rows (written by `calibrate` when rows were rejected).
    public static func qualityReport(data: SSDA903Data, name: String, failure: String) -> String {
        var m = "# Calibration report: \(name)\n\n"
        m += "No scenario was written: \(failure).\n\n"
        m += "- Data: \(data.files.joined(separator: ", "))\n"
        if !data.councils.isEmpty { m += "- Councils in the data: \(data.councils.joined(separator: ", "))\n" }
        return m + "\n" + data.quality.markdown
    }

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
        m += "- Rates are per year with exact 95% Poisson intervals. Exits (age band × time in care) and moves (placement type × "
            + "age band) are fitted as joint Poisson models; no cells are pooled: each factor level is shrunk towards the others by a "
            + "gamma prior worth one event, so a level with much exposure and no events keeps a rate near zero.\n"
        m += "- Parameter uncertainty: " + (options.parameterUncertainty
            ? "on. The scenario records the events and exposure below (`parameter_uncertainty`), and each replication of a run "
              + "draws its rates from them (a parametric bootstrap of every fitted table).\n\n"
            : "off (`--no-parameter-uncertainty`): runs use the point estimates alone, so their intervals hold the process's own "
              + "randomness only.\n\n")
        m += "## Children in care at the snapshot\n\n| placement | children |\n|---|---|\n"
        for t in PlacementType.allCases { m += "| \(t.label) | \(e.stock[t.index].reduce(0, +)) |\n" }
        m += "| total | \(e.childrenInCare) |\n\n"
        m += "## Entries\n\n| age band | entries | per year |\n|---|---|---|\n"
        for a in AgeBand.allCases {
            m += "| \(a.label) | \(e.entries[a.index]) | \(f(Double(e.entries[a.index]) / e.windowYears)) |\n"
        }
        m += "| UASC | \(e.uascEntries) | \(f(Double(e.uascEntries) / e.windowYears)) |\n\n"
        m += entryModelMarkdown()
        m += "Re-entries within 12 months of going home: \(e.reentries) after \(e.reunifications) returns home.\n\n"
        if e.unobservedStarts > 0 {
            m += "Not counted as entries: \(e.unobservedStarts) periods of care first seen in the window whose first episode is not RNE S "
                + "(they began before the data did).\n\n"
        }
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
        m += "\n" + jointFitsMarkdown()
        m += "\nExits at 18: \(e.exitsAt18) (\(e.exitsAt18FromFoster) from foster care, \(e.stayingPut) staying put, E17).\n\n"
        m += "## Placement moves\n\n| placement | exposure days | breakdowns per year | planned moves per year |\n|---|---|---|---|\n"
        for t in PlacementType.allCases where e.placementExposure[t.index] > 0 {
            let b = RateEstimate(events: e.breakdowns[t.index], exposureDays: e.placementExposure[t.index])
            let p = RateEstimate(events: e.plannedMoves[t.index], exposureDays: e.placementExposure[t.index])
            m += "| \(t.label) | \(Int(e.placementExposure[t.index].rounded())) | \(rate(b)) | \(rate(p)) |\n"
        }
        if !notes.isEmpty { m += "\n## Shrinkage and omissions\n\n" + notes.map { "- \($0)" }.joined(separator: "\n") + "\n" }
        if let fostering { m += "\n" + fostering.reportSection() }
        m += "\n" + data.quality.markdown
        return m
    }

    /// The entry model: counts by period behind the rates, and the trend with its interval.
    func entryModelMarkdown() -> String {
        let fit = entryFit
        let years = entryPeriodYears, mids = entryMidpoints
        func f(_ x: Double) -> String { String(format: "%.3f", x) }
        var m = "Entries by period of the window (\(options.entriesTrend ? "fitted with a trend by year" : "a flat rate")):\n\n"
        m += "| age band | " + estimates.entryPeriods.indices.map { "period \($0 + 1) (\(f(years[$0])) y, mid \(f(mids[$0])) y)" }
            .joined(separator: " | ") + " | rate at start |\n"
        m += "|---|" + estimates.entryPeriods.map { _ in "---|" }.joined() + "---|\n"
        for a in AgeBand.allCases {
            m += "| \(a.label) | " + estimates.entriesByPeriod[a.index].map(String.init).joined(separator: " | ") + " | \(f(fit.rate[a.index])) |\n"
        }
        if options.entriesTrend {
            let se = fit.trendStandardError, beta = log(fit.growth)
            m += "\nTrend: entries change by a factor of \(f(fit.growth)) a year (95% interval \(f(exp(beta - 1.96 * se)))–"
                + "\(f(exp(beta + 1.96 * se)))), from a Poisson regression on year shared by all age bands.\n"
        }
        return m + "\n"
    }

    /// What each level of the joint models rests on: its events, exposure and fitted factor.
    func jointFitsMarkdown() -> String {
        func f(_ x: Double) -> String { String(format: "%.3f", x) }
        func level(_ events: Double, _ years: Double, _ factor: Double) -> String {
            "\(f(factor)) (\(Int(events)) / \(f(years)) y)"
        }
        var m = "### Joint models: what each factor rests on\n\n"
        m += "Each cell's hazard is base × row factor × column factor; a factor is shown with the events and exposure (child-years) behind it.\n\n"
        m += "| exit route | base per year | age factors (0, 1-4, 5-9, 10-15, 16-17) | time-in-care factors (0-6m, 6-12m, 1-2y, 2-5y, 5y+) |\n|---|---|---|---|\n"
        for (r, route) in Estimates.routes.enumerated() {
            let fit = exitFit(r)
            let ages = fit.rows.indices.map { level(fit.rowEvents[$0], fit.rowExposure[$0], fit.rows[$0]) }.joined(separator: "<br>")
            let bands = fit.columns.indices.map { level(fit.columnEvents[$0], fit.columnExposure[$0], fit.columns[$0]) }.joined(separator: "<br>")
            m += "| \(route.label) | \(f(fit.base)) | \(ages) | \(bands) |\n"
        }
        m += "\n| moves | base per year | placement type factors | age factors (0, 1-4, 5-9, 10-15, 16-17) |\n|---|---|---|---|\n"
        for (name, fit) in [("breakdowns", breakdownFit), ("planned moves", plannedMoveFit)] {
            let types = PlacementType.allCases.filter { fit.rowExposure[$0.index] > 0 }
                .map { "\($0.label): " + level(fit.rowEvents[$0.index], fit.rowExposure[$0.index], fit.rows[$0.index]) }.joined(separator: "<br>")
            let ages = fit.columns.indices.map { level(fit.columnEvents[$0], fit.columnExposure[$0], fit.columns[$0]) }.joined(separator: "<br>")
            m += "| \(name) | \(f(fit.base)) | \(types) | \(ages) |\n"
        }
        return m
    }
}
