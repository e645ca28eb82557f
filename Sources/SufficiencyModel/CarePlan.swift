/// The permanence plan for a child, which drives the exit hazards.
public enum CarePlan: Int, Labelled {
    case reunification = 0, adoption, specialGuardianship, longTermCare, independence

    public var label: String {
        ["reunification", "adoption", "special_guardianship", "long_term_care", "independence"][rawValue]
    }
}
