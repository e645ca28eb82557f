import SufficiencyModel

/// Placements starting and ending: stocks, cost rates, household places and the DfE stability count.
enum Placements {

    /// Puts child `i` in a placement from now, updating stocks, cost rates and the stability count, and samples
    /// when the placement will end.
    static func place(_ w: inout World, _ i: Int, in type: PlacementType, household: Int = -1, distance: DistanceBand, isMove: Bool,
               priceFactor: Double = 1) {
        let weekly = Money.weeklyPrice(&w, of: type, for: i) * priceFactor
        let micro = Money.microPerDay(weekly: weekly)
        Money.changeRate(&w, CostItem.of(type), by: micro)
        w.stock[type.index] += 1
        if distance.isOver20Miles { w.over20Miles += 1 }
        var c = w.children[i]
        #if SUFFICIENCY_CHECKS
        // A move after a breakdown or planned move never goes back to the household just left (model.md section 4).
        if w.checksInvariants && isMove && household >= 0 && Int(c.previousHousehold) == household
            && w.violations.count < 50 {
            w.violations.append("replication \(w.index + 1), day \(w.now): child \(i) moved back to household \(household)")
        }
        #endif
        if household >= 0 {
            w.households[household].occupied += 1
            if c.alone { w.households[household].aloneCount += 1 }
            w.households[household].addOccupant(i)
            Carers.refreshVacancy(&w, household)
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
        c.household = Int32(household)
        c.distance = distance
        c.dailyCostMicro = micro
        // DfE long-term stability: a child placed for adoption counts the placement before it too.
        c.stableSince = type == .placedForAdoption && isMove ? c.placementStart : w.now
        c.placementStart = w.now
        c.placementVersion &+= 1
        w.children[i] = c
        Hazards.schedulePlacementEnd(&w, i)
    }

    /// Takes child `i` out of their placement (stocks, cost rate, household place).
    static func vacate(_ w: inout World, _ i: Int, keepHouseholdPlace: Bool = false) {
        let c = w.children[i]
        Money.changeRate(&w, CostItem.of(c.placement), by: -c.dailyCostMicro)
        w.stock[c.placement.index] -= 1
        if c.distance.isOver20Miles { w.over20Miles -= 1 }
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
        if c.household >= 0 && !keepHouseholdPlace {
            Carers.releasePlace(&w, Int(c.household), child: i)
            w.children[i].household = -1
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
