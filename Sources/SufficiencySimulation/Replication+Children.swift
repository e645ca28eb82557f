import SufficiencyModel

/// Demand: children arriving, leaving, turning 18 and returning (model.md sections 2 and 5).
extension Replication {
    // MARK: Arrivals

    /// The next arrival of a Poisson process whose rate changes at financial-year boundaries (inversion over the
    /// years' pieces, as in `Replication+Hazards`).
    func scheduleNextArrival() {
        var e = stream(.arrivals).unitExponential()
        var t = now
        for y in year..<model.years.count {
            let end = model.yearEnd(y)
            let rate = hazards.arrivalRatePerDay[y]
            if rate * (end - t) >= e {
                queue.schedule(.arrival, at: t + e / rate, subject: 0, horizon: model.horizonDay)
                return
            }
            e -= rate * (end - t)
            t = end
        }
    }

    /// A group of siblings (or one UASC child) enters care and is matched together.
    func arrive() {
        let source = stream(.arrivals).discrete(hazards.arrivalSource[year])
        let attributes = stream(.childAttributes)
        let first = children.count
        if source == AgeBand.count {
            let band = AgeBand(rawValue: attributes.discrete(model.uascAge))!
            let age = Double(band.lowerAge) + attributes.uniform() * Double(band.upperAge - band.lowerAge)
            let need = NeedTier(rawValue: attributes.discrete(model.uascNeed))!
            let plan = CarePlan(rawValue: attributes.discrete(model.uascPlan))!
            addChild(age: age, need: need, plan: plan, uasc: true)
        } else {
            let band = AgeBand(rawValue: source)!
            let size = attributes.discrete(model.groupSize) + 1
            let firstAge = Double(band.lowerAge) + attributes.uniform() * Double(band.upperAge - band.lowerAge)
            let plan = CarePlan(rawValue: attributes.discrete(model.planByAge[band.index]))!
            let spread = scenario.entries.siblingAgeSpreadYears
            for k in 0..<size {
                let age = k == 0 ? firstAge
                    : min(max(firstAge + (2 * attributes.uniform() - 1) * spread, 0), 17.9)
                let need = NeedTier(rawValue: attributes.discrete(model.needByAge[AgeBand.of(age: age).index]))!
                addChild(age: age, need: need, plan: plan, uasc: false)
            }
        }
        for i in first..<children.count {
            scheduleExit(i)
            tally(.entries(children[i].ageBand(at: now)))
        }
        tally(.entries, Double(children.count - first))
        accrue()
        inCare += children.count - first
        matchEntry(first: first, count: children.count - first)
        scheduleNextArrival()
    }

    /// Appends a child entering care now (placement set by matching).
    @discardableResult
    func addChild(age: Double, need: NeedTier, plan: CarePlan, uasc: Bool, entry: Double? = nil) -> Int {
        // From the attributes stream: drawn with the child's other attributes, the same in a scenario and its baseline.
        let assessedResidential = stream(.childAttributes).uniform() < scenario.routes.directResidentialByNeed[need.index]
        let alone = stream(.childAttributes).uniform() < scenario.inHouse.solePlacementByNeed[need.index]
        children.append(ChildState(
            birth: now - age * daysPerYear, entry: entry ?? now, placementStart: now, exitTime: .infinity,
            dailyCostMicro: 0, household: -1, episode: 0, placementVersion: 0, placement: .other, need: need,
            plan: plan, distance: .local, status: .inCare, exitRoute: .age18, uasc: uasc,
            needsResidential: assessedResidential, placementsThisYear: 0, countYear: -1, alone: alone))
        return children.count - 1
    }

    // MARK: Placements

    /// Puts child `i` in a placement from now, updating stocks, cost rates and the stability count, and samples
    /// when the placement will end.
    func place(_ i: Int, in type: PlacementType, household: Int = -1, distance: DistanceBand, isMove: Bool,
               priceFactor: Double = 1) {
        let weekly = weeklyPrice(of: type, for: i) * priceFactor
        let micro = microPerDay(weekly: weekly)
        changeRate(CostItem.of(type), by: micro)
        stock[type.index] += 1
        if distance.isOver20Miles { over20Miles += 1 }
        var c = children[i]
        if household >= 0 {
            households[household].occupied += 1
            if c.alone { households[household].aloneCount += 1 }
            households[household].addOccupant(i)
            refreshVacancy(household)
        }
        let y = Int16(year)
        if c.countYear == y {
            if c.placementsThisYear < UInt8.max { c.placementsThisYear += 1 }
        } else {
            // A move whose previous placement began before this year counts that placement too.
            c.placementsThisYear = isMove ? 2 : 1
            c.countYear = y
        }
        c.placement = type
        c.household = Int32(household)
        c.distance = distance
        c.dailyCostMicro = micro
        // DfE long-term stability: a child placed for adoption counts the placement before it too.
        c.stableSince = type == .placedForAdoption && isMove ? c.placementStart : now
        c.placementStart = now
        c.placementVersion &+= 1
        children[i] = c
        schedulePlacementEnd(i)
    }

