import SufficiencyModel

/// Supply: in-house foster households, their recruitment, holds and deregistration (model.md section 3).
enum Carers {
    /// The households approved on the start date. They are taken to be past their first year, so they face the
    /// later deregistration hazard.
    static func setUpHouseholds(_ w: inout World) {
        let h = w.scenario.inHouse
        for _ in 0..<h.households {
            addHousehold(&w, placesFrom: w.model.inHousePlaces, rangeFrom: w.model.inHouseRange, ranges: h.approvalRanges,
                         specialismShare: h.specialismShare, distanceFrom: w.model.inHouseDistance,
                         approvedAt: -daysPerYear, programme: false)
        }
    }

    @discardableResult
    static func addHousehold(_ w: inout World, placesFrom places: DiscreteDistribution, rangeFrom range: DiscreteDistribution,
                      ranges: [ApprovalRange], specialismShare: [Double], distanceFrom distance: DiscreteDistribution,
                      approvedAt: Double, programme: Bool) -> Int {
        // Keyed by the household's serial within its source, so a programme's households do not change the draws
        // of business-as-usual ones.
        let key: Int
        if programme {
            w.programmeSerial += 1
            key = -Int(w.programmeSerial)
        } else {
            w.householdSerial += 1
            key = Int(w.householdSerial)
        }
        let carers = w.keyed(.householdAttributes, key, 0)
        let r = ranges[carers.discrete(range)]
        var mask: UInt8 = 0
        for s in Specialism.allCases where carers.bernoulli(specialismShare[s.index]) { mask |= s.bit }
        var household = Household(
            approvedAt: approvedAt, rangeIndex: UInt8(w.model.approvalRanges.firstIndex(of: r)!), places: UInt8(carers.discrete(places) + 1), occupied: 0,
            youngest: UInt8(r.youngest), oldest: UInt8(r.oldest), specialisms: mask,
            distance: DistanceBand(rawValue: carers.discrete(distance))!,
            onHold: carers.bernoulli(w.scenario.inHouse.onHoldShare), closing: false, active: true, key: key)
        // Drawn for every household (so the draws stay aligned whatever the share); only 2+ places can hold one back.
        let fewer = carers.bernoulli(w.scenario.inHouse.fewerChildrenShare)
        household.takesFewer = fewer && household.places >= 2
        w.households.append(household)
        let index = w.households.count - 1
        refreshVacancy(&w, index)
        Money.changeHouseholds(&w, by: 1)
        scheduleDeregistration(&w, index)
        scheduleHoldToggle(&w, index)
        return index
    }

    /// Deregistration: an annual hazard that is higher in the household's first year after approval, times the
    /// retention multiplier of each financial year; sampled by inversion over the pieces these boundaries make.
    static func scheduleDeregistration(_ w: inout World, _ index: Int) {
        let firstYearEnd = w.households[index].approvedAt + daysPerYear
        var e = w.keyed(.deregistration, w.households[index].key, 0).unitExponential()
        var t = w.now
        var y = w.year
        while y < w.model.years.count {
            let inFirstYear = t < firstYearEnd
            let end = min(w.model.yearEnd(y), inFirstYear ? firstYearEnd : .infinity)
            let rate = (inFirstYear ? w.model.deregistrationFirstYearPerDay : w.model.deregistrationPerDay)
                * w.model.levers.deregistrationMultiplier[y]
            if rate * (end - t) >= e {
                w.queue.schedule(.deregistration, at: t + e / rate, subject: index, horizon: w.model.horizonDay)
                return
            }
            e -= rate * (end - t)
            t = end
            if end == w.model.yearEnd(y) { y += 1 }
        }
    }

    /// Draws when the household's hold state next changes, from `from` (keyed by its count of changes).
    static func scheduleHoldToggle(_ w: inout World, _ index: Int, from: Double? = nil) {
        let rate = w.households[index].onHold ? w.model.holdEndPerDay : w.model.holdStartPerDay
        guard rate > 0 else {
            w.households[index].nextToggle = .infinity
            return
        }
        w.households[index].toggles += 1
        let draw = w.keyed(.hold, w.households[index].key, Int(w.households[index].toggles))
        w.households[index].nextToggle = (from ?? w.now) + draw.exponential(mean: 1 / rate)
    }

    /// Brings the household's hold state up to now.
    ///
    /// Holds are a two-state Markov chain that nothing else affects, so instead of an event at every change (a
    /// fifth of all events) the chain is run forward only when someone looks: matching and the year-end count.
    /// The changes happen at exactly the times, drawn from exactly the keyed numbers, that events would have used.
    @inline(__always) static func advanceHold(_ w: inout World, _ index: Int) {
        while w.households[index].nextToggle <= w.now {
            let at = w.households[index].nextToggle
            w.households[index].onHold.toggle()
            scheduleHoldToggle(&w, index, from: at)
        }
    }

