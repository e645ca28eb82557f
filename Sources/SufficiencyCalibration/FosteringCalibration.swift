import Foundation
import SufficiencyData
import SufficiencyModel

/// The supply side of a council's scenario from Ofsted's local-authority fostering data (`calibrate --fostering`):
/// its own carers, their places, recruitment, deregistration and Staying Put, written over a baseline.
///
/// Alone it writes a scenario that `extends` the baseline and sets only these parameters; with an SSDA903
/// return (`Calibration.fostering`) its sections replace the in-house sizing the return implies, and the return's
/// own Staying Put estimate (E17) is kept.
public struct FosteringCalibration {
    public struct Options: Sendable {
        /// The baseline as the scenario names it (an embedded name or a path).
        public var baseline: String = EmbeddedScenarios.defaultName
        public var name: String = "fostering"
        /// Write `recruitment.funnel` (used by the model instead of `approvals_per_year`) when the figures allow.
        public var funnel = false
        /// Calibrating with an SSDA903 return: its Staying Put estimate is kept, Ofsted's only reported.
        public var withReturn = false
        public init() {}
    }

    public let data: OfstedFostering
    public let match: OfstedFostering.CouncilMatch
    public let options: Options
    public let baseline: Scenario
    public let estimates: FosteringEstimates

    public var row: OfstedFosteringRow { match.row }
    /// The file name sources give.
    public var fileName: String { URL(fileURLWithPath: data.path).lastPathComponent }
    /// `Peterborough 2018-19, la-fostering-2018-19.csv`.
    public var label: String { "\(row.area) \(row.year), \(fileName)" }

    /// Derives the supply parameters for the council `match` found in `data`.
    /// - Throws: `CalibrationError` when no parameter can be derived (every figure suppressed); `ScenarioError`
    ///   when the baseline does not load.
    public init(data: OfstedFostering, match: OfstedFostering.CouncilMatch, options: Options) throws {
        self.data = data
        self.match = match
        self.options = options
        baseline = try ScenarioLoader.load(path: options.baseline).scenario
        estimates = FosteringEstimates(row: match.row, file: URL(fileURLWithPath: data.path).lastPathComponent,
                                       baseline: baseline)
        guard estimates.derivesAnything else {
            throw CalibrationError("\(data.path):row \(match.row.source.row): \(match.row.area) \(match.row.year): every "
                + "figure the calibration uses is suppressed or not published; nothing to calibrate")
        }
    }

    /// The funnel is written only when asked for and derivable.
    var writesFunnel: Bool { options.funnel && estimates.funnel != nil }
    /// Staying Put is written only without a return (whose E17 estimate is better evidence than rounded counts).
    var writesStayingPut: Bool { !options.withReturn && estimates.stayingPut != nil }