    /// Takes child `i` out of their placement (stocks, cost rate, household place).
    func vacate(_ i: Int, keepHouseholdPlace: Bool = false) {
        let c = children[i]
        changeRate(CostItem.of(c.placement), by: -c.dailyCostMicro)
        stock[c.placement.index] -= 1
        if c.distance.isOver20Miles { over20Miles -= 1 }
        children[i].placementVersion &+= 1
        if c.shortfallSince >= 0 {
            countSegment(i, .shortfallPlaceYears, now - c.shortfallSince)
            children[i].shortfallSince = -1
        }
        children[i].previousHousehold = c.household
        if c.inBlock {
            blockOccupied -= 1
            children[i].inBlock = false
        }
        if c.household >= 0 && !keepHouseholdPlace {
            releasePlace(Int(c.household), child: i)
            children[i].household = -1
        }
    }

    /// A breakdown or planned move: the child leaves the placement and is re-matched (a move).
    func endPlacementAndMove(_ i: Int, unplanned: Bool) {
        vacate(i)
        tally(.moves)
        matchMove(i)
    }

    /// The move to adopters some weeks before the adoption order.
    func moveToAdopters(_ i: Int) {
        vacate(i)
        tally(.moves)
        place(i, in: .placedForAdoption, distance: .local, isMove: true)
    }

    // MARK: Exits

    func exitCare(_ i: Int) {
        vacate(i)
        leave(i)
        let route = children[i].exitRoute
        switch route {
        case .reunification:
            tally(.exitsReunification)
            // Breakdown of the return home: a re-entry within 12 months (model.md section 5).
            var p = scenario.exits.reentryProbability
            if children[i].enrolled { p = min(1, p * scenario.interventions.reunification!.reentryMultiplier) }
            let draws = keyed(.exitOutcome, i, Int(children[i].episode))
            if draws.bernoulli(p) {
                let back = now + draws.uniformPositive() * daysPerYear
                queue.schedule(.reentry, at: back, subject: i, version: children[i].episode,
                               horizon: min(model.horizonDay, children[i].birthday(18)))
            }
        case .adoption: tally(.exitsAdoption)
        case .specialGuardianship: tally(.exitsSGO)
        case .other: tally(.exitsOther)
        case .age18: tally(.exitsAge18)
        }
    }

    @inline(__always) func leave(_ i: Int) {
        children[i].status = .left
        children[i].episode &+= 1
        inCare -= 1
    }

    /// The 18th birthday: care ends; a young person in foster care may stay put with the carer until 21.
    func reach18(_ i: Int) {
        let c = children[i]
        tally(.exitsAge18)
        let staysIfFostered = keyed(.exitOutcome, i, Int(c.episode)).uniform() < scenario.exits.stayingPutProbability
        let stays = c.placement.isFoster && staysIfFostered
        vacate(i, keepHouseholdPlace: stays)
        leave(i)
        if stays { startStayingPut(i) }
    }

    /// Staying Put: costed, counted, and (with an in-house carer) still occupying the household's place.
    func startStayingPut(_ i: Int) {
        let micro = microPerDay(weekly: scenario.costs.stayingPutWeekly)
        changeRate(.stayingPut, by: micro)
        children[i].dailyCostMicro = micro
        children[i].status = .stayingPut
        stayingPut += 1
        let hazard = scenario.exits.stayingPutEndHazard / daysPerYear
        let early = hazard > 0 ? now + keyed(.exitOutcome, i, Int(children[i].episode)).exponential(mean: 1 / hazard)
            : .infinity
        let end = min(early, children[i].birthday(21))
        queue.schedule(.stayingPutEnd, at: end, subject: i, version: children[i].episode, horizon: model.horizonDay)
    }

    func endStayingPut(_ i: Int) {
        changeRate(.stayingPut, by: -children[i].dailyCostMicro)
        children[i].status = .left
        children[i].episode &+= 1
        stayingPut -= 1
        if children[i].household >= 0 {
            releasePlace(Int(children[i].household), child: i)
            children[i].household = -1
        }
    }

    /// A reunified child comes back into care: a new episode with a care plan drawn afresh for the age band.
    func reenter(_ i: Int) {
        let band = children[i].ageBand(at: now)
        children[i].status = .inCare
        children[i].episode &+= 1
        children[i].entry = now
        children[i].enrolled = false
        children[i].previousHousehold = -1
        // Keyed to the child, not drawn from the attributes stream, so that re-entries (which policies change) do not
        // shift the attributes of later arrivals between a scenario and its baseline.
        children[i].plan = CarePlan(rawValue: keyed(.reentry, i, Int(children[i].episode)).discrete(model.planByAge[band.index]))!
        accrue()
        inCare += 1
        tally(.entries)
        tally(.entries(band))
        tally(.reentries)
        scheduleExit(i)
        matchEntry(first: i, count: 1)
    }
}
