import XCTest
@testable import SufficiencyModel
@testable import SufficiencySimulation

/// The reasons approved places stay empty, recruitment as a funnel, and retention acting on the carers' own
/// decisions: each checked against what it must do, on common random numbers where a comparison is made.
final class SupplyMechanismTests: XCTestCase {
    func mean(_ r: RunResult, _ m: AnnualMetric, year y: Int) -> Double {
        r.values(m, year: y).reduce(0, +) / Double(r.replications)
    }

    func requests(_ r: RunResult, _ column: Int, year y: Int) -> Double {
        r.requestValues(column: column, year: y).reduce(0, +) / Double(r.replications)
    }

    /// Carers who never accept: no request is placed in-house, every in-house fall-through with a fitting household
    /// is a decline, and occupancy falls as the children already placed leave.
    func testCarersWhoNeverAcceptPlaceNobody() {
        var s = TestScenarios.baseline()
        s.inHouse.acceptanceByAgeNeed = AgeBand.allCases.map { _ in NeedTier.allCases.map { _ in 0 } }
        s.inHouse.specialistAcceptance = 0
        let never = TestScenarios.run(s, years: 2, replications: 40)
        let usual = TestScenarios.run(TestScenarios.baseline(), years: 2, replications: 40)
        for y in 0..<2 {
            XCTAssertEqual(requests(never, RequestTally.placed(by: .inHouseFoster), year: y), 0)
            XCTAssertGreaterThan(requests(never, RequestTally.fellThrough(.inHouseFoster, .declined), year: y), 50)
            XCTAssertLessThan(mean(never, .inHouseOccupancyPct, year: y), mean(usual, .inHouseOccupancyPct, year: y))
        }
    }

    /// Every child must be placed alone: no household ever holds two children in care, and the other free places
    /// of a household with a child count as not available.
    func testChildrenPlacedAloneLiveAloneAndBlockTheOtherPlaces() {
        var s = TestScenarios.baseline()
        s.inHouse.solePlacementByNeed = [1, 1, 1]
        s.population.childrenInCare = 0
        s.population.stayingPut = 0
        let r = TestScenarios.run(s, years: 2, replications: 20, checkInvariants: true)
        XCTAssertEqual(r.invariantViolations, [])
        for rep in 0..<r.replications {
            for y in 0..<2 {
                XCTAssertLessThanOrEqual(r.value(.inHouseFoster, year: y, replication: rep),
                                         r.value(.inHouseHouseholds, year: y, replication: rep))
            }
        }
        XCTAssertGreaterThan(mean(r, .inHousePlacesUnavailable, year: 1), 10)
    }

    /// Households that take one child fewer than approved hold fewer children on the same seeds.
    func testHouseholdsTakingFewerChildrenFillFewerPlaces() {
        var fewer = TestScenarios.baseline()
        fewer.inHouse.fewerChildrenShare = 1
        var full = TestScenarios.baseline()
        full.inHouse.fewerChildrenShare = 0
        let a = TestScenarios.run(fewer, years: 3, replications: 100)
        let b = TestScenarios.run(full, years: 3, replications: 100)
        XCTAssertLessThan(mean(a, .inHouseOccupancyPct, year: 2) + 5, mean(b, .inHouseOccupancyPct, year: 2))
        XCTAssertGreaterThan(mean(a, .ifaFoster, year: 2) + mean(a, .residential, year: 2),
                             mean(b, .ifaFoster, year: 2) + mean(b, .residential, year: 2))
    }

    /// A funnel of 200 enquiries a year, 5% applying and all approved, gives 10 approvals a year like a target of
    /// 10: the same expectation, and over many replications the same mean within four standard errors.
    func testAFunnelGivesEnquiriesTimesItsConversions() {
        var target = TestScenarios.baseline()
        target.recruitment.approvalsPerYear = Schedule(10)
        var funnel = target
        funnel.recruitment.funnel = RecruitmentFunnel(
            enquiriesPerYear: Schedule(200), applicationShare: 0.05, approvalShare: 1,
            monthsToApplicationMean: 2, monthsToApplicationShape: 4, monthsToApprovalMean: 4,
            monthsToApprovalShape: 4)
        let year = target.startDate.financialYear
        XCTAssertEqual(funnel.recruitment.expectedApprovals(year), 10, accuracy: 1e-12)
        let a = TestScenarios.run(funnel, years: 4, replications: 400)
        let b = TestScenarios.run(target, years: 4, replications: 400)
        for y in 1..<4 {
            let x = a.values(.approvals, year: y), z = b.values(.approvals, year: y)
            let (mx, vx) = moments(x), (mz, vz) = moments(z)
            let se = ((vx + vz) / Double(x.count)).squareRoot()
            XCTAssertEqual(mx, mz, accuracy: 4 * se, "year \(y)")
            XCTAssertEqual(mx, 10, accuracy: 4 * (vx / Double(x.count)).squareRoot() + 0.5, "year \(y)")
        }
    }

