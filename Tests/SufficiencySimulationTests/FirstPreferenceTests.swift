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

    /// README "Matching": "kinship is found with a probability by age band" at entry (`kinship.found_at_entry_by_age`),
    /// and on a move with `kinship.found_on_move`. 4,000 children arriving alone, kin found at entry with probability
    /// 0.3 whatever the age, then each moved once, kin found on a move with probability 0.8; kinship is the first
    /// preference and residential care the only other: about 30% of entries and 80% of moves go to kin (binomial
    /// standard errors under 0.008, so ±0.03 is about 4 of them).
    func testKinAreFoundWithTheEntryChanceAtEntryAndTheMoveChanceOnAMove() {
        var s = TestScenarios.arrivingGroups(sizeMix: [1, 0, 0, 0], households: 0, places: 1)
        s.routes.preferenceOrder = [.kinshipFoster, .residential]
        s.kinship.foundAtEntryByAge = AgeBand.allCases.map { _ in 0.3 }
        s.kinship.foundOnMove = 0.8
        let model = CompiledScenario(s, horizonYears: 1)
        let rows = TestRows(model)
        var w = rows.world(model)
        for _ in 0..<4_000 { Arrivals.arrive(&w) }
        let n = w.children.count
        let atEntry = (0..<n).filter { w.children[$0].placement == .kinshipFoster }.count
        XCTAssertEqual(Double(atEntry) / Double(n), 0.3, accuracy: 0.03, "kin found at entry")
        for i in 0..<n { Placements.endPlacementAndMove(&w, i) }
        let onMove = (0..<n).filter { w.children[$0].placement == .kinshipFoster }.count
        XCTAssertEqual(Double(onMove) / Double(n), 0.8, accuracy: 0.03, "kin found on a move")
    }

    /// The direct routes of the entry assessment (README "Matching" and "Direct routes are tried in turn: secure
    /// (10 and over), placed with parents, assessed as needing residential care, residential school, supported
    /// accommodation (16–17)"), each made certain in turn, on one child built by hand: supported accommodation is
    /// for 16–17 only; an unaccompanied child has no parents here to be placed with; a residential school is an
    /// entry assessment, not a move's; secure care at entry is for 10 and over.
    func testDirectRoutesFollowTheAssessmentRules() {
        let base = TestScenarios.arrivingGroups(sizeMix: [1, 0, 0, 0], households: 0, places: 1)
        func route(age: Double, uasc: Bool = false, atEntry: Bool = true,
                   _ assess: (inout Scenario) -> Void) -> PlacementType? {
            var s = base
            assess(&s)
            let model = CompiledScenario(s, horizonYears: 1)
            let rows = TestRows(model)
            var w = rows.world(model)
            let i = Arrivals.addChild(&w, age: age, need: .standard, plan: .longTermCare, uasc: uasc)
            return Matching.directRoute(&w, i, atEntry: atEntry)
        }
        let supported: (inout Scenario) -> Void = { $0.routes.supportedAccommodationAt16To17 = 1 }
        XCTAssertNil(route(age: 15.9, supported), "supported accommodation is not for a 15-year-old")
        XCTAssertEqual(route(age: 16.1, supported), .supportedAccommodation)
        XCTAssertEqual(route(age: 16.1, atEntry: false, supported), .supportedAccommodation, "on a move too")
        let parents: (inout Scenario) -> Void = { $0.routes.placedWithParentsAtEntry = 1 }
        XCTAssertEqual(route(age: 8, parents), .placedWithParents)
        XCTAssertNil(route(age: 8, uasc: true, parents), "an unaccompanied child is not placed with parents")
        let school: (inout Scenario) -> Void = { $0.routes.residentialSchoolByNeed = [1, 1, 1] }
        XCTAssertEqual(route(age: 8, school), .residentialSchool)
        XCTAssertNil(route(age: 8, atEntry: false, school), "a residential school is decided at entry only")
        let secure: (inout Scenario) -> Void = { $0.routes.secureAtEntry = 1 }
        XCTAssertNil(route(age: 9.9, secure))
        XCTAssertEqual(route(age: 10.1, secure), .secure)
    }
}
