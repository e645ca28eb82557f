import Foundation
import SufficiencyModel

/// The children in care on the start date, built from stock figures (model.md section 2).
enum InitialPopulation {
    /// Creates the initial children placement by placement: exact counts from the placement mix; age and need
    /// drawn within the placement type; care plan by age; time already in care from the model's own steady state
    /// for the child's age and plan (`StartingTimeInCare`); time in the current placement from the steady state of
    /// the placement's own ending hazard (breakdowns, with their early and settled parts, planned moves, and for an
    /// in-house placement its carers' deregistration):
    /// a placement in progress has lasted s days with probability proportional to the chance that a placement
    /// lasts s days (the age of a renewal process), capped at the time in care (a child still in its first
    /// placement). In-house children are
    /// put with a household that fits them where one has room, otherwise with any household with a free place
    /// (an existing placement need not meet today's matching rules), and in IFA care if the service is full.
    static func setUp(_ w: inout World) {
        let pop = w.scenario.population
        for type in PlacementType.allCases {
            for _ in 0..<w.model.initialCounts[type.index] {
                let band = AgeBand(rawValue: w.attributes.discrete(w.model.initialAge[type.index]))!
                let age = Double(band.lowerAge) + w.attributes.uniform() * Double(band.upperAge - band.lowerAge)
                let need = NeedTier(rawValue: w.attributes.discrete(w.model.initialNeed[type.index]))!
                var plan = CarePlan(rawValue: w.attributes.discrete(w.model.initialPlan[band.index]))!
                if type == .placedForAdoption { plan = .adoption }
                let uasc = w.attributes.bernoulli(pop.uascShareByAge[band.index])
                let (u, v) = (w.attributes.uniform(), w.attributes.uniform())
                let days = w.model.startingTimeInCare.days(plan: plan, ageDays: age * daysPerYear, u, v)
                let i = Arrivals.addChild(&w, age: age, need: need, plan: plan, uasc: uasc, entry: -days)
                // The entry assessment says where a child went on entering care: a child in residential care now
                // was sent there, and one in any other placement was not (`addChild` drew it as for a new entrant,
                // which sent about 8 foster children a run straight to a children's home at their first move).
                w.children[i].needsResidential = type == .residential
                Money.changeInCare(&w, by: 1)
                if type == .placedForAdoption {
                    // Already with adopters: the order follows within the usual placement period.
                    let time = w.attributes.uniformPositive() * w.scenario.exits.adoptionPlacementDays
                    w.children[i].exitTime = time
                    w.children[i].exitRoute = .adoption
                    w.queue.schedule(.exit, at: time, subject: i, version: 0, horizon: w.model.horizonDay)
                } else {
                    Hazards.scheduleExit(&w, i)
                }
                placeInitially(&w, i, type: type)
                let index = w.model.placementIndex(type: type.index, need: need.index, age: band.index)
                let since = placementDays(breakdown: w.hazards.breakdownPerDay[index],
                                          otherEndings: w.hazards.placementOtherEndingsPerDay[index],
                                          w.scenario.breakdowns, w.attributes.uniform(),
                                          mass: w.hazards.placementInProgressMass[index])
                let started = max(w.children[i].entry, -since)
                w.children[i].placementStart = started
                w.children[i].stableSince = started
                // Sample the placement's end now that its true start (and early period) is known (`place` did not).
                // The placement number moves on once more, so an existing placement's draw is keyed by 2, as it was
                // when `place` also drew an end from today that was then discarded: the same draws, one event fewer.
                w.children[i].placementVersion &+= 1
                Hazards.schedulePlacementEnd(&w, i)
            }
        }
        setUpStayingPut(&w)
        setUpRecentReturnsHome(&w)
    }

