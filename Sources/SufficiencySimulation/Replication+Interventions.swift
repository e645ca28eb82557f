import SufficiencyModel

/// The commissioning levers in the engine (model.md section 9). Each reads its year-by-year values from
/// `model.levers`, so a lever out of force costs nothing and draws no random numbers.
extension Replication {
    /// What happens as a financial year begins: the year's recruitment, programme fixed costs and income.
    func startYear() {
        enrolledThisYear = 0
        stepDownsThisYear = 0
        scheduleRecruitment(forYear: year)
        let levers = model.levers
        if levers.recruitmentActive[year] { scheduleProgrammeRecruitment() }
        tally(.costRecruitment, levers.recruitmentFixedCost[year])
        tally(.costProgrammes, levers.programmeFixedCost[year])
        tally(.income, levers.annualIncome[year])
    }

    // MARK: Recruitment programme

    /// The programme's approvals that land from this year's enquiries, as for business-as-usual recruitment
    /// but with the programme's target, yield, time to approval and household profile.
    func scheduleProgrammeRecruitment() {
        guard let p = scenario.interventions.recruitment else { return }
        let target = model.levers.recruitmentTarget[year]
        guard target > 0 else { return }
        let from = model.yearStarts[year], to = model.yearEnd(year)
        let carers = keyed(.programmeRecruitment, year, 0)
        let factor = p.yieldCV > 0 ? carers.gamma(mean: 1, shape: 1 / (p.yieldCV * p.yieldCV)) : 1
        let n = carers.poisson(mean: target * factor * model.yearFraction(year))
        for _ in 0..<n {
            let enquiry = from + carers.uniform() * (to - from)
            let wait = carers.gamma(mean: p.monthsToApprovalMean * daysPerMonth, shape: p.monthsToApprovalShape)
            queue.schedule(.programmeApproval, at: enquiry + wait, subject: 0, horizon: model.horizonDay)
        }
    }

    func approveProgrammeHousehold() {
        guard let p = scenario.interventions.recruitment else { return }
        addHousehold(placesFrom: model.programmePlaces!, rangeFrom: model.programmeRange!, ranges: p.approvalRanges,
                     specialismShare: p.specialismShare, distanceFrom: model.programmeDistance!, approvedAt: now,
                     programme: true)
        tally(.approvals)
        tally(.programmeApprovals)
        tally(.costRecruitment, p.costPerApproval)
    }

    // MARK: Reunification programme

    /// Enrols eligible children in care, oldest records first, until this year's capacity is used: from then on
    /// their reunification hazard is multiplied (their exit is sampled again from now).
    func enrolForReunification() {
        guard let p = scenario.interventions.reunification else { return }
        for i in children.indices where enrolledThisYear < p.capacityPerYear {
            let c = children[i]
            guard c.status == .inCare, !c.enrolled, p.eligiblePlans.contains(c.plan),
                  p.eligibleAgeBands.contains(c.ageBand(at: now)) else { continue }
            let days = now - c.entry
            guard days >= p.minimumDaysInCare && days <= p.maximumDaysInCare else { continue }
            children[i].enrolled = true
            children[i].episode &+= 1
            enrolledThisYear += 1
            tally(.reunificationEnrolments)
            scheduleExit(i)
            // The placement's end was sampled only up to the old exit time: sample it again up to the new one.
            children[i].placementVersion &+= 1
            schedulePlacementEnd(i)
        }
    }

    // MARK: Residential step-down

    func scheduleFirstStepDownReview() {
        guard let p = scenario.interventions.stepDown else { return }
        let start = Double(p.years.start.firstDay.dayNumber - scenario.startDate.dayNumber)
        queue.schedule(.stepDownReview, at: max(start, 0) + p.reviewIntervalDays, subject: 0, horizon: model.horizonDay)
    }

    /// Moves children who have been stable in residential care for long enough to an in-house household with a
    /// `complex_needs` specialism that fits them, while this year's capacity lasts.
    func reviewStepDown() {
        guard let p = scenario.interventions.stepDown else { return }
        queue.schedule(.stepDownReview, at: now + p.reviewIntervalDays, subject: 0, horizon: model.horizonDay)
        guard model.levers.stepDownActive[year] else { return }
        for i in children.indices where stepDownsThisYear < p.capacityPerYear {
            let c = children[i]
            guard c.status == .inCare, c.placement == .residential, now - c.placementStart >= p.stableDays,
                  c.age(at: now) < 17 else { continue }
            let (household, _) = findHousehold(for: SiblingGroup(i), requiring: .complexNeeds)
            guard let household else { continue }
            children[i].requests += 1
            vacate(i)
            tally(.moves)
            children[i].needsResidential = false
            place(i, in: .inHouseFoster, household: household, distance: households[household].distance, isMove: true)
            stepDownsThisYear += 1
            tally(.stepDowns)
            tally(.costProgrammes, p.costPerMove)
        }
    }
}
