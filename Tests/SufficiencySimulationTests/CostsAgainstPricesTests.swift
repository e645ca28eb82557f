import Foundation
@testable import SufficiencyModel
@testable import SufficiencySimulation
import XCTest

/// The cost lines against the scenario's prices worked by hand. Nothing else compared `cost_*` with the weekly
/// prices, the inflation and the days of each year: a change raising every price by 10% in `Money.microPerDay` was
/// caught only by the golden-file test, which says nothing about whether a figure is right.
///
/// A closed system: N children on the start date, all in one placement type, with one need tier; nobody enters,
/// leaves, breaks down or moves, and prices do not vary, so each year's cost is fixed, not random:
/// cost of year y = (price index of year y) × (days of year y) × (daily price). The year starts on 1 April 2019 so
/// the first year has 366 days (29 February 2020) and the second 365. The engine holds each daily rate in whole
/// micro-pounds (£0.000001), so a child-day may be off by half of one: the tolerance is 0.5e-6 × the child- (and
/// household-) days, under 3p here, plus 1e-9 of the total for floating point.
final class CostsAgainstPricesTests: XCTestCase {
    static let children = 50

    /// No flows at all around `type`: the queue's single exit route turned off, no breakdowns or planned moves,
    /// no entries and no returns home (children under 1, who cannot reach 18).
    func closed(_ type: PlacementType) -> Scenario {
        var s = TestScenarios.queue(lambda: 0, mu: 0, initial: Self.children)
        s.startDate = CivilDate(year: 2019, month: 4, day: 1)
        s.population.placementMix = PlacementType.allCases.map { $0 == type ? 1 : 0 }
        s.population.needMixByPlacement = PlacementType.allCases.map { _ in [0, 1, 0] }   // complex needs
        s.breakdowns.annualHazardByPlacement = s.breakdowns.annualHazardByPlacement.map { _ in 0 }
        s.plannedMoves.annualHazardByPlacement = s.plannedMoves.annualHazardByPlacement.map { _ in 0 }
        s.residential.priceCV = 0
        s.deregistration.annualHazard = 0
        s.deregistration.annualHazardFirstYear = 0
        return s
    }

    /// Days in financial year `y` of a run starting on 1 April, from the calendar.
    func days(_ s: Scenario, year y: Int) -> Double {
        let fy = FinancialYear(startYear: s.startDate.financialYear.startYear + y)
        return Double(fy.lastDay.dayNumber - fy.firstDay.dayNumber + 1)
    }

    /// Price index of year 1 for `line`: the year-0 prices times one year's inflation.
    func index1(_ s: Scenario, _ line: CostLine) -> Double {
        1 + s.costs.inflationByLine[line.index].value(in: FinancialYear(startYear: s.startDate.financialYear.startYear + 1))
    }

    func testResidentialCostIsChildrenTimesDaysTimesTheWeeklyPriceOverSevenInflated() {
        let s = closed(.residential)
        XCTAssertEqual(days(s, year: 0), 366)
        XCTAssertEqual(days(s, year: 1), 365)
        let weekly = s.residential.weeklyPriceMeanByNeed[NeedTier.complex.index]   // £3,830
        let inflation = index1(s, .residential)
        XCTAssertNotEqual(inflation, 1, "the test needs inflation to check")
        let n = Double(Self.children)
        let expected = [n * days(s, year: 0) * weekly / 7, n * days(s, year: 1) * weekly / 7 * inflation]
        let r = TestScenarios.run(s, years: 2, replications: 2)
        for rep in 0..<2 {
            for y in 0..<2 {
                XCTAssertEqual(r.value(.residential, year: y, replication: rep), n, "nobody left residential care")
                let cost = r.value(.costResidential, year: y, replication: rep)
                let tolerance = 0.5e-6 * n * days(s, year: y) + 1e-9 * expected[y]
                XCTAssertEqual(cost, expected[y], accuracy: tolerance, "year \(y)")
            }
            let year0 = r.value(.costResidential, year: 0, replication: rep)
            let year1 = r.value(.costResidential, year: 1, replication: rep)
            XCTAssertEqual(year1, year0 * inflation * 365 / 366, accuracy: 0.5e-6 * n * 731 + 1e-9 * year1,
                           "year 1 = year 0 × (1 + inflation) × days ratio")
        }
    }

