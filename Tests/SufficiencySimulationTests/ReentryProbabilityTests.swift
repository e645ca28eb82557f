import Foundation
import SufficiencyModel
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
        let days = (0..<years).map { y -> Double in
            let fy = FinancialYear(startYear: s.startDate.financialYear.startYear + y)
            return Double(fy.lastDay.dayNumber - fy.firstDay.dayNumber + 1)
        }
        // Per replication: re-entries in years 1... and the returns home of the year before each, scaled by the
        // ratio of the years' days (2019-20 has 366).
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
        XCTAssertEqual(ratio, p, accuracy: 4 * se, "re-entries ÷ returns home of the year before (se \(se))")
        // The replications' standard error is near the binomial one (plus the spread of the window's timing).
        XCTAssertLessThan(se, 2 * (p * (1 - p) / total).squareRoot())
    }
}
