/// The options a matching policy walks, in the order a scenario lists them.
public enum PlacementPreference: Int, Labelled {
    /// Number of categories, as a constant the engine's hot path can inline (a test checks it against `allCases`).
    @inlinable public static var count: Int { 4 }

    case kinshipFoster = 0, inHouseFoster, ifaFoster, residential

    public var label: String { ["kinship_foster", "in_house_foster", "ifa_foster", "residential"][rawValue] }

    public var placementType: PlacementType {
        [.kinshipFoster, .inHouseFoster, .ifaFoster, .residential][rawValue]
    }
}

/// Why a preference was not met for a request: the sufficiency signal.
public enum FallThroughReason: Int, Labelled {
    /// Number of categories, as a constant the engine's hot path can inline (a test checks it against `allCases`).
    @inlinable public static var count: Int { 4 }

    /// No in-house household had a free, available place at all (Ofsted's "vacant": a place held back by a household
    /// taking a child fewer than approved counts as one, so its household's free place makes a request `noMatch`).
    case noVacancy = 0
    /// Places were free but none fitted the child (age range, specialism, sibling group size, a child placed alone, a
    /// household holding its last place back), or no connected person.
    case noMatch
    /// The IFA market did not offer a placement.
    case marketDeclined
    /// Households fitted, but the carers asked declined the match.
    case declined

    public var label: String { ["no_vacancy", "no_match", "market_declined", "declined"][rawValue] }
}
