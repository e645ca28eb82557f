import SufficiencyModel

/// Costs accrue per child-day (and per household-day) from rates kept by cost item (placement type).
///
/// Rather than walking every child each day, the world keeps each item's daily cost rate and the day up to which
/// that item has been charged, and integrates lazily: when an item's rate changes, only that item is charged for
/// the stretch since (rate × days × the year's inflation index for its line), so a change costs O(1) whatever the
/// number of items. Everything is charged up to the month end at every month end (`accrue`), so each stretch is
/// charged at the rate that held during it, in the financial year it fell in. Costs that ride on a rate (joint
/// funding on residential care, the retention payment per household) are charged with it; child-days likewise
/// with the number in care.
enum Money {
    /// Charges every item, and the child-days, up to now (month ends, and before the year changes).
    static func accrue(_ w: inout World) {
        for item in CostItem.allCases { accrue(&w, item) }
        accrueChildDays(&w)
    }

    /// Charges `item` from the day it was last charged up to now.
    @inline(__always) static func accrue(_ w: inout World, _ item: CostItem) {
        let k = item.rawValue
        let dt = w.now - w.rateSince[k]
        guard dt > 0 else { return }
        w.rateSince[k] = w.now
        let rate = w.rateMicro[k]
        if rate != 0 {
            w.annual[w.year * AnnualMetric.count + w.model.itemMetric[k]] +=
                Double(rate) * 1e-6 * dt * w.model.itemInflation[w.year * CostItem.count + k]
        }
        switch item {
        case .residential where w.yearLevers.jointFundingShare > 0:
            w.tally(.income, w.yearLevers.jointFundingShare * Double(rate) * 1e-6 * dt * w.yearLevers.residentialInflation)
        case .inHouseFoster where w.yearLevers.retentionCostPerHouseholdDay > 0:
            w.tally(.costProgrammes, Double(w.activeHouseholds) * w.yearLevers.retentionCostPerHouseholdDay * dt)
        default: break
        }
    }

    /// Adds the child-days since they were last counted (call before the number in care changes).
    @inline(__always) static func accrueChildDays(_ w: inout World) {
        w.childDays += Double(w.inCare) * (w.now - w.childDaysSince)
        w.childDaysSince = w.now
    }

    /// Changes the daily cost rate of `item` by `deltaMicro` from now on.
    @inline(__always) static func changeRate(_ w: inout World, _ item: CostItem, by deltaMicro: Int64) {
        accrue(&w, item)
        w.rateMicro[item.rawValue] += deltaMicro
    }

    /// A household approved (+1) or deregistered (−1): its fixed cost and any retention payment from now on.
    static func changeHouseholds(_ w: inout World, by delta: Int) {
        accrue(&w, .inHouseFoster)
        w.activeHouseholds += delta
        w.rateMicro[CostItem.inHouseFoster.rawValue] += Int64(delta)
            * microPerDay(weekly: w.scenario.costs.householdFixedCostPerYear / daysPerYear * 7)
    }

    /// Children entering (+) or leaving (−) care: the child-days so far are counted first.
    @inline(__always) static func changeInCare(_ w: inout World, by delta: Int) {
        accrueChildDays(&w)
        w.inCare += delta
    }

    /// Charges a one-off cost now (for example an approval), at this year's prices.
    static func charge(_ w: inout World, _ item: CostItem, pounds: Double) {
        w.annual[w.year * AnnualMetric.count + item.metric.rawValue] +=
            pounds * w.model.inflationIndex[w.year * CostLine.count + item.line.index]
    }

    /// Micro-pounds per day for a weekly price in pounds.
    @inline(__always) static func microPerDay(weekly: Double) -> Int64 { roundedToInteger(weekly / 7 * 1e6) }

    /// The weekly price of placing `child` in `type` now, drawing market prices where the market sets them.
    static func weeklyPrice(_ w: inout World, of type: PlacementType, for i: Int) -> Double {
        let child = w.children[i]
        switch type {
        case .ifaFoster:
            return w.scenario.ifa.weeklyPriceByNeed[child.need.index] * w.model.levers.ifaPrice[w.year]
        case .residential:
            return w.keyed(.price, child: i, Int(child.requests)).lognormal(mean: w.scenario.residential.weeklyPriceMeanByNeed[child.need.index],
                                             cv: w.scenario.residential.priceCV) * w.model.levers.residentialPrice[w.year]
        default:
            return w.scenario.costs.weeklyUnitCost[type.index] * w.scenario.costs.needUplift[child.need.index]
        }
    }
}
