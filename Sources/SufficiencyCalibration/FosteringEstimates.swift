import Foundation
import SufficiencyData
import SufficiencyModel

/// A value derived from Ofsted's figures, with the source string the scenario file gives it.
public struct Derived<Value: Sendable>: Sendable {
    public var value: Value
    /// Names the file, the council, the year and every column used, with their values.
    public var source: String
    /// Why the value is not simply the ratio of its inputs (a cap), when it is not.
    public var note: String?
}

/// Recruitment funnel figures: enquiries a year and the two conversions.
public struct FunnelFigures: Sendable {
    public var enquiriesPerYear: Double
    public var applicationShare: Double
    public var approvalShare: Double
}

/// The supply parameters a council's row of Ofsted fostering data gives, each with its source, and the ones it
/// cannot give (suppressed or missing inputs), which keep the baseline's value.
///
/// Ofsted's figures are rounded to the nearest 5 and small ones suppressed: a parameter is derived only when every
/// input is published, and ratios of small counts are capped where rounding can push them past their bounds.
public struct FosteringEstimates: Sendable {
    /// Mainstream households: total less family and friends (those are `kinship_foster` in this model).
    public var households: Derived<Int>?
    /// Shares of households approved for 1, 2, 3 and 4+ places.
    public var placesMix: Derived<[Double]>?
    /// Places not available over places approved.
    public var onHoldShare: Derived<Double>?
    /// Mainstream approvals a year.
    public var approvalsPerYear: Derived<Double>?
    /// Enquiries and conversions, when enquiries, applications and approvals are all published.
    public var funnel: Derived<FunnelFigures>?
    /// Deregistrations over households, a year (family and friends in both).
    public var hazard: Derived<Double>?
    /// The baseline's first-year to later ratio applied to `hazard`.
    public var hazardFirstYear: Derived<Double>?
    /// Carer, service, transfer.
    public var reasonMix: Derived<[Double]>?
    /// Young people staying put over those turning 18 in foster care.
    public var stayingPut: Derived<Double>?
    /// The council's figures for briefings to print beside simulated ones (`benchmarks:`).
    public var benchmarks: [Benchmark] = []
    /// Scenario key paths (or benchmark names) not set, and why.
    public var skipped: [(key: String, reason: String)] = []

    /// Fewer young people turning 18 than this and Staying Put is not estimated.
    public static let minimumCareLeavers = 5
    /// The loader's bound on `in_house.on_hold_share`.
    public static let maximumOnHold = 0.95
    /// The cap on the first-year deregistration hazard, per year.
    public static let maximumFirstYearHazard = 2.0

