import Foundation
import XCTest
import SufficiencyTestSupport
@testable import SufficiencyModel
@testable import SufficiencySimulation

/// `Hazards.schedulePlacementEnd` skips its walk when a bound on the hazard to the episode's end shows that the
/// placement cannot end first, and `Hazards.scheduleExit` when a bound shows that the young person will be in care at
/// 18. The skips must never change an outcome. Placements: every placement's end is compared with
/// the full walk over the same keyed draws, for placements of every type, need and age, early, in between and
/// settled, with steep age and early-period multipliers, a settled multiplier well below 1, and rates high enough
/// that the bound is often close to the draw. Half the children are just under 16, where the breakdown rate jumps
/// sixfold: a bound from the current age band alone would wrongly skip some of their walks, as would one without the
/// early period.
final class HazardWalkTests: XCTestCase {
    /// The samplers' row width is a constant on the hot path (a computed count would be a lazy global's check at
    /// every exit sampled); it must be the model's list of hazard routes, with raw values 0 up to it.
    func testTheHazardRowWidthIsTheModelsHazardRoutes() {
        XCTAssertEqual(Hazards.hazardRoutes, ExitRoute.hazardRoutes.count)
        XCTAssertEqual(ExitRoute.hazardRoutes.map(\.rawValue), Array(0..<Hazards.hazardRoutes))
    }

    func testSkippingTheWalkNeverChangesWhenAPlacementEnds() {
        checkPlacementSkips(settledAfterDays: 300)
    }

    /// A settled part that would start inside the early period starts when it ends (`Breakdowns.settledAfterDays`).
    func testSkippingTheWalkNeverChangesWhenTheSettledPartOverlapsTheEarlyPeriod() {
        checkPlacementSkips(settledAfterDays: 60)
    }

    private func checkPlacementSkips(settledAfterDays: Double, file: StaticString = #filePath, line: UInt = #line) {
        var s = TestScenarios.baseline()
        s.breakdowns.annualHazardByPlacement = s.breakdowns.annualHazardByPlacement.map { $0 * 4 + 0.3 }
        s.breakdowns.ageMultiplier = [0.3, 0.6, 1, 1, 6]
        s.breakdowns.earlyMultiplier = 5
        s.breakdowns.earlyPeriodDays = 120
        s.breakdowns.settledAfterDays = settledAfterDays
        s.breakdowns.settledMultiplier = 0.2
        s.plannedMoves.annualHazardByPlacement = s.plannedMoves.annualHazardByPlacement.map { $0 + 0.2 }
        s.plannedMoves.ageMultiplier = [0.5, 1, 1.5, 3, 2]
        let model = CompiledScenario(s, horizonYears: 6)
        let rows = TestRows(model)
        var w = rows.world(model)
        w.replicationKey = 0x5EED
        var ended = 0, lasted = 0, lastedWithRoomToSpare = 0
        var rng = TestRNG(state: 12)
        for trial in 0..<20_000 {
            w.queue.reset()
            w.children.removeAll()
            w.now = Double(trial % 700)
            let type = PlacementType.allCases.filter { $0 != .placedForAdoption }[trial % (PlacementType.count - 1)]
            let need = NeedTier.allCases[trial % NeedTier.count]
            // Every other child is a little under 16, so that many placements run into the steep last age band.
            let age = Double.random(in: trial % 2 == 0 ? 0..<17.99 : 15..<16, using: &rng)
            let i = Arrivals.addChild(&w, age: age, need: need,
                                      plan: .longTermCare, uasc: false)
            w.children[i].placement = type
            w.children[i].placementVersion = UInt32(trial)
            w.children[i].placementStart = w.now - Double.random(in: 0..<500, using: &rng)
            w.children[i].exitTime = w.now + Double.random(in: 0..<daysPerYear, using: &rng)
            Hazards.schedulePlacementEnd(&w, i)
            let scheduled = w.queue.pop(before: .infinity)
            let expected = walk(&w, i)
            XCTAssertEqual(scheduled?.time, expected?.time, "trial \(trial)", file: file, line: line)
            XCTAssertEqual(scheduled?.kind, expected?.kind, "trial \(trial)", file: file, line: line)
            if expected == nil {
                lasted += 1
                let u = w.keyed(.placementEnd, i, trial).uniformPositive()
                if 1 - u > 2 * hazardToEnd(w, i) { lastedWithRoomToSpare += 1 }
            } else {
                ended += 1
            }
        }
        // Both outcomes are common, and many placements that last could be told apart without the walk.
        XCTAssertGreaterThan(ended, 4_000, file: file, line: line)
        XCTAssertGreaterThan(lasted, 4_000, file: file, line: line)
        XCTAssertGreaterThan(lastedWithRoomToSpare, 1_000, file: file, line: line)
    }