    /// Days a placement in progress has lasted, in the steady state of placements that end at the rate
    /// `breakdown` × the phase's multiplier (early, middle, settled: `Breakdowns.phase`) + `otherEndings` per day
    /// (planned moves, carers leaving), which do not change with the placement's age: the
    /// density is proportional to the chance of lasting that long, drawn by inversion from the uniform `u`.
    /// Infinite when a placement with no hazard left may have lasted any time. `mass`, when given, is
    /// `placementMass` for these rates (`HazardTables.placementInProgressMass`), which saves one of the two walks.
    static func placementDays(breakdown: Double, otherEndings: Double, _ b: Breakdowns, _ u: Double,
                              mass: Double? = nil) -> Double {
        let total = mass ?? placementMass(breakdown: breakdown, otherEndings: otherEndings, b)
        guard total.isFinite else { return .infinity }
        return walkPlacementAge(breakdown, otherEndings, b, until: u * total).days ?? .infinity
    }

    /// The integral of a placement's survival over all its ages (the normaliser of `placementDays`' density):
    /// infinite when a placement with no hazard left may last for ever.
    static func placementMass(breakdown: Double, otherEndings: Double, _ b: Breakdowns) -> Double {
        walkPlacementAge(breakdown, otherEndings, b, until: .infinity).total
    }

    /// Walks the phases (at most three) until the survival's integral reaches `target`: the integral over the
    /// pieces walked, and the age at which it reaches the target (nil if it never does). A piece's mass is the
    /// survival at its start times the integral of the survival across it.
    private static func walkPlacementAge(_ breakdown: Double, _ otherEndings: Double, _ b: Breakdowns,
                                         until target: Double) -> (total: Double, days: Double?) {
        var start = 0.0, survival = 1.0, total = 0.0
        while start.isFinite {
            let (multiplier, end) = b.phase(afterDays: start)
            let rate = breakdown * multiplier + otherEndings, length = end - start
            let mass = rate > 0 ? survival * -expm1(-rate * length) / rate : survival * length
            if target < total + mass {
                let left = target - total
                let x = rate > 0 ? -log1p(-min(left * rate / survival, 1)) / rate : left / survival
                return (total + mass, start + min(x, length))
            }
            total += mass
            if rate > 0 { survival *= exp(-rate * length) }
            start = end
        }
        return (total, nil)
    }

    /// Children who went home in the year before the start date and may come back: a return home breaks down
    /// within 12 months with `exits.reentry_probability` (model.md section 5). Without them the first year had fewer
    /// than half the re-entries of the later years (4.2 against 9.5 to 10.6 a year, 200 replications × 5 years) and
    /// about 5 fewer entries.
    ///
    /// The year's returns home are taken to be as many, and as like the children in care now, as the stock's own
    /// reunification hazards make them (a steady state): their number is Poisson with mean those hazards summed over
    /// a year, at most the periods of care that could have ended in it (`recentReturnsHomeMean`); each is like a
    /// child in care drawn in proportion to its hazard (birthday, need, care plan, UASC), went home at a uniform time
    /// in the year, and comes back as any child does after a return home (`Exits.exitCare`).
    /// Only those whose return falls after the start are kept, as children who have left. Drawn on keyed streams
    /// of their own, and keyed apart from the other children (`World.keyed(_:child:_:)`), so the children in care and
    /// every later arrival keep their draws whatever the exit and re-entry assumptions.
    static func setUpRecentReturnsHome(_ w: inout World) {
        let p = w.scenario.exits.reentryProbability
        var cumulative: [Double] = [], like: [Int] = []
        cumulative.reserveCapacity(w.children.count)
        like.reserveCapacity(w.children.count)
        var total = 0.0
        for i in w.children.indices where w.children[i].status == .inCare {
            total += Hazards.reunificationPerDay(&w, i)
            cumulative.append(total)
            like.append(i)
        }
        guard p > 0, total > 0 else { return }
        let mean = recentReturnsHomeMean(hazardPerDay: total, childrenInCare: Double(like.count), w.scenario)
        let returns = w.keyed(.recentReturnsHome, 0, 0).poisson(mean: mean)
        for k in 0..<returns {
            // Each return home from a stream of its own, so that one child's outcome does not move the next one's.
            let g = w.keyed(.recentReturnsHome, k + 1, 0)
            let (pick, home, breaks, after) = (g.uniform() * total, g.uniformPositive(), g.uniform(), g.uniformPositive())
            var lo = 0, hi = cumulative.count - 1
            while lo < hi {
                let mid = (lo + hi) / 2
                if cumulative[mid] > pick { hi = mid } else { lo = mid + 1 }
            }
            let c = w.children[like[lo]]
            let left = -home * daysPerYear
            let back = left + after * daysPerYear
            // Born before going home; back before the 18th birthday (one after the horizon is dropped by the queue).
            guard breaks < p, left > c.birth, back > 0, back < c.birthday(18) else { continue }
            let i = Arrivals.addChild(&w, age: c.age(at: 0), need: c.need, plan: c.plan, uasc: c.uasc, entry: left,
                                      drawingFrom: g)
            w.children[i].status = .left
            w.children[i].exitRoute = .reunification
            w.children[i].exitTime = left
            w.children[i].episode = 1
            w.children[i].key = (1 << 40) + w.recentCount
            w.recentCount += 1
            w.schedule(.reentry, at: back, subject: i, version: 1, horizon: min(w.model.horizonDay, c.birthday(18)))
        }
    }

