// Demand: the children in care at the start, and those who arrive (model.md section 2).

/// Children in care on the start date (model.md section 2, "initial population").
public struct InitialPopulation: Sendable {
    /// Number of children looked after.
    public var childrenInCare: Int
    /// Share of children in each placement type, `[PlacementType.count]`.
    public var placementMix: [Double]
    /// Age mix within each placement type, `[PlacementType.count][AgeBand.count]`.
    public var ageMixByPlacement: [[Double]]
    /// Need tier mix within each placement type, `[PlacementType.count][NeedTier.count]`.
    public var needMixByPlacement: [[Double]]
    /// Care plan mix by age band for children already in care, `[AgeBand.count][CarePlan.count]`.
    public var carePlanMixByAge: [[Double]]
    /// Share of children in each age band who are unaccompanied asylum-seeking children, `[AgeBand.count]`.
    public var uascShareByAge: [Double]
    /// Young people aged 18–20 in Staying Put arrangements on the start date.
    public var stayingPut: Int
}

extension InitialPopulation: SchemaSection {
    init() {
        self.init(childrenInCare: 0, placementMix: [], ageMixByPlacement: [], needMixByPlacement: [], carePlanMixByAge: [],
                  uascShareByAge: [], stayingPut: 0)
    }

    static var schema: [SchemaEntry<Self>] {
        [
            .whole("children_in_care", Unit.children, ParameterBounds.childrenInCare, \.childrenInCare,
                   "Children looked after on the day before the start date"),
            .table("placement_mix", Unit.share, by: PlacementType.self, .probability, shares: true, \.placementMix,
                   "Share of the children in each placement type"),
            .table2("age_mix_by_placement", Unit.share, rows: PlacementType.self, columns: AgeBand.self, .probability,
                    shares: true, \.ageMixByPlacement, "Age mix of the children in each placement type"),
            .table2("need_mix_by_placement", Unit.share, rows: PlacementType.self, columns: NeedTier.self, .probability,
                    shares: true, \.needMixByPlacement, "Need tier mix of the children in each placement type"),
            .table2("care_plan_mix_by_age", Unit.share, rows: AgeBand.self, columns: CarePlan.self, .probability,
                    shares: true, \.carePlanMixByAge, "Care plan mix by age band of the children already in care"),
            .table("uasc_share_by_age", Unit.probability, by: AgeBand.self, .probability, \.uascShareByAge,
                   "Share of the children in each age band who are unaccompanied asylum-seeking children"),
            .whole("staying_put", Unit.youngPeople, ParameterBounds.stayingPut, \.stayingPut,
                   "Young people aged 18-20 in Staying Put arrangements on the start date"),
        ]
    }
}

/// New children entering care (model.md section 2, "entries"), UASC excluded.
public struct Entries: Sendable {
    /// Children entering per year by age band at entry, `[AgeBand.count]`.
    public var annualRate: [Double]
    /// Sizes 1...n of the groups in which children arrive; `groupSizeMix[k]` is the share of groups of size k+1.
    public var siblingGroupSizeMix: [Double]
    /// Siblings' ages are spread uniformly within this many years either side of the first child's age.
    public var siblingAgeSpreadYears: Double
    /// Need tier mix by age band at entry, `[AgeBand.count][NeedTier.count]`.
    public var needMixByAge: [[Double]]
    /// Care plan mix by age band at entry, `[AgeBand.count][CarePlan.count]`.
    public var carePlanMixByAge: [[Double]]
    /// The rates' factor per year after the start date (1: flat): year k's rate is `annualRate × annualTrend^t`,
    /// t the years from the start date to the middle of the simulated part of year k.
    public var annualTrend: Double = 1
}

extension Entries: SchemaSection {
    init() {
        self.init(annualRate: [], siblingGroupSizeMix: [], siblingAgeSpreadYears: 0, needMixByAge: [], carePlanMixByAge: [])
    }

    static var schema: [SchemaEntry<Self>] {
        [
            .table("annual_rate", Unit.childrenPerYear, by: AgeBand.self, .flow, \.annualRate,
                   "Children entering care a year (UASC apart) by age band at entry"),
            .table("sibling_group_size_mix", Unit.share, labels: ["1", "2", "3", "4"], .probability, shares: true,
                   "Share of arriving groups of 1, 2, 3 and 4 children (4 stands for 4 or more)") { $0.siblingGroupSizeMix = $1 },
            .number("sibling_age_spread", Unit.years, .range(0...17), \.siblingAgeSpreadYears,
                    "Siblings' ages spread uniformly within this many years either side of the first child's"),
            .table2("need_mix_by_age", Unit.share, rows: AgeBand.self, columns: NeedTier.self, .probability, shares: true,
                    \.needMixByAge, "Need tier mix by age band at entry"),
            .table2("care_plan_mix_by_age", Unit.share, rows: AgeBand.self, columns: CarePlan.self, .probability,
                    shares: true, \.carePlanMixByAge, "Care plan mix by age band at entry"),
            .number("annual_trend", Unit.multiplier, .range(ParameterBounds.entryTrend), \.annualTrend,
                    "The entry rates' factor per year after the start date (1: flat)", required: false),
        ]
    }
}

/// Unaccompanied asylum-seeking children: a separate arrivals stream, arriving alone.
public struct UASCArrivals: Sendable {
    public var annualRate: Double
    public var ageMix: [Double]
    public var needMix: [Double]
    public var carePlanMix: [Double]
}

extension UASCArrivals: SchemaSection {
    init() { self.init(annualRate: 0, ageMix: [], needMix: [], carePlanMix: []) }

    static var schema: [SchemaEntry<Self>] {
        [
            .number("annual_rate", Unit.childrenPerYear, .flow, \.annualRate,
                    "Unaccompanied asylum-seeking children arriving a year"),
            .table("age_mix", Unit.share, by: AgeBand.self, .probability, shares: true, \.ageMix,
                   "Age mix of arriving UASC"),
            .table("need_mix", Unit.share, by: NeedTier.self, .probability, shares: true, \.needMix,
                   "Need tier mix of arriving UASC"),
            .table("care_plan_mix", Unit.share, by: CarePlan.self, .probability, shares: true, \.carePlanMix,
                   "Care plan mix of arriving UASC"),
        ]
    }
}
