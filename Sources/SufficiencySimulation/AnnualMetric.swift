import SufficiencyModel

/// The per-replication, per-financial-year outputs (columns of `annual.csv`, rows of `summary.csv`).
///
/// Stocks are taken at 31 March (or at the horizon if it falls earlier); flows and money are totals over the
/// financial year. `other_placement` is residential schools, secure units and other placements together.
/// `cost_total` is the placement and in-house fostering service cost (in-house, IFA, residential and other);
/// `cost_other` is the sum of the six lines after it (kinship, supported accommodation, residential schools, secure,
/// Staying Put, and other placements: placed with parents, placed for adoption, other). Interventions add
/// `cost_recruitment` (a recruitment programme's contract and approvals) and `cost_programmes` (retention,
/// reunification, step-down); `income` is joint funding and other income;
/// `net_cost` = cost_total + cost_recruitment + cost_programmes − income.
/// `recruitment_target_met` is 1 in a year a recruitment programme in force reached its target, else 0.
public enum AnnualMetric: Int, CaseIterable, Sendable {
    case childrenInCare = 0, inHouseFoster, ifaFoster, kinshipFoster, residential, supportedAccommodation,
         placedWithParents, placedForAdoption, otherPlacement, uasc,
         childrenInCare0, childrenInCare1to4, childrenInCare5to9, childrenInCare10to15, childrenInCare16to17,
         entries, entries0, entries1to4, entries5to9, entries10to15, entries16to17,
         exitsReunification, exitsAdoption, exitsSGO, exitsAge18, exitsOther, reentries,
         moves, moves3PlusPct, longTermStabilityPct, stayingPut,
         inHouseHouseholds, inHousePlaces, inHousePlacesFilled, inHouseVacancies, inHousePlacesUnavailable,
         inHouseOccupancyPct, approvals, deregistrations,
         firstPreferenceMetPct, siblingGroupsTogetherPct, displacedToResidential, placedOver20MilesPct,
         placedOver50MilesPct,
         costTotal, costInHouseFoster, costIFAFoster, costResidential, costOther,
         costKinshipFoster, costSupportedAccommodation, costResidentialSchool, costSecure, costStayingPut,
         costOtherPlacements,
         costRecruitment, costProgrammes, income, netCost,
         programmeApprovals, recruitmentTargetMet, reunificationEnrolments, stepDowns

    static let labels: [String] = [
        "children_in_care", "in_house_foster", "ifa_foster", "kinship_foster", "residential",
        "supported_accommodation", "placed_with_parents", "placed_for_adoption", "other_placement", "uasc",
        "children_in_care_0", "children_in_care_1_4", "children_in_care_5_9", "children_in_care_10_15",
        "children_in_care_16_17",
        "entries", "entries_0", "entries_1_4", "entries_5_9", "entries_10_15", "entries_16_17",
        "exits_reunification", "exits_adoption", "exits_sgo", "exits_age18", "exits_other", "reentries",
        "moves", "moves_3plus_pct", "long_term_stability_pct", "staying_put",
        "in_house_households", "in_house_places", "in_house_places_filled", "in_house_vacancies",
        "in_house_places_unavailable", "in_house_occupancy_pct", "approvals", "deregistrations",
        "first_preference_met_pct", "sibling_groups_together_pct", "displaced_to_residential",
        "placed_over_20_miles_pct", "placed_over_50_miles_pct",
        "cost_total", "cost_in_house_foster", "cost_ifa_foster", "cost_residential", "cost_other",
        "cost_kinship_foster", "cost_supported_accommodation", "cost_residential_school", "cost_secure",
        "cost_staying_put", "cost_other_placements",
        "cost_recruitment", "cost_programmes", "income", "net_cost",
        "programme_approvals", "recruitment_target_met", "reunification_enrolments", "step_downs",
    ]

    public var label: String { AnnualMetric.labels[rawValue] }

    public static let count = allCases.count

    /// Children in care at 31 March in age band `band`, and entries in the year by age band at entry.
    static func childrenInCare(_ band: AgeBand) -> AnnualMetric { AnnualMetric(rawValue: childrenInCare0.rawValue + band.index)! }
    static func entries(_ band: AgeBand) -> AnnualMetric { AnnualMetric(rawValue: entries0.rawValue + band.index)! }

    /// Whether values are percentages (written with decimals).
    public var isPercent: Bool { AnnualMetric.percent[rawValue] }
    private static let percent = labels.map { $0.hasSuffix("_pct") }

    /// Whether values are counts (written without decimals) rather than percentages or pounds.
    public var isCount: Bool { !isPercent && !isMoney }

    public var isMoney: Bool {
        rawValue >= AnnualMetric.costTotal.rawValue && rawValue <= AnnualMetric.netCost.rawValue
    }
}

/// What a cost accrues to: finer than `CostLine` (which sets inflation), so that cost is reported by placement type.
enum CostItem: Int, CaseIterable {
    case inHouseFoster = 0, ifaFoster, residential, kinshipFoster, supportedAccommodation, residentialSchool, secure,
         stayingPut, otherPlacements

    static let count = allCases.count

    /// The cost line whose inflation applies.
    var line: CostLine {
        switch self {
        case .inHouseFoster: return .inHouseFoster
        case .ifaFoster: return .ifaFoster
        case .residential: return .residential
        default: return .other
        }
    }

    /// The annual metric the item accrues to.
    var metric: AnnualMetric {
        [.costInHouseFoster, .costIFAFoster, .costResidential, .costKinshipFoster, .costSupportedAccommodation,
         .costResidentialSchool, .costSecure, .costStayingPut, .costOtherPlacements][rawValue]
    }

    static func of(_ type: PlacementType) -> CostItem {
        switch type {
        case .inHouseFoster: return .inHouseFoster
        case .ifaFoster: return .ifaFoster
        case .residential: return .residential
        case .kinshipFoster: return .kinshipFoster
        case .supportedAccommodation: return .supportedAccommodation
        case .residentialSchool: return .residentialSchool
        case .secure: return .secure
        case .placedWithParents, .placedForAdoption, .other: return .otherPlacements
        }
    }
}

/// Series of the month-end stock (rows of `monthly.csv`): each placement type, Staying Put, and the total.
public enum MonthlySeries {
    public static let labels: [String] = PlacementType.labels + ["staying_put", "children_in_care"]
    public static var count: Int { labels.count }
    static let stayingPut = labels.count - 2
    static let childrenInCare = labels.count - 1
}
