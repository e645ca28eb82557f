import XCTest
@testable import SufficiencyModel
@testable import SufficiencySimulation

/// Siblings placed together live at one distance from home: with one family member (kinship) as with one agency
/// carer. The engine drew a distance per child for kinship, so siblings in one household could be "local" and
/// "distant" at once, which spread `placed_over_20_miles_pct` more than the placements do.
final class SiblingDistanceTests: XCTestCase {
    func testSiblingsPlacedTogetherWithKinOrAnAgencyCarerShareADistance() {
        for preference in [PlacementPreference.kinshipFoster, .ifaFoster] {
            var s = TestScenarios.baseline()
            s.uasc.annualRate = 0
            s.entries.siblingGroupSizeMix = [0, 0.5, 0.3, 0.2]
            s.routes.preferenceOrder = [preference, .residential]
            s.routes.directResidentialByNeed = s.routes.directResidentialByNeed.map { _ in 0 }
            s.routes.residentialSchoolByNeed = s.routes.residentialSchoolByNeed.map { _ in 0 }
            s.routes.supportedAccommodationAt16To17 = 0
            s.routes.placedWithParentsAtEntry = 0
            s.routes.secureAtEntry = 0
            s.kinship.foundAtEntryByAge = s.kinship.foundAtEntryByAge.map { _ in 1 }
            s.kinship.distanceMix = [0.5, 0.25, 0.25]
            s.ifa.siblingGroupsTogether = 1
            // No child who must be placed alone: no foster carer takes such a child's group together.
            s.inHouse.solePlacementByNeed = [0, 0, 0]
            s.ifa.foundProbability = s.ifa.foundProbability.map { $0.map { _ in 1 } }
            s.ifa.distanceMix = [0.5, 0.25, 0.25]
            let model = CompiledScenario(s, horizonYears: 1)
            let rows = TestRows(model)
            var w = rows.world(model)
            var groups = 0, local = 0, children = 0
            for _ in 0..<2_000 {
                let first = w.children.count
                Arrivals.arrive(&w)
                let type = w.children[first].placement
                XCTAssertEqual(type, preference == .kinshipFoster ? .kinshipFoster : .ifaFoster)
                groups += 1
                for i in first..<w.children.count {
                    XCTAssertEqual(w.children[i].placement, type)
                    XCTAssertEqual(w.children[i].distance, w.children[first].distance, "\(preference): child \(i)")
                    children += 1
                    if w.children[i].distance == .local { local += 1 }
                }
            }
            XCTAssertGreaterThan(children, 2 * groups)
            // Each group's distance is still drawn from the mix: about half local.
            XCTAssertEqual(Double(local) / Double(children), 0.5, accuracy: 0.05, "\(preference)")
        }
    }
}
