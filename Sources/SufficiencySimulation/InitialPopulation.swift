import Foundation
import SufficiencyModel

/// The children in care on the start date, built from stock figures (model.md section 2).
enum InitialPopulation {
    /// Creates the initial children placement by placement: exact counts from the placement mix; age and need
    /// drawn within the placement type; care plan by age; time already in care from a gamma distribution capped
    /// at the child's age; time in the current placement from the placement's own ending hazard (breakdowns and
    /// planned moves, without the early and settled multipliers): in a steady state with a constant hazard the time
    /// since a placement began is exponential with that rate, capped at the time in care (so long stayers in stable
    /// placements count towards long-term stability). With a settled part the steady state would have more long
    /// placements; the difference is small (for a 10–15-year-old in-house with standard needs, the chance that a
    /// placement in progress lasts two more years is 0.797 from these draws against 0.802 in the steady state). In-house children are
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
                let years = min(w.attributes.gamma(mean: pop.yearsInCareMean, shape: pop.yearsInCareShape), age)
                let i = Arrivals.addChild(&w, age: age, need: need, plan: plan, uasc: uasc, entry: -years * daysPerYear)
                if type == .residential { w.children[i].needsResidential = true }
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
                let ending = w.hazards.breakdownPerDay[w.model.placementIndex(type: type.index, need: need.index,
                                                                        age: band.index)]
                    + w.hazards.plannedMovePerDay[type.index * AgeBand.count + band.index]
                let draw = w.attributes.uniformPositive()
                let since = ending > 0 ? -Foundation.log(draw) / ending : .infinity
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
