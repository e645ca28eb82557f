/// What an in-house foster household is approved and supported to offer beyond ordinary care.
public enum Specialism: Int, Labelled {
    case teenagers = 0, siblingGroups, complexNeeds, parentAndChild

    public var label: String { ["teenagers", "sibling_groups", "complex_needs", "parent_and_child"][rawValue] }

    /// Bit used in a household's specialism mask.
    public var bit: UInt8 { 1 << UInt8(rawValue) }
}
