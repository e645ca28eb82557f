import Foundation
@testable import SufficiencyModel
@testable import SufficiencySimulation
import XCTest

/// The start date's children have been in care, and in their placements, as long as the model's own running system
/// would have kept them: the elapsed times of a steady state, checked against their closed forms.
final class StartingTimeInCareTests: XCTestCase {
    /// Entries spread evenly over ages 0–18 and one constant exit hazard μ: a child of age a in care today entered
    /// t years ago with density proportional to e^(−μt) on [0, a], whose mean is 1/μ − a e^(−μa) / (1 − e^(−μa)).
    func testWithAConstantHazardTimeInCareIsATruncatedExponential() {
        let mu = 0.4
        var s = TestScenarios.queue(lambda: 10, mu: mu)
        s.entries.annualRate = AgeBand.allCases.map { Double($0.upperAge - $0.lowerAge) * 10 }
        s.entries.carePlanMixByAge = AgeBand.allCases.map { _ in [0.2, 0.2, 0.2, 0.2, 0.2] }
        let model = CompiledScenario(s, horizonYears: 1, drawsRates: false)
        for months in [9, 30, 150, 200] {
            let age = (Double(months) + 0.5) / 12
            let expected = 1 / mu - age * exp(-mu * age) / -expm1(-mu * age)
            let mean = stratifiedMean { u, v in
                model.startingTimeInCare.days(plan: .longTermCare, ageDays: age * daysPerYear, u, v) / daysPerYear
            }
            XCTAssertEqual(mean, expected, accuracy: 0.01, "age \(age)")
        }
    }

    /// The time in care goes back to an entry the scenario has: with entries only at 10–15, a child of 16½ entered
    /// between 10 and 16, so has been in care between ½ and 6½ years, and a child of 8 (no entrant that young) has
    /// no weight anywhere and takes a time uniform up to the age.
    func testTimeInCareGoesBackToAnAgeAtWhichChildrenEnter() {
        var s = TestScenarios.queue(lambda: 10, mu: 0.4)
        s.entries.annualRate = AgeBand.allCases.map { $0 == .age10to15 ? 60 : 0 }
        s.entries.carePlanMixByAge = AgeBand.allCases.map { _ in [0.2, 0.2, 0.2, 0.2, 0.2] }
        let model = CompiledScenario(s, horizonYears: 1, drawsRates: false)
        var least = Double.infinity, most = 0.0
        for k in 0..<1000 {
            let (u, v) = ((Double(k) + 0.5) / 1000, Double((k * 7919) % 1000) / 1000)
            let years = model.startingTimeInCare.days(plan: .reunification, ageDays: 16.5 * daysPerYear, u, v) / daysPerYear
            (least, most) = (min(least, years), max(most, years))
        }
        XCTAssertGreaterThanOrEqual(least, 0.5 - 1.0 / 12, "a month of the grid either side")
        XCTAssertLessThanOrEqual(most, 6.5 + 1.0 / 12)
        XCTAssertGreaterThan(most - least, 5, "the whole range is reached")
        XCTAssertEqual(model.startingTimeInCare.days(plan: .reunification, ageDays: 8 * daysPerYear, 0.25, 0.5),
                       2 * daysPerYear)
    }

    /// A placement in progress has lasted s days with density proportional to the chance S(s) that a placement lasts
    /// that long. One constant rate r gives the exponential, mean 1/r; early and settled parts give the mean
    /// ∫ s S(s) ds / ∫ S(s) ds, integrated here numerically.
    func testAPlacementInProgressHasLastedAsLongAsTheSteadyStateSays() {
        var b = TestScenarios.baseline().breakdowns
        b.earlyMultiplier = 1
        b.settledMultiplier = 1
        let flat = stratifiedMean { u, _ in InitialPopulation.placementDays(breakdown: 0.2 / 365.25, otherEndings: 0.05 / 365.25, b, u) }
        XCTAssertEqual(flat / 365.25, 4, accuracy: 0.01)

        b = TestScenarios.baseline().breakdowns
        XCTAssertGreaterThan(b.earlyMultiplier, 1)
        XCTAssertLessThan(b.settledMultiplier, 1)
        let (breakdown, planned) = (0.13 / 365.25, 0.16 / 365.25)
        var (moment0, moment1, survival, s) = (0.0, 0.0, 1.0, 0.0)
        let step = 0.25
        while s < 365.25 * 200 {
            let rate = breakdown * b.durationMultiplier(afterDays: s + step / 2) + planned
            let next = survival * exp(-rate * step)
            let middle = (survival + next) / 2
            moment0 += middle * step
            moment1 += middle * (s + step / 2) * step
            survival = next
            s += step
        }
        let phased = stratifiedMean { u, _ in InitialPopulation.placementDays(breakdown: breakdown, otherEndings: planned, b, u) }
        XCTAssertEqual(phased / (moment1 / moment0), 1, accuracy: 0.002, "\(phased) against \(moment1 / moment0)")
        XCTAssertGreaterThan(phased, 1 / (breakdown + planned), "a settled part makes placements in progress older")
    }