    /// The supply sections, keyed for merging with the SSDA903 writer's.
    func sections() -> [ScenarioSection] {
        let e = estimates
        let n = Calibration.number
        func p<V: Sendable>(_ key: String, _ value: String, _ unit: String, _ d: Derived<V>, indent: Int = 2) -> (key: String, text: String) {
            (key, Calibration.parameter(key, value, unit, d.source, indent: indent, note: d.note))
        }
        var inHouse: [(key: String, text: String)] = []
        if let d = e.households { inHouse.append(p("households", String(d.value), "households", d)) }
        if let d = e.placesMix {
            let value = "{" + d.value.enumerated().map { "\"\($0.offset + 1)\": \(n($0.element))" }.joined(separator: ", ") + "}"
            inHouse.append(p("places_mix", value, "share", d))
        }
        if let d = e.onHoldShare { inHouse.append(p("on_hold_share", n(d.value), "share", d)) }

        var recruitment: [(key: String, text: String)] = []
        if let d = e.approvalsPerYear { recruitment.append(p("approvals_per_year", n(d.value), "households per year", d)) }
        if writesFunnel, let d = e.funnel {
            let months = baseline.recruitment.monthsToApprovalMean / 2, shape = baseline.recruitment.monthsToApprovalShape
            let lag = "{mean: \(n(months)), shape: \(n(shape))}"
            let lagSource = "not in the Ofsted data: the baseline's recruitment.months_to_approval {mean: "
                + "\(n(baseline.recruitment.monthsToApprovalMean)), shape: \(n(shape))} split into two halves with its shape"
            var text = "  funnel:\n"
            text += Calibration.parameter("enquiries_per_year", n(d.value.enquiriesPerYear), "enquiries per year", d.source, indent: 4)
            text += Calibration.parameter("application_share", n(d.value.applicationShare), "probability",
                                          d.source + ": applications_received / enquiries", indent: 4,
                                          note: d.note.flatMap { $0.contains("application_share") ? $0 : nil })
            text += Calibration.parameter("approval_share", n(d.value.approvalShare), "probability",
                                          d.source + ": mainstream approvals / applications_received", indent: 4,
                                          note: d.note.flatMap { $0.contains("approval_share") ? $0 : nil })
            text += Calibration.parameter("months_to_application", lag, "months", lagSource, indent: 4)
            text += Calibration.parameter("months_to_approval", lag, "months", lagSource, indent: 4)
            recruitment.append(("funnel", text))
        }

        var deregistration: [(key: String, text: String)] = []
        if let d = e.hazardFirstYear { deregistration.append(p("annual_hazard_first_year", n(d.value), "per year", d)) }
        if let d = e.hazard { deregistration.append(p("annual_hazard", n(d.value), "per year", d)) }
        if let d = e.reasonMix {
            let value = "{" + DeregistrationReason.allCases.map { "\($0.label): \(n(d.value[$0.index]))" }.joined(separator: ", ") + "}"
            deregistration.append(p("reason_mix", value, "share", d))
        }

        var exits: [(key: String, text: String)] = []
        if writesStayingPut, let d = e.stayingPut { exits.append(p("staying_put_probability", n(d.value), "probability", d)) }

        let references = e.references.map { r in
            (r.key, Calibration.parameter(r.key, n(r.value), r.unit, r.source, indent: 2))
        }
        return [ScenarioSection("in_house", inHouse), ScenarioSection("recruitment", recruitment),
                ScenarioSection("deregistration", deregistration), ScenarioSection("exits", exits),
                ScenarioSection("references", references)]
    }

    /// Key paths of the parameters written (references apart), in writing order.
    public var parametersWritten: [String] {
        sections().filter { $0.name != "references" }.flatMap { s in s.entries.map { "\(s.name).\($0.key)" } }
    }

    /// Key paths kept from the baseline because Ofsted's figures could not give them (references and a funnel
    /// that was not asked for apart).
    public var parametersKept: [String] {
        estimates.skipped.map(\.key).filter { !$0.hasPrefix("references.") && ($0 != "recruitment.funnel" || options.funnel) }
    }

    /// The scenario that extends the baseline with the supply parameters only (no SSDA903 return).
    public func scenarioYAML() -> String {
        var y = "# Scenario: the council's fostering supply from Ofsted's local-authority fostering data, by `sufficiency calibrate`.\n"
        y += "# Question: what do the council's own carers, as Ofsted counts them, mean for its placements?\n"
        y += "# Varies (against \(options.baseline)): in-house households, places and on-hold share, approvals, deregistration\n"
        y += "#   and Staying Put, where published; everything else (children, needs, costs, agencies) is the baseline's.\n"
        y += "# Sources: Ofsted LA fostering \(fileName), \(row.area) \(row.year); figures rounded to the nearest 5, small ones\n"
        y += "#   suppressed. See calibration-report.md.\n\n"
        y += "extends: \(Calibration.scalar(options.baseline))\nname: \(Calibration.scalar(options.name))\n"
        y += "title: \(Calibration.scalar("\(options.name), fostering supply from Ofsted (\(row.area) \(row.year))"))\n"
        y += "question: What do the council's own foster carers, as Ofsted counts them, mean for its placements?\n"
        y += ScenarioSection.text(sections())
        let kept = estimates.skipped.filter { parametersKept.contains($0.key) }
        if !kept.isEmpty {
            y += "\n# Kept from the baseline:\n" + kept.map { "#   - \($0.key): \($0.reason)" }.joined(separator: "\n") + "\n"
        }
        return y
    }
}
