import SufficiencyModel

/// Children leaving care, turning 18 (and Staying Put) and returning after reunification (model.md section 5).
enum Exits {

    static func exitCare(_ w: inout World, _ i: Int) {
        Placements.vacate(&w, i)
        leave(&w, i)
        let route = w.children[i].exitRoute
        switch route {
        case .reunification:
            w.tally(.exitsReunification)
            // Breakdown of the return home: a re-entry within 12 months (model.md section 5).
            var p = w.scenario.exits.reentryProbability
            if w.children[i].enrolled { p = min(1, p * w.scenario.interventions.reunification!.reentryMultiplier) }
            let draws = w.keyed(.exitOutcome, child: i, Int(w.children[i].episode))
            if draws.bernoulli(p) {
                let back = w.now + draws.uniformPositive() * daysPerYear
                w.queue.schedule(.reentry, at: back, subject: i, version: w.children[i].episode,
                               horizon: min(w.model.horizonDay, w.children[i].birthday(18)))
            }
        case .adoption: w.tally(.exitsAdoption)
        case .specialGuardianship: w.tally(.exitsSGO)
        case .other: w.tally(.exitsOther)
        case .age18: w.tally(.exitsAge18)
        }
    }

    @inline(__always) static func leave(_ w: inout World, _ i: Int) {
        // DfE counts every placement held during the year, in any period of care: a child who comes back this year
        // has held the placement left now, which, begun before the year, is not yet in this year's count.
        if w.children[i].countYear != Int16(w.year) {
            w.children[i].countYear = Int16(w.year)
            w.children[i].placementsThisYear = 1
        }
        w.children[i].status = .left
        w.children[i].episode &+= 1
        Money.changeInCare(&w, by: -1)
    }

    /// The 18th birthday: care ends; a young person in foster care may stay put with the carer until 21.
    static func reach18(_ w: inout World, _ i: Int) {
        let c = w.children[i]
        w.tally(.exitsAge18)
        let staysIfFostered = w.keyed(.exitOutcome, child: i, Int(c.episode)).uniform() < w.scenario.exits.stayingPutProbability
        let stays = c.placement.isFoster && staysIfFostered
        Placements.vacate(&w, i, keepHouseholdPlace: stays)
        leave(&w, i)
        if stays { startStayingPut(&w, i) }
    }

    /// Staying Put: costed, counted, and (with an in-house carer) still occupying the household's place.
    static func startStayingPut(_ w: inout World, _ i: Int) {
        let micro = Money.microPerDay(weekly: w.scenario.costs.stayingPutWeekly)
        Money.changeRate(&w, .stayingPut, by: micro)
        w.children[i].dailyCostMicro = micro
        w.children[i].status = .stayingPut
        w.stayingPut += 1
        let hazard = w.scenario.exits.stayingPutEndHazard / daysPerYear
        let early = hazard > 0 ? w.now + w.keyed(.exitOutcome, child: i, Int(w.children[i].episode)).exponential(mean: 1 / hazard)
            : .infinity
        let end = min(early, w.children[i].birthday(21))
        w.queue.schedule(.stayingPutEnd, at: end, subject: i, version: w.children[i].episode, horizon: w.model.horizonDay)
    }

    static func endStayingPut(_ w: inout World, _ i: Int) {
        Money.changeRate(&w, .stayingPut, by: -w.children[i].dailyCostMicro)
        w.children[i].status = .left
        w.children[i].episode &+= 1
        w.stayingPut -= 1
        if let h = w.children[i].household {
            Carers.releasePlace(&w, h.index, child: i)
            w.children[i].household = nil
        }
    }

    /// A reunified child comes back into care: a new episode with a care plan drawn afresh for the age band.
    static func reenter(_ w: inout World, _ i: Int) {
        let band = w.children[i].ageBand(at: w.now)
        w.children[i].status = .inCare
        w.children[i].episode &+= 1
        w.children[i].entry = w.now
        w.children[i].enrolled = false
        w.children[i].previousHousehold = nil
        // Keyed to the child, not drawn from the attributes stream, so that re-entries (which policies change) do not
        // shift the attributes of later arrivals between a scenario and its baseline.
        w.children[i].plan = CarePlan(rawValue: w.keyed(.reentry, child: i, Int(w.children[i].episode)).discrete(w.model.planByAge[band.index]))!
        Money.changeInCare(&w, by: 1)
        w.tally(.entries)
        w.tally(.entries(band))
        w.tally(.reentries)
        Hazards.scheduleExit(&w, i)
        Matching.matchEntry(&w, first: i, count: 1)
    }
}
