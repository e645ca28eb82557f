/// Where a looked-after child lives (model.md section 3), plus `staying_put` after 18.
///
/// The raw order is the order of output columns and tables.
public enum PlacementType: Int, Labelled {
    /// Number of categories, as a constant the engine's hot path can inline (a test checks it against `allCases`).
    @inlinable public static var count: Int { 10 }

    case inHouseFoster = 0, ifaFoster, kinshipFoster, residential, residentialSchool,
         supportedAccommodation, placedWithParents, placedForAdoption, secure, other

    public var label: String {
        ["in_house_foster", "ifa_foster", "kinship_foster", "residential", "residential_school",
         "supported_accommodation", "placed_with_parents", "placed_for_adoption", "secure", "other"][rawValue]
    }

    /// Foster placements end at 18 (Staying Put may follow) and count for Staying Put eligibility.
    @inlinable public var isFoster: Bool {
        self == .inHouseFoster || self == .ifaFoster || self == .kinshipFoster
    }

    /// The cost line the placement's cost is reported under.
    public var costLine: CostLine {
        switch self {
        case .inHouseFoster: return .inHouseFoster
        case .ifaFoster: return .ifaFoster
        case .residential: return .residential
        default: return .other
        }
    }
}

/// Lines of the annual cost (`cost_in_house_foster`, `cost_ifa_foster`, `cost_residential`, `cost_other`).
///
/// `in_house_foster` includes fees and allowances, the fixed cost per household and the cost per approval;
/// `other` includes kinship, residential schools, supported accommodation, secure and Staying Put.
public enum CostLine: Int, Labelled {
    /// Number of categories, as a constant the engine's hot path can inline (a test checks it against `allCases`).
    @inlinable public static var count: Int { 4 }

    case inHouseFoster = 0, ifaFoster, residential, other

    public var label: String { ["in_house_foster", "ifa_foster", "residential", "other"][rawValue] }
}
