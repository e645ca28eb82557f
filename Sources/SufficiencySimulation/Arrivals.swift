import SufficiencyModel

/// Demand: children arriving in care, alone or as sibling groups, and their attributes (model.md section 2).
enum Arrivals {
    /// The oldest age at which a child can enter with siblings: 18 less a day (a child enters care before 18).
    static let lastEntryAge = 18 - 1 / daysPerYear

    /// The next arrival of a Poisson process whose rate changes at financial-year boundaries (inversion over the
    /// years' pieces, as in `Hazards`).
    static func scheduleNextArrival(_ w: inout World) {
        var e = w.stream(.arrivals).unitExponential()
        var t = w.now
        for y in w.year..<w.model.years.count {
            let end = w.model.yearEnd(y)
            let rate = w.hazards.arrivalRatePerDay[y]
            if rate * (end - t) >= e {
                w.queue.schedule(.arrival, at: t + e / rate, subject: 0, horizon: w.model.horizonDay)
                return
            }
            e -= rate * (end - t)
            t = end
        }
    }

    /// A group of siblings (or one UASC child) enters care and is matched together.
    static func arrive(_ w: inout World) {
        let source = w.stream(.arrivals).discrete(w.hazards.arrivalSource[w.year])
        let first = w.children.count
        if source == AgeBand.count {
            let band = AgeBand(rawValue: w.attributes.discrete(w.model.uascAge))!
            let age = Double(band.lowerAge) + w.attributes.uniform() * Double(band.upperAge - band.lowerAge)
            let need = NeedTier(rawValue: w.attributes.discrete(w.model.uascNeed))!
            let plan = CarePlan(rawValue: w.attributes.discrete(w.model.uascPlan))!
            addChild(&w, age: age, need: need, plan: plan, uasc: true)
        } else {
            let band = AgeBand(rawValue: source)!
            let size = w.attributes.discrete(w.model.groupSize) + 1
            let firstAge = Double(band.lowerAge) + w.attributes.uniform() * Double(band.upperAge - band.lowerAge)
            let plan = CarePlan(rawValue: w.attributes.discrete(w.model.planByAge[band.index]))!
            let spread = w.scenario.entries.siblingAgeSpreadYears
            // Siblings' ages are uniform within `spread` years of the first child's, on the part of that window
            // inside ages 0 to 18: no sibling is born on the day of entry or enters days before 18 by clamping.
            let youngest = max(firstAge - spread, 0), oldest = min(firstAge + spread, Self.lastEntryAge)
            for k in 0..<size {
                let age = k == 0 ? firstAge : youngest + w.attributes.uniform() * (oldest - youngest)
                let need = NeedTier(rawValue: w.attributes.discrete(w.model.needByAge[AgeBand.of(age: age).index]))!
                addChild(&w, age: age, need: need, plan: plan, uasc: false)
            }
        }
        for i in first..<w.children.count {
            Hazards.scheduleExit(&w, i)
            w.tally(.entries(w.children[i].ageBand(at: w.now)))
        }
        w.tally(.entries, Double(w.children.count - first))
        Money.changeInCare(&w, by: w.children.count - first)
        Matching.matchEntry(&w, first: first, count: w.children.count - first)
        scheduleNextArrival(&w)
    }

    /// Appends a child entering care now (placement set by matching).
    @discardableResult
    static func addChild(_ w: inout World, age: Double, need: NeedTier, plan: CarePlan, uasc: Bool, entry: Double? = nil,
                         drawingFrom draws: Generator? = nil) -> Int {
        // From the attributes stream (or `draws`): drawn with the child's other attributes, the same in a scenario and
        // its baseline.
        let g = draws ?? w.stream(.childAttributes)
        let assessedResidential = g.uniform() < w.scenario.routes.directResidentialByNeed[need.index]
        let alone = g.uniform() < w.scenario.inHouse.solePlacementByNeed[need.index]
        w.children.append(ChildState(
            birth: w.now - age * daysPerYear, entry: entry ?? w.now, placementStart: w.now, exitTime: .infinity,
            dailyCostMicro: 0, household: nil, episode: 0, placementVersion: 0, placement: .other, need: need,
            plan: plan, distance: .local, status: .inCare, exitRoute: .age18, uasc: uasc,
            needsResidential: assessedResidential, placementsThisYear: 0, countYear: -1, alone: alone,
            key: w.children.count - w.recentCount))
        return w.children.count - 1
    }
}
