/// The per-replication, per-financial-year outputs (columns of `annual.csv`, rows of `summary.csv`).
///
/// Stocks are taken at 31 March (or at the horizon if it falls earlier); flows and money are totals over the
/// financial year. `other_placement` is residential schools, secure units and other placements together.
/// `cost_total` is the placement and in-house fostering service cost; interventions add `cost_recruitment` (a
/// recruitment programme's contract and approvals) and `cost_programmes` (retention, reunification, step-down);
/// `income` is joint funding and other income; `net_cost` = cost_total + cost_recruitment + cost_programmes − income.
/// `recruitment_target_met` is 1 in a year a recruitment programme in force reached its target, else 0.
public enum AnnualMetric: Int, CaseIterable, Sendable {
    case childrenInCare = 0, inHouseFoster, ifaFoster, kinshipFoster, residential, supportedAccommodation,
         placedWithParents, placedForAdoption, otherPlacement,
         entries, exitsReunification, exitsAdoption, exitsSGO, exitsAge18, exitsOther, reentries,
         moves, moves3PlusPct, stayingPut,
         inHouseHouseholds, inHousePlaces, inHouseVacancies, approvals, deregistrations,
         displacedToResidential, placedOver20MilesPct,
         costTotal, costInHouseFoster, costIFAFoster, costResidential, costOther,
         costRecruitment, costProgrammes, income, netCost,
         programmeApprovals, recruitmentTargetMet, reunificationEnrolments, stepDowns

    public var label: String {
        [
            "children_in_care", "in_house_foster", "ifa_foster", "kinship_foster", "residential",
            "supported_accommodation", "placed_with_parents", "placed_for_adoption", "other_placement",
            "entries", "exits_reunification", "exits_adoption", "exits_sgo", "exits_age18", "exits_other", "reentries",
            "moves", "moves_3plus_pct", "staying_put",
            "in_house_households", "in_house_places", "in_house_vacancies", "approvals", "deregistrations",
            "displaced_to_residential", "placed_over_20_miles_pct",
            "cost_total", "cost_in_house_foster", "cost_ifa_foster", "cost_residential", "cost_other",
            "cost_recruitment", "cost_programmes", "income", "net_cost",
            "programme_approvals", "recruitment_target_met", "reunification_enrolments", "step_downs",
        ][rawValue]
    }

    public static let count = allCases.count

    /// Whether values are counts (written without decimals) rather than percentages or pounds.
    public var isCount: Bool { self != .moves3PlusPct && self != .placedOver20MilesPct && !isMoney }

    public var isMoney: Bool {
        rawValue >= AnnualMetric.costTotal.rawValue && rawValue <= AnnualMetric.netCost.rawValue
    }
}

/// Series of the month-end stock (rows of `monthly.csv`): each placement type, Staying Put, and the total.
public enum MonthlySeries {
    public static let labels: [String] = SufficiencyModelLabels.placementLabels + ["staying_put", "children_in_care"]
    public static var count: Int { labels.count }
    static let stayingPut = labels.count - 2
    static let childrenInCare = labels.count - 1
}
