import Foundation
import SufficiencyModel

/// The scenario's rates turned into per-day tables for the engine's hot path: entries, exits, breakdowns and
/// planned moves — the rates a calibration estimates, and so the ones a replication may draw afresh
/// (`RateDraws`). Everything else a run reads is fixed for the whole run and lives in `CompiledScenario`.
struct HazardTables {
    /// Arrivals (sibling groups and UASC children) per day in each financial year, and where each comes from
    /// (index 0..<AgeBand.count: a sibling group in that band; AgeBand.count: a UASC arrival).
    let arrivalRatePerDay: [Double]
    let arrivalSource: [DiscreteDistribution]
    /// Children (UASC apart) entering per day by age band at entry in each financial year, `[year][AgeBand]`, that
    /// those groups bring: the scenario's rates, unless no mix of groups can give them (`EntryMix`).
    let entryChildrenPerDay: [[Double]]
    /// The children per day by band the scenario asked for, `[year][AgeBand]`, to tell where they could not be met.
    let entryChildrenWantedPerDay: [[Double]]
    /// Exits per day: flat `[plan][age][timeBand][route]`, and totals `[plan][age][timeBand]`.
    let exitRoutePerDay: [Double]
    let exitTotalPerDay: [Double]
    /// The highest total exit rate per day, and reunification rate per day, at each age band and time-in-care band
    /// or any later pair, `[plan][age][timeBand]`: bounds with which `Hazards.scheduleExit` sees at once that many
    /// young people will be in care at 18.
    let exitTotalBoundPerDay: [Double]
    let reunificationBoundPerDay: [Double]
    /// Breakdowns per day `[type][need][age]` and planned moves per day `[type][age]`.
    let breakdownPerDay: [Double]
    let plannedMovePerDay: [Double]
    /// The highest breakdown rate per day at each age band or any older one, `[type][need][age]`, and likewise
    /// planned moves `[type][age]`: bounds on the rates a placement can meet from now on, with which
    /// `Hazards.schedulePlacementEnd` sees at once that most placements cannot end before the episode does.
    let breakdownBoundPerDay: [Double]
    let plannedMoveBoundPerDay: [Double]
    /// For the placements in progress on the start date (`InitialPopulation.placementDays`), `[type][need][age]`:
    /// the rate per day at which a placement ends otherwise than by breakdown (planned moves and, in-house, its
    /// carers deregistering: each child is re-matched), and the integral of its survival over all ages
    /// (`InitialPopulation.placementMass`), so that each child's draw walks the phases once, not twice.
    let placementOtherEndingsPerDay: [Double]
    let placementInProgressMass: [Double]

