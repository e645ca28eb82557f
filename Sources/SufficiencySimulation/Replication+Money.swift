import SufficiencyModel

/// Costs accrue per child-day (and per household-day) from rates kept by cost item (placement type).
///
/// Rather than walking every child each day, the replication keeps the sum of daily cost rates per item and
/// integrates it between events: cost += rate × elapsed days × the year's inflation index for the item's line.
/// Every rate change and every month end calls `accrue()` first, so each stretch of time is charged at the rate
/// that held during it, in the financial year it fell in.
extension Replication {
    @inline(__always) func accrue() {
        let dt = now - lastAccrual
        guard dt > 0 else { return }
        let index = year * CostLine.count
        let row = annual + year * AnnualMetric.count
        let items = year * CostItem.count
        for item in 0..<CostItem.count where rateMicro[item] != 0 {
            row[model.itemMetric[item]] += Double(rateMicro[item]) * 1e-6 * dt * model.itemInflation[items + item]
        }
        let levers = model.levers
        if levers.retentionCostPerHouseholdDay[year] > 0 {
            tally(.costProgrammes, Double(activeHouseholds) * levers.retentionCostPerHouseholdDay[year] * dt)
        }
        if levers.jointFundingShare[year] > 0 {
            tally(.income, levers.jointFundingShare[year] * Double(rateMicro[CostItem.residential.rawValue]) * 1e-6 * dt
                * model.inflationIndex[index + CostLine.residential.index])
        }
        childDays += Double(inCare) * dt
        lastAccrual = now
    }

    /// Changes the daily cost rate of `item` by `deltaMicro` from now on.
    @inline(__always) func changeRate(_ item: CostItem, by deltaMicro: Int64) {
        accrue()
        rateMicro[item.rawValue] += deltaMicro
    }

    /// Charges a one-off cost now (for example an approval), at this year's prices.
    func charge(_ item: CostItem, pounds: Double) {
        annual[year * AnnualMetric.count + item.metric.rawValue] +=
            pounds * model.inflationIndex[year * CostLine.count + item.line.index]
    }

    /// Micro-pounds per day for a weekly price in pounds.
    @inline(__always) func microPerDay(weekly: Double) -> Int64 { Int64((weekly / 7 * 1e6).rounded()) }

    /// The weekly price of placing `child` in `type` now, drawing market prices where the market sets them.
    func weeklyPrice(of type: PlacementType, for i: Int) -> Double {
        let child = children[i]
        switch type {
        case .ifaFoster:
            return scenario.ifa.weeklyPriceByNeed[child.need.index] * model.levers.ifaPrice[year]
        case .residential:
            return keyed(.price, i, Int(child.requests)).lognormal(mean: scenario.residential.weeklyPriceMeanByNeed[child.need.index],
                                             cv: scenario.residential.priceCV) * model.levers.residentialPrice[year]
        default:
            return scenario.costs.weeklyUnitCost[type.index] * scenario.costs.needUplift[child.need.index]
        }
    }
}
