import XCTest
import SufficiencyModel
@testable import SufficiencySimulation

/// The DfE stability measures on hand-built placement histories: the pure definitions, and the engine's running
/// counts (`moves_3plus_pct`, `long_term_stability_pct`) driven through its own placement rules.
final class StabilityDefinitionTests: XCTestCase {
    let year = 365.25

    /// The baseline with no children and no in-house households, for histories built by hand.
    static var nobodyInCare: Scenario {
        var s = TestScenarios.baseline()
        s.population.childrenInCare = 0
        s.population.stayingPut = 0
        s.inHouse.households = 0
        return s
    }

    func testDefinitionsOnHandBuiltHistories() {
        // Three or more placements in the year [0, 365): the placement in force at the start counts.
        XCTAssertEqual(DfEStability.placementsInYear(starts: [-400, 100, 200], yearStart: 0, yearEnd: 365), 3)
        XCTAssertTrue(DfEStability.threeOrMore(starts: [-400, 100, 200], yearStart: 0, yearEnd: 365))
        XCTAssertFalse(DfEStability.threeOrMore(starts: [-400, -200, 100], yearStart: 0, yearEnd: 365))
        // At the edges: a placement begun on 1 April is the year's own, not carried in (the one before it is the
        // placement in force at the start, so three in all), and one begun on the next 1 April is not in the year.
        XCTAssertEqual(DfEStability.placementsInYear(starts: [-400, 0, 200], yearStart: 0, yearEnd: 365), 3)
        XCTAssertEqual(DfEStability.placementsInYear(starts: [0, 200], yearStart: 0, yearEnd: 365), 2)
        XCTAssertEqual(DfEStability.placementsInYear(starts: [-400, 200, 365], yearStart: 0, yearEnd: 365), 2)
        XCTAssertTrue(DfEStability.threeOrMore(starts: [10, 20, 30], yearStart: 0, yearEnd: 365))
        XCTAssertFalse(DfEStability.threeOrMore(starts: [10, 20, 400], yearStart: 0, yearEnd: 365))
        // Long-term: under 16, in care 2½ years or more, same placement 2 years or more.
        XCTAssertEqual(DfEStability.longTerm(age: 10, daysInCare: 3 * year, daysStable: 2 * year), .stable)
        XCTAssertEqual(DfEStability.longTerm(age: 10, daysInCare: 3 * year, daysStable: 2 * year - 1), .unstable)
        XCTAssertEqual(DfEStability.longTerm(age: 10, daysInCare: 2.5 * year - 1, daysStable: 2.4 * year), .outOfScope)
        XCTAssertEqual(DfEStability.longTerm(age: 16, daysInCare: 5 * year, daysStable: 5 * year), .outOfScope)
        XCTAssertEqual(DfEStability.longTerm(age: 15.99, daysInCare: 2.5 * year, daysStable: 2 * year), .stable)
    }

    /// Six children with known histories, driven through the engine's `place`, `vacate`, `moveToAdopters` and
    /// exit: at 31 March the engine's measures equal the DfE definitions applied to the same histories.
    func testEngineMeasuresMatchTheDefinitions() {
        let model = CompiledScenario(Self.nobodyInCare, horizonYears: 2)
        let rows = TestRows(model)
        var r = rows.world(model)
        let annual = rows.annual
        let yearEnd = model.yearEnd(0)

        struct History { var age: Double; var entry: Double; var starts: [Double]; var adoption: Double?; var leaves: Double? }
        // Ages are at 31 March; `starts` are the days placements began (the first is the entry's placement).
        let histories = [
            History(age: 11, entry: -1000, starts: [-1000, 100, 200], adoption: nil, leaves: nil),  // 3+, unstable
            History(age: 8, entry: -2000, starts: [-1500], adoption: nil, leaves: nil),             // stable
            History(age: 6, entry: 50, starts: [50, 120, 300], adoption: nil, leaves: nil),          // 3+, too new
            History(age: 16.5, entry: -2000, starts: [-2000], adoption: nil, leaves: nil),           // 16+: out
            History(age: 3, entry: -900, starts: [-700], adoption: 100, leaves: nil),                // adoption: stable
            History(age: 12, entry: -1200, starts: [-1200, 30, 60], adoption: nil, leaves: 300),     // left: out
        ]
        var expectedThreePlus = 0, inScope = 0, stable = 0, inCare = 0
        for h in histories {
            r.now = h.entry
            let i = Arrivals.addChild(&r, age: h.age - (yearEnd - h.entry) / daysPerYear, need: .standard, plan: .longTermCare,
                               uasc: false)
            r.inCare += 1
            for (k, start) in h.starts.enumerated() {
                r.now = start
                if k > 0 { Placements.vacate(&r, i) }
                Placements.place(&r, i, in: .ifaFoster, distance: .local, isMove: k > 0)
            }
            if let day = h.adoption {
                r.now = day
                Placements.moveToAdopters(&r, i)
            }
            if let day = h.leaves {
                r.now = day
                Placements.vacate(&r, i)
                Exits.leave(&r, i)
                continue
            }
            inCare += 1
            let allStarts = h.starts + (h.adoption.map { [$0] } ?? [])
            if DfEStability.threeOrMore(starts: allStarts, yearStart: 0, yearEnd: yearEnd) { expectedThreePlus += 1 }
            // For a child placed for adoption the placement before it counts too.
            let stableSince = h.adoption != nil ? h.starts.last! : allStarts.last!
            switch DfEStability.longTerm(age: h.age, daysInCare: yearEnd - h.entry, daysStable: yearEnd - stableSince) {
            case .stable: inScope += 1; stable += 1
            case .unstable: inScope += 1
            case .outOfScope: break
            }
        }
        r.now = yearEnd
        Metrics.recordYearEnd(&r)
        // By hand: children A and C had 3+ placements of 5 in care; A, B and E are in scope, B and E stable.
        XCTAssertEqual(inCare, 5)
        XCTAssertEqual(expectedThreePlus, 2)
        XCTAssertEqual(inScope, 3)
        XCTAssertEqual(stable, 2)
        XCTAssertEqual(annual[AnnualMetric.moves3PlusPct.rawValue], 40, accuracy: 1e-9)
        XCTAssertEqual(annual[AnnualMetric.longTermStabilityPct.rawValue], 100 * 2 / 3, accuracy: 1e-9)
        XCTAssertEqual(annual[AnnualMetric.childrenInCare.rawValue], 5)
    }

