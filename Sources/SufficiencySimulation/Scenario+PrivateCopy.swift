import SufficiencyModel

/// A copy of a scenario that shares no array storage with the original.
///
/// Swift arrays are shared until written, and reading a shared array from two threads makes both update the same
/// reference count: with two workers that contention cost a fifth of the run time (10,000 replications took 15 s
/// on two threads against 12 s expected from one). Each worker therefore compiles its own model from a private
/// copy of the scenario.
extension Scenario {
    func privateCopy() -> Scenario {
        var s = self
        s.population.placementMix = fresh(population.placementMix)
        s.population.ageMixByPlacement = fresh(population.ageMixByPlacement)
        s.population.needMixByPlacement = fresh(population.needMixByPlacement)
        s.population.carePlanMixByAge = fresh(population.carePlanMixByAge)
        s.population.uascShareByAge = fresh(population.uascShareByAge)
        s.entries.annualRate = fresh(entries.annualRate)
        s.entries.siblingGroupSizeMix = fresh(entries.siblingGroupSizeMix)
        s.entries.needMixByAge = fresh(entries.needMixByAge)
        s.entries.carePlanMixByAge = fresh(entries.carePlanMixByAge)
        s.uasc.ageMix = fresh(uasc.ageMix)
        s.uasc.needMix = fresh(uasc.needMix)
        s.uasc.carePlanMix = fresh(uasc.carePlanMix)
        s.routes.preferenceOrder = routes.preferenceOrder.map { $0 }
        s.routes.directResidentialByNeed = fresh(routes.directResidentialByNeed)
        s.routes.residentialSchoolByNeed = fresh(routes.residentialSchoolByNeed)
        s.kinship.foundAtEntryByAge = fresh(kinship.foundAtEntryByAge)
        s.kinship.distanceMix = fresh(kinship.distanceMix)
        s.inHouse.placesMix = fresh(inHouse.placesMix)
        s.inHouse.approvalRanges = inHouse.approvalRanges.map { $0 }
        s.inHouse.approvalRangeMix = fresh(inHouse.approvalRangeMix)
        s.inHouse.specialismShare = fresh(inHouse.specialismShare)
        s.inHouse.distanceMix = fresh(inHouse.distanceMix)
        s.inHouse.acceptanceByAgeNeed = fresh(inHouse.acceptanceByAgeNeed)
        s.inHouse.solePlacementByNeed = fresh(inHouse.solePlacementByNeed)
        s.deregistration.reasonMix = fresh(deregistration.reasonMix)
        s.recruitment.placesMix = fresh(recruitment.placesMix)
        s.recruitment.approvalRanges = recruitment.approvalRanges.map { $0 }
        s.recruitment.approvalRangeMix = fresh(recruitment.approvalRangeMix)
        s.recruitment.specialismShare = fresh(recruitment.specialismShare)
        s.recruitment.distanceMix = fresh(recruitment.distanceMix)
        s.ifa.foundProbability = fresh(ifa.foundProbability)
        s.ifa.weeklyPriceByNeed = fresh(ifa.weeklyPriceByNeed)
        s.ifa.distanceMix = fresh(ifa.distanceMix)
        s.residential.weeklyPriceMeanByNeed = fresh(residential.weeklyPriceMeanByNeed)
        s.residential.distanceMix = fresh(residential.distanceMix)
        s.exits.timeInCareBandStartsDays = fresh(exits.timeInCareBandStartsDays)
        s.exits.baseHazard = fresh(exits.baseHazard)
        s.exits.ageMultiplier = fresh(exits.ageMultiplier)
        s.exits.timeInCareMultiplier = fresh(exits.timeInCareMultiplier)
        s.breakdowns.annualHazardByPlacement = fresh(breakdowns.annualHazardByPlacement)
        s.breakdowns.needMultiplier = fresh(breakdowns.needMultiplier)
        s.breakdowns.ageMultiplier = fresh(breakdowns.ageMultiplier)
        s.plannedMoves.annualHazardByPlacement = fresh(plannedMoves.annualHazardByPlacement)
        s.plannedMoves.ageMultiplier = fresh(plannedMoves.ageMultiplier)
        if let u = parameterUncertainty {
            s.parameterUncertainty = ParameterUncertainty(
                drawRates: u.drawRates, exits: u.exits.map { $0.map(fresh) }, breakdowns: u.breakdowns.map(fresh),
                plannedMoves: u.plannedMoves.map(fresh), entries: u.entries.map(fresh), uasc: u.uasc.map(fresh))
        }
        s.costs.weeklyUnitCost = fresh(costs.weeklyUnitCost)
        s.costs.needUplift = fresh(costs.needUplift)
        s.costs.inflationByLine = costs.inflationByLine.map(fresh)
        s.ifa.availabilityMultiplier = fresh(ifa.availabilityMultiplier)
        s.ifa.priceMultiplier = fresh(ifa.priceMultiplier)
        s.residential.priceMultiplier = fresh(residential.priceMultiplier)
        s.recruitment.approvalsPerYear = fresh(recruitment.approvalsPerYear)
        if var f = recruitment.funnel {
            f.enquiriesPerYear = fresh(f.enquiriesPerYear)
            s.recruitment.funnel = f
        }
        if var p = interventions.recruitment {
            p.approvalsPerYear = fresh(p.approvalsPerYear)
            p.placesMix = fresh(p.placesMix)
            p.approvalRanges = p.approvalRanges.map { $0 }
            p.approvalRangeMix = fresh(p.approvalRangeMix)
            p.specialismShare = fresh(p.specialismShare)
            p.distanceMix = fresh(p.distanceMix)
            s.interventions.recruitment = p
        }
        if var p = interventions.reunification {
            p.eligiblePlans = p.eligiblePlans.map { $0 }
            p.eligibleAgeBands = p.eligibleAgeBands.map { $0 }
            s.interventions.reunification = p
        }
        if var p = interventions.demand {
            p.entryMultiplierByAge = p.entryMultiplierByAge.map(fresh)
            p.uascMultiplier = fresh(p.uascMultiplier)
            s.interventions.demand = p
        }
        if var p = interventions.income {
            p.residentialJointFundingShare = fresh(p.residentialJointFundingShare)
            p.annualIncome = fresh(p.annualIncome)
            s.interventions.income = p
        }
        return s
    }
}

private func fresh(_ x: [Double]) -> [Double] { x.map { $0 } }
private func fresh(_ x: [[Double]]) -> [[Double]] { x.map { $0.map { $0 } } }
private func fresh(_ x: Schedule) -> Schedule {
    var copy = x
    copy.steps = x.steps.map { $0 }
    return copy
}

private func fresh(_ t: EventTable) -> EventTable {
    EventTable(events: fresh(t.events), exposureYears: fresh(t.exposureYears))
}

private func fresh(_ t: EntryTable) -> EntryTable {
    EntryTable(events: fresh(t.events), periodYears: fresh(t.periodYears), midpoints: fresh(t.midpoints), trend: t.trend)
}
