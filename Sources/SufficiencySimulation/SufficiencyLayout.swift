import SufficiencyModel

/// Size of the sibling group a child was placed with (or requested with): `1`, `2` or `3+`.
public enum GroupSize: Int, Labelled {
    case one = 0, two, threePlus

    public var label: String { ["1", "2", "3+"][rawValue] }

    public static func of(_ children: Int) -> GroupSize { children <= 1 ? .one : children == 2 ? .two : .threePlus }
}

/// What `sufficiency.csv` counts for each segment of placement requests (year × age band × need tier × group size).
///
/// Requests are those of children who walk the preference list (entries and moves; not those sent directly to a
/// setting by the assessment), counted per child; `placed_*` say where those requests ended; `in_house_*` why the
/// in-house option fell through (at most once per request); `shortfall_place_years` the years children of the
/// segment spent, within the financial year, in agency or residential placements they entered after in-house fell
/// through (stored in whole days per replication and year, written in years).
public enum SufficiencyMeasure: Int, Labelled {
    case requests = 0, placedInHouse, placedKinship, placedIFA, placedResidential,
         inHouseNoVacancy, inHouseNoMatch, inHouseDeclined, shortfallPlaceYears

    public var label: String {
        ["requests", "placed_in_house", "placed_kinship", "placed_ifa", "placed_residential", "in_house_no_vacancy",
         "in_house_no_match", "in_house_declined", "shortfall_place_years"][rawValue]
    }

    /// The measure counting placements by a preference.
    static func placed(_ p: PlacementPreference) -> SufficiencyMeasure {
        [.placedKinship, .placedInHouse, .placedIFA, .placedResidential][p.index]
    }

    /// The measure counting in-house falling through for a reason (`market_declined` cannot happen in-house).
    static func inHouse(_ r: FallThroughReason) -> SufficiencyMeasure {
        [.inHouseNoVacancy, .inHouseNoMatch, .inHouseNoMatch, .inHouseDeclined][r.index]
    }
}

/// What `supply.csv` counts by age band at 31 March.
public enum SupplyMeasure: Int, Labelled {
    /// Approved places in households whose approval range includes some of the band's ages.
    case placesApprovedFor = 0
    /// Of them, vacant and available.
    case placesVacantFor

    public var label: String { ["places_approved_for", "places_vacant_for"][rawValue] }
}

/// Layout of one replication-year's row of segment tallies: the sufficiency cells, then the supply cells.
public enum SufficiencyLayout {
    public static let segments = AgeBand.count * NeedTier.count * GroupSize.count
    static let measures = SufficiencyMeasure.count
    /// Cells per year.
    public static let count = segments * measures + AgeBand.count * SupplyMeasure.count

    @inline(__always) public static func segment(_ age: AgeBand, _ need: NeedTier, _ group: GroupSize) -> Int {
        (age.index * NeedTier.count + need.index) * GroupSize.count + group.index
    }

    @inline(__always) public static func cell(segment: Int, _ m: SufficiencyMeasure) -> Int {
        segment * measures + m.index
    }

    @inline(__always) public static func cell(_ age: AgeBand, _ m: SupplyMeasure) -> Int {
        segments * measures + age.index * SupplyMeasure.count + m.index
    }
}
