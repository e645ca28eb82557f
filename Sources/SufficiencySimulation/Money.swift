import SufficiencyModel

/// Costs accrue per child-day (and per household-day) from rates kept by cost item (placement type).
///
/// Rather than walking every child each day, the replication keeps the sum of daily cost rates per item and
/// integrates it between events: cost += rate × elapsed days × the year's inflation index for the item's line.
/// Every rate change and every month end calls `accrue()` first, so each stretch of time is charged at the rate
/// that held during it, in the financial year it fell in.
enum Money {
    @inline(__always) static func accrue(_ w: inout World) {
        let dt = w.now - w.lastAccrual
        guard dt > 0 else { return }
        let index = w.year * CostLine.count
        let row = w.annual + w.year * AnnualMetric.count
        let items = w.year * CostItem.count
        for item in 0..<CostItem.count where w.rateMicro[item] != 0 {
            row[w.model.itemMetric[item]] += Double(w.rateMicro[item]) * 1e-6 * dt * w.model.itemInflation[items + item]
        }
        let levers = w.model.levers
        if levers.retentionCostPerHouseholdDay[w.year] > 0 {
            w.tally(.costProgrammes, Double(w.activeHouseholds) * levers.retentionCostPerHouseholdDay[w.year] * dt)
        }
        if levers.jointFundingShare[w.year] > 0 {
            w.tally(.income, levers.jointFundingShare[w.year] * Double(w.rateMicro[CostItem.residential.rawValue]) * 1e-6 * dt
                * w.model.inflationIndex[index + CostLine.residential.index])
        }
        w.childDays += Double(w.inCare) * dt
        w.lastAccrual = w.now
    }

    /// Changes the daily cost rate of `item` by `deltaMicro` from now on.
    @inline(__always) static func changeRate(_ w: inout World, _ item: CostItem, by deltaMicro: Int64) {
        accrue(&w)
        w.rateMicro[item.rawValue] += deltaMicro
    }

    /// Charges a one-off cost now (for example an approval), at this year's prices.
    static func charge(_ w: inout World, _ item: CostItem, pounds: Double) {
        w.annual[w.year * AnnualMetric.count + item.metric.rawValue] +=
            pounds * w.model.inflationIndex[w.year * CostLine.count + item.line.index]
    }

    /// Micro-pounds per day for a weekly price in pounds.
    @inline(__always) static func microPerDay(weekly: Double) -> Int64 { Int64((weekly / 7 * 1e6).rounded()) }

    /// The weekly price of placing `child` in `type` now, drawing market prices where the market sets them.
    static func weeklyPrice(_ w: inout World, of type: PlacementType, for i: Int) -> Double {
        let child = w.children[i]
        switch type {
        case .ifaFoster:
            return w.scenario.ifa.weeklyPriceByNeed[child.need.index] * w.model.levers.ifaPrice[w.year]
        case .residential:
            return w.keyed(.price, i, Int(child.requests)).lognormal(mean: w.scenario.residential.weeklyPriceMeanByNeed[child.need.index],
                                             cv: w.scenario.residential.priceCV) * w.model.levers.residentialPrice[w.year]
        default:
            return w.scenario.costs.weeklyUnitCost[type.index] * w.scenario.costs.needUplift[child.need.index]
        }
    }
}
