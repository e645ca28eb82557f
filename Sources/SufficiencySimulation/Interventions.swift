import SufficiencyModel

/// The commissioning levers in the engine (model.md section 9). Each reads its year-by-year values from
/// `model.levers`, so a lever out of force costs nothing and draws no random numbers.
enum Interventions {
    /// What happens as a financial year begins: the year's recruitment, programme fixed costs and income.
    static func startYear(_ w: inout World) {
        w.yearLevers = YearLevers(w.model, year: w.year)
        w.enrolledThisYear = 0
        w.stepDownsThisYear = 0
        Carers.scheduleRecruitment(&w, forYear: w.year)
        let levers = w.model.levers
        if levers.recruitmentActive[w.year] { scheduleProgrammeRecruitment(&w) }
        w.tally(.costRecruitment, levers.recruitmentFixedCost[w.year])
        w.tally(.costProgrammes, levers.programmeFixedCost[w.year])
        if levers.annualIncome[w.year] > 0 && incomeArrives(&w) { w.tally(.income, levers.annualIncome[w.year]) }
    }

    /// Whether this year's other income arrives: certain at probability 1 (no random number drawn), else one keyed
    /// draw per replication and year, so the same year of the same replication agrees across scenarios.
    static func incomeArrives(_ w: inout World) -> Bool {
        let p = w.model.levers.incomeProbability[w.year]
        return p >= 1 || w.keyed(.income, w.year, 0).uniform() < p
    }

    // MARK: Recruitment programme

    /// The programme's approvals that land from this year's enquiries, as for business-as-usual recruitment
    /// but with the programme's target, yield, time to approval and household profile.
    static func scheduleProgrammeRecruitment(_ w: inout World) {
        guard let p = w.scenario.interventions.recruitment else { return }
        let target = w.model.levers.recruitmentTarget[w.year]
        guard target > 0 else { return }
        let from = w.model.yearStarts[w.year], to = w.model.yearEnd(w.year)
        let carers = w.keyed(.programmeRecruitment, w.year, 0)
        let factor = p.yieldCV > 0 ? carers.gamma(mean: 1, shape: 1 / (p.yieldCV * p.yieldCV)) : 1
        let n = carers.poisson(mean: target * factor * w.model.yearFraction(w.year))
        for _ in 0..<n {
            let enquiry = from + carers.uniform() * (to - from)
            let wait = carers.gamma(mean: p.monthsToApprovalMean * daysPerMonth, shape: p.monthsToApprovalShape)
            w.queue.schedule(.programmeApproval, at: enquiry + wait, subject: 0, horizon: w.model.horizonDay)
        }
    }

    static func approveProgrammeHousehold(_ w: inout World) {
        guard let p = w.scenario.interventions.recruitment else { return }
        Carers.addHousehold(&w, placesFrom: w.model.programmePlaces!, rangeFrom: w.model.programmeRange!, ranges: p.approvalRanges,
                     specialismShare: p.specialismShare, distanceFrom: w.model.programmeDistance!, approvedAt: w.now,
                     programme: true)
        w.tally(.approvals)
        w.tally(.programmeApprovals)
        w.tally(.costRecruitment, p.costPerApproval * w.model.levers.programmeInflation[w.year])
    }

    // MARK: Reunification programme

    /// Enrols eligible children in care, oldest records first, until this year's capacity is used: from then on
    /// their reunification hazard is multiplied (their exit is sampled again from now).
    static func enrolForReunification(_ w: inout World) {
        guard let p = w.scenario.interventions.reunification else { return }
        for i in w.children.indices where w.enrolledThisYear < p.capacityPerYear {
            let c = w.children[i]
            guard c.status == .inCare, !c.enrolled, p.eligiblePlans.contains(c.plan),
                  p.eligibleAgeBands.contains(c.ageBand(at: w.now)) else { continue }
            let days = w.now - c.entry
            guard days >= p.minimumDaysInCare && days <= p.maximumDaysInCare else { continue }
            w.children[i].enrolled = true
            w.children[i].episode &+= 1
            w.enrolledThisYear += 1
            w.tally(.reunificationEnrolments)
            Hazards.scheduleExit(&w, i)
            // The placement's end was sampled only up to the old exit time: sample it again up to the new one.
            w.children[i].placementVersion &+= 1
            Hazards.schedulePlacementEnd(&w, i)
        }
    }

    // MARK: Residential step-down

    static func scheduleFirstStepDownReview(_ w: inout World) {
        guard let p = w.scenario.interventions.stepDown else { return }
        let start = Double(p.years.start.firstDay.dayNumber - w.scenario.startDate.dayNumber)
        w.queue.schedule(.stepDownReview, at: max(start, 0) + p.reviewIntervalDays, subject: 0, horizon: w.model.horizonDay)
    }

    /// Moves children who have been stable in residential care for long enough to an in-house household with a
    /// `complex_needs` specialism that fits them, while this year's capacity lasts.
    static func reviewStepDown(_ w: inout World) {
        guard let p = w.scenario.interventions.stepDown else { return }
        w.queue.schedule(.stepDownReview, at: w.now + p.reviewIntervalDays, subject: 0, horizon: w.model.horizonDay)
        guard w.model.levers.stepDownActive[w.year] else { return }
        for i in w.children.indices where w.stepDownsThisYear < p.capacityPerYear {
            let c = w.children[i]
            guard c.status == .inCare, c.placement == .residential, w.now - c.placementStart >= p.stableDays,
                  c.age(at: w.now) < 17 else { continue }
            let (household, _) = Matching.findHousehold(&w, for: SiblingGroup(i), requiring: .complexNeeds)
            guard let household else { continue }
            w.children[i].requests += 1
            Placements.vacate(&w, i)
            w.tally(.moves)
            w.children[i].needsResidential = false
            Placements.place(&w, i, in: .inHouseFoster, household: HouseholdID(household), distance: w.households[household].distance, isMove: true)
            w.stepDownsThisYear += 1
            w.tally(.stepDowns)
            w.tally(.costProgrammes, p.costPerMove * w.model.levers.programmeInflation[w.year])
        }
    }
}