    /// In-house: each child costs the fee × the need uplift, and each approved household its fixed cost, which the
    /// model charges per day at 1/365.25 of the annual figure (`Money.changeHouseholds`), so a 366-day year costs
    /// a little more than `household_fixed_cost`.
    func testInHouseCostIsFeesTimesNeedUpliftPlusTheFixedCostPerHousehold() {
        var s = closed(.inHouseFoster)
        let households = 30
        s.inHouse.households = households
        s.inHouse.placesMix = [0, 0, 0, 1]   // 120 places for 50 children
        s.inHouse.approvalRanges = [ApprovalRange(youngest: 0, oldest: 17)]
        s.inHouse.approvalRangeMix = [1]
        let fee = s.costs.weeklyUnitCost[PlacementType.inHouseFoster.index]   // £450
        let uplift = s.costs.needUplift[NeedTier.complex.index]                // 1.2
        let fixed = s.costs.householdFixedCostPerYear                          // £8,000
        XCTAssertNotEqual(uplift, 1, "the test needs an uplift to check")
        let inflation = index1(s, .inHouseFoster)
        let n = Double(Self.children), h = Double(households)
        let daily = n * fee * uplift / 7 + h * fixed / 365.25
        let expected = [days(s, year: 0) * daily, days(s, year: 1) * daily * inflation]
        let r = TestScenarios.run(s, years: 2, replications: 2)
        for rep in 0..<2 {
            for y in 0..<2 {
                XCTAssertEqual(r.value(.inHouseFoster, year: y, replication: rep), n, "every child placed in-house")
                XCTAssertEqual(r.value(.inHouseHouseholds, year: y, replication: rep), h, "no household left")
                let cost = r.value(.costInHouseFoster, year: y, replication: rep)
                let tolerance = 0.5e-6 * (n + h) * days(s, year: y) + 1e-9 * expected[y]
                XCTAssertEqual(cost, expected[y], accuracy: tolerance, "year \(y)")
            }
        }
    }

    /// Staying Put follows foster care of every kind (in-house, agency, kinship) and no other (model.md section 5).
    /// 50 young people of 16–17, nobody leaving but at 18, Staying Put certain and never ended early: two years on
    /// all 50 have turned 18 and none is 20 yet, so 50 stay put after each kind of foster care and none after
    /// residential care.
    func testEveryFosterTypeAndNoOtherLeadsToStayingPut() {
        for type in [PlacementType.inHouseFoster, .ifaFoster, .kinshipFoster, .residential] {
            var s = closed(type)
            s.population.ageMixByPlacement = PlacementType.allCases.map { _ in [0, 0, 0, 0, 1] }   // all 16–17
            s.exits.stayingPutProbability = 1
            s.exits.stayingPutEndHazard = 0
            if type == .inHouseFoster {
                s.inHouse.households = 30
                s.inHouse.placesMix = [0, 0, 0, 1]
                s.inHouse.approvalRanges = [ApprovalRange(youngest: 0, oldest: 17)]
                s.inHouse.approvalRangeMix = [1]
            }
            let r = TestScenarios.run(s, years: 2, replications: 2)
            let n = Double(Self.children)
            for rep in 0..<2 {
                let exits18 = r.value(.exitsAge18, year: 0, replication: rep) + r.value(.exitsAge18, year: 1, replication: rep)
                XCTAssertEqual(exits18, n, "\(type): every young person turns 18 within two years")
                XCTAssertEqual(r.value(.stayingPut, year: 1, replication: rep), type.isFoster ? n : 0,
                               "\(type): Staying Put is for foster care of every kind, and only foster care")
            }
        }
    }

