import Foundation
import SufficiencyData
import SufficiencyModel

/// `calibration-report.md` for Ofsted's fostering figures: what was read, what it set and from what, what stayed
/// the baseline's and why, and whether the rounded figures hang together.
extension FosteringCalibration {
    /// The whole report, when no SSDA903 return was given.
    public func reportMarkdown() -> String {
        "# Calibration report: \(options.name)\n\n" + introduction + body(level: 2)
    }

    /// The report as a section of the SSDA903 calibration report.
    public func reportSection() -> String {
        "## Fostering supply from Ofsted (\(row.area) \(row.year))\n\n" + introduction + body(level: 3)
    }

    var introduction: String {
        var m = "- Source: Ofsted local-authority fostering data, \(data.path), row \(row.source.row): \(row.area) \(row.year)\n"
        if let note = match.note { m += "- Council: \(note)\n" }
        m += "- Baseline for everything else: \(options.baseline)"
        m += options.withReturn ? "\n" : " (its start date \(baseline.startDate) is kept; Ofsted's stocks are at 31 March, the end of \(row.year))\n"
        m += "- Ofsted rounds every figure to the nearest 5 and suppresses small numbers (empty cells): a ratio of small "
            + "counts is only roughly known, and parts need not add up to their totals.\n"
        return m
    }

    func body(level: Int) -> String {
        let h = String(repeating: "#", count: level)
        var m = "\n\(h) Figures read\n\n" + figuresTable()
        m += "\n\(h) Parameters set\n\n" + parametersTable()
        m += "\n\(h) \(options.withReturn ? "Not set from Ofsted" : "Kept from the baseline")\n\n" + keptList()
        m += "\n\(h) Recruitment funnel\n\n" + funnelText()
        m += "\n\(h) Checks\n\n" + checksTable()
        return m
    }

    static func cell(_ x: Int?) -> String { x.map(String.init) ?? "suppressed" }

    func figuresTable() -> String {
        let england = data.england
        var m = england == nil ? "| column | \(row.area) |\n|---|---:|\n" : "| column | \(row.area) | England (all services) |\n|---|---:|---:|\n"
        for c in OfstedFosteringRow.columns {
            m += "| \(c.name) | \(Self.cell(row[keyPath: c.keyPath]))"
            if let england { m += " | \(Self.cell(england[keyPath: c.keyPath]))" }
            m += " |\n"
        }
        return m
    }

    func parametersTable() -> String {
        let e = estimates, b = baseline, n = Calibration.number
        func mix(_ v: [Double], _ labels: [String]) -> String {
            zip(labels, v).map { "\($0): \(n($1))" }.joined(separator: ", ")
        }
        var rows: [[String]] = []
        func add<V: Sendable>(_ key: String, _ base: String, _ d: Derived<V>?, _ value: (V) -> String) {
            guard let d else { return }
            rows.append([key, base, value(d.value) + (d.note.map { " (\($0))" } ?? ""), d.source])
        }
        add("in_house.households", String(b.inHouse.households), e.households) { String($0) }
        add("in_house.places_mix", mix(b.inHouse.placesMix, ["1", "2", "3", "4+"]), e.placesMix) { mix($0, ["1", "2", "3", "4+"]) }
        add("in_house.on_hold_share", n(b.inHouse.onHoldShare), e.onHoldShare) { n($0) }
        add("recruitment.approvals_per_year", b.recruitment.approvalsPerYear.values.map(n).joined(separator: " → "),
            e.approvalsPerYear) { n($0) }
        if writesFunnel, let f = e.funnel {
            rows.append(["recruitment.funnel", b.recruitment.funnel == nil ? "none" : "set",
                         "\(n(f.value.enquiriesPerYear)) enquiries a year, application_share \(n(f.value.applicationShare)), "
                            + "approval_share \(n(f.value.approvalShare))" + (f.note.map { " (\($0))" } ?? ""), f.source])
        }
        add("deregistration.annual_hazard_first_year", n(b.deregistration.annualHazardFirstYear), e.hazardFirstYear) { n($0) }
        add("deregistration.annual_hazard", n(b.deregistration.annualHazard), e.hazard) { n($0) }
        add("deregistration.reason_mix", mix(b.deregistration.reasonMix, DeregistrationReason.labels), e.reasonMix) {
            mix($0, DeregistrationReason.labels)
        }
        if writesStayingPut { add("exits.staying_put_probability", n(b.exits.stayingPutProbability), e.stayingPut) { n($0) } }
        var m = "| parameter | baseline | calibrated | from |\n|---|---|---|---|\n"
        for r in rows { m += "| " + r.map(Self.escape).joined(separator: " | ") + " |\n" }
        if !e.benchmarks.isEmpty {
            m += "\nBenchmarks for briefings (`benchmarks:`): "
                + e.benchmarks.map { "\($0.key) \(n($0.value)) \($0.unit)" }.joined(separator: "; ") + ".\n"
        }
        return m
    }

