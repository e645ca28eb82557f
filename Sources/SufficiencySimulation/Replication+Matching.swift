import SufficiencyModel

/// The commissioning rules (model.md section 4): direct routes from the assessment, then the ordered preference
/// list, keeping siblings together where a household has room. Every request records the preference it got and
/// why earlier ones failed.
extension Replication {
    @inline(__always) func countRequest(_ column: Int, _ amount: Double = 1) {
        requests[year * RequestTally.count + column] += amount
    }

    /// Adds to the current year's sufficiency cell `m` of child `i`'s request segment.
    @inline(__always) func countSegment(_ i: Int, _ m: SufficiencyMeasure, _ amount: Double = 1) {
        segmentRow[year * SufficiencyLayout.count + SufficiencyLayout.cell(segment: Int(children[i].segment), m)] += amount
    }

    /// Children `first..<first+count` entering care together.
    func matchEntry(first: Int, count: Int) {
        var group = SiblingGroup()
        for i in first..<(first + count) {
            countRequest(RequestTally.requests)
            children[i].requests += 1
            if let type = directRoute(i, atEntry: true) {
                countRequest(RequestTally.directRoute)
                place(i, in: type, distance: distance(for: type, child: i), isMove: false)
            } else {
                group.append(i)
            }
        }
        guard !group.isEmpty else { return }
        startRequest(group)
        if group.count > 1 { countRequest(RequestTally.siblingGroups) }
        walkPreferences(group, from: 0, kind: .entry)
    }

    /// Child `i` needs a new placement after a breakdown or planned move.
    func matchMove(_ i: Int) {
        countRequest(RequestTally.requests)
        children[i].requests += 1
        if let type = directRoute(i, atEntry: false) {
            countRequest(RequestTally.directRoute)
            place(i, in: type, distance: distance(for: type, child: i), isMove: true)
        } else {
            startRequest(SiblingGroup(i))
            walkPreferences(SiblingGroup(i), from: 0, kind: .move)
        }
    }

    /// Records the request of each child of `group` in its sufficiency segment (age band now, need tier, and the
    /// size of the group asking together).
    func startRequest(_ group: SiblingGroup) {
        let size = GroupSize.of(group.count)
        for k in 0..<group.count {
            let i = group[k]
            children[i].segment = UInt8(SufficiencyLayout.segment(children[i].ageBand(at: now), children[i].need, size))
            children[i].inHouseFell = false
            countSegment(i, .requests)
        }
    }

    /// A setting the child goes to without the preference list, if the assessment says so.
    func directRoute(_ i: Int, atEntry: Bool) -> PlacementType? {
        let c = children[i]
        let routes = scenario.routes
        let match = keyed(.directRoute, i, Int(c.requests))
        let age = c.age(at: now)
        if atEntry {
            if age >= 10 && match.bernoulli(routes.secureAtEntry) { return .secure }
            if !c.uasc && match.bernoulli(routes.placedWithParentsAtEntry) { return .placedWithParents }
        }
        if c.needsResidential { return .residential }
        if atEntry && match.bernoulli(routes.residentialSchoolByNeed[c.need.index]) { return .residentialSchool }
        if age >= 16 && match.bernoulli(routes.supportedAccommodationAt16To17) { return .supportedAccommodation }
        return nil
    }

