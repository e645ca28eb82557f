import SufficiencyModel

/// Layout of one replication-year's row of segment tallies: the sufficiency cells, then the supply cells.
public enum SufficiencyLayout {
    // The vocabulary's sizes as literals, so that the layout folds to constants on the hot path (a count read from
    // the model's enums is a lazily initialised global, checked at every use); a test checks them against the enums.
    static let ages = 5, needs = 3, groups = 3, measures = 9, supplies = 2
    public static let segments = ages * needs * groups
    /// Cells per year.
    public static let count = segments * measures + ages * supplies

    @inline(__always) public static func segment(_ age: AgeBand, _ need: NeedTier, _ group: GroupSize) -> Int {
        (age.rawValue * needs + need.rawValue) * groups + group.rawValue
    }

    @inline(__always) public static func cell(segment: Int, _ m: SufficiencyMeasure) -> Int {
        segment * measures + m.rawValue
    }

    @inline(__always) public static func cell(_ age: AgeBand, _ m: SupplyMeasure) -> Int {
        segments * measures + age.rawValue * supplies + m.rawValue
    }
}