    /// A child who goes home and comes back within the year counts every placement held in it (DfE: placements
    /// during the year, in any period of care), including the one left, begun before the year: three children in
    /// care all of year 0 and at 31 March of year 1, each moved once in year 1, one of them also home for the summer
    /// and back. Only that one held 3 placements in year 1; a child who went home in year 0 and came back in year 1
    /// held 2. (Before the exit carried the placement left into the year's count, the first held 2 too.)
    func testAReturnHomeWithinTheYearCountsThePlacementLeft() {
        let model = CompiledScenario(Self.nobodyInCare, horizonYears: 2)
        let rows = TestRows(model)
        var r = rows.world(model)
        let start1 = model.yearStarts[1], end1 = model.yearEnd(1)
        var children: [Int] = []
        for _ in 0..<3 {
            r.now = 30
            let i = Arrivals.addChild(&r, age: 9, need: .standard, plan: .longTermCare, uasc: false)
            Money.changeInCare(&r, by: 1)
            Placements.place(&r, i, in: .ifaFoster, distance: .local, isMove: false)
            children.append(i)
        }
        // Child 2 goes home in year 0 and is back on the last day of it (its placement then begins in year 0).
        r.now = 200
        Placements.vacate(&r, children[2])
        Exits.leave(&r, children[2])
        r.now = start1 - 1
        Exits.reenter(&r, children[2])
        r.year = 1
        // Child 0 goes home in May of year 1 and is back in September, through the engine's exit and re-entry.
        r.now = start1 + 50
        Placements.vacate(&r, children[0])
        Exits.leave(&r, children[0])
        r.now = start1 + 150
        Exits.reenter(&r, children[0])
        for i in children {
            r.now = start1 + 250
            Placements.vacate(&r, i)
            Placements.place(&r, i, in: .ifaFoster, distance: .local, isMove: true)
        }
        r.now = end1
        Metrics.recordYearEnd(&r)
        XCTAssertEqual(rows.annual[AnnualMetric.count + AnnualMetric.childrenInCare.rawValue], 3)
        XCTAssertEqual(rows.annual[AnnualMetric.count + AnnualMetric.moves3PlusPct.rawValue], 100.0 / 3, accuracy: 1e-9)
        // The definition on the same histories, year 1: child 0 [30, 150, 250], child 1 [30, 250], child 2 [−1, 250].
        XCTAssertTrue(DfEStability.threeOrMore(starts: [30, start1 + 150, start1 + 250], yearStart: start1, yearEnd: end1))
        XCTAssertFalse(DfEStability.threeOrMore(starts: [30, start1 + 250], yearStart: start1, yearEnd: end1))
        XCTAssertFalse(DfEStability.threeOrMore(starts: [start1 - 1, start1 + 250], yearStart: start1, yearEnd: end1))
    }

    /// DfE long-term stability: "a child placed for adoption counts the adoptive placement together with the placement
    /// before it" (`DfEStability.longTerm`). A child in care 1,000 days, in an agency placement for 800, moves to
    /// adopters today: the placement that counts began 800 days ago, so at 2½ years in care and 2+ years "in the same
    /// placement" the child is stable; a move to any other placement restarts the count (0 days: unstable).
    func testAMoveToAdoptersKeepsThePlacementBeforeItsStartForLongTermStability() {
        let s = TestScenarios.queue(lambda: 0, mu: 0)
        let model = CompiledScenario(s, horizonYears: 1)
        let rows = TestRows(model)
        var w = rows.world(model)
        for (move, expected) in [(PlacementType.placedForAdoption, DfEStability.LongTerm.stable), (.inHouseFoster, .unstable)] {
            let i = Arrivals.addChild(&w, age: 4, need: .standard, plan: .adoption, uasc: false, entry: -1_000)
            Placements.place(&w, i, in: .ifaFoster, distance: .local, isMove: false, samplingEnd: false)
            w.children[i].placementStart = -800
            w.children[i].stableSince = -800
            Placements.vacate(&w, i)
            Placements.place(&w, i, in: move, distance: .local, isMove: true, samplingEnd: false)
            let c = w.children[i]
            XCTAssertEqual(DfEStability.longTerm(age: c.age(at: w.now), daysInCare: w.now - c.entry,
                                                 daysStable: w.now - c.stableSince), expected, "\(move)")
        }
    }
}
