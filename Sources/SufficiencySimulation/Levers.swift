import SufficiencyModel

/// Markets, schedules and interventions resolved to one value per simulated financial year, so the engine
/// reads `levers.x[year]` instead of evaluating schedules and year spans on its hot path.
struct Levers {
    // Markets
    let ifaAvailability: [Double]
    let ifaPrice: [Double]
    let residentialPrice: [Double]
    /// Business-as-usual approvals per year (from the target, or the funnel's enquiries times its conversions).
    let approvals: [Double]

    // Recruitment programme: target approvals in each year in force (0 when not).
    let recruitmentActive: [Bool]
    let recruitmentTarget: [Double]
    /// Price index of the programmes' costs by year: they are mostly the council's own staff and services, so they
    /// inflate as the in-house fostering service's cost line does (as business-as-usual approval costs do).
    let programmeInflation: [Double]
    /// Fixed costs charged at each year's start, at that year's prices: recruitment contract, and other programmes
    /// (reunification, step-down, the services behind a change in demand).
    let recruitmentFixedCost: [Double]
    let programmeFixedCost: [Double]

    // Retention
    let deregistrationMultiplier: [Double]
    let retentionCostPerHouseholdDay: [Double]

    // Reunification programme, step-down and block contract in force by year.
    let reunificationActive: [Bool]
    let stepDownActive: [Bool]
    let blockPlaces: [Int]

    // Income
    let jointFundingShare: [Double]
    let annualIncome: [Double]
    /// Probability that the year's other income arrives (1 when certain or when none is due).
    let incomeProbability: [Double]

    init(scenario s: Scenario, years: [FinancialYear], yearStarts: [Double], horizonDay: Double,
         programmeInflation: [Double]) {
        let i = s.interventions
        self.programmeInflation = programmeInflation
        func on(_ span: YearSpan?) -> [Bool] { years.map { span?.contains($0) ?? false } }
        func fraction(_ k: Int) -> Double { yearFraction(k, years: years, yearStarts: yearStarts, horizonDay: horizonDay) }
        ifaAvailability = years.map { s.ifa.availabilityMultiplier.value(in: $0) }
        ifaPrice = years.map { s.ifa.priceMultiplier.value(in: $0) }
        residentialPrice = years.map { s.residential.priceMultiplier.value(in: $0) }
        approvals = years.map { s.recruitment.expectedApprovals($0) }

        let recruiting = on(i.recruitment?.years)
        recruitmentActive = recruiting
        recruitmentTarget = years.enumerated().map { k, y in
            recruiting[k] ? i.recruitment!.approvalsPerYear.value(in: y) : 0
        }
        recruitmentFixedCost = years.indices.map { k in
            recruiting[k] ? i.recruitment!.annualCost * fraction(k) * programmeInflation[k] : 0
        }

        let retention = on(i.retention?.years)
        // Retention support acts on the carers' own decisions to stop, not on deregistrations the service starts or
        // transfers: the hazard's carer share is multiplied, the rest left alone.
        let carerShare = s.deregistration.reasonMix[DeregistrationReason.carer.index]
        deregistrationMultiplier = retention.map {
            $0 ? carerShare * i.retention!.deregistrationMultiplier + (1 - carerShare) : 1
        }
        retentionCostPerHouseholdDay = retention.enumerated().map { k, on in
            on ? i.retention!.costPerHouseholdPerYear / daysPerYear * programmeInflation[k] : 0
        }

        let reunifying = on(i.reunification?.years)
        let steppingDown = on(i.stepDown?.years)
        reunificationActive = reunifying
        stepDownActive = steppingDown
        blockPlaces = on(i.blockContract?.years).map { $0 ? i.blockContract!.places : 0 }
        let changingDemand = on(i.demand?.years)
        programmeFixedCost = years.enumerated().map { k, y in
            ((reunifying[k] ? i.reunification!.annualCost : 0) + (steppingDown[k] ? i.stepDown!.annualCost : 0)
                + (changingDemand[k] ? i.demand!.annualCost.value(in: y) : 0)) * fraction(k) * programmeInflation[k]
        }

        let income = on(i.income?.years)
        jointFundingShare = years.enumerated().map { k, y in income[k] ? i.income!.residentialJointFundingShare.value(in: y) : 0 }
        annualIncome = years.enumerated().map { k, y in income[k] ? i.income!.annualIncome.value(in: y) * fraction(k) : 0 }
        incomeProbability = years.enumerated().map { k, y in income[k] ? i.income!.arrivalProbability.value(in: y) : 1 }
    }
}

/// Share of financial year `k` that lies inside the simulated period: 1 for a whole year (365 or 366 days), less
/// for a year cut by the start date or the horizon. Annual amounts (contract costs, income) are charged in
/// proportion.
func yearFraction(_ k: Int, years: [FinancialYear], yearStarts: [Double], horizonDay: Double) -> Double {
    let length = Double(FinancialYear(startYear: years[k].startYear + 1).firstDay.dayNumber - years[k].firstDay.dayNumber)
    let end = k + 1 < yearStarts.count ? yearStarts[k + 1] : horizonDay
    return (end - yearStarts[k]) / length
}
