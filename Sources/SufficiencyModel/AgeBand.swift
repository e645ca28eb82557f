/// The age bands of entries and reporting (`0`, `1-4`, `5-9`, `10-15`, `16-17`), as in the DfE statistics.
public enum AgeBand: Int, Labelled {
    /// Number of categories, as a constant the engine's hot path can inline (a test checks it against `allCases`).
    @inlinable public static var count: Int { 5 }

    case under1 = 0, age1to4, age5to9, age10to15, age16to17

    public var label: String {
        switch self {
        case .under1: return "0"
        case .age1to4: return "1-4"
        case .age5to9: return "5-9"
        case .age10to15: return "10-15"
        case .age16to17: return "16-17"
        }
    }

    /// Age in whole years at which the band starts.
    @inlinable public var lowerAge: Int {
        switch self {
        case .under1: return 0
        case .age1to4: return 1
        case .age5to9: return 5
        case .age10to15: return 10
        case .age16to17: return 16
        }
    }

    /// Age in years at which the band ends (exclusive); 18 for the last band.
    @inlinable public var upperAge: Int {
        switch self {
        case .under1: return 1
        case .age1to4: return 5
        case .age5to9: return 10
        case .age10to15: return 16
        case .age16to17: return 18
        }
    }

    /// The band of a child aged `years` (ages of 18 and over fall in the last band).
    @inlinable
    public static func of(age years: Double) -> AgeBand {
        if years < 1 { return .under1 }
        if years < 5 { return .age1to4 }
        if years < 10 { return .age5to9 }
        if years < 16 { return .age10to15 }
        return .age16to17
    }
}
