import Foundation
import SufficiencyModel

/// Sampling event times from piecewise-constant hazards.
///
/// A hazard that is constant between known boundaries (birthdays that change the age band, time-in-care band
/// starts, the end of a placement's early months) gives an event time by inversion: draw E ~ Exp(1) and walk the
/// pieces, spending rate × length of E on each, until a piece has enough; the event is inside that piece.
/// Boundaries are advanced by index, never recomputed from floating-point times, so the walk always progresses.
enum Hazards {
    /// The exit routes with hazards of their own (`ExitRoute.hazardRoutes`: reunification, adoption, sgo, other, raw
    /// values 0...3): the width of a row of `HazardTables.exitRoutePerDay`.
    static let hazardRoutes = 4

    /// Samples the end of child `i`'s episode from now: an exit by a hazard route, or the 18th birthday.
    /// Sets `exitTime` and `exitRoute` and schedules the event (and the move to adopters before an adoption).
    ///
    /// - Complexity: O(A + T) for A age bands and T time-in-care bands (5 and 5 in the shipped scenarios): finding
    ///   the current time-in-care band is a linear search of T starts, and the walk crosses at most one piece per
    ///   band boundary up to the 18th birthday, O(1) each. Then O(1) to choose among the four hazard routes, two
    ///   keyed draws in all, and one or two `EventQueue.schedule` calls, O(log q) each for q pending events. No walk
    ///   when a bound shows that the young person will still be in care at 18 (checked against the full walk by
    ///   `HazardWalkTests`).
    static func scheduleExit(_ w: inout World, _ i: Int) {
        let c = w.children[i]
        let end18 = c.birthday(18)
        // Sampled up to the 18th birthday even past the horizon, so that events which precede an exit (the move
        // to adopters) still happen inside the horizon when the exit itself falls after it.
        let end = end18
        // The time-in-care band starts are read in place (`w.model.timeBandStarts`), not copied to a local, which
        // would retain and release the array at every call.
        var t = w.now
        let draws = w.keyed(.exitTime, child: i, Int(c.episode))
        let u = draws.uniformPositive()
        var age = c.ageBand(at: t).index
        // A child entering now is in the first band, so the search stops at once.
        var band = w.model.timeBand(daysInCare: t - c.entry)
        var found: Double? = nil
        var rateIndex = w.model.exitIndex(plan: c.plan.index, age: age, band: band)
        let routes = hazardRoutes
        // A child in a reunification programme has the reunification hazard (route 0) multiplied.
        let boost = c.enrolled ? (w.scenario.interventions.reunification?.hazardMultiplier ?? 1) - 1 : 0
        // The hazard up to 18 is at most the highest rates at this age and time in care or later, times the time
        // left: when that bound rules an exit out, the walk would reach 18, and it is not taken.
        let bound = (w.hazards.exitTotalBoundPerDay[rateIndex]
            + max(boost, 0) * w.hazards.reunificationBoundPerDay[rateIndex]) * (end - t)
        if !outlasts(u, bound) {
            var e = -log(u)
            while t < end {
                let nextAge = age + 1 < AgeBand.count ? c.birthday(AgeBand(rawValue: age + 1)!.lowerAge) : end
                let nextBand = band + 1 < w.model.timeBandStarts.count
                    ? c.entry + w.model.timeBandStarts[band + 1] : .infinity
                let next = min(nextAge, nextBand, end)
                rateIndex = w.model.exitIndex(plan: c.plan.index, age: age, band: band)
                let rate = w.hazards.exitTotalPerDay[rateIndex]
                    + boost * w.hazards.exitRoutePerDay[rateIndex * routes]
                let span = next - t
                if rate * span >= e {
                    found = t + e / rate
                    break
                }
                e -= rate * span
                t = next
                if next == nextAge { age += 1 }
                if next == nextBand { band += 1 }
            }
        }
        if let time = found {
            // Choose the route in proportion to the route hazards in force at that time.
            let base = rateIndex * routes
            var pick = draws.uniform()
                * (w.hazards.exitTotalPerDay[rateIndex] + boost * w.hazards.exitRoutePerDay[base])
            var route = ExitRoute(rawValue: routes - 1)!
            for r in 0..<routes {
                pick -= w.hazards.exitRoutePerDay[base + r] * (r == 0 ? 1 + boost : 1)
                if pick < 0 { route = ExitRoute(rawValue: r)!; break }
            }
            w.children[i].exitTime = time
            w.children[i].exitRoute = route
            w.queue.schedule(.exit, at: time, subject: i, version: c.episode, horizon: w.model.horizonDay)
            if route == .adoption && c.placement != .placedForAdoption {
                let move = max(w.now, time - w.scenario.exits.adoptionPlacementDays)
                w.queue.schedule(.adoptionPlacement, at: move, subject: i, version: c.episode,
                               horizon: min(time, w.model.horizonDay))
            }
        } else {
            w.children[i].exitTime = end18
            w.children[i].exitRoute = .age18
            w.queue.schedule(.age18, at: end18, subject: i, version: c.episode, horizon: w.model.horizonDay)
        }
    }

