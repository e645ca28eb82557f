import SufficiencyModel

/// Placements starting and ending: stocks, cost rates, household places and the DfE stability count.
enum Placements {

    /// Puts child `i` in a placement from now, updating stocks, cost rates and the stability count, and samples
    /// when the placement will end (unless `samplingEnd` is false: a placement that already exists on the start
    /// date has its end sampled once its true start is known, `InitialPopulation`).
    static func place(_ w: inout World, _ i: Int, in type: PlacementType, household: HouseholdID? = nil, distance: DistanceBand, isMove: Bool,
               priceFactor: Double = 1, samplingEnd: Bool = true) {
        let weekly = Money.weeklyPrice(&w, of: type, for: i) * priceFactor
        let micro = Money.microPerDay(weekly: weekly)
        Money.changeRate(&w, CostItem.of(type), by: micro)
        w.stock[type.index] += 1
        var c = w.children[i]
        #if SUFFICIENCY_CHECKS
        // A move after a breakdown or planned move never goes back to the household just left (model.md section 4).
        if w.checksInvariants && isMove && household != nil && c.previousHousehold == household
            && w.violations.count < 50 {
            w.violations.append("replication \(w.index + 1), day \(w.now): child \(i) moved back to household \(household!)")
        }
        #endif
        if let h = household?.index {
            w.households[h].occupied += 1
            if c.alone { w.households[h].aloneCount += 1 }
            w.households[h].addOccupant(i)
            Carers.refreshVacancy(&w, h)
        }
        let y = Int16(w.year)
        if c.countYear == y {
            if c.placementsThisYear < UInt8.max { c.placementsThisYear += 1 }
        } else {
            // A move whose previous placement began before this year counts that placement too.
            c.placementsThisYear = isMove ? 2 : 1
            c.countYear = y
        }
        c.placement = type
        c.household = household
        c.distance = distance
        c.dailyCostMicro = micro
        // DfE long-term stability: a child placed for adoption counts the placement before it too.
        c.stableSince = type == .placedForAdoption && isMove ? c.placementStart : w.now
        c.placementStart = w.now
        c.placementVersion &+= 1
        w.children[i] = c
        if samplingEnd { Hazards.schedulePlacementEnd(&w, i) }
    }

    /// Takes child `i` out of their placement (stocks, cost rate, household place).
    static func vacate(_ w: inout World, _ i: Int, keepHouseholdPlace: Bool = false) {
        let c = w.children[i]
        Money.changeRate(&w, CostItem.of(c.placement), by: -c.dailyCostMicro)
        w.stock[c.placement.index] -= 1
        w.children[i].placementVersion &+= 1
        if c.shortfallSince >= 0 {
            w.countSegment(i, .shortfallPlaceYears, w.now - c.shortfallSince)
            w.children[i].shortfallSince = -1
        }
        w.children[i].previousHousehold = c.household
        if c.inBlock {
            w.blockOccupied -= 1
            w.children[i].inBlock = false
        }
        if let h = c.household, !keepHouseholdPlace {
            Carers.releasePlace(&w, h.index, child: i)
            w.children[i].household = nil
        }
    }

    /// A breakdown or planned move: the child leaves the placement and is re-matched (a move).
    static func endPlacementAndMove(_ w: inout World, _ i: Int) {
        vacate(&w, i)
        w.tally(.moves)
        Matching.matchMove(&w, i)
    }

    /// The move to adopters some weeks before the adoption order.
    static func moveToAdopters(_ w: inout World, _ i: Int) {
        vacate(&w, i)
        w.tally(.moves)
        place(&w, i, in: .placedForAdoption, distance: .local, isMove: true)
}
}