    /// Exits: children of every care plan, age and time in care (a third just under 18, where the bound is small
    /// and the skip common; half enrolled in a reunification programme that triples the reunification hazard),
    /// with hazards that rise steeply with age and time in care, so that a bound from the current pieces alone
    /// would wrongly skip some walks. Each child's exit is compared with the full walk over the same keyed draws.
    func testSkippingTheWalkNeverChangesWhenAChildLeavesCare() {
        var s = TestScenarios.baseline()
        let routes = ExitRoute.hazardRoutes.count
        s.exits.timeInCareBandStartsDays = [0, 90, 365, 730]
        s.exits.ageMultiplier = Array(repeating: [0.5, 0.5, 0.6, 1, 3], count: routes)
        s.exits.timeInCareMultiplier = Array(repeating: [0.2, 0.4, 1, 2.5], count: routes)
        var programme = ReunificationProgramme()
        programme.hazardMultiplier = 3
        s.interventions.reunification = programme
        let model = CompiledScenario(s, horizonYears: 6)
        let rows = TestRows(model)
        var w = rows.world(model)
        w.replicationKey = 0xE817
        var rng = TestRNG(state: 18)
        var left = 0, at18 = 0, enrolled = 0
        for trial in 0..<20_000 {
            w.queue.reset()
            w.children.removeAll()
            w.now = Double(trial % 900)
            let age = Double.random(in: trial % 3 == 0 ? 16.5..<17.99 : 0..<17.99, using: &rng)
            let plan = CarePlan.allCases[trial % CarePlan.allCases.count]
            let i = Arrivals.addChild(&w, age: age, need: .standard, plan: plan, uasc: false,
                                      entry: w.now - Double.random(in: 0...min(age * daysPerYear, 1_000), using: &rng))
            w.children[i].episode = UInt32(trial)
            w.children[i].enrolled = trial % 2 == 1
            if w.children[i].enrolled { enrolled += 1 }
            Hazards.scheduleExit(&w, i)
            let expected = exitWalk(&w, i)
            XCTAssertEqual(w.children[i].exitTime, expected.time, "trial \(trial)")
            XCTAssertEqual(w.children[i].exitRoute, expected.route, "trial \(trial)")
            if expected.route == .age18 { at18 += 1 } else { left += 1 }
        }
        XCTAssertGreaterThan(left, 4_000)
        XCTAssertGreaterThan(at18, 2_000)
        XCTAssertGreaterThan(enrolled, 6_000)
    }

    /// The end of the episode by walking every piece up to 18 (the engine's walk before the skip).
    private func exitWalk(_ w: inout World, _ i: Int) -> (time: Double, route: ExitRoute) {
        let c = w.children[i]
        let end = c.birthday(18)
        var t = w.now
        let draws = w.keyed(.exitTime, i, Int(c.episode))
        var e = draws.unitExponential()
        var age = c.ageBand(at: t).index
        let starts = w.model.timeBandStarts
        var band = 0
        while band + 1 < starts.count && starts[band + 1] <= t - c.entry { band += 1 }
        let boost = c.enrolled ? w.scenario.interventions.reunification!.hazardMultiplier - 1 : 0
        let routes = ExitRoute.hazardRoutes.count
        while t < end {
            let nextAge = age + 1 < AgeBand.count ? c.birthday(AgeBand(rawValue: age + 1)!.lowerAge) : end
            let nextBand = band + 1 < starts.count ? c.entry + starts[band + 1] : .infinity
            let next = min(nextAge, nextBand, end)
            let k = w.model.exitIndex(plan: c.plan.index, age: age, band: band)
            let rate = w.hazards.exitTotalPerDay[k] + boost * w.hazards.exitRoutePerDay[k * routes]
            if rate * (next - t) >= e {
                var pick = draws.uniform() * rate
                for r in 0..<routes {
                    pick -= w.hazards.exitRoutePerDay[k * routes + r] * (r == 0 ? 1 + boost : 1)
                    if pick < 0 { return (t + e / rate, ExitRoute(rawValue: r)!) }
                }
                return (t + e / rate, ExitRoute(rawValue: routes - 1)!)
            }
            e -= rate * (next - t)
            t = next
            if next == nextAge { age += 1 }
            if next == nextBand { band += 1 }
        }
        return (end, .age18)
    }

