/// Distance of a placement from the child's home: `local` up to 20 miles, `near` 20–50, `distant` over 50.
public enum DistanceBand: Int, Labelled {
    /// Number of categories, as a constant the engine's hot path can inline (a test checks it against `allCases`).
    @inlinable public static var count: Int { 3 }

    case local = 0, near, distant

    public var label: String { ["local", "near", "distant"][rawValue] }

    /// Placements over 20 miles need Service Director sign-off in Peterborough (facts A).
    @inlinable public var isOver20Miles: Bool { self != .local }

    /// Most of Peterborough's children placed over 50 miles away are in specialist provision or with relatives (facts A).
    @inlinable public var isOver50Miles: Bool { self == .distant }
}
