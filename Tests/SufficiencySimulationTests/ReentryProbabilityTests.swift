import Foundation
@testable import SufficiencyModel
@testable import SufficiencySimulation
import XCTest

/// Re-entries against `exits.reentry_probability` p. Each return home breaks down within 12 months with probability
/// p, unless the 18th birthday comes first (which makes the default's 15% about 14.5% in effect); here nobody is
/// near 18, so the full p applies. In a steady state, returns home come at a constant rate, and the re-entries of a
/// year are p × the returns home of the 12 months before (each return home re-enters at a uniform time within the
/// following year, so a year's re-entries come from the previous year and this one, in a steady state as many as
/// from one whole year).
///
/// The system: children aged 5–9 (at most 15 by the horizon), placed in residential care (always available), one
/// exit route, reunification, at μ a year, entries at λ. With re-entries the steady stock is L = λ / (μ(1 − p)),
/// and the run starts there, with the returns home of the year before the start that the engine sets up.
/// Tolerance: four standard errors of the ratio of sums, estimated from the replications (delta method); the
/// binomial part alone, √(p(1 − p) / returns home), is about 0.001 for the ~140,000 returns home counted.
final class ReentryProbabilityTests: XCTestCase {
    func testReentriesAreTheProbabilityTimesTheReturnsHomeOfThePrecedingYear() {
        let lambda = 60.0, mu = 0.6, p = 0.15, years = 5, replications = 500
        let steady = lambda / (mu * (1 - p))
        var s = TestScenarios.queue(lambda: lambda, mu: mu, initial: Int(steady.rounded()))
        let band = AgeBand.allCases.firstIndex { $0.lowerAge == 5 }!
        s.entries.annualRate = (0..<AgeBand.count).map { $0 == band ? lambda : 0 }
        s.population.ageMixByPlacement = PlacementType.allCases.map { _ in (0..<AgeBand.count).map { $0 == band ? 1 : 0 } }
        s.exits.reentryProbability = p
        let r = TestScenarios.run(s, years: years, replications: replications)
        XCTAssertEqual(s.startDate, s.startDate.financialYear.firstDay, "whole financial years")
        let (ratio, se, total) = Self.reentriesPerReturnHome(r, s, years: years, replications: replications)
        XCTAssertEqual(ratio, p, accuracy: 4 * se, "re-entries ÷ returns home of the year before (se \(se))")
        // The replications' standard error is near the binomial one (plus the spread of the window's timing).
        XCTAssertLessThan(se, 2 * (p * (1 - p) / total).squareRoot())
    }

    /// A reunification programme's `reentry_multiplier` m scales the re-entry probability of the children it enrolled:
    /// p × m for them, p for the others. Enrolment comes at every month end and takes every child in care here (any
    /// plan, age and time in care, unlimited places, the hazard unchanged), so all but those who go home before their
    /// first month end are enrolled: at μ = 0.6 a year about 0.6 × half a month ≈ 2.5% of the returns home. So the
    /// ratio of re-entries to the returns home of the year before is about 0.975 p m + 0.025 p: at p = 0.3, about
    /// 0.0075 for m = 0 and 0.59 for m = 2 (against 0.3 if the multiplier were ignored).
    func testTheReunificationProgrammesReentryMultiplierScalesTheProbabilityForTheChildrenItEnrolled() {
        let lambda = 60.0, mu = 0.6, p = 0.3, years = 3, replications = 200
        var s = TestScenarios.queue(lambda: lambda, mu: mu)
        let band = AgeBand.allCases.firstIndex { $0.lowerAge == 5 }!
        s.entries.annualRate = (0..<AgeBand.count).map { $0 == band ? lambda : 0 }
        s.population.ageMixByPlacement = PlacementType.allCases.map { _ in (0..<AgeBand.count).map { $0 == band ? 1 : 0 } }
        s.exits.reentryProbability = p
        var programme = ReunificationProgramme()
        programme.years = YearSpan(start: s.startDate.financialYear)
        programme.eligiblePlans = CarePlan.allCases
        programme.eligibleAgeBands = AgeBand.allCases
        programme.maximumDaysInCare = 216 * daysPerMonth
        programme.capacityPerYear = 100_000
        for (m, low, high) in [(0.0, 0.0, 0.1 * p), (2.0, 0.9 * 2 * p, 2 * p)] {
            programme.reentryMultiplier = m
            // Started at the steady stock λ / (μ(1 − pm)), as returns home grow while the stock fills up, and a
            // year's re-entries come from this year's returns home as well as the last's.
            s.population.childrenInCare = Int((lambda / (mu * (1 - p * m))).rounded())
            s.interventions.reunification = programme
            let r = TestScenarios.run(s, years: years, replications: replications)
            let enrolments = (0..<replications).reduce(0.0) { $0 + r.value(.reunificationEnrolments, year: 1, replication: $1) }
            XCTAssertGreaterThan(enrolments / Double(replications), 0.9 * lambda, "the year's entrants are enrolled")
            let (ratio, se, _) = Self.reentriesPerReturnHome(r, s, years: years, replications: replications)
            XCTAssertLessThan(se, 0.02)
            XCTAssertGreaterThanOrEqual(ratio, low, "multiplier \(m)")
            XCTAssertLessThanOrEqual(ratio, high + 4 * se, "multiplier \(m)")
        }
    }

    /// Re-entries in years 1... over the returns home of the year before each (scaled by the ratio of the years'
    /// days: 2019-20 has 366), with its standard error estimated from the replications (delta method for a ratio of
    /// sums), and the returns home counted.
    static func reentriesPerReturnHome(_ r: RunResult, _ s: Scenario, years: Int, replications: Int)
        -> (ratio: Double, se: Double, returnsHome: Double) {
        let days = (0..<years).map { y -> Double in
            let fy = FinancialYear(startYear: s.startDate.financialYear.startYear + y)
            return Double(fy.lastDay.dayNumber - fy.firstDay.dayNumber + 1)
        }
        var reentries: [Double] = [], returnsHome: [Double] = []
        for rep in 0..<replications {
            var x = 0.0, z = 0.0
            for y in 1..<years {
                x += r.value(.reentries, year: y, replication: rep)
                z += r.value(.exitsReunification, year: y - 1, replication: rep) * days[y] / days[y - 1]
            }
            reentries.append(x)
            returnsHome.append(z)
        }
        let total = returnsHome.reduce(0, +)
        let ratio = reentries.reduce(0, +) / total
        let n = Double(replications)
        let residuals = zip(reentries, returnsHome).map { $0 - ratio * $1 }
        let se = (residuals.map { $0 * $0 }.reduce(0, +) / (n - 1)).squareRoot() / (total / n) / n.squareRoot()
        return (ratio, se, total)
    }
}
