import SufficiencyModel

/// Expensive consistency checks, run by the tests after every event (`MonteCarlo.run(checkInvariants: true)`).
///
/// The engine keeps stocks, household occupancy and cost rates incrementally for speed; these checks recompute
/// each of them from the children and households themselves and report any difference, together with the rules
/// of the model that must always hold (capacity is never exceeded, nobody is in care at 18 or over, and so on).
enum Invariants {
    static func check(_ w: borrowing World) -> [String] {
        var problems: [String] = []
        func fail(_ text: String) { problems.append("day \(w.now): \(text)") }

        var stock = [Int](repeating: 0, count: PlacementType.count)
        var inCare = 0, stayingPut = 0
        var occupied = [Int](repeating: 0, count: w.households.count)
        var rate = [Int64](repeating: 0, count: CostItem.count)
        var alone = [Int](repeating: 0, count: w.households.count)
        for (i, c) in w.children.elements.enumerated() {
            switch c.status {
            case .inCare:
                inCare += 1
                stock[c.placement.index] += 1
                rate[CostItem.of(c.placement).rawValue] += c.dailyCostMicro
                // Strictly after the birthday: siblings can share a birthday, and the second one's 18th-birthday
                // event runs just after the first one's at the same time.
                if c.birthday(18) < w.now { fail("child \(i) is in care (\(c.placement.label)) aged \(c.age(at: w.now))") }
                if c.placement == .inHouseFoster {
                    if c.household == nil { fail("child \(i) is in in-house foster care with no household") }
                    // The distance counted at 31 March is the household's own (`Matching.settle`).
                    if let h = c.household, c.distance != w.households[h.index].distance {
                        fail("child \(i) is counted in the \(c.distance.label) distance band with household \(h.index), "
                            + "which is in the \(w.households[h.index].distance.label) band")
                    }
                } else if let h = c.household {
                    fail("child \(i) in \(c.placement.label) is also counted in household \(h)")
                }
                if c.dailyCostMicro < 0 { fail("child \(i) has a negative cost") }
            case .stayingPut:
                stayingPut += 1
                rate[CostItem.stayingPut.rawValue] += c.dailyCostMicro
                if c.birthday(21) < w.now { fail("young person \(i) is staying put aged \(c.age(at: w.now))") }
            case .left:
                if c.household != nil { fail("child \(i) has left care but still holds a household place") }
            }
            if c.status != .left, let h = c.household?.index {
                occupied[h] += 1
                if c.alone { alone[h] += 1 }
            }
            if c.status == .inCare && (c.placement == .ifaFoster || c.placement == .residential) == false
                && c.shortfallSince >= 0 {
                fail("child \(i) in \(c.placement.label) is counted as shortfall")
            }
        }
        if stock != w.stock.elements { fail("stock by placement \(w.stock.elements) differs from the children: \(stock)") }
        if inCare != w.inCare { fail("children in care \(w.inCare) differs from the children: \(inCare)") }
        if inCare != stock.reduce(0, +) { fail("children in care is not the sum of placements") }
        if stayingPut != w.stayingPut { fail("staying put \(w.stayingPut) differs from the children: \(stayingPut)") }

        let fixed = Money.microPerDay(weekly: w.scenario.costs.householdFixedCostPerYear / daysPerYear * 7)
        var active = 0
        for (h, household) in w.households.elements.enumerated() {
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
                let entry = w.vacantByRange[Int(household.rangeIndex)][Int(household.vacantSlot)]
                let fresh = VacancyEntry(household, index: h)
                if entry.household != Int32(h) { fail("vacancy list slot of \(h) is wrong") }
                if entry.roomSingle != fresh.roomSingle || entry.roomGroup != fresh.roomGroup
                    || entry.occupied != fresh.occupied {
                    fail("vacancy list entry of \(h) is out of date")
                }
            }
        }
        if w.households.indices.filter({ w.households[$0].heldBackSlot >= 0 }).count != w.heldBack.count {
            fail("\(w.heldBack.count) households in the held-back list, not as many as say they are")
        }
        for h in w.households.indices {
            let slot = Int(w.households[h].heldBackSlot)
            if (slot >= 0) != w.households[h].holdsBackPlace { fail("household \(h) is wrongly in or out of the held-back list") }
            if slot >= 0 && (slot >= w.heldBack.count || w.heldBack[slot] != Int32(h)) { fail("held-back list slot of \(h) is wrong") }
        }
        var listed = 0
        for r in w.vacantByRange.indices { listed += w.vacantByRange[r].count }
        if listed != w.listedHouseholds { fail("\(w.listedHouseholds) households counted as listed, \(listed) in the lists") }
        if active != w.activeHouseholds { fail("active households \(w.activeHouseholds) differs from the households: \(active)") }
        if rate != w.rateMicro.elements { fail("cost rates \(w.rateMicro.elements) differ from the placements: \(rate)") }
        if w.rateMicro.elements.contains(where: { $0 < 0 }) { fail("a cost rate is negative: \(w.rateMicro.elements)") }
        return problems
    }
}
