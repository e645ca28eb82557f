import Foundation
@testable import SufficiencyModel
@testable import SufficiencySimulation
import XCTest

/// Flows in part years are amounts for the days simulated, not annual rates. A run from 1 October 2019 for two years
/// covers 183 days of 2019-20 (29 February 2020 among them), the whole of 2020-21 and 183 days of 2021-22; a cost or
/// a count of entries or exits in a part year is what those days hold, worked out here by hand.
final class PartYearFlowTests: XCTestCase {
    static let start = CivilDate(year: 2019, month: 10, day: 1)
    static let days = [183.0, 365.0, 183.0]

    func testTheYearsOfARunFromOctoberCoverTheirDaysOfTheCalendar() {
        let model = CompiledScenario(TestScenarios.baseline().starting(Self.start), horizonYears: 2)
        XCTAssertEqual(model.years.map(\.label), ["2019-20", "2020-21", "2021-22"])
        XCTAssertEqual(model.simulatedYears.map { Double($0.days) }, Self.days)
    }

    /// Fifty children in residential care all run long, nobody entering or leaving, prices fixed: each year costs
    /// children × days × the weekly price ÷ 7 × that year's price index (micro-pound daily rates: half a millionth
    /// of a pound a child-day).
    func testAPartYearCostsItsDaysOfPlacementsAtItsPrices() {
        var s = TestScenarios.queue(lambda: 0, mu: 0, initial: 50).starting(Self.start)
        s.population.needMixByPlacement = PlacementType.allCases.map { _ in [0, 1, 0] }
        s.breakdowns.annualHazardByPlacement = s.breakdowns.annualHazardByPlacement.map { _ in 0 }
        s.plannedMoves.annualHazardByPlacement = s.plannedMoves.annualHazardByPlacement.map { _ in 0 }
        s.residential.priceCV = 0
        let weekly = s.residential.weeklyPriceMeanByNeed[NeedTier.complex.index]
        let rate = s.costs.inflationByLine[CostLine.residential.index]
        var index = [1.0]
        for y in 1..<3 { index.append(index[y - 1] * (1 + rate.value(in: FinancialYear(startYear: 2019 + y)))) }
        XCTAssertNotEqual(index[2], 1, "the test needs inflation to check")
        let r = TestScenarios.run(s, years: 2, replications: 2)
        for rep in 0..<2 {
            for y in 0..<3 {
                let expected = 50 * Self.days[y] * weekly / 7 * index[y]
                XCTAssertEqual(r.value(.costResidential, year: y, replication: rep), expected,
                               accuracy: 0.5e-6 * 50 * Self.days[y] + 1e-9 * expected, "year \(y)")
            }
        }
    }

    /// Other income is a sum per financial year, so a part year gets its share of the year's days: £100,000 a year
    /// from 2019-20 on a run from 1 October 2019 gives 183 of 2019-20's 366 days (£50,000), the whole of 2020-21
    /// (£100,000) and 183 of 2021-22's 365 days (£50,136.99), in every replication (it arrives with certainty).
    func testAPartYearGetsItsShareOfTheYearsIncome() {
        var s = TestScenarios.baseline().starting(Self.start)
        s.interventions.income = Income(years: YearSpan(start: FinancialYear(startYear: 2019)),
                                        residentialJointFundingShare: Schedule(0), annualIncome: Schedule(100_000))
        let r = TestScenarios.run(s, years: 2, replications: 2)
        let expected: [Double] = [100_000 * 183 / 366, 100_000, 100_000 * 183 / 365]
        for rep in 0..<2 {
            for y in 0..<3 {
                XCTAssertEqual(r.value(.income, year: y, replication: rep), expected[y], accuracy: 1e-6, "year \(y)")
            }
        }
    }

    /// An M/M/∞ system started empty: entries in a year are Poisson with mean λ × the year's days ÷ 365.25, and
    /// departures are a Poisson process of rate λ(1 − e^(−μt)) (M/G/∞ from empty), so a year [t0, t1) holds on
    /// average λ(t1 − t0) − (λ/μ)(e^(−μ t0) − e^(−μ t1)) of them. Within four standard errors over the replications.
    func testAPartYearHoldsItsDaysOfEntriesAndExits() {
        let lambda = 200.0, mu = 1.5, n = 300
        let s = TestScenarios.queue(lambda: lambda, mu: mu).starting(Self.start)
        let r = TestScenarios.run(s, years: 2, replications: n, seed: 3)
        var t0 = 0.0
        for y in 0..<3 {
            let t1 = t0 + Self.days[y] / daysPerYear
            let entries = lambda * (t1 - t0)
            let exits = entries - lambda / mu * (exp(-mu * t0) - exp(-mu * t1))
            let (meanEntries, _) = moments(r.values(.entries, year: y))
            let (meanExits, _) = moments(r.values(.exitsReunification, year: y))
            XCTAssertEqual(meanEntries, entries, accuracy: 4 * (entries / Double(n)).squareRoot(), "entries, year \(y)")
            XCTAssertEqual(meanExits, exits, accuracy: 4 * (exits / Double(n)).squareRoot(), "exits, year \(y)")
            t0 = t1
        }
    }

    /// Recruitment's approvals per year are a yearly target, so a part year gets its share of the year's days, as
    /// income does (`Carers.scheduleRecruitment`: the year's yield × the share of the financial year simulated):
    /// 120 approvals a year, no spread in the yield and approval about 45 minutes after the enquiry (mean 0.001
    /// months, shape 100), on a run from 1 October 2019 give on average 120 × 183/366 = 60 approvals in 2019-20,
    /// 120 in 2020-21 and 120 × 183/365 = 60.16 in 2021-22 (a whole year's 120 in each part year would be twice
    /// as many). Each year's count is Poisson: its mean over 100 replications within four standard errors.
    func testAPartYearGetsItsShareOfTheYearsApprovals() {
        var s = TestScenarios.queue(lambda: 0, mu: 0).starting(Self.start)
        s.recruitment.approvalsPerYear = Schedule(120)
        s.recruitment.yieldCV = 0
        s.recruitment.monthsToApprovalMean = 0.001
        s.recruitment.monthsToApprovalShape = 100
        let n = 100
        let r = TestScenarios.run(s, years: 2, replications: n, seed: 5)
        let expected = [120 * 183 / 366.0, 120, 120 * 183 / 365.0]
        for y in 0..<3 {
            let (mean, _) = moments(r.values(.approvals, year: y))
            XCTAssertEqual(mean, expected[y], accuracy: 4 * (expected[y] / Double(n)).squareRoot(), "year \(y)")
        }
    }
}

private extension Scenario {
    func starting(_ date: CivilDate) -> Scenario {
        var s = self
        s.startDate = date
        return s
    }
}