    /// Retention support acts only on the carers' own decisions: with no carer-initiated deregistrations it
    /// changes nothing (identical deregistrations on the same seeds); with all of them carer-initiated it halves
    /// the hazard.
    func testRetentionActsOnTheCarersPartOnly() {
        func withRetention(_ s: Scenario) -> Scenario {
            var s = s
            s.interventions.retention = RetentionSupport(
                years: YearSpan(start: s.startDate.financialYear, end: nil), deregistrationMultiplier: 0.5,
                costPerHouseholdPerYear: 0)
            return s
        }
        var serviceOnly = TestScenarios.baseline()
        serviceOnly.deregistration.reasonMix = [0, 1, 0]
        let years = CompiledScenario(serviceOnly, horizonYears: 3).levers.deregistrationMultiplier
        XCTAssertEqual(CompiledScenario(withRetention(serviceOnly), horizonYears: 3).levers.deregistrationMultiplier, years)
        let a = TestScenarios.run(serviceOnly, years: 3, replications: 30)
        let b = TestScenarios.run(withRetention(serviceOnly), years: 3, replications: 30)
        for y in 0..<3 { XCTAssertEqual(a.values(.deregistrations, year: y), b.values(.deregistrations, year: y)) }

        var carerOnly = TestScenarios.baseline()
        carerOnly.deregistration.reasonMix = [1, 0, 0]
        XCTAssertEqual(CompiledScenario(withRetention(carerOnly), horizonYears: 3).levers.deregistrationMultiplier,
                       [0.5, 0.5, 0.5])
        var mixed = TestScenarios.baseline()
        mixed.deregistration.reasonMix = [0.7, 0.3, 0]
        XCTAssertEqual(CompiledScenario(withRetention(mixed), horizonYears: 3).levers.deregistrationMultiplier[0],
                       0.7 * 0.5 + 0.3, accuracy: 1e-12)
    }

    /// The baseline with no children and one household of `places` places, approved for every age and specialism.
    func oneHousehold(places: Int, takesFewer: Bool, onHoldShare: Double) -> Scenario {
        var s = TestScenarios.baseline()
        s.inHouse.households = 1
        s.inHouse.placesMix = (1...4).map { $0 == places ? 1 : 0 }
        s.inHouse.approvalRanges = [ApprovalRange(youngest: 0, oldest: 17)]
        s.inHouse.approvalRangeMix = [1]
        s.inHouse.specialismShare = [1, 1, 1, 1]
        s.inHouse.fewerChildrenShare = takesFewer ? 1 : 0
        s.inHouse.onHoldShare = onHoldShare
        s.population.childrenInCare = 0
        s.population.stayingPut = 0
        return s
    }

