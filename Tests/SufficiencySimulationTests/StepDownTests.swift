@testable import SufficiencyModel
@testable import SufficiencySimulation
import XCTest

/// Residential step-down (model.md section 9) in a closed system: children in residential care only, no entries,
/// exits, carers leaving or joining, with complex-needs in-house carers enough for all, agency places always found,
/// and in-house placements that break down often. A stepped-down child is no longer assessed as needing residential
/// care, so when the foster placement breaks down the preference list finds another foster place: residential care
/// never grows back, and at every 31 March it holds exactly the children it started with less the step-downs so far.
final class StepDownTests: XCTestCase {
    /// A step-down from the first year on: a review every 30 days, stable after 60 days, 10 children a year.
    static func stepDown(from s: Scenario) -> ResidentialStepDown {
        var stepDown = ResidentialStepDown()
        stepDown.years = YearSpan(start: s.startDate.financialYear)
        stepDown.reviewIntervalDays = 30
        stepDown.stableDays = 60
        stepDown.capacityPerYear = 10
        return stepDown
    }

    /// `households` in-house households of one place each, for any age, all with the complex-needs specialism,
    /// never on hold, never taking fewer children, and none needing to be a child's only placement.
    static func complexNeedsCarers(_ s: inout Scenario, households: Int) {
        s.inHouse.households = households
        s.inHouse.placesMix = [1, 0, 0, 0]
        s.inHouse.approvalRanges = [ApprovalRange(youngest: 0, oldest: 17)]
        s.inHouse.approvalRangeMix = [1]
        s.inHouse.specialismShare = Specialism.allCases.map { $0 == .complexNeeds ? 1 : 0 }
        s.inHouse.onHoldShare = 0
        s.inHouse.fewerChildrenShare = 0
        s.inHouse.solePlacementByNeed = [0, 0, 0]
    }

    func testResidentialCareHoldsTheStartLessTheStepDownsWhenFosterPlacementsBreakDown() {
        let initial = 40, years = 3, replications = 40
        var s = TestScenarios.queue(lambda: 0, mu: 0, initial: initial)
        s.routes.preferenceOrder = [.inHouseFoster, .ifaFoster, .residential]
        s.routes.directResidentialByNeed = s.routes.directResidentialByNeed.map { _ in 0 }
        s.ifa.foundProbability = s.ifa.foundProbability.map { $0.map { _ in 1 } }
        s.ifa.availabilityMultiplier = Schedule(1)
        s.kinship.foundOnMove = 0
        Self.complexNeedsCarers(&s, households: 2 * initial)
        s.deregistration.annualHazard = 0
        s.deregistration.annualHazardFirstYear = 0
        s.breakdowns.annualHazardByPlacement = PlacementType.allCases.map { $0 == .inHouseFoster ? 2 : 0 }
        s.plannedMoves.annualHazardByPlacement = s.plannedMoves.annualHazardByPlacement.map { _ in 0 }
        s.interventions.stepDown = Self.stepDown(from: s)
        let r = TestScenarios.run(s, years: years, replications: replications, checkInvariants: true)
        var stepDowns = 0.0, movesAfter = 0.0
        for rep in 0..<replications {
            var cumulative = 0.0
            for y in 0..<years {
                cumulative += r.value(.stepDowns, year: y, replication: rep)
                XCTAssertEqual(r.value(.childrenInCare, year: y, replication: rep), Double(initial), "closed")
                XCTAssertEqual(r.value(.residential, year: y, replication: rep), Double(initial) - cumulative,
                               "year \(y), replication \(rep)")
                // Moves beyond the step-downs are breakdowns of the foster placements the children stepped down to.
                movesAfter += r.value(.moves, year: y, replication: rep) - r.value(.stepDowns, year: y, replication: rep)
            }
            stepDowns += cumulative
        }
        // Ten a year while children remain: 30 a replication over three years.
        XCTAssertEqual(stepDowns, Double(replications * 10 * years), accuracy: Double(replications))
        XCTAssertGreaterThan(movesAfter / Double(replications), 10, "stepped-down placements break down")
    }

    /// A child is stepped down once stable in the *current* residential placement for `stable_days`
    /// (`ResidentialStepDown.stableDays`), however long in care: a child in care for 400 days who moved to this
    /// children's home 10 days ago is not stepped down at a review; one who has been there 60 days is.
    func testStabilityForStepDownIsCountedFromThePlacementsStartNotFromEntry() {
        var s = TestScenarios.queue(lambda: 0, mu: 0, initial: 0)
        Self.complexNeedsCarers(&s, households: 10)
        s.interventions.stepDown = Self.stepDown(from: s)
        let model = CompiledScenario(s, horizonYears: 1)
        let rows = TestRows(model)
        var w = rows.world(model)
        Carers.setUpHouseholds(&w)
        let i = Arrivals.addChild(&w, age: 12, need: .complex, plan: .longTermCare, uasc: false, entry: -400)
        Placements.place(&w, i, in: .residential, distance: .local, isMove: true, samplingEnd: false)
        w.children[i].placementStart = -10     // in care 400 days, in this home 10
        Interventions.reviewStepDown(&w)
        XCTAssertEqual(w.children[i].placement, .residential, "10 days in the placement: not yet stable")
        w.children[i].placementStart = -60
        Interventions.reviewStepDown(&w)
        XCTAssertEqual(w.children[i].placement, .inHouseFoster, "60 days in the placement: stepped down")
    }
}
