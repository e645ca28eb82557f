import Foundation
import SufficiencyModel
@testable import SufficiencySimulation
import XCTest

/// The work estimate's placement endings (`WorkEstimate.Flows.endingRates` and `freshSurvival`) against the
/// integrals they stand for, worked out by quadrature from the hazard's definition: a placement breaks down at
/// `b × m(t)`, m being the early multiplier for its first `early_period`, the settled multiplier from
/// `settled_after` on and 1 between, and moves at `p`; with S(t) = exp(−∫₀ᵗ (m·b + p)) and D = ∫ S, the breakdowns
/// per day in place are `∫ m·b·S / D`, the planned moves `p`, and a first placement's extra endings `∫ t·S / D² − 1`.
/// The engine comparison in `WorkEstimateTests` is too loose to notice a wrong term in these closed forms; the
/// quadrature agrees with them to within 1e-8 (relative), and each wrong term tried moved some value by tens of
/// per cent.
final class WorkEstimateRenewalTests: XCTestCase {
    static let tolerance = 1e-6

    /// The default scenario (3 months × 3.5, settled after 12 months × 0.3): a large breakdown hazard, one of the
    /// smallest, and one between.
    func testTheDefaultScenariosEndingsMatchTheQuadrature() {
        check(TestScenarios.baseline(), cells: [(.residential, .veryComplex, .age16to17),
                                                (.inHouseFoster, .standard, .under1), (.ifaFoster, .complex, .age10to15)])
    }

    /// A settled multiplier of 1: no settled part (`Breakdowns.settledStartDays` is infinite).
    func testWithoutASettledPartTheEndingsMatchTheQuadrature() {
        var s = TestScenarios.baseline()
        s.breakdowns.settledMultiplier = 1
        check(s, cells: [(.residential, .veryComplex, .age16to17), (.inHouseFoster, .standard, .under1)])
    }

    /// An early period of 0: the placement's hazard is as it is until the settled part starts at `settled_after`.
    func testWithoutAnEarlyPeriodTheEndingsMatchTheQuadrature() {
        var s = TestScenarios.baseline()
        s.breakdowns.earlyPeriodDays = 0
        check(s, cells: [(.residential, .veryComplex, .age16to17), (.inHouseFoster, .standard, .under1)])
    }

    /// Settled after 2 months with an early period of 6: the settled part starts when the early period ends.
    func testASettledPartInsideTheEarlyPeriodStartsWhenItEnds() {
        var s = TestScenarios.baseline()
        s.breakdowns.earlyPeriodDays = 6 * daysPerMonth
        s.breakdowns.settledAfterDays = 2 * daysPerMonth
        check(s, cells: [(.residential, .veryComplex, .age16to17), (.inHouseFoster, .standard, .under1)])
    }

    /// A settled multiplier of 0: a settled placement that cannot move (placed for adoption: no planned moves) never
    /// ends, so there are no long-run endings, and a first placement ends 1/S − 1 times before one lasts into the
    /// settled part (S: the chance of lasting so long); one that can move ends at `p` once settled.
    func testASettledPlacementThatCannotMoveNeverEnds() {
        var s = TestScenarios.baseline()
        s.breakdowns.settledMultiplier = 0
        let model = CompiledScenario(s, horizonYears: 1, drawsRates: false)
        XCTAssertEqual(model.hazards.plannedMovePerDay[PlacementType.placedForAdoption.index * AgeBand.count], 0)
        check(s, cells: [(.placedForAdoption, .complex, .under1), (.inHouseFoster, .standard, .under1)])
        let rates = WorkEstimate.Flows(model).endingRates(type: PlacementType.placedForAdoption.index,
                                                          need: NeedTier.complex.index, age: AgeBand.under1.index)
        XCTAssertEqual(rates.breakdown, 0)
        XCTAssertGreaterThan(rates.extraOnEntry, 0)
    }

    /// Planned moves alone (no breakdowns in secure placements): a constant hazard, so no extra endings on entry; no
    /// hazard at all (placed for adoption, neither); and an early period in which a placement cannot end.
    func testPlacementsWithoutBreakdownsOrWithoutAnyHazardInAPiece() {
        var s = TestScenarios.baseline()
        s.breakdowns.annualHazardByPlacement[PlacementType.secure.index] = 0
        s.breakdowns.annualHazardByPlacement[PlacementType.placedForAdoption.index] = 0
        check(s, cells: [(.secure, .complex, .age10to15), (.placedForAdoption, .standard, .age1to4)])
        let flows = WorkEstimate.Flows(CompiledScenario(s, horizonYears: 1, drawsRates: false))
        let secure = flows.endingRates(type: PlacementType.secure.index, need: NeedTier.complex.index,
                                       age: AgeBand.age10to15.index)
        XCTAssertEqual(secure.breakdown, 0)
        XCTAssertGreaterThan(secure.planned, 0)
        XCTAssertEqual(secure.extraOnEntry, 0, accuracy: 1e-12)

        var early = TestScenarios.baseline()
        early.breakdowns.earlyMultiplier = 0
        check(early, cells: [(.placedForAdoption, .veryComplex, .age5to9), (.inHouseFoster, .standard, .under1)])
    }

