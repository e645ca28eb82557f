import SufficiencyModel

/// Expensive consistency checks, run by the tests after every event (`MonteCarlo.run(checkInvariants: true)`).
///
/// The engine keeps stocks, household occupancy and cost rates incrementally for speed; these checks recompute
/// each of them from the children and households themselves and report any difference, together with the rules
/// of the model that must always hold (capacity is never exceeded, nobody is in care at 18 or over, and so on).
extension Replication {
    func checkInvariants() -> [String] {
        var problems: [String] = []
        func fail(_ text: String) { problems.append("day \(now): \(text)") }

        var stock = [Int](repeating: 0, count: PlacementType.count)
        var inCare = 0, stayingPut = 0, over20 = 0
        var occupied = [Int](repeating: 0, count: households.count)
        var rate = [Int64](repeating: 0, count: CostItem.count)
        var alone = [Int](repeating: 0, count: households.count)
        for (i, c) in children.enumerated() {
            switch c.status {
            case .inCare:
                inCare += 1
                stock[c.placement.index] += 1
                if c.distance.isOver20Miles { over20 += 1 }
                rate[CostItem.of(c.placement).rawValue] += c.dailyCostMicro
                // Strictly after the birthday: siblings can share a birthday, and the second one's 18th-birthday
                // event runs just after the first one's at the same time.
                if c.birthday(18) < now { fail("child \(i) is in care (\(c.placement.label)) aged \(c.age(at: now))") }
                if c.placement == .inHouseFoster {
                    if c.household < 0 { fail("child \(i) is in in-house foster care with no household") }
                } else if c.household >= 0 {
                    fail("child \(i) in \(c.placement.label) is also counted in household \(c.household)")
                }
                if c.dailyCostMicro < 0 { fail("child \(i) has a negative cost") }
            case .stayingPut:
                stayingPut += 1
                rate[CostItem.stayingPut.rawValue] += c.dailyCostMicro
                if c.birthday(21) < now { fail("young person \(i) is staying put aged \(c.age(at: now))") }
            case .left:
                if c.household >= 0 { fail("child \(i) has left care but still holds a household place") }
            }
            if c.status != .left && c.household >= 0 {
                occupied[Int(c.household)] += 1
                if c.alone { alone[Int(c.household)] += 1 }
            }
            if c.status == .inCare && (c.placement == .ifaFoster || c.placement == .residential) == false
                && c.shortfallSince >= 0 {
                fail("child \(i) in \(c.placement.label) is counted as shortfall")
            }
        }
        if stock != self.stock { fail("stock by placement \(self.stock) differs from the children: \(stock)") }
        if inCare != self.inCare { fail("children in care \(self.inCare) differs from the children: \(inCare)") }
        if inCare != stock.reduce(0, +) { fail("children in care is not the sum of placements") }
        if stayingPut != self.stayingPut { fail("staying put \(self.stayingPut) differs from the children: \(stayingPut)") }
        if over20 != over20Miles { fail("placed over 20 miles \(over20Miles) differs from the children: \(over20)") }

        let fixed = microPerDay(weekly: scenario.costs.householdFixedCostPerYear / daysPerYear * 7)
        var active = 0
        for (h, household) in households.enumerated() {
            if household.residents.count != Int(household.occupied) {
                fail("household \(h) lists \(household.residents.count) residents for \(household.occupied) occupants")
            }
            if Int(household.occupied) != occupied[h] {
                fail("household \(h) counts \(household.occupied) occupants but \(occupied[h]) children live there")
            }
            if Int(household.aloneCount) != alone[h] {
                fail("household \(h) counts \(household.aloneCount) children placed alone but \(alone[h]) live there")
            }
            if household.occupied > household.places {
                fail("household \(h) holds \(household.occupied) children in \(household.places) places")
            }
            if !household.active && household.occupied > 0 { fail("deregistered household \(h) still has children") }
            if household.active {
                active += 1
                rate[CostItem.inHouseFoster.rawValue] += fixed
            }
            let listed = household.vacantSlot >= 0
            if listed != (household.openPlaces > 0) { fail("household \(h) is wrongly in or out of the vacancy list") }
            if listed {
                let entry = vacantByRange[Int(household.rangeIndex)][Int(household.vacantSlot)]
                let fresh = VacancyEntry(household, index: h)
                if entry.household != Int32(h) { fail("vacancy list slot of \(h) is wrong") }
                if entry.roomSingle != fresh.roomSingle || entry.roomGroup != fresh.roomGroup
                    || entry.occupied != fresh.occupied {
                    fail("vacancy list entry of \(h) is out of date")
                }
            }
        }
        if active != activeHouseholds { fail("active households \(activeHouseholds) differs from the households: \(active)") }
        if rate != rateMicro { fail("cost rates \(rateMicro) differ from the placements: \(rate)") }
        if rateMicro.contains(where: { $0 < 0 }) { fail("a cost rate is negative: \(rateMicro)") }
        return problems
    }
}