    /// The placement's end by walking every piece from now to the episode's end (the engine's walk before the skip),
    /// cutting at the age bands and where the early period ends and the settled part starts (compared as times, as a
    /// duration recomputed from a time can round to just inside the early period).
    private func walk(_ w: inout World, _ i: Int) -> (time: Double, kind: EventKind)? {
        let c = w.children[i]
        let b = w.scenario.breakdowns
        // A settled part that would start inside the early period starts when it ends.
        let cuts = [c.placementStart + b.earlyPeriodDays, c.placementStart + max(b.settledAfterDays, b.earlyPeriodDays)]
        let end = min(c.exitTime, w.model.horizonDay)
        var t = w.now
        let draws = w.keyed(.placementEnd, i, Int(c.placementVersion))
        var e = draws.unitExponential()
        var age = c.ageBand(at: t).index
        while t < end {
            let nextAge = age + 1 < AgeBand.count ? c.birthday(AgeBand(rawValue: age + 1)!.lowerAge) : end
            let next = min(nextAge, cuts.filter { $0 > t }.min() ?? .infinity, end)
            let k = w.model.placementIndex(type: c.placement.index, need: c.need.index, age: age)
            let breakdown = w.hazards.breakdownPerDay[k]
                * (t < cuts[0] ? b.earlyMultiplier : t < cuts[1] ? 1 : b.settledMultiplier)
            let rate = breakdown + w.hazards.plannedMovePerDay[c.placement.index * AgeBand.count + age]
            if rate * (next - t) >= e {
                let time = t + e / rate
                return (time, draws.uniform() * rate < breakdown ? .breakdown : .plannedMove)
            }
            e -= rate * (next - t)
            t = next
            if next == nextAge { age += 1 }
        }
        return nil
    }

    /// The placement's hazard from now to the episode's end, integrated day by day (for the count above only).
    private func hazardToEnd(_ w: borrowing World, _ i: Int) -> Double {
        let c = w.children[i]
        let end = min(c.exitTime, w.model.horizonDay)
        var total = 0.0, t = w.now
        while t < end {
            let age = c.ageBand(at: t).index
            let k = w.model.placementIndex(type: c.placement.index, need: c.need.index, age: age)
            total += (w.hazards.breakdownPerDay[k]
                * w.scenario.breakdowns.durationMultiplier(afterDays: t - c.placementStart)
                + w.hazards.plannedMovePerDay[c.placement.index * AgeBand.count + age]) * min(1, end - t)
            t += 1
        }
        return total
    }

    /// Theory: with the age band fixed, a placement's length is piecewise exponential, so the share still in place
    /// τ days after it began is exp(−∫₀^τ (m(s)·b + p) ds), m being 3 in the early period, 1 until the placement is
    /// settled and 0.25 after; and an ending in the settled part is a breakdown with probability 0.25b / (0.25b + p).
    /// Checked on 40,000 placements at 6 binomial standard errors (a settled multiplier left out, or cut at the wrong
    /// time, moves the shares by far more).
    func testAPlacementsLengthFollowsItsPiecewiseHazard() {
        var s = TestScenarios.baseline()
        s.breakdowns.earlyPeriodDays = 90
        s.breakdowns.earlyMultiplier = 3
        s.breakdowns.settledAfterDays = 365
        s.breakdowns.settledMultiplier = 0.25
        let model = CompiledScenario(s, horizonYears: 6)
        let rows = TestRows(model)
        var w = rows.world(model)
        w.replicationKey = 0x5E77
        let n = 40_000
        var lengths: [Double] = [], settledEnds = 0, settledBreakdowns = 0
        var b = 0.0, p = 0.0
        for trial in 0..<n {
            let event = Self.inHousePlacementEnd(&w, trial: trial)
            let k = w.model.placementIndex(type: PlacementType.inHouseFoster.index, need: NeedTier.standard.index,
                                           age: AgeBand.of(age: 5.0).index)
            b = w.hazards.breakdownPerDay[k]
            p = w.hazards.plannedMovePerDay[PlacementType.inHouseFoster.index * AgeBand.count + AgeBand.of(age: 5.0).index]
            lengths.append(event?.time ?? .infinity)
            if let event, event.time >= 365 {
                settledEnds += 1
                if event.kind == .breakdown { settledBreakdowns += 1 }
            }
        }
        XCTAssertGreaterThan(b, 0)
        func expectedSurvival(_ tau: Double) -> Double {
            let early = min(tau, 90), middle = max(min(tau, 365) - 90, 0), settled = max(tau - 365, 0)
            return exp(-((3 * b + p) * early + (b + p) * middle + (0.25 * b + p) * settled))
        }
        for tau in [30.0, 90, 200, 365, 500, 730, 1_000] {
            let share = Double(lengths.filter { $0 > tau }.count) / Double(n)
            let expected = expectedSurvival(tau)
            let se = (expected * (1 - expected) / Double(n)).squareRoot()
            XCTAssertEqual(share, expected, accuracy: 6 * se, "still in place after \(tau) days")
        }
        let breakdownShare = Double(settledBreakdowns) / Double(settledEnds)
        let expected = 0.25 * b / (0.25 * b + p)
        XCTAssertGreaterThan(settledEnds, 2_000)
        XCTAssertEqual(breakdownShare, expected,
                       accuracy: 6 * (expected * (1 - expected) / Double(settledEnds)).squareRoot())
    }