    // MARK: Checking

    typealias Cell = (type: PlacementType, need: NeedTier, age: AgeBand)

    /// Each cell's ending rates, and its survival at times in every piece and at their edges, against `Quadrature`.
    private func check(_ s: Scenario, cells: [Cell], file: StaticString = #filePath, line: UInt = #line) {
        let model = CompiledScenario(s, horizonYears: 1, drawsRates: false)
        let flows = WorkEstimate.Flows(model)
        let b = s.breakdowns
        let days = [0, 20, b.earlyPeriodDays, b.earlyPeriodDays + 40, b.settledAfterDays, 500, 2_000]
        for cell in cells {
            let reference = Quadrature(model, cell)
            let rates = flows.endingRates(type: cell.type.index, need: cell.need.index, age: cell.age.index)
            let expected = reference.endingRates()
            let name = "\(cell.type) \(cell.need) \(cell.age)"
            assertClose(rates.breakdown, expected.breakdown, "\(name): breakdowns", file: file, line: line)
            assertClose(rates.planned, expected.planned, "\(name): planned moves", file: file, line: line)
            assertClose(rates.extraOnEntry, expected.extraOnEntry, "\(name): extra on entry", orWithin: 1e-9,
                        file: file, line: line)
            for t in days {
                let survival = flows.freshSurvival(type: cell.type.index, need: cell.need.index, age: cell.age.index, days: t)
                assertClose(survival, reference.integrals(to: t).survival, "\(name): survival to day \(t)",
                            file: file, line: line)
            }
        }
    }

    /// Within `tolerance` of `expected`, relatively, or within `absolute` (for a count that may be 0, where the
    /// quadrature's own error, at most about 1e-10, is all there is).
    private func assertClose(_ actual: Double, _ expected: Double, _ message: String, orWithin absolute: Double = 0,
                             file: StaticString, line: UInt) {
        XCTAssertEqual(actual, expected, accuracy: max(Self.tolerance * abs(expected), absolute),
                       "\(message): \(actual) against \(expected)", file: file, line: line)
    }
}

/// A placement's life by quadrature, from the scenario's breakdown fields and the cell's hazards per day; written
/// without `Flows.placementPieces` or `Breakdowns.durationMultiplier`, which it checks.
private struct Quadrature {
    let b: Double, p: Double
    let breakdowns: Breakdowns

    init(_ model: CompiledScenario, _ cell: WorkEstimateRenewalTests.Cell) {
        b = model.hazards.breakdownPerDay[model.placementIndex(type: cell.type.index, need: cell.need.index,
                                                              age: cell.age.index)]
        p = model.hazards.plannedMovePerDay[cell.type.index * AgeBand.count + cell.age.index]
        breakdowns = model.scenario.breakdowns
    }

    /// The breakdown multiplier `t` days into a placement: early, then settled (which wins only once the early period
    /// is over), 1 between.
    func multiplier(_ t: Double) -> Double {
        t < breakdowns.earlyPeriodDays ? breakdowns.earlyMultiplier
            : t >= breakdowns.settledAfterDays ? breakdowns.settledMultiplier : 1
    }

    /// ∫ S, ∫ t·S and ∫ m·b·S over [0, end], and S(end). The multiplier can change only where the early period ends
    /// and at `settled_after`, so the range is cut there and each piece integrated by composite Simpson (the
    /// hazard constant on it, its integral exact).
    func integrals(to end: Double) -> (time: Double, moment: Double, breakdowns: Double, survival: Double) {
        let cuts = Set([0, breakdowns.earlyPeriodDays, breakdowns.settledAfterDays, end].filter { $0 <= end }).sorted()
        var time = 0.0, moment = 0.0, broken = 0.0, cumulative = 0.0
        for (a, c) in zip(cuts, cuts.dropFirst()) {
            let m = multiplier(a), h = m * b + p
            let n = 4_096, dt = (c - a) / Double(n)
            for k in 0...n {
                let t = a + Double(k) * dt
                let s = exp(-(cumulative + h * (t - a)))
                let w = (k == 0 || k == n ? 1.0 : k % 2 == 1 ? 4 : 2) * dt / 3
                time += w * s
                moment += w * t * s
                broken += w * m * b * s
            }
            cumulative += h * (c - a)
        }
        return (time, moment, broken, exp(-cumulative))
    }

    /// Breakdowns and planned moves per day in place over the long run, and a first placement's extra endings.
    /// The integrals run to where S < 1e-12; when the hazard is 0 after the last cut, a placement that lasts so
    /// long never ends, and a first placement ends 1/S − 1 times (geometric) before one does.
    func endingRates() -> (breakdown: Double, planned: Double, extraOnEntry: Double) {
        let last = max(0, breakdowns.earlyPeriodDays, breakdowns.settledAfterDays)
        let h = multiplier(last) * b + p
        let toLast = integrals(to: last)
        if h == 0 { return (0, p, 1 / toLast.survival - 1) }
        let whole = integrals(to: last + max(0, log(toLast.survival / 1e-12)) / h)
        return (whole.breakdowns / whole.time, p, max(0, whole.moment / (whole.time * whole.time) - 1))
    }
}