    /// Agency care is priced by the child's need (README, "Money"): 50 children with complex needs, nobody moving,
    /// cost 50 × days × the complex-needs weekly price ÷ 7 × the agency line's index; £950 a week gives £6,642,857
    /// in a 366-day year (the standard price, £820, would give £5,734,286).
    func testAgencyCostIsChildrenTimesDaysTimesThePriceForTheirNeedOverSevenInflated() {
        let s = closed(.ifaFoster)
        let weekly = s.ifa.weeklyPriceByNeed[NeedTier.complex.index]          // £950
        XCTAssertNotEqual(weekly, s.ifa.weeklyPriceByNeed[NeedTier.standard.index], "the test needs prices by need")
        let inflation = index1(s, .ifaFoster)
        let n = Double(Self.children)
        let expected = [n * days(s, year: 0) * weekly / 7, n * days(s, year: 1) * weekly / 7 * inflation]
        let r = TestScenarios.run(s, years: 2, replications: 2)
        for rep in 0..<2 {
            for y in 0..<2 {
                XCTAssertEqual(r.value(.ifaFoster, year: y, replication: rep), n, "nobody left agency care")
                let tolerance = 0.5e-6 * n * days(s, year: y) + 1e-9 * expected[y]
                XCTAssertEqual(r.value(.costIFAFoster, year: y, replication: rep), expected[y], accuracy: tolerance,
                               "year \(y)")
            }
        }
    }

    /// An approval's one-off cost is charged at its year's prices (model.md section 6): with no child in in-house
    /// care and no fixed cost per household, the in-house line holds only approvals × £5,000 × that year's index.
    func testEachApprovalCostsItsPriceAtItsYearsPrices() {
        var s = closed(.residential)                         // no child in in-house care
        s.costs.householdFixedCostPerYear = 0
        s.recruitment.approvalsPerYear = Schedule(20)
        let price = s.recruitment.costPerApproval              // £5,000
        let index = [1, index1(s, .inHouseFoster)]
        XCTAssertNotEqual(index[1], 1, "the test needs inflation to check")
        let r = TestScenarios.run(s, years: 2, replications: 4)
        var approvals = [0.0, 0.0]
        for rep in 0..<4 {
            for y in 0..<2 {
                let n = r.value(.approvals, year: y, replication: rep)
                approvals[y] += n
                XCTAssertEqual(r.value(.costInHouseFoster, year: y, replication: rep), n * price * index[y],
                               accuracy: 1e-6 * max(n * price, 1), "replication \(rep), year \(y)")
            }
        }
        XCTAssertGreaterThan(approvals[1], 0, "the test needs approvals in year 1")
    }

    /// Staying Put lasts from the 18th birthday to the 21st (model.md section 5): 50 young people of 16–17 in agency
    /// care, Staying Put certain with no early end and no inflation, cost 50 × 3 × 365.25 × the weekly rate ÷ 7 over
    /// five years (ending at 20 would give two thirds of it), and nobody staying put at the fifth 31 March.
    func testStayingPutLastsFromTheEighteenthBirthdayToTheTwentyFirst() {
        var s = closed(.ifaFoster)
        s.population.ageMixByPlacement = PlacementType.allCases.map { _ in [0, 0, 0, 0, 1] }   // all 16–17
        s.exits.stayingPutProbability = 1
        s.exits.stayingPutEndHazard = 0
        s.costs.inflationByLine = s.costs.inflationByLine.map { _ in Schedule(0) }
        let n = Double(Self.children)
        let expected = n * 3 * 365.25 * s.costs.stayingPutWeekly / 7
        let r = TestScenarios.run(s, years: 5, replications: 2)
        for rep in 0..<2 {
            let cost = (0..<5).reduce(0.0) { $0 + r.value(.costStayingPut, year: $1, replication: rep) }
            XCTAssertEqual(cost, expected, accuracy: 0.5e-6 * n * 5 * 366 + 1e-9 * expected)
            XCTAssertEqual(r.value(.stayingPut, year: 4, replication: rep), 0, "all 21 by the fifth 31 March")
        }
    }
}