    /// A place held back by a household that takes a child fewer than approved counts as vacant (Ofsted's figure,
    /// `in_house_vacancies`), so a request that finds no household able to take it fell through because no free
    /// place fitted (`no_match`), not because none was free (`no_vacancy`); once the household is on hold, its place
    /// is not available, and the request finds no vacancy. (Before this was checked, both were `no_vacancy`.)
    func testAPlaceHeldBackIsVacantSoARequestFallsThroughForWantOfAFit() {
        for onHold in [false, true] {
            // Holds switched on, so that the held-back place is looked at through them (the household starts off hold).
            var s = oneHousehold(places: 2, takesFewer: true, onHoldShare: onHold ? 0.2 : 0)
            s.inHouse.solePlacementByNeed = [0, 0, 0]
            s.routes.preferenceOrder = [.inHouseFoster, .residential]
            let model = CompiledScenario(s, horizonYears: 1)
            let rows = TestRows(model)
            var r = rows.world(model)
            Carers.setUpHouseholds(&r)
            r.households[0].onHold = false
            r.households[0].nextToggle = .infinity
            XCTAssertTrue(r.households[0].takesFewer)
            let first = Arrivals.addChild(&r, age: 8, need: .standard, plan: .longTermCare, uasc: false)
            Placements.place(&r, first, in: .inHouseFoster, household: HouseholdID(0), distance: .local, isMove: false)
            XCTAssertEqual(r.households[0].vacancies, 1, "the place held back counts as vacant")
            XCTAssertEqual(r.listedHouseholds, 0, "but no request can use it")
            XCTAssertEqual(r.heldBack.count, 1)
            if onHold { r.households[0].onHold = true }
            let second = Arrivals.addChild(&r, age: 9, need: .standard, plan: .longTermCare, uasc: false)
            Matching.startRequest(&r, SiblingGroup(second))
            Matching.walkPreferences(&r, SiblingGroup(second), from: 0, kind: .entry)
            let noMatch = r.requests[RequestTally.fellThrough(.inHouseFoster, .noMatch)]
            let noVacancy = r.requests[RequestTally.fellThrough(.inHouseFoster, .noVacancy)]
            XCTAssertEqual([noMatch, noVacancy], onHold ? [0, 1] : [1, 0], onHold ? "on hold" : "off hold")
            XCTAssertEqual(r.children[second].placement, .residential)
            // The held-back list follows the household: emptied, it holds nothing back (it would take a group).
            Placements.vacate(&r, first, keepHouseholdPlace: false)
            XCTAssertEqual(r.heldBack.count, 0)
            XCTAssertEqual(r.households[0].heldBackSlot, -1)
        }
    }

    /// A re-match after a breakdown never returns the child to the household just left.
    func testAMoveIsNeverBackToTheSameHousehold() {
        // Checked through the search itself: the excluded household is never a candidate.
        let model = CompiledScenario(oneHousehold(places: 4, takesFewer: false, onHoldShare: 0), horizonYears: 1)
        let rows = TestRows(model)
        var r = rows.world(model)
        Carers.setUpHouseholds(&r)
        let i = Arrivals.addChild(&r, age: 8, need: .standard, plan: .longTermCare, uasc: false)
        XCTAssertEqual(Matching.findHousehold(&r, for: SiblingGroup(i)).0, 0, "the only household fits")
        r.children[i].previousHousehold = HouseholdID(0)
        XCTAssertEqual(Matching.gatherHouseholds(&r, for: SiblingGroup(i), requiring: nil, excluding: HouseholdID(0)), .noMatch)
        XCTAssertTrue(r.candidateCounts == (0, 0, 0), "the household just left is not proposed again")
    }

    /// Holds are a two-state Markov chain (model.md section 3): a household goes on hold at rate s / ((1 − s) d) and
    /// comes off at rate 1 / d, so over a long time it is on hold a share s of the time, in spells of mean d days.
    /// 400 households followed for ten years, looked at daily, as matching would: on hold 0.3 of the time (sd of the
    /// share about 0.004, with runs of some 63 days) in spells of about 90 days (some 4,700 spells: sd about 1.3).
    func testHouseholdsAreOnHoldTheirShareOfTheTimeInSpellsOfTheMeanLength() {
        var s = TestScenarios.baseline()
        s.inHouse.households = 400
        s.inHouse.onHoldShare = 0.3
        s.inHouse.onHoldMeanDays = 90
        let model = CompiledScenario(s, horizonYears: 10)
        let rows = TestRows(model)
        var w = rows.world(model)
        w.replicationKey = 0x401D
        Carers.setUpHouseholds(&w)
        XCTAssertEqual(w.households.count, 400)
        let startedOn = w.households.indices.filter { w.households[$0].onHold }.count
        var onDays = 0
        for day in 1...3_650 {
            w.now = Double(day)
            for h in w.households.indices {
                Carers.advanceHold(&w, h)
                if w.households[h].onHold { onDays += 1 }
            }
        }
        XCTAssertEqual(Double(onDays) / Double(400 * 3_650), 0.3, accuracy: 0.02, "share of household-days on hold")
        // Every change of state drew the time of the next (one draw more than the changes, for each household): of
        // the changes, the spells ended are half, corrected by how many were on hold at the start and at the end.
        let changes = w.households.indices.reduce(0) { $0 + Int(w.households[$1].toggles) - 1 }
        let endedOn = w.households.indices.filter { w.households[$0].onHold }.count
        let spellsEnded = (changes + startedOn - endedOn) / 2
        XCTAssertEqual(Double(onDays) / Double(spellsEnded), 90, accuracy: 6, "mean on-hold spell, days")
    }