    /// Derives everything from `row`; `file` is the name sources give, `baseline` supplies the first-year ratio.
    public init(row: OfstedFosteringRow, file: String, baseline: Scenario) {
        let from = "Ofsted LA fostering \(file), \(row.area) \(row.year): "
        func missing(_ names: String...) -> String {
            let gone = names.filter { row[column: $0] == nil }
            return gone.joined(separator: ", ") + (gone.count == 1 ? " is" : " are") + " suppressed or not published"
        }
        func skip(_ key: String, _ reason: String) { skipped.append((key, reason)) }

        // In-house households and their places.
        if let total = row.householdsTotal, let kin = row.householdsFamilyAndFriends {
            if kin <= total {
                households = Derived(value: total - kin, source: from + "households_total \(total) − households_family_and_friends "
                    + "\(kin) (family and friends carers are the kinship_foster placement type in this model, not in-house households)")
            } else {
                skip("in_house.households", "households_family_and_friends \(kin) exceeds households_total \(total)")
            }
        } else {
            skip("in_house.households", missing("households_total", "households_family_and_friends"))
        }
        let placeCounts = [row.households1Place, row.households2Places, row.households3Places, row.households4PlusPlaces]
        if placeCounts.allSatisfy({ $0 != nil }), placeCounts.reduce(0, { $0 + $1! }) > 0 {
            let c = placeCounts.map { $0! }
            placesMix = Derived(value: Calibration.shares(c, fallback: []), source: from + "households_1_place \(c[0]), "
                + "households_2_places \(c[1]), households_3_places \(c[2]), households_4plus_places \(c[3]) (4 stands for 4 or more)")
        } else {
            skip("in_house.places_mix", placeCounts.allSatisfy { $0 != nil } ? "no households by number of places"
                : missing("households_1_place", "households_2_places", "households_3_places", "households_4plus_places"))
        }
        if let unavailable = row.placesNotAvailable, let approved = row.placesApproved, approved > 0 {
            let share = Double(unavailable) / Double(approved)
            let capped = share > Self.maximumOnHold
            onHoldShare = Derived(value: min(share, Self.maximumOnHold),
                                  source: from + "places_not_available \(unavailable) / places_approved \(approved)",
                                  note: capped ? "capped at \(Calibration.number(Self.maximumOnHold)), the most the model accepts" : nil)
        } else {
            skip("in_house.on_hold_share", row.placesApproved == 0 ? "places_approved is 0"
                : missing("places_not_available", "places_approved"))
        }

        // Recruitment: mainstream approvals, and the funnel behind them.
        if let all = row.householdsApprovedInYear, let kin = row.familyAndFriendsHouseholdsApprovedInYear {
            approvalsPerYear = Derived(value: Double(max(all - kin, 0)), source: from + "households_approved_in_year \(all) − "
                + "family_and_friends_households_approved_in_year \(kin) (mainstream approvals)",
                note: all < kin ? "rounding makes the difference negative; 0 used" : nil)
        } else if let approved = row.applicationsApproved {
            approvalsPerYear = Derived(value: Double(approved), source: from + "applications_approved \(approved) (mainstream "
                + "applications approved; \(missing("households_approved_in_year", "family_and_friends_households_approved_in_year")))")
        } else {
            skip("recruitment.approvals_per_year",
                 missing("households_approved_in_year", "family_and_friends_households_approved_in_year", "applications_approved"))
        }
        if let enquiries = row.enquiries, let applications = row.applicationsReceived, let approvals = approvalsPerYear,
           enquiries > 0, applications > 0 {
            let toApplication = Double(applications) / Double(enquiries)
            let toApproval = approvals.value / Double(applications)
            var notes: [String] = []
            if toApplication > 1 { notes.append("applications exceed enquiries after rounding: application_share capped at 1") }
            if toApproval > 1 { notes.append("approvals exceed applications after rounding: approval_share capped at 1") }
            funnel = Derived(value: FunnelFigures(enquiriesPerYear: Double(enquiries), applicationShare: min(toApplication, 1),
                                                  approvalShare: min(toApproval, 1)),
                             source: from + "enquiries \(enquiries), applications_received \(applications), "
                                 + "mainstream approvals \(Calibration.number(approvals.value))",
                             note: notes.isEmpty ? nil : notes.joined(separator: "; "))
        } else {
            skip("recruitment.funnel", row.enquiries == 0 || row.applicationsReceived == 0
                ? "no enquiries or no applications received"
                : approvalsPerYear == nil ? "no approvals figure" : missing("enquiries", "applications_received"))
        }

        // Deregistration: hazard, first-year hazard, and who starts it.
        if let gone = row.deregisteredTotal, let total = row.householdsTotal, total > 0 {
            let later = Double(gone) / Double(total)
            hazard = Derived(value: later, source: from + "deregistered_total \(gone) / households_total \(total) "
                + "(both include family and friends households)")
            let base = baseline.deregistration
            let ratio = base.annualHazard > 0 ? base.annualHazardFirstYear / base.annualHazard : 1
            let first = ratio * later
            hazardFirstYear = Derived(value: min(first, Self.maximumFirstYearHazard),
                source: "the baseline's ratio of first-year to later hazard (\(Calibration.number(base.annualHazardFirstYear)) / "
                    + "\(Calibration.number(base.annualHazard))) × the Ofsted hazard \(Calibration.number(later)) (\(file), "
                    + "\(row.area) \(row.year)); Ofsted does not publish first-year deregistrations",
                note: first > Self.maximumFirstYearHazard ? "capped at \(Calibration.number(Self.maximumFirstYearHazard)) per year" : nil)
        } else {
            let reason = row.householdsTotal == 0 ? "households_total is 0" : missing("deregistered_total", "households_total")
            skip("deregistration.annual_hazard", reason)
            skip("deregistration.annual_hazard_first_year", reason)
        }
        let reasons = [row.deregisteredByCarer, row.deregisteredByService, row.deregisteredTransferToLA, row.deregisteredTransferToIFA]
        if reasons.allSatisfy({ $0 != nil }) {
            let r = reasons.map { $0! }
            let unknown = row.deregisteredUnknownReason.map { "deregistered_unknown_reason \($0) spread in proportion" }
                ?? "deregistered_unknown_reason is suppressed (spreading it in proportion would not change the shares)"
            if r.reduce(0, +) > 0 {
                reasonMix = Derived(value: Calibration.shares([r[0], r[1], r[2] + r[3]], fallback: []),
                                    source: from + "carer = deregistered_by_carer \(r[0]), service = deregistered_by_service "
                                        + "\(r[1]), transfer = deregistered_transfer_to_la \(r[2]) + deregistered_transfer_to_ifa "
                                        + "\(r[3]); \(unknown)")
            } else {
                skip("deregistration.reason_mix", "every known reason is 0 (\(row.deregisteredUnknownReason.map { "deregistered_unknown_reason \($0)" } ?? "unknown reasons suppressed")), so the baseline's mix is kept")
            }
        } else {
            skip("deregistration.reason_mix", missing("deregistered_by_carer", "deregistered_by_service",
                                                      "deregistered_transfer_to_la", "deregistered_transfer_to_ifa"))
        }

        // Staying Put.
        if let turned = row.became18InFosterCare, let stayed = row.became18StayedWithCarer, turned >= Self.minimumCareLeavers {
            let share = Double(stayed) / Double(turned)
            stayingPut = Derived(value: min(share, 1), source: from + "became_18_stayed_with_carer \(stayed) / "
                + "became_18_in_foster_care \(turned) (both rounded to the nearest 5, so only roughly known)",
                note: share > 1 ? "capped at 1 (more stayed than turned 18, after rounding)" : nil)
        } else if let turned = row.became18InFosterCare, row.became18StayedWithCarer != nil {
            skip("exits.staying_put_probability", "became_18_in_foster_care is \(turned), under \(Self.minimumCareLeavers): too few to estimate")
        } else {
            skip("exits.staying_put_probability", missing("became_18_in_foster_care", "became_18_stayed_with_carer"))
        }

        benchmarks = Self.benchmarks(row, from: from, skip: skip)
    }

