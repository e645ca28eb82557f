/// The sufficiency gap's vocabulary (model.md section 8): shared by the engine that counts it, the writer of
/// `sufficiency.csv` and `supply.csv`, and the report that reads them.

/// Size of the sibling group a child was placed with (or requested with): `1`, `2` or `3+`.
public enum GroupSize: Int, Labelled {
    /// Number of categories, as a constant the engine's hot path can inline (a test checks it against `allCases`).
    @inlinable public static var count: Int { 3 }

    case single = 0, pair, threeOrMore

    public var label: String { ["1", "2", "3+"][rawValue] }

    @inlinable public static func of(_ children: Int) -> GroupSize { children <= 1 ? .single : children == 2 ? .pair : .threeOrMore }
}

/// What `sufficiency.csv` counts for each segment of placement requests (year × age band × need tier × group size).
///
/// Requests are those of children who walk the preference list (entries and moves; not those sent directly to a
/// setting by the assessment), counted per child; `placed_*` say where those requests ended; `in_house_*` why the
/// in-house option fell through (at most once per request); `shortfall_place_years` the years children of the
/// segment spent, within the financial year, in agency or residential placements they entered after in-house fell
/// through (stored in whole days per replication and year, written in years).
public enum SufficiencyMeasure: Int, Labelled {
    /// Number of categories, as a constant the engine's hot path can inline (a test checks it against `allCases`).
    @inlinable public static var count: Int { 9 }

    case requests = 0, placedInHouse, placedKinship, placedIFA, placedResidential,
         inHouseNoVacancy, inHouseNoMatch, inHouseDeclined, shortfallPlaceYears

    public var label: String {
        ["requests", "placed_in_house", "placed_kinship", "placed_ifa", "placed_residential", "in_house_no_vacancy",
         "in_house_no_match", "in_house_declined", "shortfall_place_years"][rawValue]
    }

    /// The measure counting placements by a preference.
    @inlinable public static func placed(_ p: PlacementPreference) -> SufficiencyMeasure {
        switch p {
        case .kinshipFoster: return .placedKinship
        case .inHouseFoster: return .placedInHouse
        case .ifaFoster: return .placedIFA
        case .residential: return .placedResidential
        }
    }

    /// The measure counting in-house falling through for a reason (`market_declined` cannot happen in-house).
    @inlinable public static func inHouse(_ r: FallThroughReason) -> SufficiencyMeasure {
        switch r {
        case .noVacancy: return .inHouseNoVacancy
        case .noMatch, .marketDeclined: return .inHouseNoMatch
        case .declined: return .inHouseDeclined
        }
    }
}

/// What `supply.csv` counts by age band at 31 March.
public enum SupplyMeasure: Int, Labelled {
    /// Number of categories, as a constant the engine's hot path can inline (a test checks it against `allCases`).
    @inlinable public static var count: Int { 2 }

    /// Approved places in households approved for at least half of the band's ages (0–17 counts in every band, 0–10
    /// in 0, 1–4 and 5–9 but not in 10–15, where it could take only a 10-year-old; 11–17 in 10–15 and 16–17).
    case placesApprovedFor = 0
    /// Of them, vacant and available.
    case placesVacantFor

    public var label: String { ["places_approved_for", "places_vacant_for"][rawValue] }
}