    /// Planned moves end a placement at `planned_moves.annual_hazard_by_placement` for its type times
    /// `planned_moves.age_multiplier` for the child's age band (the optional key `calibrate` writes; 1 for every band
    /// by default). Theory: an in-house placement of a child of 5.0 (in the 5–9 band for the three years looked
    /// at) with no breakdowns, a planned-move hazard of 0.2 a year and an age multiplier of 3 for 5–9 (1 for every
    /// other band) is still in place τ years after it began with probability e^(−0.6τ), against e^(−0.2τ) were the
    /// multiplier left out. Checked on 20,000 placements at 6 binomial standard errors, and every ending is a
    /// planned move.
    func testPlannedMovesFollowTheirAgeMultiplier() {
        var s = TestScenarios.baseline()
        s.breakdowns.annualHazardByPlacement = s.breakdowns.annualHazardByPlacement.map { _ in 0 }
        s.plannedMoves.annualHazardByPlacement[PlacementType.inHouseFoster.index] = 0.2
        s.plannedMoves.ageMultiplier = AgeBand.allCases.map { $0 == AgeBand.of(age: 5.0) ? 3 : 1 }
        let model = CompiledScenario(s, horizonYears: 6)
        let rows = TestRows(model)
        var w = rows.world(model)
        w.replicationKey = 0x9A55
        let n = 20_000
        var lengths: [Double] = [], plannedMoves = 0
        for trial in 0..<n {
            let event = Self.inHousePlacementEnd(&w, trial: trial)
            lengths.append(event?.time ?? .infinity)
            if event?.kind == .plannedMove { plannedMoves += 1 }
        }
        XCTAssertEqual(plannedMoves, lengths.filter { $0 < .infinity }.count, "no breakdowns: every ending is a planned move")
        for years in [0.25, 0.5, 1, 2, 2.9] {
            let share = Double(lengths.filter { $0 > years * daysPerYear }.count) / Double(n)
            let expected = exp(-0.2 * 3 * years)
            let se = (expected * (1 - expected) / Double(n)).squareRoot()
            XCTAssertEqual(share, expected, accuracy: 6 * se, "still in place after \(years) years")
        }
    }

    /// The end of one trial's in-house placement for the two survival tests: the world emptied, a child aged 5.0 (in
    /// the 5-9 band for the whole three years looked at) placed in-house at 0 with its exit at three years, the
    /// placement's end scheduled and taken from the queue (nil when it does not end before the exit). The trial
    /// numbers the placement, so each trial draws afresh.
    private static func inHousePlacementEnd(_ w: inout World, trial: Int) -> (time: Double, kind: EventKind)? {
        w.queue.reset()
        w.children.removeAll()
        w.now = 0
        let i = Arrivals.addChild(&w, age: 5.0, need: .standard, plan: .longTermCare, uasc: false)
        w.children[i].placement = .inHouseFoster
        w.children[i].placementVersion = UInt32(trial)
        w.children[i].placementStart = 0
        w.children[i].exitTime = 3 * daysPerYear
        Hazards.schedulePlacementEnd(&w, i)
        return w.queue.pop(before: .infinity).map { ($0.time, $0.kind) }
    }
}