    /// The household stops fostering: it is deregistered now, and each child placed there is re-matched (a move).
    /// A young person staying put stays on with the former carer, but no longer in a fostering place.
    static func decideToDeregister(_ w: inout World, _ index: Int) {
        w.households[index].closing = true
        refreshVacancy(&w, index)
        let living = w.households[index].occupants   // as they are now: the loop moves them out
        for k in 0..<4 {
            let i = Int(k == 0 ? living.0 : k == 1 ? living.1 : k == 2 ? living.2 : living.3)
            guard i >= 0 else { continue }
            switch w.children[i].status {
            case .inCare: Placements.endPlacementAndMove(&w, i)
            case .stayingPut:
                releasePlace(&w, index, child: i)
                w.children[i].household = nil
            case .left: break
            }
        }
        if w.households[index].active { deregister(&w, index) }
    }

    static func deregister(_ w: inout World, _ index: Int) {
        guard w.households[index].active else { return }
        w.households[index].active = false
        w.tally(.deregistrations)
        Money.changeHouseholds(&w, by: -1)
    }

    /// A child or young person leaves a household's place.
    static func releasePlace(_ w: inout World, _ index: Int, child: Int) {
        w.households[index].occupied -= 1
        if w.children[child].alone && w.households[index].aloneCount > 0 { w.households[index].aloneCount -= 1 }
        w.households[index].removeOccupant(child)
        refreshVacancy(&w, index)
        if w.households[index].closing && w.households[index].occupied == 0 { deregister(&w, index) }
    }

    /// Puts household `index` in or out of the vacancy list of its approval range to match its state (swap-remove:
    /// O(1), and deterministic because it depends only on the order of events).
    static func refreshVacancy(_ w: inout World, _ index: Int) {
        let slot = Int(w.households[index].vacantSlot)
        let r = Int(w.households[index].rangeIndex)
        let vacant = w.households[index].openPlaces > 0
        if vacant {
            let entry = VacancyEntry(w.households[index], index: index)
            if slot < 0 {
                w.households[index].vacantSlot = Int32(w.vacantByRange[r].count)
                w.vacantByRange[r].append(entry)
                w.listedHouseholds += 1
            } else {
                w.vacantByRange[r][slot] = entry
            }
        } else if slot >= 0 {
            if let moved = w.vacantByRange[r].swapRemove(at: slot) { w.households[Int(moved.household)].vacantSlot = Int32(slot) }
            w.households[index].vacantSlot = -1
            w.listedHouseholds -= 1
        }
        let held = Int(w.households[index].heldBackSlot)
        // Unlisted, so `openPlaces` is 0: `holdsBackPlace` without working it out again.
        if !vacant && w.households[index].hasPlaceToHoldBack {
            if held < 0 {
                w.households[index].heldBackSlot = Int32(w.heldBack.count)
                w.heldBack.append(Int32(index))
            }
        } else if held >= 0 {
            if let moved = w.heldBack.swapRemove(at: held) { w.households[Int(moved)].heldBackSlot = Int32(held) }
            w.households[index].heldBackSlot = -1
        }
    }

    /// Whether some household holds back a free place that counts as vacant and available now (`World.heldBack`,
    /// less those on hold): when no listed household is available, a request then fell through because no place fit
    /// it (`no_match`), since the service still reports vacancies, rather than for want of one (`no_vacancy`).
    ///
    /// - Complexity: O(1) without holds; with holds, O(k) for the k households holding a place back, each caught
    ///   up with its hold (`advanceHold`, which draws nothing that depends on when it is called).
    static func holdsBackAvailablePlace(_ w: inout World) -> Bool {
        guard w.model.holdStartPerDay > 0 else { return w.heldBack.count > 0 }
        for k in 0..<w.heldBack.count {
            let h = Int(w.heldBack[k])
            advanceHold(&w, h)
            if !w.households[h].onHold { return true }
        }
        return false
    }

    /// Schedules the approvals that land from the enquiries of financial year `y` (−1: the pipeline before the
    /// start). The year's yield is the target times a gamma factor with mean 1 (a target is an expectation, not a
    /// guarantee); each conversion takes a gamma-distributed time from enquiry to approval.
    static func scheduleRecruitment(_ w: inout World, forYear y: Int) {
        let r = w.scenario.recruitment
        let approvals = w.model.levers.approvals[max(y, 0)]
        guard approvals > 0 else { return }
        let from = y < 0 ? -daysPerYear : w.model.yearStarts[y]
        let to = y < 0 ? 0 : (y + 1 < w.model.yearStarts.count ? w.model.yearStarts[y + 1] : w.model.horizonDay)
        let carers = w.keyed(.recruitment, y + 1, 0)
        let factor = r.yieldCV > 0 ? carers.gamma(mean: 1, shape: 1 / (r.yieldCV * r.yieldCV)) : 1
        let n = carers.poisson(mean: approvals * factor * (y < 0 ? 1 : w.model.yearFraction(y)))
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
            if approval >= w.now { w.queue.schedule(.approval, at: approval, subject: 0, horizon: w.model.horizonDay) }
        }
    }

    static func approveHousehold(_ w: inout World) {
        let r = w.scenario.recruitment
        addHousehold(&w, placesFrom: w.model.recruitPlaces, rangeFrom: w.model.recruitRange, ranges: r.approvalRanges,
                     specialismShare: r.specialismShare, distanceFrom: w.model.recruitDistance, approvedAt: w.now,
                     programme: false)
        w.tally(.approvals)
        Money.charge(&w, .inHouseFoster, pounds: r.costPerApproval)
    }
}
