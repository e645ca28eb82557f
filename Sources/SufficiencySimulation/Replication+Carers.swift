import SufficiencyModel

/// Supply: in-house foster households, their recruitment, holds and deregistration (model.md section 3).
extension Replication {
    /// The households approved on the start date. They are taken to be past their first year, so they face the
    /// later deregistration hazard.
    func setUpHouseholds() {
        let h = scenario.inHouse
        for _ in 0..<h.households {
            addHousehold(placesFrom: model.inHousePlaces, rangeFrom: model.inHouseRange, ranges: h.approvalRanges,
                         specialismShare: h.specialismShare, distanceFrom: model.inHouseDistance,
                         approvedAt: -daysPerYear, programme: false)
        }
    }

    @discardableResult
    func addHousehold(placesFrom places: DiscreteDistribution, rangeFrom range: DiscreteDistribution,
                      ranges: [ApprovalRange], specialismShare: [Double], distanceFrom distance: DiscreteDistribution,
                      approvedAt: Double, programme: Bool) -> Int {
        // Keyed by the household's serial within its source, so a programme's households do not change the draws
        // of business-as-usual ones.
        let key: Int
        if programme {
            programmeSerial += 1
            key = -Int(programmeSerial)
        } else {
            householdSerial += 1
            key = Int(householdSerial)
        }
        let carers = keyed(.householdAttributes, key, 0)
        let r = ranges[carers.discrete(range)]
        var mask: UInt8 = 0
        for s in Specialism.allCases where carers.bernoulli(specialismShare[s.index]) { mask |= s.bit }
        var household = Household(
            approvedAt: approvedAt, rangeIndex: UInt8(model.approvalRanges.firstIndex(of: r)!), places: UInt8(carers.discrete(places) + 1), occupied: 0,
            youngest: UInt8(r.youngest), oldest: UInt8(r.oldest), specialisms: mask,
            distance: DistanceBand(rawValue: carers.discrete(distance))!,
            onHold: carers.bernoulli(scenario.inHouse.onHoldShare), closing: false, active: true, key: key)
        // Drawn for every household (so the draws stay aligned whatever the share); only 2+ places can hold one back.
        let fewer = carers.bernoulli(scenario.inHouse.fewerChildrenShare)
        household.takesFewer = fewer && household.places >= 2
        households.append(household)
        let index = households.count - 1
        refreshVacancy(index)
        activeHouseholds += 1
        changeRate(.inHouseFoster, by: microPerDay(weekly: scenario.costs.householdFixedCostPerYear / daysPerYear * 7))
        scheduleDeregistration(index)
        scheduleHoldToggle(index)
        return index
    }

    /// Deregistration: an annual hazard that is higher in the household's first year after approval, times the
    /// retention multiplier of each financial year; sampled by inversion over the pieces these boundaries make.
    func scheduleDeregistration(_ index: Int) {
        let firstYearEnd = households[index].approvedAt + daysPerYear
        var e = keyed(.deregistration, households[index].key, 0).unitExponential()
        var t = now
        var y = year
        while y < model.years.count {
            let inFirstYear = t < firstYearEnd
            let end = min(model.yearEnd(y), inFirstYear ? firstYearEnd : .infinity)
            let rate = (inFirstYear ? model.deregistrationFirstYearPerDay : model.deregistrationPerDay)
                * model.levers.deregistrationMultiplier[y]
            if rate * (end - t) >= e {
                queue.schedule(.deregistration, at: t + e / rate, subject: index, horizon: model.horizonDay)
                return
            }
            e -= rate * (end - t)
            t = end
            if end == model.yearEnd(y) { y += 1 }
        }
    }

    /// Draws when the household's hold state next changes, from `from` (keyed by its count of changes).
    func scheduleHoldToggle(_ index: Int, from: Double? = nil) {
        let rate = households[index].onHold ? model.holdEndPerDay : model.holdStartPerDay
        guard rate > 0 else {
            households[index].nextToggle = .infinity
            return
        }
        households[index].toggles += 1
        let draw = keyed(.hold, households[index].key, Int(households[index].toggles))
        households[index].nextToggle = (from ?? now) + draw.exponential(mean: 1 / rate)
    }

    /// Brings the household's hold state up to now.
    ///
    /// Holds are a two-state Markov chain that nothing else affects, so instead of an event at every change (a
    /// fifth of all events) the chain is run forward only when someone looks: matching and the year-end count.
    /// The changes happen at exactly the times, drawn from exactly the keyed numbers, that events would have used.
    @inline(__always) func advanceHold(_ index: Int) {
        while households[index].nextToggle <= now {
            let at = households[index].nextToggle
            households[index].onHold.toggle()
            scheduleHoldToggle(index, from: at)
        }
    }

