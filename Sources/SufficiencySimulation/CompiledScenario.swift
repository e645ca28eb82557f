import Foundation
import SimulationCore
import SufficiencyModel

/// A scenario turned into the per-day rates and preprocessed tables the engine reads on its hot path.
///
/// Built once per run and shared read-only by every replication and thread.
public final class CompiledScenario: @unchecked Sendable {
    public let scenario: Scenario
    /// Financial years simulated and the day (from the start date) each begins; `yearStarts[0] == 0`.
    public let years: [FinancialYear]
    /// The same years with the days simulated in each (a part year when the start is not 1 April).
    public let simulatedYears: [SimulatedYear]
    let yearStarts: [Double]
    /// Day at which the horizon ends (start date + `horizonYears` calendar years).
    public let horizonDay: Double
    /// Month-end snapshot days and labels (`2017-04` is the end of April 2017).
    let monthEnds: [Double]
    public let monthLabels: [String]
    /// For each month-end, whether it closes a year (a 31 March stock).
    let monthClosesYear: [Bool]
    /// The month ends and year closes as the event core's calendar.
    let calendar: Periods

    /// Entries, exits, breakdowns and planned moves per day at the scenario's own rates (a replication may draw
    /// its own: `rates`).
    let hazards: HazardTables
    /// Draws of the estimated rates for each replication, when the scenario records what they rest on and
    /// drawing is on.
    private(set) var rates: RateDraws?
    let groupSize: DiscreteDistribution
    let needByAge: [DiscreteDistribution]
    let planByAge: [DiscreteDistribution]
    let uascAge: DiscreteDistribution
    let uascNeed: DiscreteDistribution
    let uascPlan: DiscreteDistribution

    let timeBandStarts: [Double]
    /// Time already in care of the start date's children, from the model's steady state.
    let startingTimeInCare: StartingTimeInCare

    // Markets and carers
    let kinshipDistance: DiscreteDistribution
    let ifaDistance: DiscreteDistribution
    let residentialDistance: DiscreteDistribution
    let inHousePlaces: DiscreteDistribution
    let inHouseRange: DiscreteDistribution
    let inHouseDistance: DiscreteDistribution
    let recruitPlaces: DiscreteDistribution
    let recruitRange: DiscreteDistribution
    let recruitDistance: DiscreteDistribution
    let programmePlaces: DiscreteDistribution?
    let programmeRange: DiscreteDistribution?
    let programmeDistance: DiscreteDistribution?
    /// Every approval range households can have (in-house, recruitment, programme), each with its vacancy list.
    let approvalRanges: [ApprovalRange]
    /// The age bands each approval range counts for in `supply.csv` (`bands(approvedFor:)`).
    let rangeBands: [[Int]]
    /// Carers' acceptance `[age band × NeedTier.count + need tier]`.
    let acceptance: [Double]
    let holdStartPerDay: Double
    let holdEndPerDay: Double
    let deregistrationFirstYearPerDay: Double
    let deregistrationPerDay: Double

    // Initial population
    let initialCounts: [Int]
    let initialAge: [DiscreteDistribution]
    let initialNeed: [DiscreteDistribution]
    let initialPlan: [DiscreteDistribution]

    /// Price index `[year × CostLine.count + line]` (flat: a nested array would be retained on every accrual).
    let inflationIndex: [Double]
    /// The same index by cost item, `[year × CostItem.count + item]`, and the annual metric each item accrues to.
    let itemInflation: [Double]
    let itemMetric: [Int]
    /// Year-by-year values of the markets and of every intervention.
    let levers: Levers

    let horizonYears: Int

    /// The same model built again from a private copy of the scenario, sharing no storage with this one.
    /// The draws' preparation (their mean corrections) is shared, not repeated.
    func privateCopy() -> CompiledScenario {
        let copy = CompiledScenario(scenario.privateCopy(), horizonYears: horizonYears, drawsRates: false)
        copy.rates = rates
        return copy
    }

