import XCTest
@testable import SufficiencyModel
@testable import SufficiencySimulation

/// Siblings are kept together so far as reasonably practicable (Children Act 1989, s22C(8)(c)): a group no in-house
/// household can take together is offered to the agency market together before it is split. The engine used to split
/// it child by child as soon as in-house care had a free place for one of them, so an agency carer for the whole group
/// (`ifa_market.sibling_groups_together`) was asked only when in-house care had no free place at all.
final class SiblingTogetherTests: XCTestCase {
    /// Pairs, when in-house households have one place each (free, and taking any child) and the agency market finds a
    /// carer for any child and one for a pair with probability `together`: a pair goes to one agency carer with that
    /// probability, and otherwise each child goes in-house.
    func testAGroupIsOfferedToTheAgencyTogetherBeforeItIsSplit() {
        let half = pairs(together: 0.5)
        XCTAssertEqual(half.sharePlacedTogether, 0.5, accuracy: 0.04)
        XCTAssertEqual(half.shareWithAgency, half.sharePlacedTogether, accuracy: 1e-12, "a pair placed together is with one agency carer")
        XCTAssertEqual(half.shareInHouse, 1 - half.shareWithAgency, accuracy: 1e-12)
        // Why in-house care fell through for a pair it could not take together counts once the pair is placed together
        // with the agency, for both children; a pair split and placed in-house child by child did not fall through.
        XCTAssertEqual(half.inHouseNoMatch, half.withAgency)
        XCTAssertEqual(half.marketDeclined, 0)

        let always = pairs(together: 1)
        XCTAssertEqual(always.shareWithAgency, 1, "no pair is split when an agency carer takes every pair")
    }

    /// With no agency carer for a pair, every pair is split and its children placed in-house one by one, and nothing
    /// the group was refused together is counted on top of what each child got.
    func testASplitGroupsChildrenRecordOnlyTheirOwnRequests() {
        let never = pairs(together: 0)
        XCTAssertEqual(never.shareInHouse, 1)
        XCTAssertEqual(never.sharePlacedTogether, 0)
        XCTAssertEqual(never.inHouseNoMatch, 0)
        XCTAssertEqual(never.marketDeclined, 0)
    }

    /// A child who must be placed alone lives with no other child, siblings included: a pair with such a child is
    /// split at once, even when every agency offer would take the pair.
    func testAGroupWithAChildWhoMustBePlacedAloneIsSplit() {
        let alone = pairs(together: 1, placedAlone: 1)
        XCTAssertEqual(alone.sharePlacedTogether, 0)
        XCTAssertEqual(alone.shareInHouse, 1)
        XCTAssertEqual(alone.inHouseNoMatch, 0)
    }

    struct Outcome {
        var groups = 0, together = 0, children = 0, inHouse = 0, withAgency = 0
        var inHouseNoMatch = 0, marketDeclined = 0
        var sharePlacedTogether: Double { Double(together) / Double(groups) }
        var shareInHouse: Double { Double(inHouse) / Double(children) }
        var shareWithAgency: Double { Double(withAgency) / Double(children) }
    }

    /// 1,500 arriving pairs of children of standard needs, 4,000 empty in-house households of one place each that
    /// accept every child, and an agency market that finds a carer for every child; `placedAlone` of the children
    /// must be placed alone.
    func pairs(together: Double, placedAlone: Double = 0) -> Outcome {
        var s = TestScenarios.arrivingGroups(sizeMix: [0, 1, 0, 0], households: 4_000, places: 1)
        s.routes.preferenceOrder = [.inHouseFoster, .ifaFoster, .residential]
        s.inHouse.solePlacementByNeed = [placedAlone, 0, 0]
        s.inHouse.acceptanceByAgeNeed = s.inHouse.acceptanceByAgeNeed.map { $0.map { _ in 1 } }
        s.ifa.foundProbability = s.ifa.foundProbability.map { $0.map { _ in 1 } }
        s.ifa.siblingGroupsTogether = together
        var outcome = Outcome()
        TestScenarios.arrivals(s, groups: 1_500, each: { w, brought in
            for i in brought {
                outcome.children += 1
                if w.children[i].placement == .inHouseFoster { outcome.inHouse += 1 }
                if w.children[i].placement == .ifaFoster { outcome.withAgency += 1 }
            }
        }, after: { w in
            outcome.groups = Int(w.requests[RequestTally.siblingGroups])
            outcome.together = Int(w.requests[RequestTally.siblingGroupsTogether])
            outcome.inHouseNoMatch = Int(w.requests[RequestTally.fellThrough(.inHouseFoster, .noMatch)])
            outcome.marketDeclined = Int(w.requests[RequestTally.fellThrough(.ifaFoster, .marketDeclined)])
        })
        XCTAssertEqual(outcome.children, 3_000, "pairs only, none placed directly")
        XCTAssertEqual(outcome.groups, 1_500)
        return outcome
    }

    /// README "Matching": "3+ siblings together need `sibling_groups`" — and only 3 or more: a pair needs no
    /// specialism. Households of 4 places with no specialism, carers who accept every child, in-house care then
    /// residential care: every pair lives together in one household, and no group of three does (each of its
    /// children is placed in-house on their own, in three households); with `sibling_groups` carers, every group of
    /// three lives together.
    func testOnlyGroupsOfThreeOrMoreNeedSiblingGroupCarers() {
        func sharesTogether(size: Int, specialisms: [Double]) -> Double {
            var s = TestScenarios.arrivingGroups(sizeMix: (1...4).map { $0 == size ? 1 : 0 }, households: 3_000, places: 4)
            s.routes.preferenceOrder = [.inHouseFoster, .residential]
            s.inHouse.acceptanceByAgeNeed = s.inHouse.acceptanceByAgeNeed.map { $0.map { _ in 1 } }
            s.inHouse.specialismShare = specialisms
            var groups = 0, together = 0
            TestScenarios.arrivals(s, groups: 500, each: { w, brought in
                let homes = Set(brought.map { w.children[$0].household?.raw ?? -1 })
                groups += 1
                if homes.count == 1 && !homes.contains(-1) { together += 1 }
            })
            return Double(together) / Double(groups)
        }
        let none = Specialism.allCases.map { _ in 0.0 }
        let siblingCarers = Specialism.allCases.map { $0 == .siblingGroups ? 1.0 : 0 }
        XCTAssertEqual(sharesTogether(size: 2, specialisms: none), 1, "a pair needs no specialism")
        XCTAssertEqual(sharesTogether(size: 3, specialisms: none), 0, "three need sibling_groups carers")
        XCTAssertEqual(sharesTogether(size: 3, specialisms: siblingCarers), 1)
    }
}
