import XCTest
@testable import SufficiencyModel
@testable import SufficiencySimulation

/// Siblings entering together get ages near the first child's that stay inside 0 to 18 without piling up at the
/// ends (the engine used to clamp them to [0, 17.9]: newborns entering on their day of birth, and young people
/// entering at exactly 17.9 who left weeks later).
final class EntryAgeTests: XCTestCase {
    func testSiblingAgesHaveNoPointMassAtTheEndsOfTheRange() {
        var s = TestScenarios.baseline()
        s.entries.siblingGroupSizeMix = [0, 0, 0, 1]
        s.entries.siblingAgeSpreadYears = 6
        let model = CompiledScenario(s, horizonYears: 5)
        let rows = TestRows(model)
        var w = rows.world(model)
        var entrants = 0, bornOnEntry = 0, at17_9 = 0, outside = 0
        for replication in 0..<4 {
            w.run(index: replication, seed: 21, annual: rows.annual, monthly: rows.monthly, requests: rows.requests)
            for c in w.children.elements where c.entry >= 0 && !c.uasc {
                entrants += 1
                let age = (c.entry - c.birth) / daysPerYear
                if c.entry == c.birth { bornOnEntry += 1 }
                if abs(age - 17.9) < 1e-9 { at17_9 += 1 }
                if age < 0 || age >= 18 { outside += 1 }
            }
        }
        XCTAssertGreaterThan(entrants, 500)
        XCTAssertEqual(bornOnEntry, 0, "children entering on the day they were born")
        XCTAssertEqual(at17_9, 0, "children entering at exactly 17.9")
        XCTAssertEqual(outside, 0)
    }
}