    /// `entryMix`: `EntryMix` for the scenario's sibling groups, when the caller has it already (the same for
    /// every replication's draw of the rates).
    init(_ scenario: Scenario, years: [FinancialYear], yearStarts: [Double], horizonDay: Double,
         entryMix: EntryMix? = nil) {
        // Entries: children per year by age band become groups per day by their lead child's band (`EntryMix`);
        // a trend is applied at the middle of each year's simulated part.
        let mix = entryMix ?? EntryMix(scenario.entries)
        let demand = scenario.interventions.demand
        var rates: [Double] = [], tables: [DiscreteDistribution] = [], children: [[Double]] = [], asked: [[Double]] = []
        for (k, year) in years.enumerated() {
            let active = demand.map { $0.years.contains(year) } ?? false
            let end = k + 1 < yearStarts.count ? yearStarts[k + 1] : horizonDay
            let trend = scenario.entries.annualTrend == 1 ? 1
                : pow(scenario.entries.annualTrend, (yearStarts[k] + end) / 2 / daysPerYear)
            let wanted = scenario.entries.annualRate.enumerated().map { band, rate in
                rate * trend * (active ? demand!.entryMultiplierByAge[band].value(in: year) : 1) / daysPerYear
            }
            var sources = mix.groups(for: wanted)
            children.append(mix.children(for: sources))
            asked.append(wanted)
            sources.append(scenario.uasc.annualRate * (active ? demand!.uascMultiplier.value(in: year) : 1) / daysPerYear)
            let total = sources.reduce(0, +)
            rates.append(total)
            tables.append(DiscreteDistribution(
                weights: total > 0 ? sources : [1] + [Double](repeating: 0, count: sources.count - 1)))
        }
        arrivalRatePerDay = rates
        arrivalSource = tables
        entryChildrenPerDay = children
        entryChildrenWantedPerDay = asked

        let exits = scenario.exits
        let routes = ExitRoute.hazardRoutes.count
        var routeRates: [Double] = [], totals: [Double] = []
        for plan in CarePlan.allCases {
            for age in AgeBand.allCases {
                for band in exits.timeInCareBandStartsDays.indices {
                    var total = 0.0
                    for r in 0..<routes {
                        let rate = exits.baseHazard[r][plan.index] * exits.ageMultiplier[r][age.index]
                            * exits.timeInCareMultiplier[r][band] / daysPerYear
                        routeRates.append(rate)
                        total += rate
                    }
                    totals.append(total)
                }
            }
        }
        exitRoutePerDay = routeRates
        exitTotalPerDay = totals
        let bands = exits.timeInCareBandStartsDays.count
        exitTotalBoundPerDay = Self.boundsFromEachAge(totals, timeBands: bands)
        reunificationBoundPerDay = Self.boundsFromEachAge(
            stride(from: 0, to: routeRates.count, by: routes).map { routeRates[$0] }, timeBands: bands)

        let b = scenario.breakdowns, p = scenario.plannedMoves
        var breakdown: [Double] = [], planned: [Double] = []
        for type in PlacementType.allCases {
            for need in NeedTier.allCases {
                for age in AgeBand.allCases {
                    breakdown.append(b.annualHazardByPlacement[type.index] * b.needMultiplier[need.index]
                        * b.ageMultiplier[age.index] / daysPerYear)
                }
            }
            for age in AgeBand.allCases {
                planned.append(p.annualHazardByPlacement[type.index] * p.ageMultiplier[age.index] / daysPerYear)
            }
        }
        breakdownPerDay = breakdown
        plannedMovePerDay = planned
        breakdownBoundPerDay = Self.boundsFromEachAge(breakdown)
        plannedMoveBoundPerDay = Self.boundsFromEachAge(planned)
        var other: [Double] = [], mass: [Double] = []
        let deregistration = Self.deregistrationPerDay(scenario)
        for type in PlacementType.allCases {
            for _ in NeedTier.allCases {
                for age in AgeBand.allCases {
                    other.append(planned[type.index * AgeBand.count + age.index]
                        + (type == .inHouseFoster ? deregistration : 0))
                    mass.append(InitialPopulation.placementMass(breakdown: breakdown[mass.count],
                                                                otherEndings: other[mass.count], b))
                }
            }
        }
        placementOtherEndingsPerDay = other
        placementInProgressMass = mass
    }

    /// The hazard per day that an in-house household's carers stop fostering after their first year: the one
    /// definition `CompiledScenario.deregistrationPerDay` and the start date's placements share.
    static func deregistrationPerDay(_ scenario: Scenario) -> Double {
        scenario.deregistration.annualHazard / daysPerYear
    }

    /// For a table indexed `[…][age][timeBand]` (`timeBands` of them; 1 for a table whose last index is the age
    /// band): each entry replaced by the largest at that age band or older and that time-in-care band or later.
    static func boundsFromEachAge(_ rates: [Double], timeBands bands: Int = 1) -> [Double] {
        var bounds = rates
        let perTable = AgeBand.count * bands
        for start in stride(from: 0, to: bounds.count, by: perTable) {
            for age in (0..<AgeBand.count).reversed() {
                for band in (0..<bands).reversed() {
                    let k = start + age * bands + band
                    if band + 1 < bands { bounds[k] = max(bounds[k], bounds[k + 1]) }
                    if age + 1 < AgeBand.count { bounds[k] = max(bounds[k], bounds[k + bands]) }
                }
            }
        }
        return bounds
    }
}