    /// Walks the preference list from position `start` for `group` (siblings, or one child).
    func walkPreferences(_ group: SiblingGroup, from start: Int, kind: RequestKind) {
        let order = scenario.routes.preferenceOrder
        for position in start..<order.count {
            let preference = order[position]
            switch preference {
            case .kinshipFoster:
                let c = children[group[0]]
                let p = kind == .entry ? scenario.kinship.foundAtEntryByAge[c.ageBand(at: now).index]
                    : scenario.kinship.foundOnMove
                if keyed(.kinship, group[0], Int(c.requests)).bernoulli(p) {
                    for k in 0..<group.count { settle(group[k], preference, position, .kinshipFoster, -1, kind) }
                    together(group)
                    return
                }
                fell(group, preference, .noMatch)
            case .inHouseFoster:
                let (household, reason) = proposeHousehold(for: group)
                if let household {
                    for k in 0..<group.count { settle(group[k], preference, position, .inHouseFoster, household, kind) }
                    together(group)
                    return
                }
                if group.count > 1 && reason != .noVacancy {
                    // No household with room for the whole group fits and accepts: siblings are matched one by one.
                    for k in 0..<group.count { walkPreferences(SiblingGroup(group[k]), from: position, kind: kind) }
                    return
                }
                fell(group, preference, reason)
            case .ifaFoster:
                if group.count > 1 {
                    // An agency carer who can take the whole group, found with the market's chance for the group's
                    // hardest-to-place child times the share of agency offers that take sibling groups.
                    var p = 1.0
                    for k in 0..<group.count {
                        let c = children[group[k]]
                        p = min(p, scenario.ifa.foundProbability[c.ageBand(at: now).index][c.need.index])
                    }
                    p = min(1, p * model.levers.ifaAvailability[year]) * scenario.ifa.siblingGroupsTogether
                    if keyed(.ifaGroup, group[0], Int(children[group[0]].requests)).bernoulli(p) {
                        let d = distance(for: .ifaFoster, child: group[0])
                        for k in 0..<group.count {
                            settle(group[k], preference, position, .ifaFoster, -1, kind, distance: d)
                        }
                        together(group)
                        return
                    }
                    for k in 0..<group.count { walkPreferences(SiblingGroup(group[k]), from: position, kind: kind) }
                    return
                }
                let c = children[group[0]]
                let p = min(1, scenario.ifa.foundProbability[c.ageBand(at: now).index][c.need.index]
                    * model.levers.ifaAvailability[year])
                // The market draw is made even when a block place is free, so that the market stream stays
                // aligned between a scenario and its baseline (common random numbers).
                let found = keyed(.ifaMarket, group[0], Int(c.requests)).bernoulli(p)
                if blockOccupied < model.levers.blockPlaces[year] {
                    blockOccupied += 1
                    children[group[0]].inBlock = true
                    let discount = 1 - (scenario.interventions.blockContract?.priceDiscount ?? 0)
                    settle(group[0], preference, position, .ifaFoster, -1, kind, priceFactor: discount)
                    return
                }
                if found {
                    settle(group[0], preference, position, .ifaFoster, -1, kind)
                    return
                }
                fell(group, preference, .marketDeclined)
            case .residential:
                for k in 0..<group.count {
                    settle(group[k], preference, position, .residential, -1, kind)
                    // Reaching residential by falling through the list: displaced from family-based care.
                    if position > 0 { tally(.displacedToResidential) }
                }
                return
            }
        }
    }

    @inline(__always) func fell(_ group: SiblingGroup, _ p: PlacementPreference, _ r: FallThroughReason) {
        countRequest(RequestTally.fellThrough(p, r), Double(group.count))
        guard p == .inHouseFoster else { return }
        for k in 0..<group.count {
            countSegment(group[k], SufficiencyMeasure.inHouse(r))
            children[group[k]].inHouseFell = true
        }
    }

    /// A sibling group that asked together was placed together.
    @inline(__always) func together(_ group: SiblingGroup) {
        if group.count > 1 { countRequest(RequestTally.siblingGroupsTogether) }
    }

    func settle(_ i: Int, _ p: PlacementPreference, _ position: Int, _ type: PlacementType, _ household: Int,
                _ kind: RequestKind, priceFactor: Double = 1, distance given: DistanceBand? = nil) {
        countRequest(RequestTally.placed(by: p))
        countSegment(i, SufficiencyMeasure.placed(p))
        if position == 0 { countRequest(RequestTally.firstPreferenceMet) }
        let d = household >= 0 ? households[household].distance : given ?? distance(for: type, child: i)
        place(i, in: type, household: household, distance: d, isMove: kind == .move, priceFactor: priceFactor)
        // Time in an agency or children's home entered because in-house fell through counts as shortfall.
        if children[i].inHouseFell && (type == .ifaFoster || type == .residential) { children[i].shortfallSince = now }
    }

    /// Distance band of a placement outside the in-house service, keyed to the child's request.
    func distance(for type: PlacementType, child i: Int) -> DistanceBand {
        let market = keyed(.distance, i, Int(children[i].requests))
        switch type {
        case .kinshipFoster: return DistanceBand(rawValue: market.discrete(model.kinshipDistance))!
        case .ifaFoster: return DistanceBand(rawValue: market.discrete(model.ifaDistance))!
        case .residential, .residentialSchool, .secure:
            return DistanceBand(rawValue: market.discrete(model.residentialDistance))!
        default: return .local
        }
    }