    /// Samples when child `i`'s current placement ends unplanned (breakdown) or by a planned move, whichever is
    /// first, as competing risks, and schedules it if it falls before the episode ends.
    ///
    /// - Complexity: O(A) for A age bands: the walk crosses at most one piece per age band boundary, the end of the
    ///   placement's early period and the start of its settled part before the episode's end or the horizon, O(1)
    ///   each, with two keyed draws; then one `EventQueue.schedule`, O(log q) for q pending events. O(1) for a child placed for adoption, and
    ///   when the bound shows that the placement lasts the episode (measured: 46% of placements in the default
    ///   scenario; the skip is checked against the full walk by `HazardWalkTests`).
    static func schedulePlacementEnd(_ w: inout World, _ i: Int) {
        let c = w.children[i]
        // A child placed with adopters stays until the order (an adoption disruption is not modelled).
        guard c.placement != .placedForAdoption else { return }
        let type = c.placement.index
        let need = c.need.index
        // Fields read one by one: a copy of the whole `Breakdowns` would retain and release its tables.
        let earlyEnd = c.placementStart + w.scenario.breakdowns.earlyPeriodDays
        let settledStart = c.placementStart + w.scenario.breakdowns.settledStartDays
        let earlyMultiplier = w.scenario.breakdowns.earlyMultiplier
        let settledMultiplier = w.scenario.breakdowns.settledMultiplier
        let end = min(c.exitTime, w.model.horizonDay)
        var t = w.now
        let draws = w.keyed(.placementEnd, child: i, Int(c.placementVersion))
        let u = draws.uniformPositive()
        var age = c.ageBand(at: t).index
        // Most placements last as long as the episode. The hazard from now to the end is at most the highest rates
        // at this age or older times the time left (and the early months' extra, less what the settled part after
        // them saves): when that bound rules an end out, the walk below would find none, and it is not taken.
        let bound = w.hazards.breakdownBoundPerDay[w.model.placementIndex(type: type, need: need, age: age)]
            * (end - t + max(earlyMultiplier - 1, 0) * max(min(earlyEnd, end) - t, 0)
               - (1 - settledMultiplier) * max(end - max(settledStart, t), 0))
            + w.hazards.plannedMoveBoundPerDay[type * AgeBand.count + age] * (end - t)
        if outlasts(u, bound) { return }
        var e = -log(u)
        // Pieces of constant hazard, cut at age band boundaries, the end of the early period and the start of the
        // settled part (`Breakdowns.phase`, with the placement's start as its origin).
        while t < end {
            let nextAge = age + 1 < AgeBand.count ? c.birthday(AgeBand(rawValue: age + 1)!.lowerAge) : end
            let (multiplier, phaseEnd) = t < earlyEnd ? (earlyMultiplier, earlyEnd)
                : t < settledStart ? (1, settledStart) : (settledMultiplier, .infinity)
            let next = min(nextAge, phaseEnd, end)
            let breakdown = w.hazards.breakdownPerDay[w.model.placementIndex(type: type, need: need, age: age)]
                * multiplier
            let rate = breakdown + w.hazards.plannedMovePerDay[type * AgeBand.count + age]
            let span = next - t
            if rate * span >= e {
                let time = t + e / rate
                let isBreakdown = draws.uniform() * rate < breakdown
                w.queue.schedule(isBreakdown ? .breakdown : .plannedMove, at: time, subject: i,
                               version: c.placementVersion, horizon: end)
                return
            }
            e -= rate * span
            t = next
            if next == nextAge { age += 1 }
        }
    }

    /// Child `i`'s reunification hazard now, per day (without a programme's boost): the piece `scheduleExit` starts
    /// its walk from.
    /// (The child's fields are read one by one: a copy of the whole record cost a `memcpy` per child.)
    static func reunificationPerDay(_ w: inout World, _ i: Int) -> Double {
        let band = w.model.timeBand(daysInCare: w.now - w.children[i].entry)
        let age = w.children[i].ageBand(at: w.now).index
        let rateIndex = w.model.exitIndex(plan: w.children[i].plan.index, age: age, band: band)
        return w.hazards.exitRoutePerDay[rateIndex * hazardRoutes + ExitRoute.reunification.rawValue]
    }

    /// Whether a walk spending E = −ln U over pieces whose hazards add up to at most `bound` surely finds no event:
    /// E ≥ 1 − U, so it does when 1 − U exceeds the bound, here by a margin (a millionth, relative and absolute) far
    /// wider than the rounding of the walk's sums. Lets a sampler skip the logarithm and the walk, with the same
    /// outcome as taking them (`HazardWalkTests`).
    @inline(__always) static func outlasts(_ u: Double, _ bound: Double) -> Bool {
        1 - u > bound * (1 + 1e-6) + 1e-6
    }
}
