// Where children are placed: the routes at entry, kinship, and the agency and residential markets (model.md
// sections 3 and 4).

/// The assessment at entry that sends some children straight to a setting, and the preference list for the rest.
public struct PlacementRoutes: Sendable {
    /// Order in which the policy tries placement options for a family placement request.
    public var preferenceOrder: [PlacementPreference]
    /// Probability that a child is assessed as needing residential care, by need tier.
    public var directResidentialByNeed: [Double]
    /// Probability of a residential school placement, by need tier.
    public var residentialSchoolByNeed: [Double]
    /// Probability that a child aged 16–17 at a request goes to supported accommodation.
    public var supportedAccommodationAt16To17: Double
    /// Probability that a child entering care is placed with parents under a care order.
    public var placedWithParentsAtEntry: Double
    /// Probability that a child entering care aged 10+ is placed in secure accommodation.
    public var secureAtEntry: Double
}

extension PlacementRoutes: SchemaSection {
    init() {
        self.init(preferenceOrder: [], directResidentialByNeed: [], residentialSchoolByNeed: [],
                  supportedAccommodationAt16To17: 0, placedWithParentsAtEntry: 0, secureAtEntry: 0)
    }

    static var schema: [SchemaEntry<Self>] {
        [
            .labels("preference_order", Unit.list, of: PlacementPreference.self, distinct: true, \.preferenceOrder,
                    "Order in which a family placement request tries the placement options"),
            .table("direct_residential_by_need", Unit.probability, by: NeedTier.self, .probability,
                   \.directResidentialByNeed, "Probability that a child is assessed as needing residential care"),
            .table("residential_school_by_need", Unit.probability, by: NeedTier.self, .probability,
                   \.residentialSchoolByNeed, "Probability of a residential school placement"),
            .number("supported_accommodation_at_16_17", Unit.probability, .probability, \.supportedAccommodationAt16To17,
                    "Probability that a child aged 16-17 at a request goes to supported accommodation"),
            .number("placed_with_parents_at_entry", Unit.probability, .probability, \.placedWithParentsAtEntry,
                    "Probability that a child entering care is placed with parents under a care order"),
            .number("secure_at_entry", Unit.probability, .probability, \.secureAtEntry,
                    "Probability that a child entering care aged 10+ is placed in secure accommodation"),
        ]
    }

    /// The list ends with `residential`, the placement that is always found.
    static func check(_ value: Self, _ context: SectionContext) -> Bool {
        guard context.read("preference_order"), value.preferenceOrder.last != .residential else { return true }
        context.failValue("preference_order", "must end with residential, the placement of last resort")
        return false
    }
}

/// Kinship (family and friends) foster care.
public struct Kinship: Sendable {
    /// Probability that a connected person is found at entry, by age band.
    public var foundAtEntryByAge: [Double]
    /// Probability that a connected person is found when a child has to move.
    public var foundOnMove: Double
    public var distanceMix: [Double]
}

extension Kinship: SchemaSection {
    init() { self.init(foundAtEntryByAge: [], foundOnMove: 0, distanceMix: []) }

    static var schema: [SchemaEntry<Self>] {
        [
            .table("found_at_entry_by_age", Unit.probability, by: AgeBand.self, .probability, \.foundAtEntryByAge,
                   "Probability that a connected person is found when a child enters care"),
            .number("found_on_move", Unit.probability, .probability, \.foundOnMove,
                    "Probability that a connected person is found when a child has to move"),
            .table("distance_mix", Unit.share, by: DistanceBand.self, .probability, shares: true, \.distanceMix,
                   "Distance from home of kinship placements"),
        ]
    }
}

/// Independent fostering agencies.
public struct IFAMarket: Sendable {
    /// Probability that a suitable IFA placement is found, `[AgeBand.count][NeedTier.count]`.
    public var foundProbability: [[Double]]
    /// Weekly price by need tier, pounds.
    public var weeklyPriceByNeed: [Double]
    public var distanceMix: [Double]
    /// Multiplier on `foundProbability` by year: below 1 the market tightens (a squeeze).
    public var availabilityMultiplier: Schedule
    /// Multiplier on prices by year.
    public var priceMultiplier: Schedule
    /// Share of agency offers for a sibling group that take the whole group together (0: no agency carer takes a
    /// group). A group no option on the preference list takes together is split before residential care, if some
    /// option could have placed its children apart.
    public var siblingGroupsTogether: Double = 0
}

extension IFAMarket: SchemaSection {
    init() {
        self.init(foundProbability: [], weeklyPriceByNeed: [], distanceMix: [], availabilityMultiplier: Schedule(1),
                  priceMultiplier: Schedule(1))
    }

    static var schema: [SchemaEntry<Self>] {
        [
            .table2("found_probability", Unit.probability, rows: AgeBand.self, columns: NeedTier.self, .probability,
                    \.foundProbability, "Probability that a suitable IFA placement is found for a request"),
            .table("weekly_price_by_need", Unit.poundsPerWeek, by: NeedTier.self, .weeklyPrice, \.weeklyPriceByNeed,
                   "Weekly price of an IFA placement by need tier"),
            .table("distance_mix", Unit.share, by: DistanceBand.self, .probability, shares: true, \.distanceMix,
                   "Distance from home of IFA placements"),
            .schedule("availability_multiplier", Unit.multiplier, .multiplier, \.availabilityMultiplier,
                      "Multiplier on the probability of finding a placement by year (below 1: a squeeze)",
                      required: false, example: 1),
            .schedule("price_multiplier", Unit.multiplier, .multiplier, \.priceMultiplier,
                      "Multiplier on IFA prices by year", required: false, example: 1),
            .number("sibling_groups_together", Unit.probability, .probability, \.siblingGroupsTogether,
                    "Share of agency offers for a sibling group that take the whole group", required: false),
        ]
    }
}

/// Children's homes, the placement of last resort.
public struct ResidentialMarket: Sendable {
    /// Mean weekly price by need tier, pounds; each placement's price is lognormal around it.
    public var weeklyPriceMeanByNeed: [Double]
    /// Coefficient of variation of the lognormal price.
    public var priceCV: Double
    public var distanceMix: [Double]
    /// Multiplier on prices by year.
    public var priceMultiplier: Schedule
}

extension ResidentialMarket: SchemaSection {
    init() { self.init(weeklyPriceMeanByNeed: [], priceCV: 0, distanceMix: [], priceMultiplier: Schedule(1)) }

    static var schema: [SchemaEntry<Self>] {
        [
            .table("weekly_price_mean_by_need", Unit.poundsPerWeek, by: NeedTier.self, .positiveWeeklyPrice,
                   \.weeklyPriceMeanByNeed, "Mean weekly price of a children's home placement by need tier"),
            .number("price_cv", Unit.coefficientOfVariation, .range(0...3), \.priceCV,
                    "Coefficient of variation of the lognormal price of a placement"),
            .table("distance_mix", Unit.share, by: DistanceBand.self, .probability, shares: true, \.distanceMix,
                   "Distance from home of residential placements"),
            .schedule("price_multiplier", Unit.multiplier, .multiplier, \.priceMultiplier,
                      "Multiplier on residential prices by year", required: false),
        ]
    }
}
