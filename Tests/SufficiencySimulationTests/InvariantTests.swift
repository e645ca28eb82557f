import Foundation
import SufficiencyModel
@testable import SufficiencySimulation
import SufficiencyTestSupport
import XCTest

/// Rules that hold in every replication of every valid scenario, checked over 200 seeds, each with its own randomly
/// generated scenario. The engine recomputes its stocks, household occupancy and cost rates from scratch after
/// every event (`checkInvariants`), and the yearly outputs are checked for conservation of children.
final class InvariantTests: XCTestCase {
    /// A valid scenario drawn at random around the default: smaller populations and services so that capacity
    /// binds, random preference orders, rates scaled up and down, random mixes.
    static func randomScenario(seed: UInt64) -> Scenario {
        var g = TestRNG(state: seed)
        var s = TestScenarios.baseline()
        func scale(_ x: Double) -> Double { x * Double.random(in: 0.3...3, using: &g) }
        func probability(_ p: Double) -> Double { min(1, scale(p)) }
        func shares(_ n: Int) -> [Double] {
            let w = (0..<n).map { _ in Double.random(in: 0.05...1, using: &g) }
            let total = w.reduce(0, +)
            return w.map { $0 / total }
        }
        s.population.childrenInCare = Int.random(in: 0...120, using: &g)
        s.population.placementMix = shares(PlacementType.count)
        s.population.stayingPut = Int.random(in: 0...8, using: &g)
        s.entries.annualRate = s.entries.annualRate.map { scale($0) / 3 }
        s.entries.siblingGroupSizeMix = shares(4)
        s.uasc.annualRate = scale(s.uasc.annualRate) / 3
        var options: [PlacementPreference] = [.kinshipFoster, .inHouseFoster, .ifaFoster]
        options.shuffle(using: &g)
        s.routes.preferenceOrder = Array(options.prefix(Int.random(in: 0...3, using: &g))) + [.residential]
        s.routes.supportedAccommodationAt16To17 = Double.random(in: 0...1, using: &g)
        s.routes.directResidentialByNeed = s.routes.directResidentialByNeed.map(probability)
        s.kinship.foundAtEntryByAge = s.kinship.foundAtEntryByAge.map(probability)
        s.inHouse.households = Int.random(in: 0...40, using: &g)
        s.inHouse.placesMix = shares(4)
        s.inHouse.specialismShare = Specialism.allCases.map { _ in Double.random(in: 0...1, using: &g) }
        s.inHouse.onHoldShare = Double.random(in: 0...0.5, using: &g)
        s.inHouse.acceptanceByAgeNeed = AgeBand.allCases.map { _ in NeedTier.allCases.map { _ in
            Double.random(in: 0...1, using: &g) } }
        s.inHouse.specialistAcceptance = Double.random(in: 0...1, using: &g)
        s.inHouse.proposalsPerRequest = Int.random(in: 1...3, using: &g)
        s.inHouse.solePlacementByNeed = NeedTier.allCases.map { _ in Double.random(in: 0...0.6, using: &g) }
        s.inHouse.fewerChildrenShare = Double.random(in: 0...1, using: &g)
        s.ifa.siblingGroupsTogether = Double.random(in: 0...1, using: &g)
        s.recruitment.approvalsPerYear = Schedule(Double.random(in: 0...20, using: &g))
        s.deregistration.annualHazard = Double.random(in: 0...0.5, using: &g)
        s.deregistration.annualHazardFirstYear = Double.random(in: 0...0.8, using: &g)
        s.ifa.foundProbability = s.ifa.foundProbability.map { $0.map { _ in Double.random(in: 0...1, using: &g) } }
        s.exits.baseHazard = s.exits.baseHazard.map { $0.map(scale) }
        s.exits.reentryProbability = Double.random(in: 0...0.5, using: &g)
        s.exits.stayingPutProbability = Double.random(in: 0...1, using: &g)
        s.breakdowns.annualHazardByPlacement = s.breakdowns.annualHazardByPlacement.map(scale)
        s.plannedMoves.annualHazardByPlacement = s.plannedMoves.annualHazardByPlacement.map(scale)
        return s
    }