    /// - Parameters:
    ///   - scenario: the scenario as loaded and checked.
    ///   - horizonYears: years to simulate from the start date (1–15).
    ///   - drawsRates: prepare each replication's draw of the estimated rates (`RateDraws`, some milliseconds); false
    ///     for a model built only to read its years or sizes.
    public init(_ scenario: Scenario, horizonYears: Int, drawsRates: Bool = true) {
        self.scenario = scenario
        self.horizonYears = horizonYears
        let start = scenario.startDate
        let startDay = start.dayNumber
        horizonDay = Double(start.adding(years: horizonYears).dayNumber - startDay)

        // Financial years overlapping [start, horizon), the first and last perhaps in part.
        simulatedYears = SimulatedYear.overlapping(from: start, years: horizonYears)
        years = simulatedYears.map(\.year)
        yearStarts = simulatedYears.map { Double($0.first.dayNumber - startDay) }

        // Month ends up to the horizon; a partial last month ends at the horizon.
        var ends: [Double] = [], labels: [String] = [], closes: [Bool] = []
        var month = CivilDate(year: start.year, month: start.month, day: 1)
        while true {
            let next = month.firstOfNextMonth
            let day = min(Double(next.dayNumber - startDay), horizonDay)
            ends.append(day)
            labels.append(String(month.description.prefix(7)))
            closes.append(day >= horizonDay || next.month == 4)
            if day >= horizonDay { break }
            month = next
        }
        monthEnds = ends
        monthLabels = labels
        monthClosesYear = closes
        calendar = Periods(periodEnds: ends, closesYear: closes)

        hazards = HazardTables(scenario, years: years, yearStarts: yearStarts, horizonDay: horizonDay)
        rates = drawsRates ? RateDraws(scenario, years: years, yearStarts: yearStarts, horizonDay: horizonDay) : nil
        let sizes = scenario.entries.siblingGroupSizeMix
        groupSize = DiscreteDistribution(weights: sizes)
        needByAge = scenario.entries.needMixByAge.map(DiscreteDistribution.init(weights:))
        planByAge = scenario.entries.carePlanMixByAge.map(DiscreteDistribution.init(weights:))
        uascAge = DiscreteDistribution(weights: scenario.uasc.ageMix)
        uascNeed = DiscreteDistribution(weights: scenario.uasc.needMix)
        uascPlan = DiscreteDistribution(weights: scenario.uasc.carePlanMix)

        timeBandStarts = scenario.exits.timeInCareBandStartsDays
        // The hazard walk relies on this (the loader checks it; a scenario built in code must keep to it too).
        precondition(timeBandStarts.isEmpty || timeBandStarts.first == 0
                        && zip(timeBandStarts, timeBandStarts.dropFirst()).allSatisfy { $0 < $1 },
                     "time-in-care band starts must begin at 0 and increase")
        startingTimeInCare = StartingTimeInCare(scenario: scenario, hazards: hazards, timeBandStarts: timeBandStarts)

        kinshipDistance = DiscreteDistribution(weights: scenario.kinship.distanceMix)
        ifaDistance = DiscreteDistribution(weights: scenario.ifa.distanceMix)
        residentialDistance = DiscreteDistribution(weights: scenario.residential.distanceMix)
        inHousePlaces = DiscreteDistribution(weights: scenario.inHouse.placesMix)
        inHouseRange = DiscreteDistribution(weights: scenario.inHouse.approvalRangeMix)
        inHouseDistance = DiscreteDistribution(weights: scenario.inHouse.distanceMix)
        recruitPlaces = DiscreteDistribution(weights: scenario.recruitment.placesMix)
        recruitRange = DiscreteDistribution(weights: scenario.recruitment.approvalRangeMix)
        recruitDistance = DiscreteDistribution(weights: scenario.recruitment.distanceMix)
        let programme = scenario.interventions.recruitment
        programmePlaces = programme.map { DiscreteDistribution(weights: $0.placesMix) }
        programmeRange = programme.map { DiscreteDistribution(weights: $0.approvalRangeMix) }
        programmeDistance = programme.map { DiscreteDistribution(weights: $0.distanceMix) }
        var ranges: [ApprovalRange] = []
        for r in scenario.inHouse.approvalRanges + scenario.recruitment.approvalRanges
            + (programme?.approvalRanges ?? []) where !ranges.contains(r) {
            ranges.append(r)
        }
        approvalRanges = ranges
        rangeBands = ranges.map(Self.bands(approvedFor:))
        acceptance = scenario.inHouse.acceptanceByAgeNeed.flatMap { $0 }
        // A two-state Markov chain with mean on-hold spell d and long-run on-hold share s:
        // leave hold at rate 1/d, enter hold at rate s / ((1 − s) d).
        let hold = scenario.inHouse
        holdEndPerDay = 1 / hold.onHoldMeanDays
        holdStartPerDay = hold.onHoldShare / (1 - hold.onHoldShare) / hold.onHoldMeanDays
        deregistrationFirstYearPerDay = scenario.deregistration.annualHazardFirstYear / daysPerYear
        deregistrationPerDay = HazardTables.deregistrationPerDay(scenario)

        let pop = scenario.population
        initialCounts = largestRemainder(total: pop.childrenInCare, shares: pop.placementMix)
        initialAge = pop.ageMixByPlacement.map(DiscreteDistribution.init(weights:))
        initialNeed = pop.needMixByPlacement.map(DiscreteDistribution.init(weights:))
        initialPlan = pop.carePlanMixByAge.map(DiscreteDistribution.init(weights:))

        // Price index by year and line: the first year is the price base; each later year multiplies by its rate.
        var index: [[Double]] = [[Double](repeating: 1, count: CostLine.count)]
        for year in years.dropFirst() {
            index.append(zip(index.last!, scenario.costs.inflationByLine).map { $0 * (1 + $1.value(in: year)) })
        }
        inflationIndex = index.flatMap { $0 }
        itemInflation = index.flatMap { row in CostItem.allCases.map { row[$0.line.index] } }
        itemMetric = CostItem.allCases.map(\.metric.rawValue)
        levers = Levers(scenario: scenario, years: years, yearStarts: yearStarts, horizonDay: horizonDay,
                        programmeInflation: index.map { $0[CostLine.inHouseFoster.index] })
    }