    /// The council's own figures for briefings; each needs its inputs published.
    static func benchmarks(_ row: OfstedFosteringRow, from: String,
                           skip: (String, String) -> Void) -> [Benchmark] {
        var refs: [Benchmark] = []
        // Stocks at the year's 31 March, flows over the year to it: a briefing sets either beside the simulated year.
        let asAt = FinancialYear(label: row.year)?.lastDay
        func add(_ key: String, _ value: Int?, _ unit: String, _ column: String, _ extra: String = "") {
            guard let value else { return skip("benchmarks.\(key)", "\(column) is suppressed or not published") }
            refs.append(Benchmark(key: key, value: Double(value), unit: unit, source: from + "\(column) \(value)" + extra,
                                  asAt: asAt))
        }
        func percent(_ key: String, _ part: Int?, _ whole: Int?, _ partName: String, _ wholeName: String) {
            guard let part, let whole, whole > 0 else {
                return skip("benchmarks.\(key)", whole == 0 ? "\(wholeName) is 0" : "\(partName) or \(wholeName) is suppressed or not published")
            }
            let pct = (1000 * Double(part) / Double(whole)).rounded() / 10
            refs.append(Benchmark(key: key, value: pct, unit: "percent",
                                  source: from + "\(partName) \(part) / \(wholeName) \(whole) × 100", asAt: asAt))
        }
        add("in_house_households_council", row.householdsTotal, "households", "households_total",
            row.householdsFamilyAndFriends.map { ", of which households_family_and_friends \($0)" }
                ?? " (households_family_and_friends suppressed)")
        add("in_house_places_council", row.placesApproved, "places", "places_approved")
        add("in_house_places_filled_council", row.placesFilled, "places", "places_filled")
        add("in_house_vacancies_council", row.placesVacant, "places", "places_vacant")
        add("in_house_places_unavailable_council", row.placesNotAvailable, "places", "places_not_available")
        percent("in_house_occupancy_pct_council", row.placesFilled, row.placesApproved, "places_filled", "places_approved")
        if let all = row.householdsApprovedInYear {
            add("approvals_council", all, "households per year", "households_approved_in_year",
                row.familyAndFriendsHouseholdsApprovedInYear.map { ", of which family_and_friends_households_approved_in_year \($0)" }
                    ?? " (family and friends approvals suppressed)")
        } else {
            add("approvals_council", row.applicationsApproved, "households per year", "applications_approved",
                " (households_approved_in_year not published: mainstream applications approved"
                    + (row.familyAndFriendsHouseholdsApprovedInYear.map { "; family_and_friends_households_approved_in_year \($0) not included" } ?? "")
                    + ")")
        }
        add("deregistrations_council", row.deregisteredTotal, "households per year", "deregistered_total",
            " (family and friends households included)")
        percent("sibling_groups_together_pct_council", row.siblingGroupsPlacedToPlan, row.siblingGroupsAssessed,
                "sibling_groups_placed_to_plan", "sibling_groups_assessed")
        return refs
    }

    /// True when at least one scenario parameter could be derived.
    public var derivesAnything: Bool {
        households != nil || placesMix != nil || onHoldShare != nil || approvalsPerYear != nil || hazard != nil
            || reasonMix != nil || stayingPut != nil
    }
}
