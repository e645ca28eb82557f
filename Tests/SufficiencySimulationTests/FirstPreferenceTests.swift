import Foundation
@testable import SufficiencyModel
@testable import SufficiencySimulation
import XCTest

/// `first_preference_met_pct`: of the year's requests that walk the preference list (those the entry assessment
/// sends straight to a setting do not), the share placed by the list's first option. Checked where the answer is
/// known without the engine: an agency that always finds a carer, put first, meets every walked request; one that
/// finds a carer with probability p meets a binomial share p of them, each request drawing afresh.
final class FirstPreferenceTests: XCTestCase {
    static let replications = 40, years = 2

    /// Children arriving one by one (no sibling groups, which an agency takes together only sometimes), with the
    /// agency first and residential care, the last resort, after it; the default scenario's direct routes stay.
    static func agencyFirst(finding p: Double) -> Scenario {
        var s = TestScenarios.baseline()
        s.entries.siblingGroupSizeMix = [1, 0, 0, 0]
        s.routes.preferenceOrder = [.ifaFoster, .residential]
        s.ifa.foundProbability = s.ifa.foundProbability.map { $0.map { _ in p } }
        return s
    }

    func tallies(_ r: RunResult, year y: Int) -> (walked: [Double], first: [Double], placedIFA: [Double]) {
        let requests = r.requestValues(column: RequestTally.requests, year: y)
        let direct = r.requestValues(column: RequestTally.directRoute, year: y)
        return (zip(requests, direct).map(-), r.requestValues(column: RequestTally.firstPreferenceMet, year: y),
                r.requestValues(column: RequestTally.placed(by: .ifaFoster), year: y))
    }

    func testAnAgencyThatAlwaysFindsACarerMeetsEveryWalkedRequestFirst() {
        let r = TestScenarios.run(Self.agencyFirst(finding: 1), years: Self.years, replications: Self.replications, seed: 5)
        var direct = 0.0
        for y in 0..<Self.years {
            let (walked, _, _) = tallies(r, year: y)
            direct += r.requestValues(column: RequestTally.directRoute, year: y).reduce(0, +)
            for rep in 0..<Self.replications {
                XCTAssertGreaterThan(walked[rep], 20, "year \(y), replication \(rep)")
                XCTAssertEqual(r.value(.firstPreferenceMetPct, year: y, replication: rep), 100,
                               "year \(y), replication \(rep)")
            }
        }
        // The share is of walked requests only: requests sent straight to a setting are in neither count.
        XCTAssertGreaterThan(direct, 100, "the test needs requests that do not walk the list")
    }

    func testAnAgencyThatFindsACarerWithProbabilityPMeetsThatShareFirst() {
        let p = 0.35
        let r = TestScenarios.run(Self.agencyFirst(finding: p), years: Self.years, replications: Self.replications, seed: 6)
        var walkedTotal = 0.0, firstTotal = 0.0
        for y in 0..<Self.years {
            let (walked, first, placedIFA) = tallies(r, year: y)
            for rep in 0..<Self.replications {
                // The agency is only first: whatever it places, it places as the first preference.
                XCTAssertEqual(first[rep], placedIFA[rep], "year \(y), replication \(rep)")
                XCTAssertEqual(r.value(.firstPreferenceMetPct, year: y, replication: rep), 100 * first[rep] / walked[rep],
                               accuracy: 1e-9, "year \(y), replication \(rep)")
            }
            walkedTotal += walked.reduce(0, +)
            firstTotal += first.reduce(0, +)
        }
        // Each walked request is an independent Bernoulli(p) trial: within four binomial standard errors.
        XCTAssertEqual(firstTotal / walkedTotal, p, accuracy: 4 * (p * (1 - p) / walkedTotal).squareRoot(),
                       "\(firstTotal) of \(walkedTotal) walked requests met first")
    }
}
