/// Reading the `interventions:` section: each lever is optional, and present means in force over its years.
extension ScenarioBuilder {
    func interventions(_ m: MappingReader) -> Interventions? {
        defer { m.finish() }
        var result = Interventions()
        var ok = true
        func read<T>(_ key: String, _ build: (MappingReader) -> T?) -> T? {
            guard m.value(key, required: false) != nil else { return nil }
            guard let section = m.section(key), let value = build(section) else { ok = false; return nil }
            return value
        }
        result.recruitment = read("recruitment", recruitmentProgramme)
        result.retention = read("retention", retention)
        result.reunification = read("reunification_programme", reunificationProgramme)
        result.stepDown = read("residential_step_down", stepDown)
        result.blockContract = read("ifa_block_contract", blockContract)
        result.demand = read("demand", demand)
        result.income = read("income", income)
        return ok ? result : nil
    }

    /// The keys of business-as-usual recruitment, plus `start_year`, `end_year` and `annual_cost`.
    func recruitmentProgramme(_ m: MappingReader) -> RecruitmentProgramme? {
        defer { m.finish() }
        let years = m.years()
        let profile = recruitment(m, finishing: false)
        let annual = m.number("annual_cost", unit: Unit.poundsPerYear, .pounds)
        guard let years, let p = profile, let annual else { return nil }
        return RecruitmentProgramme(years: years, approvalsPerYear: p.approvalsPerYear, yieldCV: p.yieldCV,
                                    monthsToApprovalMean: p.monthsToApprovalMean,
                                    monthsToApprovalShape: p.monthsToApprovalShape, placesMix: p.placesMix,
                                    approvalRanges: p.approvalRanges, approvalRangeMix: p.approvalRangeMix,
                                    specialismShare: p.specialismShare, distanceMix: p.distanceMix,
                                    costPerApproval: p.costPerApproval, annualCost: annual)
    }

    func retention(_ m: MappingReader) -> RetentionSupport? {
        defer { m.finish() }
        let years = m.years()
        let multiplier = m.number("deregistration_multiplier", unit: Unit.multiplier, .multiplier)
        let cost = m.number("cost_per_household", unit: Unit.poundsPerHouseholdPerYear, .pounds)
        guard let years, let multiplier, let cost else { return nil }
        return RetentionSupport(years: years, deregistrationMultiplier: multiplier, costPerHouseholdPerYear: cost)
    }

    func reunificationProgramme(_ m: MappingReader) -> ReunificationProgramme? {
        defer { m.finish() }
        let years = m.years()
        let plans = m.labelList("eligible_care_plans", of: CarePlan.self)
        let ages = m.labelList("eligible_age_bands", of: AgeBand.self)
        let window = named("time_in_care", in: m, unit: Unit.months, labels: ["min", "max"], .range(0...216))
        let hazard = m.number("hazard_multiplier", unit: Unit.multiplier, .multiplier)
        let reentry = m.number("reentry_multiplier", unit: Unit.multiplier, .multiplier)
        let capacity = m.integer("capacity", unit: Unit.childrenPerYear, 0...100_000)
        let annual = m.number("annual_cost", unit: Unit.poundsPerYear, .pounds)
        guard let years, let plans, let ages, let window, let hazard, let reentry, let capacity, let annual else {
            return nil
        }
        guard window[0] <= window[1] else {
            reader.fail(m.value("time_in_care"), join(m.path, "time_in_care"), "min must not exceed max")
            return nil
        }
        return ReunificationProgramme(years: years, eligiblePlans: plans, eligibleAgeBands: ages,
                                      minimumDaysInCare: window[0] * daysPerMonth,
                                      maximumDaysInCare: window[1] * daysPerMonth, hazardMultiplier: hazard,
                                      reentryMultiplier: reentry, capacityPerYear: capacity, annualCost: annual)
    }

    func stepDown(_ m: MappingReader) -> ResidentialStepDown? {
        defer { m.finish() }
        let years = m.years()
        let interval = m.number("review_interval", unit: Unit.months, .range(0.25...24))
        let stable = m.number("stable_for", unit: Unit.months, .range(0...120))
        let capacity = m.integer("capacity", unit: Unit.childrenPerYear, 0...100_000)
        let perMove = m.number("cost_per_move", unit: Unit.pounds, .pounds)
        let annual = m.number("annual_cost", unit: Unit.poundsPerYear, .pounds)
        guard let years, let interval, let stable, let capacity, let perMove, let annual else { return nil }
        return ResidentialStepDown(years: years, reviewIntervalDays: interval * daysPerMonth,
                                   stableDays: stable * daysPerMonth, capacityPerYear: capacity,
                                   costPerMove: perMove, annualCost: annual)
    }

    func blockContract(_ m: MappingReader) -> BlockContract? {
        defer { m.finish() }
        let years = m.years()
        let places = m.integer("places", unit: "places", 0...10_000)
        let discount = m.number("price_discount", unit: Unit.share, .probability)
        guard let years, let places, let discount else { return nil }
        return BlockContract(years: years, places: places, priceDiscount: discount)
    }

    func demand(_ m: MappingReader) -> DemandChange? {
        defer { m.finish() }
        let years = m.years()
        let entries = m.parameter("entry_multiplier", unit: Unit.multiplier).flatMap {
            reader.scheduleTable($0.node, $0.path, labels: AgeBand.labels, .multiplier)
        }
        let uasc = m.schedule("uasc_multiplier", unit: Unit.multiplier, .multiplier, default: 1)
        guard let years, let entries, let uasc else { return nil }
        return DemandChange(years: years, entryMultiplierByAge: entries, uascMultiplier: uasc)
    }

    func income(_ m: MappingReader) -> Income? {
        defer { m.finish() }
        let years = m.years()
        let share = m.schedule("residential_joint_funding_share", unit: Unit.share, .probability, default: 0)
        let annual = m.schedule("annual_income", unit: Unit.poundsPerYear, .range(0...1e9), default: 0)
        guard let years, let share, let annual else { return nil }
        return Income(years: years, residentialJointFundingShare: share, annualIncome: annual)
    }
}