    func keptList() -> String {
        var lines = estimates.skipped.filter { $0.key != "recruitment.funnel" }.map { "- \($0.key): \($0.reason)" }
        if options.withReturn, let d = estimates.stayingPut {
            lines.append("- exits.staying_put_probability: the SSDA903 estimate (E17) is kept; Ofsted's figure, \(Calibration.number(d.value)) "
                + "from \(d.source), is only reported here")
        }
        if b.recruitment.funnel != nil && !writesFunnel {
            lines.append("- recruitment.funnel: the baseline has a funnel, which the model uses instead of approvals_per_year "
                + "(a layer cannot remove it); pass --funnel to replace it with the council's")
        }
        return lines.isEmpty ? "Nothing: every parameter could be derived.\n" : lines.joined(separator: "\n") + "\n"
    }

    private var b: Scenario { baseline }

    func funnelText() -> String {
        let n = Calibration.number
        guard let f = estimates.funnel else {
            let reason = estimates.skipped.first { $0.key == "recruitment.funnel" }?.reason ?? "not derivable"
            return "Not derivable: \(reason). Approvals come from recruitment.approvals_per_year.\n"
        }
        func pct(_ x: Double) -> String { n((x * 1000).rounded() / 10) }
        var m = "\(f.source): \(pct(f.value.applicationShare))% of enquiries became applications and "
            + "\(pct(f.value.approvalShare))% of applications were approved"
        m += f.note.map { " (\($0))" } ?? ""
        m += ". Expected approvals from the funnel: \(n(f.value.enquiriesPerYear * f.value.applicationShare * f.value.approvalShare)) a year.\n\n"
        if writesFunnel {
            m += "Written as recruitment.funnel (--funnel): the model draws approvals from enquiries through these conversions "
                + "instead of recruitment.approvals_per_year. The lags are not in the data: the baseline's months_to_approval, "
                + "split in two halves. With every count rounded to 5, small counts make crude conversions.\n"
        } else {
            m += "Not written: with every count rounded to 5, a small council's conversions are crude (10 applications could be "
                + "8 to 12). Pass --funnel to use it; the model then ignores recruitment.approvals_per_year.\n"
        }
        return m
    }

