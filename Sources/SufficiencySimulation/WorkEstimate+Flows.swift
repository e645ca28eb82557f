import Foundation
import SufficiencyModel

// MARK: The expected-value model

extension WorkEstimate {
    /// Expected events of one replication over the horizon, by kind, and child-days in care.
    struct Flows {
        var totals = [Double](repeating: 0, count: Kind.allCases.count)
        var childDays = 0.0
        /// Household-days of the in-house service (approved households times days), for the search's cost.
        var householdDays = 0.0

        // Quantities tracked per month: child-days by age band, exits by hazard route, 18th birthdays.
        static let routes = Hazards.hazardRoutes
        static let quantities = AgeBand.count + routes + 1
        static let age18 = AgeBand.count + routes

        let model: CompiledScenario
        let steps: Int
        let dt: Double
        /// The pieces of a placement's life over which the breakdown multiplier is constant (`Breakdowns.phase`):
        /// the early period, the time before the placement is settled, then the rest (length infinity); empty pieces
        /// are left out. The same for every placement, so worked out once.
        let placementPieces: [(start: Double, length: Double, multiplier: Double)]

        init(_ model: CompiledScenario) {
            self.model = model
            steps = max(1, Int((model.horizonDay / daysPerMonth).rounded(.up)))
            dt = model.horizonDay / Double(steps)
            var pieces: [(start: Double, length: Double, multiplier: Double)] = []
            var start = 0.0
            while start.isFinite {
                let (multiplier, end) = model.scenario.breakdowns.phase(afterDays: start)
                pieces.append((start, end - start, multiplier))
                start = end
            }
            placementPieces = pieces
            compute()
        }

        /// The year index of step `k` (at its middle).
        func year(ofStep k: Int) -> Int {
            let t = (Double(k) + 0.5) * dt
            return model.yearStarts.lastIndex { $0 <= t } ?? 0
        }

