import SufficiencyModel

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