    /// The mean number of returns home in the year before the start date (`setUpRecentReturnsHome`): the stock's
    /// reunification hazards per day, `hazardPerDay` summed over its children, times a year, but no more than the
    /// periods of care that could have ended in that year, the children in care now and a year's entries (sibling
    /// groups' children and UASC). Hazards so high that the stock would empty in days do not send each child home
    /// many times over: a scenario with reunification hazards at the loader's caps drew about 6 million returns
    /// and a run that never ended. Shared with `WorkEstimate`, which counts the re-entries they bring.
    static func recentReturnsHomeMean(hazardPerDay: Double, childrenInCare: Double, _ s: Scenario) -> Double {
        min(hazardPerDay * daysPerYear, childrenInCare + s.entries.annualRate.reduce(0, +) + s.uasc.annualRate)
    }

    static func placeInitially(_ w: inout World, _ i: Int, type: PlacementType) {
        guard type == .inHouseFoster else {
            Placements.place(&w, i, in: type, distance: Matching.distance(&w, for: type, child: i), isMove: false, samplingEnd: false)
            return
        }
        // The first household that fits (households were drawn in random order): an existing placement was not
        // chosen by today's nearest-first rule.
        var (household, _) = Matching.findHousehold(&w, for: SiblingGroup(i), firstFit: true)
        if household == nil {
            household = w.households.indices.first { w.households[$0].active && w.households[$0].free > 0 }
        }
        if let household {
            Placements.place(&w, i, in: .inHouseFoster, household: HouseholdID(household), distance: w.households[household].distance, isMove: false, samplingEnd: false)
        } else {
            Placements.place(&w, i, in: .ifaFoster, distance: Matching.distance(&w, for: .ifaFoster, child: i), isMove: false, samplingEnd: false)
        }
    }

    /// Young people aged 18–20 staying put on the start date: with an in-house carer (occupying a place) in the
    /// in-house share of foster placements, otherwise with IFA carers.
    static func setUpStayingPut(_ w: inout World) {
        let mix = w.scenario.population.placementMix
        let fosterTotal = mix[PlacementType.inHouseFoster.index] + mix[PlacementType.ifaFoster.index]
            + mix[PlacementType.kinshipFoster.index]
        let inHouseShare = fosterTotal > 0 ? mix[PlacementType.inHouseFoster.index] / fosterTotal : 0
        for _ in 0..<w.scenario.population.stayingPut {
            let age = 18 + w.attributes.uniform() * 3
            let i = Arrivals.addChild(&w, age: age, need: .standard, plan: .independence, uasc: false, entry: -daysPerYear)
            w.children[i].status = .left
            w.children[i].alone = false
            if w.attributes.bernoulli(inHouseShare),
               let h = w.households.indices.first(where: { w.households[$0].active && w.households[$0].free > 0 }) {
                w.households[h].occupied += 1
                w.households[h].addOccupant(i)
                Carers.refreshVacancy(&w, h)
                w.children[i].household = HouseholdID(h)
            }
            Exits.startStayingPut(&w, i)
        }
    }
}