        mutating func compute() {
            let s = model.scenario
            let h = model.hazards
            let q = Self.quantities
            var series = [Double](repeating: 0, count: steps * q)

            // Sources of children: each entry band, UASC arrivals, and the initial population.
            let bands = AgeBand.allCases
            let entryCurves = bands.map { band in
                curve(ages: [(band.index, 1)], plans: { _ in s.entries.carePlanMixByAge[band.index] })
            }
            let uascCurve = curve(ages: model.uascAge.probabilities.enumerated().map { ($0.offset, $0.element) },
                                  plans: { _ in s.uasc.carePlanMix })
            var entryRates = [[Double]](repeating: [Double](repeating: 0, count: steps), count: AgeBand.count)
            var uascRates = [Double](repeating: 0, count: steps)
            for k in 0..<steps {
                let y = year(ofStep: k)
                let groups = h.arrivalRatePerDay[y] * dt
                totals[Kind.entries.rawValue] += groups
                for b in bands.indices { entryRates[b][k] = h.entryChildrenPerDay[y][b] * dt }
                uascRates[k] = groups * h.arrivalSource[y].probabilities[AgeBand.count]
            }
            var entering = bands.map { entryRates[$0.index].reduce(0, +) }
            let uascTotal = uascRates.reduce(0, +)
            for (b, w) in model.uascAge.probabilities.enumerated() { entering[b] += uascTotal * w }
            for b in bands.indices { convolve(entryCurves[b], rates: entryRates[b], into: &series) }
            convolve(uascCurve, rates: uascRates, into: &series)

            // The initial population (placed-for-adoption children are set apart: their order follows within
            // `adoption_placement_days`, and their placements do not end).
            let pfa = PlacementType.placedForAdoption.index
            var initialCurve: [Double]? = nil
            var ageWeights = [Double](repeating: 0, count: AgeBand.count)
            for type in PlacementType.allCases where type.index != pfa {
                let n = Double(model.initialCounts[type.index])
                for (b, w) in model.initialAge[type.index].probabilities.enumerated() { ageWeights[b] += n * w }
            }
            // The stock's reunification hazard per day, summed over it in the same pass: the mean of the returns
            // home of the year before the start (below).
            var initialReunificationPerDay = 0.0
            if ageWeights.reduce(0, +) > 0 {
                var initial = [Double](repeating: 0, count: steps * q)
                forEachCohort(ages: ageWeights.enumerated().map { ($0.offset, $0.element) },
                              plans: { model.initialPlan[$0].probabilities },
                              timesInCare: { model.startingTimeInCare.quantiles(plan: CarePlan(rawValue: $1)!, ageDays: $0) },
                              normalise: false) { age, plan, tau, mass in
                    follow(age: age, plan: plan, timeInCare: tau, mass: mass, into: &initial)
                    initialReunificationPerDay += mass * reunificationPerDay(ageDays: age, plan: plan, timeInCare: tau)
                }
                for i in series.indices { series[i] += initial[i] }
                initialCurve = initial
            }
            let adopting = Double(model.initialCounts[pfa])
            let adoptionDays = s.exits.adoptionPlacementDays
            if adopting > 0 {
                let inside = adoptionDays > 0 ? min(1, model.horizonDay / adoptionDays) : 1
                totals[Kind.exits.rawValue] += adopting * inside
                // Mean of min(U·A, T) for U uniform: A/2 when the horizon is longer than A.
                let T = model.horizonDay, A = adoptionDays
                childDays += adopting * (A <= T ? A / 2 : T - T * T / (2 * A))
            }

            // Re-entries: a reunification returns to care within a year with the re-entry probability, as an entry
            // with the entrants' age profile; followed for a few generations.
            let reentry = s.exits.reentryProbability
            if reentry > 0 {
                let entryShares = bands.map { s.entries.annualRate[$0.index] }
                let shareSum = entryShares.reduce(0, +)
                let shares = shareSum > 0 ? entryShares.map { $0 / shareSum } : bands.map { _ in 1 / Double(AgeBand.count) }
                let reentryCurve = curve(ages: shares.enumerated().map { ($0.offset, $0.element) },
                                         plans: { s.entries.carePlanMixByAge[$0] })
                let spread = max(1, Int((daysPerYear / dt).rounded()))
                // The returns home of the year before the start that come back after it (the engine's
                // `setUpRecentReturnsHome`): the same mean, of which a share `reentry` come back, each a uniform time
                // in the year after going home at a uniform time in it, so half after the start, d days after it
                // with density (365 − d) ÷ 365² up to a year.
                var recent = [Double](repeating: 0, count: steps)
                if initialReunificationPerDay > 0 {
                    let returns = InitialPopulation.recentReturnsHomeMean(
                        hazardPerDay: initialReunificationPerDay, childrenInCare: Double(model.initialCounts.reduce(0, +)), s)
                    let Y = daysPerYear
                    func share(by d: Double) -> Double { let x = min(d, Y); return (Y * x - x * x / 2) / (Y * Y) }
                    for k in 0..<steps where Double(k) * dt < Y {
                        recent[k] = returns * reentry * (share(by: Double(k + 1) * dt) - share(by: Double(k) * dt))
                    }
                }
                var generation = series
                // Generations until they fade (a return home can lead to another), at most one a month of the
                // horizon, since a re-entry comes at least a month after the return home it follows.
                for g in 0..<steps {
                    var rates = g == 0 ? recent : [Double](repeating: 0, count: steps)
                    var mass = rates.reduce(0, +)
                    for k in 0..<steps {
                        let home = generation[k * q + AgeBand.count + ExitRoute.reunification.rawValue] * reentry
                        guard home > 0 else { continue }
                        for d in 1...spread where k + d < steps {
                            rates[k + d] += home / Double(spread)
                            mass += home / Double(spread)
                        }
                    }
                    guard mass > 1e-9 else { break }
                    totals[Kind.reentries.rawValue] += mass
                    for b in bands.indices { entering[b] += mass * shares[b] }
                    var next = [Double](repeating: 0, count: steps * q)
                    convolve(reentryCurve, rates: rates, into: &next)
                    for i in series.indices { series[i] += next[i] }
                    generation = next
                }
            }

            // Child-days, exits and 18th birthdays.
            var daysByBand = [Double](repeating: 0, count: AgeBand.count)
            for k in 0..<steps {
                for b in bands.indices { daysByBand[b] += series[k * q + b] }
                for r in 0..<Self.routes { totals[Kind.exits.rawValue] += series[k * q + AgeBand.count + r] }
                totals[Kind.age18.rawValue] += series[k * q + Self.age18]
                totals[Kind.adoptionPlacements.rawValue] += series[k * q + AgeBand.count + ExitRoute.adoption.rawValue]
            }
            childDays += daysByBand.reduce(0, +)

            // Breakdowns and planned moves: renewal rates per band, weighted by the initial population's make-up.
            let weights = placementWeights()
            var fosterAt16 = 0.0
            for b in bands.indices {
                var breakdown = 0.0, planned = 0.0, firstPlacement = 0.0
                for type in PlacementType.allCases where type.index != pfa {
                    for need in NeedTier.allCases {
                        let w = weights[b][type.index * NeedTier.count + need.index]
                        guard w > 0 else { continue }
                        let rates = endingRates(type: type.index, need: need.index, age: b)
                        breakdown += w * rates.breakdown
                        planned += w * rates.planned
                        firstPlacement += w * rates.extraOnEntry
                        if b == AgeBand.age16to17.index && type.isFoster { fosterAt16 += w }
                    }
                }
                totals[Kind.breakdowns.rawValue] += daysByBand[b] * breakdown + entering[b] * firstPlacement
                totals[Kind.plannedMoves.rawValue] += daysByBand[b] * planned
            }

            // Stale events: the set-up draws each initial child's placement end twice (once as the child is placed,
            // once from the placement's true start), and the first draw still runs when it falls inside the
            // horizon; a household's deregistration moves its children, whose pending ends go stale the same way.
            var staleShare = 0.0
            if let initial = initialCurve {
                let initialChildren = ageWeights.reduce(0, +)
                var stale = 0.0
                for b in bands.indices {
                    for type in PlacementType.allCases where type.index != pfa {
                        for need in NeedTier.allCases {
                            let w = weights[b][type.index * NeedTier.count + need.index]
                            guard w > 0 else { continue }
                            var before = 1.0
                            for k in 0..<steps {
                                let after = freshSurvival(type: type.index, need: need.index, age: b, days: Double(k + 1) * dt)
                                stale += w * initial[k * q + b] / dt * (before - after)
                                before = after
                            }
                        }
                    }
                }
                totals[Kind.resampled.rawValue] += stale
                staleShare = initialChildren > 0 ? min(1, stale / initialChildren) : 0
            }

            // Staying Put: starts at 18 in foster care; the end is counted when it falls inside the horizon.
            let T = model.horizonDay
            let endHazard = s.exits.stayingPutEndHazard / daysPerYear
            let threeYears = 3 * daysPerYear
            for k in 0..<steps {
                let starts = series[k * q + Self.age18] * fosterAt16 * s.exits.stayingPutProbability
                let left = T - (Double(k) + 0.5) * dt
                let ends = left >= threeYears ? 1 : 1 - Foundation.exp(-endHazard * left)
                totals[Kind.stayingPutEnds.rawValue] += starts * ends
            }
            let notEnded = Foundation.exp(-endHazard * T) * max(0, (threeYears - T) / threeYears)
            totals[Kind.stayingPutEnds.rawValue] += Double(s.population.stayingPut) * (1 - notEnded)

            carers()
            let households = Double(s.inHouse.households)
            let perHousehold = households > 0 ? min(4, Double(model.initialCounts[PlacementType.inHouseFoster.index]) / households) : 0
            totals[Kind.resampled.rawValue] += totals[Kind.deregistrations.rawValue] * perHousehold * staleShare
            interventions(childrenInCare: childDays / max(T, 1e-9), weights: weights)
        }