    /// Consistency of the rounded figures, and what the rates imply for the size of the service.
    func checksTable() -> String {
        let r = row, n = Calibration.number
        var rows: [[String]] = []
        /// Parts of `terms` counts, each rounded to 5, against their rounded total: at most 2.5 per figure apart.
        func sum(_ what: String, _ parts: [(String, Int?)], _ totalName: String, _ total: Int?, weights: [Int]? = nil,
                 atMost: Bool = false) {
            var gone = parts.filter { $0.1 == nil }.map { $0.0 }
            if total == nil { gone.append(totalName) }
            guard gone.isEmpty, let total else {
                rows.append([what, "", "not checked: \(gone.joined(separator: ", ")) suppressed"])
                return
            }
            let w = weights ?? parts.map { _ in 1 }
            let value = zip(parts, w).reduce(0) { $0 + $1.0.1! * $1.1 }
            let expression = zip(parts, w).map { ($1 == 1 ? "" : "\($1)×") + "\($0.1!)" }.joined(separator: " + ")
            let tolerance = 2.5 * Double(w.reduce(0, +) + 1)
            let diff = value - total
            let result: String
            if diff == 0 || (atMost && diff < 0) {
                result = "consistent"
            } else if Double(abs(diff)) <= tolerance {
                result = "within rounding (at most ±\(n(tolerance)) apart)"
            } else {
                result = "differ by \(abs(diff)), more than rounding explains"
            }
            let shown = parts.count == 1 ? expression : "\(expression) = \(value)"
            rows.append([what, "\(shown) \(atMost ? "≤" : "against") \(totalName) \(total)", result])
        }
        sum("households by number of places add up to all households",
            [("households_1_place", r.households1Place), ("households_2_places", r.households2Places),
             ("households_3_places", r.households3Places), ("households_4plus_places", r.households4PlusPlaces)],
            "households_total", r.householdsTotal)
        sum("places filled, vacant and not available add up to places approved",
            [("places_filled", r.placesFilled), ("places_vacant", r.placesVacant), ("places_not_available", r.placesNotAvailable)],
            "places_approved", r.placesApproved)
        sum("places implied by households' approvals (4+ counted as 4) are at most places approved",
            [("households_1_place", r.households1Place), ("households_2_places", r.households2Places),
             ("households_3_places", r.households3Places), ("households_4plus_places", r.households4PlusPlaces)],
            "places_approved", r.placesApproved, weights: [1, 2, 3, 4], atMost: true)
        sum("deregistrations by reason add up to all deregistrations",
            [("deregistered_transfer_to_la", r.deregisteredTransferToLA), ("deregistered_transfer_to_ifa", r.deregisteredTransferToIFA),
             ("deregistered_by_service", r.deregisteredByService), ("deregistered_by_carer", r.deregisteredByCarer),
             ("deregistered_unknown_reason", r.deregisteredUnknownReason)],
            "deregistered_total", r.deregisteredTotal)
        if let approvals = estimates.approvalsPerYear, let applications = r.applicationsReceived {
            sum("mainstream approvals are at most applications received", [("approvals", Int(approvals.value))],
                "applications_received", applications, atMost: true)
        }
        sum("young people staying put are at most those turning 18 in foster care",
            [("became_18_stayed_with_carer", r.became18StayedWithCarer)], "became_18_in_foster_care", r.became18InFosterCare,
            atMost: true)
        if let households = estimates.households?.value, let hazard = estimates.hazard?.value,
           let approvals = estimates.approvalsPerYear?.value {
            let leaving = hazard * Double(households)
            let settles = hazard > 0 ? n((approvals / hazard).rounded()) : "no limit"
            func count(_ x: Double) -> String { x == 1 ? "1 household" : "\(n(x)) households" }
            let change = abs(approvals - leaving).rounded()
            let trend = change < 1 ? "is about steady"
                : approvals < leaving ? "shrinks by about \(count(change)) a year" : "grows by about \(count(change)) a year"
            rows.append(["implication: approvals against deregistrations (first-year hazard aside)",
                         "\(n(approvals)) approvals against \(n(hazard)) × \(households) = \(n((leaving * 10).rounded() / 10)) "
                            + "deregistrations a year",
                         "the service \(trend); it would settle near approvals / hazard = \(settles) households"])
        }
        if let england = data.england {
            let national = FosteringEstimates(row: england, file: fileName, baseline: baseline)
            func compare(_ what: String, _ a: Double?, _ b: Double?) {
                rows.append(["context: \(what), council against England (all services)",
                             "\(a.map(n) ?? "—") against \(b.map(n) ?? "—")", ""])
            }
            func pct(_ part: Int?, _ whole: Int?) -> Double? {
                guard let part, let whole, whole > 0 else { return nil }
                return (1000 * Double(part) / Double(whole)).rounded() / 10
            }
            compare("occupancy %", pct(r.placesFilled, r.placesApproved), pct(england.placesFilled, england.placesApproved))
            compare("on-hold share", estimates.onHoldShare?.value, national.onHoldShare?.value)
            compare("deregistration hazard", estimates.hazard?.value, national.hazard?.value)
            compare("staying put", estimates.stayingPut?.value, national.stayingPut?.value)
        }
        var m = "| check | figures | result |\n|---|---|---|\n"
        for row in rows { m += "| " + row.map(Self.escape).joined(separator: " | ") + " |\n" }
        return m
    }

    static func escape(_ text: String) -> String {
        text.replacingOccurrences(of: "|", with: "\\|").replacingOccurrences(of: "\n", with: " ")
    }
}