    /// With the start's children drawn from the steady state, the first year's long-term stability is the next
    /// year's: it was 64.8% against 68.0% (1,000 replications of the default scenario) when time in care was a gamma
    /// of Little's mean stay and time in the placement an exponential at the middle rate, with neither the settled
    /// part nor carers leaving.
    func testTheFirstYearsLongTermStabilityIsTheNextYears() {
        let r = TestScenarios.run(TestScenarios.baseline(), years: 2, replications: 300, seed: 20_170_401)
        let first = moments(r.values(.longTermStabilityPct, year: 0)).mean
        let second = moments(r.values(.longTermStabilityPct, year: 1)).mean
        XCTAssertEqual(first, second, accuracy: 1.5, "first year \(first)%, second \(second)%")
    }

    /// The mean of `f` over 4,000 stratified uniforms u, each paired with a second uniform v spread over [0, 1).
    private func stratifiedMean(_ f: (Double, Double) -> Double) -> Double {
        let n = 4000
        var sum = 0.0
        for k in 0..<n {
            sum += f((Double(k) + 0.5) / Double(n), Double((k * 2_654_435_761) % n) / Double(n))
        }
        return sum / Double(n)
    }

    /// Unaccompanied children are entrants too ("entries per year of age at entry (sibling groups' and UASC
    /// children's)"): with no entries but UASC ones, all at 16–17, a child of 17½ entered at 16 or later, so has been
    /// in care at most 1½ years (plus a month for the grid), not any time up to the age as if nobody entered.
    func testUnaccompaniedEntrantsAreAmongTheEntriesTimeInCareGoesBackTo() {
        var s = TestScenarios.queue(lambda: 0, mu: 0.4)
        s.entries.annualRate = AgeBand.allCases.map { _ in 0 }
        s.uasc.annualRate = 30
        s.uasc.ageMix = AgeBand.allCases.map { $0 == .age16to17 ? 1 : 0 }
        let model = CompiledScenario(s, horizonYears: 1, drawsRates: false)
        var most = 0.0
        for k in 0..<1000 {
            let (u, v) = ((Double(k) + 0.5) / 1000, Double((k * 7919) % 1000) / 1000)
            let years = model.startingTimeInCare.days(plan: .independence, ageDays: 17.5 * daysPerYear, u, v) / daysPerYear
            most = max(most, years)
        }
        XCTAssertLessThanOrEqual(most, 1.5 + 1.0 / 12, "entered at 16 or later")
        XCTAssertGreaterThan(most, 1.3)
    }

    /// A placement in progress on the start date ends otherwise than by breakdown at the planned-move rate, and an
    /// in-house one also when its carers stop fostering (`InitialPopulation.setUp`: "planned moves, and for an
    /// in-house placement its carers' deregistration"): the table's rate is the planned-move hazard × the age
    /// multiplier / 365.25, plus `deregistration.annual_hazard` / 365.25 for in-house care only.
    func testPlacementsInProgressEndAtThePlannedMoveRateAndInHouseAlsoWhenTheCarersLeave() {
        let s = TestScenarios.baseline()
        XCTAssertGreaterThan(s.deregistration.annualHazard, 0, "the test needs deregistrations")
        let model = CompiledScenario(s, horizonYears: 1, drawsRates: false)
        for type in PlacementType.allCases {
            for need in NeedTier.allCases {
                for age in AgeBand.allCases {
                    let planned = s.plannedMoves.annualHazardByPlacement[type.index] * s.plannedMoves.ageMultiplier[age.index]
                    let carers = type == .inHouseFoster ? s.deregistration.annualHazard : 0
                    let k = model.placementIndex(type: type.index, need: need.index, age: age.index)
                    XCTAssertEqual(model.hazards.placementOtherEndingsPerDay[k] * daysPerYear, planned + carers,
                                   accuracy: 1e-12, "\(type) \(need) \(age)")
                }
            }
        }
    }
}