        /// Approvals and deregistrations: households approved at each year's rate (business as usual and
        /// programme), each leaving at the first-year hazard for twelve months and the later hazard after, times
        /// the retention multiplier of the year.
        mutating func carers() {
            let levers = model.levers
            var old = Double(model.scenario.inHouse.households)
            var recent = [Double](repeating: 0, count: 12)   // households approved in each of the last 12 steps
            for k in 0..<steps {
                householdDays += (old + recent.reduce(0, +)) * dt
                let y = year(ofStep: k)
                let approved = (levers.approvals[y] + levers.recruitmentTarget[y]) * dt / daysPerYear
                totals[Kind.approvals.rawValue] += approved
                let m = levers.deregistrationMultiplier[y]
                let later = 1 - Foundation.exp(-model.deregistrationPerDay * m * dt)
                let first = 1 - Foundation.exp(-model.deregistrationFirstYearPerDay * m * dt)
                var leaving = old * later
                old -= old * later
                for i in recent.indices {
                    leaving += recent[i] * first
                    recent[i] -= recent[i] * first
                }
                totals[Kind.deregistrations.rawValue] += leaving
                // The oldest of the recent households pass their first year.
                old += recent[k % 12]
                recent[k % 12] = approved
            }
        }

        /// Step-down reviews, and an upper bound on the events enrolments and step-downs leave stale.
        mutating func interventions(childrenInCare: Double, weights: [[Double]]) {
            let s = model.scenario
            let T = model.horizonDay
            if let p = s.interventions.stepDown {
                let first = max(Double(p.years.start.firstDay.dayNumber - s.startDate.dayNumber), 0) + p.reviewIntervalDays
                if first < T { totals[Kind.stepDownReviews.rawValue] += ((T - first) / p.reviewIntervalDays).rounded(.down) + 1 }
                let residentialShare = weights.reduce(0) { total, band in
                    total + NeedTier.allCases.reduce(0) { $0 + band[PlacementType.residential.index * NeedTier.count + $1.index] }
                } / Double(AgeBand.count)
                for y in model.years.indices where model.levers.stepDownActive[y] {
                    totals[Kind.resampled.rawValue] += min(Double(p.capacityPerYear), childrenInCare * residentialShare)
                        * model.yearFraction(y)
                }
            }
            if let p = s.interventions.reunification {
                for y in model.years.indices where model.levers.reunificationActive[y] {
                    totals[Kind.resampled.rawValue] += 2 * min(Double(p.capacityPerYear), childrenInCare) * model.yearFraction(y)
                }
            }
        }
    }
}
