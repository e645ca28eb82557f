import XCTest
@testable import SufficiencyModel
@testable import SufficiencySimulation

/// A sibling group the carers decline together is proposed child by child, and each child's answer is a fresh
/// one. The group's answers were drawn from its first child's keyed stream, so that child alone was asked with the
/// very numbers that had just said no, and was declined again whenever its acceptance was the group's.
final class SiblingProposalTests: XCTestCase {
    func testAChildOfADeclinedGroupIsAskedAfreshOnTheirOwn() {
        // Single children: accepted with probability 1/2 (a check on the set-up).
        XCTAssertEqual(shareInHouse(groupSizeMix: [1, 0, 0, 0]), 0.5, accuracy: 0.03)
        // Pairs: together with probability 1/2; otherwise each child alone with probability 1/2: 1/2 + 1/4.
        // (With the group's numbers reused, the first child alone was always declined: 1/2 + 1/8.)
        XCTAssertEqual(shareInHouse(groupSizeMix: [0, 1, 0, 0]), 0.75, accuracy: 0.03)
    }

    /// The share of 3,000 arriving groups' children placed in-house, when 2,000 empty households of 4 places take
    /// any child of standard needs, the carers asked (one per request) accept with probability 1/2, and nothing
    /// else but residential care is on offer.
    func shareInHouse(groupSizeMix: [Double]) -> Double {
        var s = TestScenarios.arrivingGroups(sizeMix: groupSizeMix, households: 2_000, places: 4)
        s.routes.preferenceOrder = [.inHouseFoster, .residential]
        s.inHouse.proposalsPerRequest = 1
        s.inHouse.acceptanceByAgeNeed = s.inHouse.acceptanceByAgeNeed.map { $0.map { _ in 0.5 } }
        var children = 0, inHouse = 0
        TestScenarios.arrivals(s, groups: 3_000, each: { w, brought in
            for i in brought {
                children += 1
                if w.children[i].placement == .inHouseFoster { inHouse += 1 }
            }
        })
        return Double(inHouse) / Double(children)
    }
}
