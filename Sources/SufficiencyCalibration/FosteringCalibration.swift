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

    /// The supply parameters, typed, in writing order: the SSDA903 writer lays them over its own in-house sizing.
    func settings() -> [ParameterSetting] {
        let e = estimates
        var out: [ParameterSetting] = []
        func set<V: Sendable>(_ keyPath: String, _ value: ParameterValue, _ d: Derived<V>) {
            out.append(ParameterSetting(keyPath, value, source: d.source, note: d.note))
        }
        if let d = e.households { set("in_house.households", .whole(d.value), d) }
        if let d = e.placesMix { set("in_house.places_mix", .numbers(d.value), d) }
        if let d = e.onHoldShare { set("in_house.on_hold_share", .number(d.value), d) }
        if let d = e.approvalsPerYear { set("recruitment.approvals_per_year", .schedule(Schedule(d.value)), d) }
        if writesFunnel, let d = e.funnel {
            let n = Calibration.number
            let months = baseline.recruitment.monthsToApprovalMean / 2, shape = baseline.recruitment.monthsToApprovalShape
            let lagSource = "not in the Ofsted data: the baseline's recruitment.months_to_approval {mean: "
                + "\(n(baseline.recruitment.monthsToApprovalMean)), shape: \(n(shape))} split into two halves with its shape"
            out += [
                ParameterSetting("recruitment.funnel.enquiries_per_year", .schedule(Schedule(d.value.enquiriesPerYear)),
                                 source: d.source),
                ParameterSetting("recruitment.funnel.application_share", .number(d.value.applicationShare),
                                 source: d.source + ": applications_received / enquiries",
                                 note: d.note.flatMap { $0.contains("application_share") ? $0 : nil }),
                ParameterSetting("recruitment.funnel.approval_share", .number(d.value.approvalShare),
                                 source: d.source + ": mainstream approvals / applications_received",
                                 note: d.note.flatMap { $0.contains("approval_share") ? $0 : nil }),
                ParameterSetting("recruitment.funnel.months_to_application", .numbers([months, shape]), source: lagSource),
                ParameterSetting("recruitment.funnel.months_to_approval", .numbers([months, shape]), source: lagSource),
            ]
        }
        if let d = e.hazardFirstYear { set("deregistration.annual_hazard_first_year", .number(d.value), d) }
        if let d = e.hazard { set("deregistration.annual_hazard", .number(d.value), d) }
        if let d = e.reasonMix { set("deregistration.reason_mix", .numbers(d.value), d) }
        if writesStayingPut, let d = e.stayingPut { set("exits.staying_put_probability", .number(d.value), d) }
        return out
    }

    /// Where a figure of the written scenario came from, for a problem the loader finds at `keyPath` (such as
    /// `deregistration.annual_hazard.value`): the row and the Ofsted columns it was derived from,
    /// "la-fostering-2018-19.csv:row 2: Peterborough 2018-19: deregistered_total 30 / households_total 115 (...)", or
    /// nil when the key is not one this calibration writes. Figures far outside any council's (6,000
    /// deregistrations of 115 households) give a rate beyond what a scenario holds; the row is what to check.
    public func origin(ofProblemAt keyPath: String) -> String? {
        guard let setting = settings().first(where: { keyPath == $0.keyPath || keyPath.hasPrefix($0.keyPath + ".") }) else {
            return nil
        }
        // The source opens with the file, council and year the location already gives.
        var derivation = Substring(setting.source)
        if derivation.hasPrefix("Ofsted"), let colon = derivation.range(of: ": ") { derivation = derivation[colon.upperBound...] }
        return "\(data.path):row \(match.row.source.row): \(match.row.area) \(match.row.year): \(derivation)"
    }

    /// Key paths of the parameters written, in writing order (a funnel counted once).
    public var parametersWritten: [String] {
        var seen: [String] = []
        for s in settings() {
            let key = s.keyPath.hasPrefix("recruitment.funnel.") ? "recruitment.funnel" : s.keyPath
            if !seen.contains(key) { seen.append(key) }
        }
        return seen
    }

    /// Key paths kept from the baseline because Ofsted's figures could not give them (benchmarks and a funnel
    /// that was not asked for apart).
    public var parametersKept: [String] {
        estimates.skipped.map(\.key).filter { !$0.hasPrefix("benchmarks.") && ($0 != "recruitment.funnel" || options.funnel) }
    }

    /// The scenario that extends the baseline with the supply parameters only (no SSDA903 return).
    public func scenarioYAML() -> String { document().yaml() }

    public func document() -> ScenarioDocument {
        var doc = ScenarioDocument(extends: options.baseline, name: options.name,
                                   title: "\(options.name), fostering supply from Ofsted (\(row.area) \(row.year))",
                                   question: "What do the council's own foster carers, as Ofsted counts them, mean for its placements?")
        let c = Calibration.comment
        doc.header = [
            "# Scenario: the council's fostering supply from Ofsted's local-authority fostering data, by `sufficiency calibrate`.",
            "# Question: what do the council's own carers, as Ofsted counts them, mean for its placements?",
            "# Varies (against \(c(options.baseline))): in-house households, places and on-hold share, approvals, deregistration",
            "#   and Staying Put, where published; everything else (children, needs, costs, agencies) is the baseline's.",
            "# Sources: Ofsted LA fostering \(c(fileName)), \(c(row.area)) \(row.year); figures rounded to the nearest 5, small ones",
            "#   suppressed. See calibration-report.md.",
        ]
        doc.set(settings())
        doc.benchmarks = estimates.benchmarks
        let kept = estimates.skipped.filter { parametersKept.contains($0.key) }
        if !kept.isEmpty {
            doc.footer = ["# Kept from the baseline:"] + kept.map { "#   - \($0.key): \(c($0.reason))" }
        }
        return doc
    }
}
