// Unit costs and inflation (model.md section 6).

/// Unit costs and inflation (model.md section 6).
public struct Costs: Sendable {
    /// Weekly cost of a placement by type at the price base, pounds (IFA and residential come from their markets).
    public var weeklyUnitCost: [Double]
    /// Weekly cost of a Staying Put arrangement, pounds.
    public var stayingPutWeekly: Double
    /// Multiplier on unit costs by need tier (not on IFA and residential prices, which are set by need).
    public var needUplift: [Double]
    /// Annual inflation by cost line, each constant or by year: the rate of a year takes prices from the year
    /// before to that year (so the first year is at the price base).
    public var inflationByLine: [Schedule]
    /// Fixed cost per approved in-house household per year (supervision, training, support), pounds.
    public var householdFixedCostPerYear: Double
}

extension Costs: SchemaSection {
    init() { self.init(weeklyUnitCost: [], stayingPutWeekly: 0, needUplift: [], inflationByLine: [], householdFixedCostPerYear: 0) }

    /// Placement types with a unit cost here: IFA and residential prices come from their markets.
    static let costed = PlacementType.allCases.filter { $0 != .ifaFoster && $0 != .residential }

    static var schema: [SchemaEntry<Self>] {
        [
            .table("weekly_unit_cost", Unit.poundsPerWeek, labels: costed.map(\.label), .weeklyPrice,
                   "Weekly cost of a placement by type (IFA and residential prices come from their markets)") {
                var weekly = [Double](repeating: 0, count: PlacementType.count)
                for (type, cost) in zip(costed, $1) { weekly[type.index] = cost }
                $0.weeklyUnitCost = weekly
            },
            .number("staying_put_weekly", Unit.poundsPerWeek, .weeklyPrice, \.stayingPutWeekly,
                    "Weekly cost of a Staying Put arrangement"),
            .table("need_uplift", Unit.multiplier, by: NeedTier.self, .multiplier, \.needUplift,
                   "Multiplier on unit costs by need tier"),
            .scheduleTable("inflation", Unit.perYear, by: CostLine.self, .range(-0.5...0.5), \.inflationByLine,
                           "Annual inflation by cost line, constant or by year"),
            .number("household_fixed_cost", Unit.poundsPerHouseholdPerYear, .pounds, \.householdFixedCostPerYear,
                    "Fixed cost per approved in-house household a year (supervision, training, support)"),
        ]
    }
}