    func testEveryInvariantHoldsOverTwoHundredSeedsAndRandomScenarios() {
        for seed in UInt64(1)...200 {
            let s = Self.randomScenario(seed: seed)
            let years = Int(seed % 3) + 2
            let result = TestScenarios.run(s, years: years, replications: 1, seed: seed, threads: 1, checkInvariants: true)
            XCTAssertEqual(result.invariantViolations, [], "seed \(seed)")
            Self.checkStockFlow(result, start: s.population.childrenInCare, years: years, replication: 0,
                                label: "seed \(seed)")
            for y in 0..<years {
                let v = { (m: AnnualMetric) in result.value(m, year: y, replication: 0) }
                let placements: [AnnualMetric] = [.inHouseFoster, .ifaFoster, .kinshipFoster, .residential,
                                                  .supportedAccommodation, .placedWithParents, .placedForAdoption,
                                                  .otherPlacement]
                XCTAssertEqual(placements.map(v).reduce(0, +), v(.childrenInCare), "seed \(seed): one placement each")
                for m in AnnualMetric.allCases where m.isMoney {
                    XCTAssertGreaterThanOrEqual(v(m), 0, "seed \(seed), year \(y): \(m.label) is negative")
                }
                let lines: [AnnualMetric] = [.costInHouseFoster, .costIFAFoster, .costResidential, .costOther]
                XCTAssertEqual(lines.map(v).reduce(0, +), v(.costTotal), accuracy: 1e-6 * max(1, v(.costTotal)))
                XCTAssertLessThanOrEqual(v(.inHouseFoster), v(.inHousePlaces), "seed \(seed): in-house over capacity")
                XCTAssertLessThanOrEqual(v(.inHouseVacancies), v(.inHousePlaces) - v(.inHouseFoster))
                Self.checkRequestsWalkTheList(result, s, year: y, label: "seed \(seed), year \(y)")
            }
        }
    }

    /// Conservation of children in one replication: in every year, children in care at the start + entries (which
    /// count re-entries) − exits by every route = children in care at 31 March.
    static func checkStockFlow(_ result: RunResult, start: Int, years: Int, replication: Int, label: String) {
        var previous = Double(start)
        for y in 0..<years {
            let v = { (m: AnnualMetric) in result.value(m, year: y, replication: replication) }
            let exits = v(.exitsReunification) + v(.exitsAdoption) + v(.exitsSGO) + v(.exitsAge18) + v(.exitsOther)
            XCTAssertEqual(previous + v(.entries) - exits, v(.childrenInCare),
                           "\(label), replication \(replication), year \(y): start + entries - exits = end")
            previous = v(.childrenInCare)
        }
    }

    /// Every request ends in one placement, and at each position of the preference list the requests that got that
    /// far were placed there or fell through there, each counted once (a sibling group's requests count per child,
    /// whether it was placed together or split).
    static func checkRequestsWalkTheList(_ result: RunResult, _ s: Scenario, year y: Int, label: String) {
        let count = { (column: Int) in Int(result.requests[y * RequestTally.count + column]) }
        var reaching = count(RequestTally.requests) - count(RequestTally.directRoute)
        for preference in s.routes.preferenceOrder {
            let placed = count(RequestTally.placed(by: preference))
            let fell = FallThroughReason.allCases.map { count(RequestTally.fellThrough(preference, $0)) }.reduce(0, +)
            XCTAssertEqual(placed + fell, reaching, "\(label): \(preference.label) placed \(placed), fell through \(fell)")
            reaching -= placed
        }
        XCTAssertEqual(reaching, 0, "\(label): every request ends in a placement")
    }

    func testTheInvariantChecksCatchABrokenStockCount() {
        // The checker itself must be able to fail: corrupt one running count and it reports it.
        let model = CompiledScenario(TestScenarios.baseline(), horizonYears: 1)
        let rows = TestRows(model)
        var replication = rows.world(model)
        replication.run(index: 0, seed: 7, annual: rows.annual, monthly: rows.monthly, requests: rows.requests)
        XCTAssertEqual(Invariants.check(replication), [])
        replication.stock[PlacementType.residential.index] += 1
        XCTAssertFalse(Invariants.check(replication).isEmpty)
        replication.stock[PlacementType.residential.index] -= 1
        if let h = replication.households.indices.first(where: { replication.households[$0].active }) {
            replication.households[h].occupied = replication.households[h].places + 1
            XCTAssertTrue(Invariants.check(replication).contains { $0.contains("places") })
        }
    }
}
