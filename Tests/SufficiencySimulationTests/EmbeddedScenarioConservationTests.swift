import Foundation
import SufficiencyModel
@testable import SufficiencySimulation
import XCTest

/// Conservation of children with the levers on. The invariant tests draw random scenarios around the default, which
/// has no interventions; the library's scenarios switch on the levers (recruitment programmes, reunification,
/// residential step-down, a savings plan, family safeguarding), each of which moves children or households in its
/// own code. Each embedded scenario is run with the engine's invariants checked after every event, and each
/// replication's annual outputs must conserve children: start + entries (re-entries included) − exits = end.
final class EmbeddedScenarioConservationTests: XCTestCase {
    func testEveryEmbeddedScenarioConservesChildrenAndKeepsItsInvariants() throws {
        let years = 3, replications = 3
        var reentries = 0.0, levers: [AnnualMetric: Double] = [:]
        let leverMetrics: [AnnualMetric] = [.programmeApprovals, .reunificationEnrolments, .stepDowns]
        for name in EmbeddedScenarios.names {
            let s = try ScenarioLoader.load(path: name).scenario
            let r = TestScenarios.run(s, years: years, replications: replications, seed: 11, checkInvariants: true)
            XCTAssertEqual(r.invariantViolations, [], name)
            for rep in 0..<replications {
                InvariantTests.checkStockFlow(r, start: s.population.childrenInCare, years: years, replication: rep,
                                              label: name)
                for y in 0..<years {
                    let v = { (m: AnnualMetric) in r.value(m, year: y, replication: rep) }
                    XCTAssertLessThanOrEqual(v(.reentries), v(.entries), "\(name): re-entries are among the entries")
                    reentries += v(.reentries)
                    for m in leverMetrics { levers[m, default: 0] += v(m) }
                }
            }
        }
        XCTAssertGreaterThan(reentries, 0, "re-entries must occur for the check to cover them")
        // The levers that move children or households must act somewhere in the library for the check to cover them.
        for m in leverMetrics { XCTAssertGreaterThan(levers[m, default: 0], 0, m.label) }
    }
}
