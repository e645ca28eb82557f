import Foundation
import SufficiencyModel

/// The children in care on the start date, built from stock figures (model.md section 2).
extension Replication {
    /// Creates the initial children placement by placement: exact counts from the placement mix; age and need
    /// drawn within the placement type; care plan by age; time already in care from a gamma distribution capped
    /// at the child's age; time in the current placement from the placement's own ending hazard (breakdowns and
    /// planned moves): in a steady state the time since a placement began is exponential with that rate, capped at
    /// the time in care (so long stayers in stable placements count towards long-term stability). In-house children are
    /// put with a household that fits them where one has room, otherwise with any household with a free place
    /// (an existing placement need not meet today's matching rules), and in IFA care if the service is full.
    func setUpInitialPopulation() {
        let pop = scenario.population
        let attributes = stream(.childAttributes)
        for type in PlacementType.allCases {
            for _ in 0..<model.initialCounts[type.index] {
                let band = AgeBand(rawValue: attributes.discrete(model.initialAge[type.index]))!
                let age = Double(band.lowerAge) + attributes.uniform() * Double(band.upperAge - band.lowerAge)
                let need = NeedTier(rawValue: attributes.discrete(model.initialNeed[type.index]))!
                var plan = CarePlan(rawValue: attributes.discrete(model.initialPlan[band.index]))!
                if type == .placedForAdoption { plan = .adoption }
                let uasc = attributes.bernoulli(pop.uascShareByAge[band.index])
                let years = min(attributes.gamma(mean: pop.yearsInCareMean, shape: pop.yearsInCareShape), age)
                let i = addChild(age: age, need: need, plan: plan, uasc: uasc, entry: -years * daysPerYear)
                if type == .residential { children[i].needsResidential = true }
                inCare += 1
                if type == .placedForAdoption {
                    // Already with adopters: the order follows within the usual placement period.
                    let time = attributes.uniformPositive() * scenario.exits.adoptionPlacementDays
                    children[i].exitTime = time
                    children[i].exitRoute = .adoption
                    queue.schedule(.exit, at: time, subject: i, version: 0, horizon: model.horizonDay)
                } else {
                    scheduleExit(i)
                }
                placeInitially(i, type: type)
                let ending = hazards.breakdownPerDay[model.placementIndex(type: type.index, need: need.index,
                                                                        age: band.index)]
                    + hazards.plannedMovePerDay[type.index * AgeBand.count + band.index]
                let draw = attributes.uniformPositive()
                let since = ending > 0 ? -Foundation.log(draw) / ending : .infinity
                let started = max(children[i].entry, -since)
                children[i].placementStart = started
                children[i].stableSince = started
                // Re-sample the placement's end now that its true start (and early period) is known.
                children[i].placementVersion &+= 1
                schedulePlacementEnd(i)
            }
        }
        setUpStayingPut()
    }

    func placeInitially(_ i: Int, type: PlacementType) {
        guard type == .inHouseFoster else {
            place(i, in: type, distance: distance(for: type, child: i), isMove: false)
            return
        }
        // The first household that fits (households were drawn in random order): an existing placement was not
        // chosen by today's nearest-first rule.
        var (household, _) = findHousehold(for: SiblingGroup(i), firstFit: true)
        if household == nil {
            household = households.indices.first { households[$0].active && households[$0].free > 0 }
        }
        if let household {
            place(i, in: .inHouseFoster, household: household, distance: households[household].distance, isMove: false)
        } else {
            place(i, in: .ifaFoster, distance: distance(for: .ifaFoster, child: i), isMove: false)
        }
    }

    /// Young people aged 18–20 staying put on the start date: with an in-house carer (occupying a place) in the
    /// in-house share of foster placements, otherwise with IFA carers.
    func setUpStayingPut() {
        let mix = scenario.population.placementMix
        let fosterTotal = mix[PlacementType.inHouseFoster.index] + mix[PlacementType.ifaFoster.index]
            + mix[PlacementType.kinshipFoster.index]
        let inHouseShare = fosterTotal > 0 ? mix[PlacementType.inHouseFoster.index] / fosterTotal : 0
        let attributes = stream(.childAttributes)
        for _ in 0..<scenario.population.stayingPut {
            let age = 18 + attributes.uniform() * 3
            let i = addChild(age: age, need: .standard, plan: .independence, uasc: false, entry: -daysPerYear)
            children[i].status = .left
            children[i].alone = false
            if attributes.bernoulli(inHouseShare),
               let h = households.indices.first(where: { households[$0].active && households[$0].free > 0 }) {
                households[h].occupied += 1
                households[h].addOccupant(i)
                refreshVacancy(h)
                children[i].household = Int32(h)
            }
            startStayingPut(i)
        }
    }
}
