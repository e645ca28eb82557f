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
        let row = segmentRow + year * SufficiencyLayout.count
        for k in 0..<group.count {
            let i = group[k]
            let segment = SufficiencyLayout.segment(AgeBand.of(age: (now - children[i].birth) / daysPerYear),
                                                    children[i].need, size)
            children[i].segment = UInt8(segment)
            children[i].inHouseFell = false
            row[SufficiencyLayout.cell(segment: segment, .requests)] += 1
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

    /// Proposes the group to fitting households, nearest first (ties in distance broken at random), each
    /// accepting with the carers' probability for the group's least likely child (by age band and need tier, raised
    /// to `specialist_acceptance` for a child the household's specialism is for: `teenagers` for 10 and over,
    /// `complex_needs` for complex or very complex needs), until
    /// one accepts or `proposals_per_request` have declined. Returns the household, or why in-house fell through
    /// (`declined` when households fitted but the carers asked said no). A child moving after a breakdown or planned
    /// move is not proposed to the household they have just left. The fitting households are gathered once.
    func proposeHousehold(for group: SiblingGroup) -> (Int?, FallThroughReason) {
        let lead = group[0]
        let reason = gatherHouseholds(for: group, requiring: nil, excluding: children[lead].previousHousehold)
        if candidateCounts == (0, 0, 0) { return (nil, reason) }
        // The carers' answer depends on the children (age band, need tier) and on whether the household's
        // specialism is for them: worked out per child once, then per household asked.
        var base = (1.0, 1.0, 1.0, 1.0), teen: UInt8 = 0, complex: UInt8 = 0
        for k in 0..<group.count {
            let c = children[group[k]]
            let age = c.age(at: now)
            let q = model.acceptance[AgeBand.of(age: age).index * NeedTier.count + c.need.index]
            switch k {
            case 0: base.0 = q
            case 1: base.1 = q
            case 2: base.2 = q
            default: base.3 = q
            }
            if age >= 10 { teen |= 1 << k }
            if c.need != .standard { complex |= 1 << k }
        }
        let specialist = scenario.inHouse.specialistAcceptance
        func acceptance(_ specialisms: UInt8) -> Double {
            let mask = (specialisms & Specialism.teenagers.bit != 0 ? teen : 0)
                | (specialisms & Specialism.complexNeeds.bit != 0 ? complex : 0)
            var p = 1.0
            for k in 0..<group.count {
                let q = k == 0 ? base.0 : k == 1 ? base.1 : k == 2 ? base.2 : base.3
                p = min(p, mask & (1 << k) != 0 ? max(q, specialist) : q)
            }
            return p
        }
        // One keyed generator for the request's choices among ties and the carers' answers, in a fixed order.
        let draws = keyed(.acceptance, lead, Int(children[lead].requests))
        for _ in 0..<scenario.inHouse.proposalsPerRequest {
            guard let (band, slot) = nearestCandidate(draws) else { break }
            let household = Int(candidates[band * candidateCapacity + slot])
            let accept = acceptance(households[household].specialisms)
            if accept >= 1 || draws.bernoulli(accept) { return (household, .noMatch) }
            // Declined: the last candidate of the band takes its slot.
            let last = removeCandidate(band)
            candidates[band * candidateCapacity + slot] = candidates[band * candidateCapacity + last]
        }
        return (nil, .declined)
    }

    /// The nearest in-house household with room for the whole group whose approval and specialisms fit every child
    /// (and, for a child who must be placed alone, that is empty); ties in distance are broken at random. Returns
    /// the reason when there is none: `no_vacancy` if no household has a free, available place at all, `no_match`
    /// otherwise. No carer is asked (existing placements at the start, step-down to specialist carers). With
    /// `firstFit`, the first household found that fits (for placements that already exist at the start).
    func findHousehold(for group: SiblingGroup, requiring specialism: Specialism? = nil,
                       firstFit: Bool = false) -> (Int?, FallThroughReason) {
        let reason = gatherHouseholds(for: group, requiring: specialism, excluding: -1, firstFit: firstFit)
        if candidateCounts == (0, 0, 0) { return (nil, reason) }
        let draws = firstFit ? keyedRNG : keyed(.tieBreak, group[0], Int(children[group[0]].requests))
        guard let (band, slot) = nearestCandidate(firstFit ? nil : draws) else { return (nil, reason) }
        return (Int(candidates[band * candidateCapacity + slot]), reason)
    }

    /// Fills the candidate regions with the households that could take `group` now, looking only in the vacancy
    /// lists of approval ranges that cover every child's age. Returns `no_vacancy` when no household at all has a
    /// free, available place, else `no_match` (the reason if no candidate is found).
    ///
    /// The matching rules are folded into two masks first, specialisms a household must all have and specialisms of
    /// which it needs at least one (very complex needs need `complex_needs`; complex needs at 13+ need `teenagers`
    /// or `complex_needs`; 3+ siblings together need `sibling_groups`), and the approval range is settled by the list
    /// looked in; the loop then reads each vacancy entry once.
    /// With `firstFit`, stops at the first household that fits.
    func gatherHouseholds(for group: SiblingGroup, requiring specialism: Specialism?, excluding: Int32,
                          firstFit: Bool = false) -> FallThroughReason {
        candidateCounts = (0, 0, 0)
        if candidateCapacity < households.count {
            candidates.deallocate()
            candidateCapacity = 2 * households.count
            candidates = .allocate(capacity: 3 * candidateCapacity)
        }
        var youngest = Int.max, oldest = Int.min
        var needsEmpty = false
        var allOf: UInt8 = specialism?.bit ?? 0, anyOf: UInt8 = 0
        if group.count >= 3 { allOf |= Specialism.siblingGroups.bit }
        for k in 0..<group.count {
            let i = group[k]
            let age = Int(children[i].age(at: now))
            youngest = min(youngest, age)
            oldest = max(oldest, age)
            if children[i].alone { needsEmpty = true }
            switch children[i].need {
            case .standard: break
            case .complex: if age >= 13 { anyOf = Specialism.teenagers.bit | Specialism.complexNeeds.bit }
            case .veryComplex: allOf |= Specialism.complexNeeds.bit
            }
        }
        let size = group.count
        let holds = model.holdStartPerDay > 0
        var anyVacancy = false
        var counts = (0, 0, 0)
        for r in model.approvalRanges.indices {
            let range = model.approvalRanges[r]
            let covers = youngest >= range.youngest && oldest <= range.oldest
            if !covers && anyVacancy { continue }
            let list = vacantByRange[r]
            for j in 0..<list.count {
                let entry = list[j]
                if holds {
                    advanceHold(Int(entry.household))
                    if households[Int(entry.household)].onHold { continue }
                }
                anyVacancy = true
                // Outside the children's ages, only whether some place is free and available matters.
                guard covers else { break }
                if entry.room(for: size) < size || entry.household == excluding || (needsEmpty && entry.occupied)
                    || entry.specialisms & allOf != allOf || (anyOf != 0 && entry.specialisms & anyOf == 0) {
                    continue
                }
                switch entry.distance {
                case 0: candidates[counts.0] = entry.household; counts.0 += 1
                case 1: candidates[candidateCapacity + counts.1] = entry.household; counts.1 += 1
                default: candidates[2 * candidateCapacity + counts.2] = entry.household; counts.2 += 1
                }
                if firstFit { break }
            }
            if firstFit && counts != (0, 0, 0) { break }
        }
        candidateCounts = counts
        return anyVacancy ? .noMatch : .noVacancy
    }

    /// The distance band and slot of a nearest candidate, chosen uniformly among those in the nearest band with one
    /// draw from `draws` (none when only one is nearest, or with no generator: the first).
    func nearestCandidate(_ draws: RandomStream?) -> (band: Int, slot: Int)? {
        let (band, tied) = candidateCounts.0 > 0 ? (0, candidateCounts.0)
            : candidateCounts.1 > 0 ? (1, candidateCounts.1) : (2, candidateCounts.2)
        guard tied > 0 else { return nil }
        guard tied > 1, let draws else { return (band, 0) }
        return (band, min(Int(draws.uniform() * Double(tied)), tied - 1))
    }

    /// Drops the last candidate of `band` and returns its former slot.
    func removeCandidate(_ band: Int) -> Int {
        switch band {
        case 0: candidateCounts.0 -= 1; return candidateCounts.0
        case 1: candidateCounts.1 -= 1; return candidateCounts.1
        default: candidateCounts.2 -= 1; return candidateCounts.2
        }
    }
}

