/// The permanence plan for a child, which drives the exit hazards.
public enum CarePlan: Int, Labelled {
    /// Number of categories, as a constant the engine's hot path can inline (a test checks it against `allCases`).
    @inlinable public static var count: Int { 5 }

    case reunification = 0, adoption, specialGuardianship, longTermCare, independence

    public var label: String {
        ["reunification", "adoption", "special_guardianship", "long_term_care", "independence"][rawValue]
    }
}