    /// Single children of need tier `need` arriving one after another on the start date into 3,000 empty in-house
    /// households of 4 places, approved for every age, all with the specialisms `specialisms`, whose carers (one
    /// asked per request) accept with probability `q` (raised to `specialist` where their specialism is for the
    /// child), with only residential care besides: children placed in-house and children, by whole year of age.
    func inHouseByAge(need: NeedTier, specialisms: Set<Specialism>, q: Double, specialist: Double,
                      arrivals: Int = 4_000) -> [(placed: Int, children: Int)] {
        var s = TestScenarios.arrivingGroups(sizeMix: [1, 0, 0, 0], households: 3_000, places: 4)
        s.routes.preferenceOrder = [.inHouseFoster, .residential]
        s.entries.needMixByAge = s.entries.needMixByAge.map { _ in NeedTier.allCases.map { $0 == need ? 1 : 0 } }
        s.inHouse.specialismShare = Specialism.allCases.map { specialisms.contains($0) ? 1 : 0 }
        s.inHouse.proposalsPerRequest = 1
        s.inHouse.acceptanceByAgeNeed = s.inHouse.acceptanceByAgeNeed.map { $0.map { _ in q } }
        s.inHouse.specialistAcceptance = specialist
        var byAge = [(placed: Int, children: Int)](repeating: (0, 0), count: 18)
        TestScenarios.arrivals(s, groups: arrivals, each: { w, brought in
            for i in brought {
                let a = Int(w.children[i].age(at: w.now))
                byAge[a].children += 1
                if w.children[i].placement == .inHouseFoster { byAge[a].placed += 1 }
            }
        })
        return byAge
    }

    /// The share placed in-house of the children aged `ages`.
    func share(_ byAge: [(placed: Int, children: Int)], _ ages: ClosedRange<Int>) -> Double {
        let placed = ages.reduce(0) { $0 + byAge[$1].placed }, children = ages.reduce(0) { $0 + byAge[$1].children }
        return Double(placed) / Double(children)
    }

    /// README "Matching": carers accept "with a probability by the child's age band and need tier (higher for carers
    /// whose specialism is for the child)": `specialist_acceptance` replaces a lower chance (never a higher one) for a
    /// child of 10 or over with `teenagers` carers, and for complex or very complex needs with `complex_needs`
    /// carers; complex needs at 13 and over need one of those specialisms to fit at all. Binomial shares of several
    /// hundred children each, so ±0.05 is over 3 standard errors.
    func testCarersSpecialismsRaiseTheirAcceptanceForTheChildrenTheyAreFor() {
        // `teenagers` carers: 1/2 under 10, 0.9 from the 10th birthday (not the 13th).
        let teen = inHouseByAge(need: .standard, specialisms: [.teenagers], q: 0.5, specialist: 0.9)
        XCTAssertEqual(share(teen, 0...9), 0.5, accuracy: 0.05)
        XCTAssertEqual(share(teen, 10...12), 0.9, accuracy: 0.05)
        XCTAssertEqual(share(teen, 13...17), 0.9, accuracy: 0.05)
        // A specialist chance below the usual one does not lower it.
        let lower = inHouseByAge(need: .standard, specialisms: [.teenagers], q: 0.5, specialist: 0.3)
        XCTAssertEqual(share(lower, 0...9), 0.5, accuracy: 0.05)
        XCTAssertEqual(share(lower, 10...17), 0.5, accuracy: 0.05)
        // `complex_needs` carers: 0.9 for complex needs (not only very complex), at every age.
        let complex = inHouseByAge(need: .complex, specialisms: [.complexNeeds], q: 0.5, specialist: 0.9)
        XCTAssertEqual(share(complex, 0...9), 0.9, accuracy: 0.05)
        XCTAssertEqual(share(complex, 10...17), 0.9, accuracy: 0.05)
        // No specialism, carers who always accept: complex needs fit up to the 13th birthday and not from it.
        let plain = inHouseByAge(need: .complex, specialisms: [], q: 1, specialist: 1)
        XCTAssertEqual(share(plain, 0...12), 1)
        XCTAssertEqual(share(plain, 13...17), 0)
    }
}