    /// Whether replications draw their own rates, for the manifest.
    public var parameterUncertainty: String {
        guard let u = scenario.parameterUncertainty, u.tableCount > 0 else { return "none: the scenario records no estimated rates" }
        if rates != nil { return "on: each replication draws its rates from the \(u.tableCount) estimated tables the scenario records" }
        return "off: the scenario records \(u.tableCount) estimated tables, but draw_rates is false or --no-parameter-uncertainty was given"
    }

    /// Day the financial year of index `y` ends (the next year's start, or the horizon).
    @inline(__always) func yearEnd(_ y: Int) -> Double { y + 1 < yearStarts.count ? yearStarts[y + 1] : horizonDay }

    /// Share of financial year `y` inside the horizon (1 except for a short last year).
    func yearFraction(_ y: Int) -> Double {
        SufficiencySimulation.yearFraction(y, years: years, yearStarts: yearStarts, horizonDay: horizonDay)
    }

    /// The time-in-care band of a child `daysInCare` days into its episode: the last band whose start it has passed
    /// (the starts begin at 0 and increase; the loader checks). A linear search of a few starts.
    @inline(__always) func timeBand(daysInCare: Double) -> Int {
        var band = 0
        while band + 1 < timeBandStarts.count && timeBandStarts[band + 1] <= daysInCare { band += 1 }
        return band
    }

    /// Position in the `[plan][age][timeBand]` tables. Small indices of a few cases each, so the arithmetic cannot
    /// overflow and is done without overflow checks (the tables' own bounds checks catch an index past their end,
    /// not a component out of its range that lands inside them; the callers' indices come from the vocabulary's
    /// cases and the band starts).
    @inline(__always) func exitIndex(plan: Int, age: Int, band: Int) -> Int {
        Self.exitIndex(plan: plan, age: age, band: band, bandCount: timeBandStarts.count)
    }

    /// `exitIndex` for a table with `bandCount` time-in-care bands, usable before the model exists (the start
    /// date's time-in-care table is built while it is initialised).
    @inline(__always) static func exitIndex(plan: Int, age: Int, band: Int, bandCount: Int) -> Int {
        (plan &* AgeBand.count &+ age) &* bandCount &+ band
    }

    /// Position in the `[type][need][age]` tables (as `exitIndex`, without overflow checks).
    @inline(__always) func placementIndex(type: Int, need: Int, age: Int) -> Int {
        (type &* NeedTier.count &+ need) &* AgeBand.count &+ age
    }
}

/// Whole numbers proportional to `shares` that sum to `total` (Hamilton's largest-remainder method),
/// so an initial population of 363 with a 48% in-house share has exactly 174 in-house children every replication.
public func largestRemainder(total: Int, shares: [Double]) -> [Int] {
    let sum = shares.reduce(0, +)
    guard sum > 0 else { return shares.map { _ in 0 } }
    let exact = shares.map { Double(total) * $0 / sum }
    var counts = exact.map { Int($0.rounded(.down)) }
    let order = exact.indices.sorted { (exact[$0] - Double(counts[$0]), -$0) > (exact[$1] - Double(counts[$1]), -$1) }
    var left = total - counts.reduce(0, +)
    for i in order where left > 0 {
        counts[i] += 1
        left -= 1
    }
    return counts
}

extension CompiledScenario {
    /// One line per age band whose `entries.annual_rate` no mix of sibling groups can give (`EntryMix`): a band
    /// with few children next to bands whose siblings alone bring more. Names the first year it happens, what was
    /// asked and what the run will have; empty when every rate is met (to 0.05 children a year).
    public var unmetEntryRates: [String] {
        AgeBand.allCases.compactMap { band in
            for y in years.indices {
                let wanted = hazards.entryChildrenWantedPerDay[y][band.index] * daysPerYear
                let given = hazards.entryChildrenPerDay[y][band.index] * daysPerYear
                guard abs(given - wanted) > 0.05 else { continue }
                return "entries.annual_rate.\(band.label): asks for \(Format.decimal(wanted, 1)) children a year in "
                    + "\(years[y].label), which no mix of sibling groups gives (siblings of other bands' children: "
                    + "sibling_group_size_mix, sibling_age_spread); the run has the nearest, \(Format.decimal(given, 1))"
            }
            return nil
        }
    }
}

extension CompiledScenario {
    /// The age bands a household approved for `range` counts for in `supply.csv`: those of whose ages it takes at
    /// least half. A household approved for 0–10 counts for 5–9 but not for 10–15, where it could take only a
    /// 10-year-old and its vacant places read as room for teenagers the service did not have; one approved for 11–17
    /// counts for 10–15 (five of its six ages), and one for 2–8 for 1–4 and 5–9, so that a range that splits a band
    /// still counts somewhere.
    static func bands(approvedFor range: ApprovalRange) -> [Int] {
        AgeBand.allCases.filter { band in
            let taken = min(range.oldest, band.upperAge - 1) - max(range.youngest, band.lowerAge) + 1
            return 2 * taken >= band.upperAge - band.lowerAge
        }.map(\.index)
    }
}
