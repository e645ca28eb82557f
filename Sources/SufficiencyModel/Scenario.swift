
/// A fully resolved scenario: every parameter the engine reads, in model units.
///
/// Tables are flat arrays indexed by the category's `index` (for example `[AgeBand.count]`), and
/// two-way tables are arrays of rows. Rates are annual unless the name says otherwise; money is pounds at the
/// price base (the first financial year of the run); probabilities and shares are in [0, 1].
/// A `Scenario` is built by `ScenarioLoader`, which checks every value, its unit and its source.
public struct Scenario: Sendable {
    /// Short machine name, used for the results folder (`results/<name>/...`).
    public var name: String
    /// One-line title for people.
    public var title: String
    /// The question the scenario answers (listed by `sufficiency scenarios`).
    public var question: String?
    /// First day simulated; stocks in `population` are the stocks on the day before.
    public var startDate: CivilDate

    public var population: InitialPopulation
    public var entries: Entries
    public var uasc: UASCArrivals
    public var routes: PlacementRoutes
    public var kinship: Kinship
    public var inHouse: InHouseFostering
    public var recruitment: Recruitment
    public var deregistration: Deregistration
    public var ifa: IFAMarket
    public var residential: ResidentialMarket
    public var exits: Exits
    public var breakdowns: Breakdowns
    public var plannedMoves: PlannedMoves
    public var costs: Costs
    /// Commissioning levers in force (none in a baseline).
    public var interventions: Interventions
    /// What the estimated rates rest on, for drawing them afresh in each replication (calibrated scenarios).
    public var parameterUncertainty: ParameterUncertainty? = nil
}

extension Scenario: SchemaSection {
    /// Names and dates are placeholders until the loader reads them.
    init() {
        self.init(name: "", title: "", question: nil, startDate: CivilDate(year: 2000, month: 4, day: 1),
                  population: InitialPopulation(), entries: Entries(), uasc: UASCArrivals(), routes: PlacementRoutes(),
                  kinship: Kinship(), inHouse: InHouseFostering(), recruitment: Recruitment(),
                  deregistration: Deregistration(), ifa: IFAMarket(), residential: ResidentialMarket(), exits: Exits(),
                  breakdowns: Breakdowns(), plannedMoves: PlannedMoves(), costs: Costs(), interventions: Interventions())
    }

    /// The sections in the order of model.md; `name`, `title`, `question`, `description`, `references` and
    /// `benchmarks` are text and citations, read by `ScenarioBuilder` itself.
    static var schema: [SchemaEntry<Self>] {
        [
            .date("start_date", Unit.date, \.startDate, "First day simulated; the population is the stock on the day before"),
            .section("population", \.population, "Children in care on the start date"),
            .section("entries", \.entries, "Children entering care, UASC apart"),
            .section("uasc", \.uasc, "Unaccompanied asylum-seeking children arriving"),
            .section("placement_routes", \.routes, "The assessment at entry and the order of placement options"),
            .section("kinship", \.kinship, "Kinship (family and friends) foster care"),
            .section("in_house", \.inHouse, "The council's own foster households"),
            .section("recruitment", \.recruitment, "New in-house foster households, business as usual"),
            .section("deregistration", \.deregistration, "Households leaving fostering"),
            .section("ifa_market", \.ifa, "Independent fostering agencies"),
            .section("residential_market", \.residential, "Children's homes, the placement of last resort"),
            .section("exits", \.exits, "Leaving care, as competing risks"),
            .section("breakdowns", \.breakdowns, "Unplanned endings of placements"),
            .section("planned_moves", \.plannedMoves, "Planned moves between placements"),
            .section("costs", \.costs, "Unit costs and inflation"),
            .section("interventions", \.interventions, required: false, "Commissioning levers in force"),
            .optionalSection("parameter_uncertainty", \.parameterUncertainty,
                             "What the estimated rates rest on, for drawing them afresh in each replication"),
        ]
    }

    /// Every parameter a scenario can hold, in file order, key paths from the root.
    public static var parameterSpecs: [ParameterSpec] { schema.specs() }

    /// The uncertainty tables have the shape of the rates they stand behind.
    static func check(_ value: Self, _ context: SectionContext) -> Bool {
        guard let u = value.parameterUncertainty, context.read("exits") else { return true }
        let bands = value.exits.timeInCareBandStartsDays.count
        for (r, table) in u.exits.enumerated() where table != nil && table!.events[0].count != bands {
            context.reader.fail(nil, "parameter_uncertainty.exits.\(ExitRoute.hazardRoutes[r].label).events",
                                "needs one column per time-in-care band (\(bands))")
            return false
        }
        for (key, table) in [("breakdowns", u.breakdowns), ("planned_moves", u.plannedMoves)]
            where table != nil && table!.events[0].count != AgeBand.count {
            context.reader.fail(nil, "parameter_uncertainty.\(key).events", "needs one column per age band (\(AgeBand.count))")
            return false
        }
        return true
    }
}
