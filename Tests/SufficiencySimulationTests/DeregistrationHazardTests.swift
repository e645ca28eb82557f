import Foundation
import SufficiencyModel
@testable import SufficiencySimulation
import XCTest

/// Deregistrations against an exponential hazard. With H households on the start date, no approvals and no
/// children, each household leaves independently at `deregistration.annual_hazard` d a year (the households on the
/// start date are past their first year, `Carers.setUpHouseholds`, so the first-year hazard, set far higher here,
/// must not apply). A household is still approved at t years with probability e^(−d·t), so with t_y the years to the
/// end of financial year y (t_−1 = 0): E[deregistrations in year y] = H·(e^(−d·t_(y−1)) − e^(−d·t_y)) and
/// E[households at the end of year y] = H·e^(−d·t_y), both binomial counts of H. Tolerances are four binomial
/// standard errors of the mean over R replications, √(H·π(1 − π) / R).
final class DeregistrationHazardTests: XCTestCase {
    func testHouseholdsLeaveAtTheAnnualHazard() {
        let h = 200, d = 0.2, years = 5, replications = 1_000
        var s = TestScenarios.baseline()
        s.population.childrenInCare = 0
        s.population.stayingPut = 0
        s.entries.annualRate = s.entries.annualRate.map { _ in 0 }
        s.uasc.annualRate = 0
        s.recruitment.approvalsPerYear = Schedule(0)
        s.recruitment.funnel = nil
        s.inHouse.households = h
        s.deregistration.annualHazard = d
        s.deregistration.annualHazardFirstYear = 0.8
        let r = TestScenarios.run(s, years: years, replications: replications)
        let n = Double(replications), hh = Double(h)
        var before = 1.0
        for y in 0..<years {
            let survival = exp(-d * TestScenarios.yearsToStock(s, year: y))
            let p = before - survival
            let deregistrations = moments(r.values(.deregistrations, year: y)).mean
            XCTAssertEqual(deregistrations, hh * p, accuracy: 4 * (hh * p * (1 - p) / n).squareRoot(),
                           "deregistrations in year \(y)")
            let households = moments(r.values(.inHouseHouseholds, year: y)).mean
            XCTAssertEqual(households, hh * survival, accuracy: 4 * (hh * survival * (1 - survival) / n).squareRoot(),
                           "households at the end of year \(y)")
            XCTAssertEqual(r.values(.approvals, year: y).reduce(0, +), 0)
            before = survival
        }
    }
}