    /// The household stops fostering: it is deregistered now, and each child placed there is re-matched (a move).
    /// A young person staying put stays on with the former carer, but no longer in a fostering place.
    func decideToDeregister(_ index: Int) {
        households[index].closing = true
        refreshVacancy(index)
        for i in households[index].residents {
            switch children[i].status {
            case .inCare: endPlacementAndMove(i, unplanned: false)
            case .stayingPut:
                releasePlace(index, child: i)
                children[i].household = -1
            case .left: break
            }
        }
        if households[index].active { deregister(index) }
    }

    func deregister(_ index: Int) {
        guard households[index].active else { return }
        households[index].active = false
        activeHouseholds -= 1
        tally(.deregistrations)
        changeRate(.inHouseFoster, by: -microPerDay(weekly: scenario.costs.householdFixedCostPerYear / daysPerYear * 7))
    }

    /// A child or young person leaves a household's place.
    func releasePlace(_ index: Int, child: Int) {
        households[index].occupied -= 1
        if children[child].alone && households[index].aloneCount > 0 { households[index].aloneCount -= 1 }
        households[index].removeOccupant(child)
        refreshVacancy(index)
        if households[index].closing && households[index].occupied == 0 { deregister(index) }
    }

    /// Puts household `index` in or out of the vacancy list of its approval range to match its state (swap-remove:
    /// O(1), and deterministic because it depends only on the order of events).
    func refreshVacancy(_ index: Int) {
        let slot = Int(households[index].vacantSlot)
        let r = Int(households[index].rangeIndex)
        let vacant = households[index].openPlaces > 0
        if vacant {
            let entry = VacancyEntry(households[index], index: index)
            if slot < 0 {
                households[index].vacantSlot = Int32(vacantByRange[r].count)
                vacantByRange[r].append(entry)
            } else {
                vacantByRange[r][slot] = entry
            }
        } else if slot >= 0 {
            let last = vacantByRange[r].removeLast()
            if Int(last.household) != index {
                vacantByRange[r][slot] = last
                households[Int(last.household)].vacantSlot = Int32(slot)
            }
            households[index].vacantSlot = -1
        }
    }

    /// Schedules the approvals that land from the enquiries of financial year `y` (−1: the pipeline before the
    /// start). The year's yield is the target times a gamma factor with mean 1 (a target is an expectation, not a
    /// guarantee); each conversion takes a gamma-distributed time from enquiry to approval.
    func scheduleRecruitment(forYear y: Int) {
        let r = scenario.recruitment
        let approvals = model.levers.approvals[max(y, 0)]
        guard approvals > 0 else { return }
        let from = y < 0 ? -daysPerYear : model.yearStarts[y]
        let to = y < 0 ? 0 : (y + 1 < model.yearStarts.count ? model.yearStarts[y + 1] : model.horizonDay)
        let carers = keyed(.recruitment, y + 1, 0)
        let factor = r.yieldCV > 0 ? carers.gamma(mean: 1, shape: 1 / (r.yieldCV * r.yieldCV)) : 1
        let n = carers.poisson(mean: approvals * factor * (y < 0 ? 1 : model.yearFraction(y)))
        for _ in 0..<n {
            let enquiry = from + carers.uniform() * (to - from)
            var wait: Double
            if let f = r.funnel {
                // Enquiry to application, then application to approval.
                wait = carers.gamma(mean: f.monthsToApplicationMean * daysPerMonth, shape: f.monthsToApplicationShape)
                    + carers.gamma(mean: f.monthsToApprovalMean * daysPerMonth, shape: f.monthsToApprovalShape)
            } else {
                wait = carers.gamma(mean: r.monthsToApprovalMean * daysPerMonth, shape: r.monthsToApprovalShape)
            }
            let approval = enquiry + wait
            if approval >= now { queue.schedule(.approval, at: approval, subject: 0, horizon: model.horizonDay) }
        }
    }

    func approveHousehold() {
        let r = scenario.recruitment
        addHousehold(placesFrom: model.recruitPlaces, rangeFrom: model.recruitRange, ranges: r.approvalRanges,
                     specialismShare: r.specialismShare, distanceFrom: model.recruitDistance, approvedAt: now,
                     programme: false)
        tally(.approvals)
        charge(.inHouseFoster, pounds: r.costPerApproval)
    }
}
