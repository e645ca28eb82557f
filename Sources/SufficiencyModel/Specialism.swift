/// What an in-house foster household is approved and supported to offer beyond ordinary care.
public enum Specialism: Int, Labelled {
    /// Number of categories, as a constant the engine's hot path can inline (a test checks it against `allCases`).
    @inlinable public static var count: Int { 4 }

    case teenagers = 0, siblingGroups, complexNeeds, parentAndChild

    public var label: String { ["teenagers", "sibling_groups", "complex_needs", "parent_and_child"][rawValue] }

    /// Bit used in a household's specialism mask.
    @inlinable public var bit: UInt8 { 1 << UInt8(rawValue) }
}