    /// Proposes the group to fitting households, nearest first, each accepting with the carers' probability for the
    /// group's least likely child (by age band and need tier), until one accepts or `proposals_per_request` have
    /// declined. Returns the household, or why in-house fell through (`declined` when households fitted but the
    /// carers asked said no). A child moving after a breakdown or planned move is not proposed to the household
    /// they have just left.
    func proposeHousehold(for group: SiblingGroup) -> (Int?, FallThroughReason) {
        let lead = children[group[0]]
        var excluded = (lead.previousHousehold, Int32(-1), Int32(-1), Int32(-1))
        var accept = 1.0
        for k in 0..<group.count {
            let c = children[group[k]]
            accept = min(accept, scenario.inHouse.acceptanceByAgeNeed[c.ageBand(at: now).index][c.need.index])
        }
        let proposals = min(scenario.inHouse.proposalsPerRequest, 3)
        for asked in 0..<proposals {
            let (household, reason) = findHousehold(for: group, excluding: excluded)
            guard let household else { return (nil, asked > 0 ? .declined : reason) }
            if accept >= 1 || keyed(.acceptance, group[0], Int(lead.requests) &* 8 &+ asked).bernoulli(accept) {
                return (household, reason)
            }
            switch asked {
            case 0: excluded.1 = Int32(household)
            case 1: excluded.2 = Int32(household)
            default: excluded.3 = Int32(household)
            }
        }
        return (nil, .declined)
    }

    /// The nearest in-house household with room for the whole group whose approval and specialisms fit every child
    /// (and, for a child who must be placed alone, that is empty), other than the `excluding` ones; ties in distance
    /// are broken at random. Returns the reason when there is none: `no_vacancy` if no household has a free,
    /// available place at all, `no_match` otherwise.
    func findHousehold(for group: SiblingGroup, requiring specialism: Specialism? = nil,
                       excluding: (Int32, Int32, Int32, Int32) = (-1, -1, -1, -1)) -> (Int?, FallThroughReason) {
        var anyVacancy = false
        var best = -1
        var bestDistance = Int.max
        var ties = 0
        let needsSiblingSpecialism = group.count >= 3
        var needsEmpty = false
        for k in 0..<group.count where children[group[k]].alone { needsEmpty = true }
        var tieBreak: RandomStream? = nil   // seeded only when a tie occurs
        for index in vacantHouseholds {
            let k = Int(index)
            advanceHold(k)
            if households[k].onHold { continue }
            anyVacancy = true
            if households[k].room(for: group.count) < group.count || households[k].distance.rawValue > bestDistance {
                continue
            }
            if index == excluding.0 || index == excluding.1 || index == excluding.2 || index == excluding.3 { continue }
            let h = households[k]
            if needsEmpty && h.occupied > 0 { continue }
            if needsSiblingSpecialism && !h.has(.siblingGroups) { continue }
            if let specialism, !h.has(specialism) { continue }
            var fits = true
            for k in 0..<group.count where !household(h, fits: children[group[k]]) {
                fits = false
                break
            }
            if !fits { continue }
            if h.distance.rawValue < bestDistance {
                best = Int(index)
                bestDistance = h.distance.rawValue
                ties = 1
            } else {
                ties += 1
                if tieBreak == nil { tieBreak = keyed(.tieBreak, group[0], Int(children[group[0]].requests)) }
                if tieBreak!.uniform() * Double(ties) < 1 { best = Int(index) }
            }
        }
        if best >= 0 { return (best, .noMatch) }
        return (nil, anyVacancy ? .noMatch : .noVacancy)
    }

    /// Approval range and specialism rules: very complex needs need a `complex_needs` household; complex needs
    /// at 13+ need `teenagers` or `complex_needs`.
    @inline(__always) func household(_ h: Household, fits c: ChildState) -> Bool {
        let age = Int(c.age(at: now))
        guard age >= Int(h.youngest) && age <= Int(h.oldest) else { return false }
        switch c.need {
        case .standard: return true
        case .complex: return age < 13 || h.has(.teenagers) || h.has(.complexNeeds)
        case .veryComplex: return h.has(.complexNeeds)
        }
    }
}
