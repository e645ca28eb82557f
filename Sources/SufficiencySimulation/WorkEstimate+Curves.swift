import Foundation
import SufficiencyModel

// MARK: Children followed through care in the expected-value model

extension WorkEstimate.Flows {
    /// The expected path of one child entering now, of the given age bands (weights, normalised) and care plans by
    /// band, from now for `steps` months: `[step][quantity]`. (The initial population, with its times already in
    /// care, walks `forEachCohort` itself.)
    func curve(ages: [(band: Int, weight: Double)], plans: (Int) -> [Double]) -> [Double] {
        var out = [Double](repeating: 0, count: steps * Self.quantities)
        forEachCohort(ages: ages, plans: plans, timesInCare: { _, _ in [0] }, normalise: true) { age, plan, tau, mass in
            follow(age: age, plan: plan, timeInCare: tau, mass: mass, into: &out)
        }
        return out
    }

    /// The cohorts `curve` follows: for each age band's weight, each year of age in the band (at its middle, in
    /// days), each care plan of the band's mix and each time already in care (days, equally weighted, for a child
    /// of that age and plan; capped at the age), the mass of children so described. The weights are normalised to
    /// one child unless `normalise` is false (then they are counts).
    func forEachCohort(ages: [(band: Int, weight: Double)], plans: (Int) -> [Double],
                       timesInCare: (_ ageDays: Double, _ plan: Int) -> [Double], normalise: Bool,
                       _ body: (_ ageDays: Double, _ plan: Int, _ timeInCare: Double, _ mass: Double) -> Void) {
        let total = normalise ? ages.reduce(0) { $0 + $1.weight } : 1
        guard total > 0 else { return }
        for (band, weight) in ages where weight > 0 {
            let b = AgeBand(rawValue: band)!
            let width = b.upperAge - b.lowerAge
            let planMix = plans(band)
            let planSum = planMix.reduce(0, +)
            guard planSum > 0 else { continue }
            for i in 0..<width {
                let age = (Double(b.lowerAge) + Double(i) + 0.5) * daysPerYear
                for (plan, share) in planMix.enumerated() where share > 0 {
                    let times = timesInCare(age, plan)
                    for tau in times {
                        body(age, plan, min(tau, age), weight / total / Double(width) * share / planSum / Double(times.count))
                    }
                }
            }
        }
    }

    /// The reunification hazard per day of a child of this age (days), plan and time in care (days): summed over
    /// the initial population, the stock's hazard from which `InitialPopulation.setUpRecentReturnsHome` draws the
    /// returns home of the year before the start.
    func reunificationPerDay(ageDays: Double, plan: Int, timeInCare: Double) -> Double {
        let timeBand = model.timeBand(daysInCare: timeInCare)
        let index = model.exitIndex(plan: plan, age: AgeBand.of(age: ageDays / daysPerYear).index, band: timeBand)
        return model.hazards.exitRoutePerDay[index * Self.routes + ExitRoute.reunification.rawValue]
    }

    /// Adds the expected path of `mass` children of this age (days), plan and time in care to `out`: the exit
    /// hazards are constant between age-band and time-in-care-band boundaries and are integrated exactly.
    ///
    /// Written over buffer pointers, with the band boundaries looked up once: it runs about 500 times for a
    /// scenario, a few hundred pieces each, every time a run, `bench` or `validate` starts. The arithmetic is
    /// the same, in the same order, so the estimate is the same to the last bit.
    func follow(age: Double, plan: Int, timeInCare: Double, mass: Double, into out: inout [Double]) {
        let starts = model.timeBandStarts
        var a = age, tau = timeInCare, alive = mass
        var band = AgeBand.of(age: a / daysPerYear).index
        var timeBand = starts.lastIndex { $0 <= tau } ?? 0
        let q = Self.quantities, routes = Self.routes, bands = AgeBand.count, times = starts.count
        let steps = self.steps, dt = self.dt
        let ageEnds = Self.ageBandEnds
        let base = (plan * bands) * times
        model.hazards.exitTotalPerDay.withUnsafeBufferPointer { total in
            model.hazards.exitRoutePerDay.withUnsafeBufferPointer { route in
                starts.withUnsafeBufferPointer { starts in
                    out.withUnsafeMutableBufferPointer { out in
                        for k in 0..<steps {
                            var left = dt
                            while left > 0 && alive > mass * 1e-9 {
                                let nextAge = ageEnds[band]
                                let nextTime = timeBand + 1 < times ? starts[timeBand + 1] : .infinity
                                let toAge = nextAge - a, toTime = nextTime - tau
                                let span = max(0, min(left, toAge, toTime))
                                let index = base + band * times + timeBand
                                let rate = total[index]
                                let row = k * q
                                if rate > 0 {
                                    let gone = -alive * Foundation.expm1(-rate * span)
                                    out[row + band] += gone / rate
                                    for r in 0..<routes {
                                        out[row + bands + r] += gone * route[index * routes + r] / rate
                                    }
                                    alive -= gone
                                } else {
                                    out[row + band] += alive * span
                                }
                                left -= span
                                if toAge <= span {
                                    a = nextAge
                                    if band + 1 < bands {
                                        band += 1
                                    } else {
                                        out[row + Self.age18] += alive
                                        return
                                    }
                                } else {
                                    a += span
                                }
                                if toTime <= span {
                                    tau = nextTime
                                    timeBand += 1
                                } else {
                                    tau += span
                                }
                            }
                            if alive <= mass * 1e-9 { return }
                        }
                    }
                }
            }
        }
    }

    /// The age in days at which a child leaves each age band: the next band's lower age, or the 18th birthday.
    static let ageBandEnds: [Double] = AgeBand.allCases.map { band in
        band.index + 1 < AgeBand.count ? Double(AgeBand(rawValue: band.index + 1)!.lowerAge) * daysPerYear : 18 * daysPerYear
    }

    /// Adds children entering at `rates[s]` in step s, each following `curve` from then, to `out`.
    ///
    /// Eight values at a time: the compiler does not vectorise the loop itself (it cannot tell the buffers apart),
    /// and this is most of the estimate's time. Each value is still `out + rate × curve`, rounded as before.
    func convolve(_ curve: [Double], rates: [Double], into out: inout [Double]) {
        let q = Self.quantities
        curve.withUnsafeBufferPointer { c in
            out.withUnsafeMutableBufferPointer { o in
                let c = UnsafeRawPointer(c.baseAddress!), o = UnsafeMutableRawPointer(o.baseAddress!)
                let stride = MemoryLayout<Double>.stride
                for s in 0..<steps where rates[s] > 0 {
                    let r = rates[s], n = (steps - s) * q
                    let target = o + s * q * stride
                    var i = 0
                    while i + 8 <= n {
                        let x = target.loadUnaligned(fromByteOffset: i * stride, as: SIMD8<Double>.self)
                        let y = c.loadUnaligned(fromByteOffset: i * stride, as: SIMD8<Double>.self)
                        target.storeBytes(of: x + r * y, toByteOffset: i * stride, as: SIMD8<Double>.self)
                        i += 8
                    }
                    while i < n {
                        let x = target.load(fromByteOffset: i * stride, as: Double.self)
                        let y = c.load(fromByteOffset: i * stride, as: Double.self)
                        target.storeBytes(of: x + r * y, toByteOffset: i * stride, as: Double.self)
                        i += 1
                    }
                }
            }
        }
    }
}
