import SufficiencyModel

/// The commissioning rules (model.md section 4): direct routes from the assessment, then the ordered preference
/// list, keeping siblings together so far as any option on it can. Every request records the preference it got and
/// why earlier ones failed.
enum Matching {
    /// Children `first..<first+count` entering care together.
    static func matchEntry(_ w: inout World, first: Int, count: Int) {
        var group = SiblingGroup()
        for i in first..<(first + count) {
            w.countRequest(RequestTally.requests)
            w.children[i].requests += 1
            if let type = directRoute(&w, i, atEntry: true) {
                w.countRequest(RequestTally.directRoute)
                Placements.place(&w, i, in: type, distance: distance(&w, for: type, child: i), isMove: false)
            } else {
                group.append(i)
            }
        }
        guard !group.isEmpty else { return }
        startRequest(&w, group)
        if group.count > 1 { w.countRequest(RequestTally.siblingGroups) }
        walkPreferences(&w, group, from: 0, kind: .entry)
    }

    /// Child `i` needs a new placement after a breakdown or planned move.
    static func matchMove(_ w: inout World, _ i: Int) {
        w.countRequest(RequestTally.requests)
        w.children[i].requests += 1
        if let type = directRoute(&w, i, atEntry: false) {
            w.countRequest(RequestTally.directRoute)
            Placements.place(&w, i, in: type, distance: distance(&w, for: type, child: i), isMove: true)
        } else {
            startRequest(&w, SiblingGroup(i))
            walkPreferences(&w, SiblingGroup(i), from: 0, kind: .move)
        }
    }

    /// Records the request of each child of `group` in its sufficiency segment (age band now, need tier, and the
    /// size of the group asking together).
    static func startRequest(_ w: inout World, _ group: SiblingGroup) {
        let size = GroupSize.of(group.count)
        let row = w.segmentRow + w.year * SufficiencyLayout.count
        for k in 0..<group.count {
            let i = group[k]
            let segment = SufficiencyLayout.segment(AgeBand.of(age: (w.now - w.children[i].birth) / daysPerYear),
                                                    w.children[i].need, size)
            w.children[i].segment = UInt8(segment)
            w.children[i].inHouseFell = false
            row[SufficiencyLayout.cell(segment: segment, .requests)] += 1
        }
    }

    /// A setting the child goes to without the preference list, if the assessment says so.
    static func directRoute(_ w: inout World, _ i: Int, atEntry: Bool) -> PlacementType? {
        // The child's fields and the routes are read in place: a copy of `PlacementRoutes` would retain and release
        // its three arrays at every request.
        let match = w.keyed(.directRoute, child: i, Int(w.children[i].requests))
        let age = w.children[i].age(at: w.now)
        if atEntry {
            if age >= 10 && match.bernoulli(w.scenario.routes.secureAtEntry) { return .secure }
            if !w.children[i].uasc && match.bernoulli(w.scenario.routes.placedWithParentsAtEntry) { return .placedWithParents }
        }
        if w.children[i].needsResidential { return .residential }
        if atEntry && match.bernoulli(w.scenario.routes.residentialSchoolByNeed[w.children[i].need.index]) {
            return .residentialSchool
        }
        if age >= 16 && match.bernoulli(w.scenario.routes.supportedAccommodationAt16To17) { return .supportedAccommodation }
        return nil
    }

    /// Walks the preference list from position `start` for `group` (siblings, or one child).
    ///
    /// Siblings are kept together "so far as reasonably practicable" (Children Act 1989, s22C(8)(c)): a group walks
    /// the family-based preferences together and is split only when none of them takes it together. Its children
    /// then walk the list one by one from the first preference that could have placed them apart (in-house care with
    /// a free place, or the agency market). Why preferences fell through for the group from there on is recorded only
    /// if the group is then placed together; split, each child records its own (`SiblingGroupWalk`). A group with a
    /// child who must be placed alone is split at the in-house step if in-house care had a free place, or else at the
    /// agency step: no foster carer takes such a child with others (a relative may still take the whole family).
    ///
    /// - Complexity: O(P·g) for P preferences and g ≤ 4 children, plus one scan of the vacant households
    ///   (`gatherHouseholds`) each time in-house foster care is tried: at most g + 1 scans, one for the group and
    ///   one per child when the group is then matched one by one.
    static func walkPreferences(_ w: inout World, _ group: SiblingGroup, from start: Int, kind: RequestKind) {
        var walk = SiblingGroupWalk()
        // Read in place, not copied to a local (which would retain and release the list at every request).
        for position in start..<w.scenario.routes.preferenceOrder.count {
            let preference = w.scenario.routes.preferenceOrder[position]
            switch preference {
            case .kinshipFoster:
                let c = w.children[group[0]]
                let p = kind == .entry ? w.scenario.kinship.foundAtEntryByAge[c.ageBand(at: w.now).index]
                    : w.scenario.kinship.foundOnMove
                if w.keyed(.kinship, child: group[0], Int(c.requests)).bernoulli(p) {
                    // One family member takes the whole group: the siblings live at one distance, the first
                    // child's (as with an agency carer below).
                    let d = distance(&w, for: .kinshipFoster, child: group[0])
                    walk.recordFalls(&w, group)
                    for k in 0..<group.count {
                        settle(&w, group[k], preference, position, .kinshipFoster, nil, kind, distance: d)
                    }
                    together(&w, group)
                    return
                }
                walk.fell(&w, group, preference, .noMatch)
            case .inHouseFoster:
                let (household, reason) = proposeHousehold(&w, for: group)
                if let household {
                    walk.recordFalls(&w, group)
                    for k in 0..<group.count { settle(&w, group[k], preference, position, .inHouseFoster, HouseholdID(household), kind) }
                    together(&w, group)
                    return
                }
                if group.count > 1 && reason != .noVacancy {
                    // No household with room for the whole group fits and accepts, but some could take a child: the
                    // group goes on together, and its children come back here one by one if nothing takes them all;
                    // a group with a child who must be placed alone can live together nowhere, and is split now.
                    if anyPlacedAlone(&w, group) { return split(&w, group, from: position, kind: kind) }
                    walk.couldSplit(at: position, .inHouseFoster, reason)
                    continue
                }
                // Nothing listed is available, but a place held back by a household taking fewer children is
                // vacant all the same (Ofsted, and `in_house_vacancies`): the service had a place, which did not fit.
                walk.fell(&w, group, preference, reason == .noVacancy && Carers.holdsBackAvailablePlace(&w) ? .noMatch : reason)
            case .ifaFoster:
                if group.count > 1 {
                    if anyPlacedAlone(&w, group) { return split(&w, group, from: walk.splitFrom ?? position, kind: kind) }
                    // An agency carer who can take the whole group, found with the market's chance for the group's
                    // hardest-to-place child times the share of agency offers that take sibling groups.
                    var p = 1.0
                    for k in 0..<group.count {
                        let c = w.children[group[k]]
                        p = min(p, w.scenario.ifa.foundProbability[c.ageBand(at: w.now).index][c.need.index])
                    }
                    p = min(1, p * w.model.levers.ifaAvailability[w.year]) * w.scenario.ifa.siblingGroupsTogether
                    if w.keyed(.ifaGroup, child: group[0], Int(w.children[group[0]].requests)).bernoulli(p) {
                        let d = distance(&w, for: .ifaFoster, child: group[0])
                        walk.recordFalls(&w, group)
                        for k in 0..<group.count {
                            settle(&w, group[k], preference, position, .ifaFoster, nil, kind, distance: d)
                        }
                        together(&w, group)
                        return
                    }
                    walk.couldSplit(at: position, .ifaFoster, .marketDeclined)
                    continue
                }
                let c = w.children[group[0]]
                let p = min(1, w.scenario.ifa.foundProbability[c.ageBand(at: w.now).index][c.need.index]
                    * w.model.levers.ifaAvailability[w.year])
                // The market draw is made even when a block place is free, so that the market stream stays
                // aligned between a scenario and its baseline (common random numbers).
                let found = w.keyed(.ifaMarket, child: group[0], Int(c.requests)).bernoulli(p)
                if w.blockOccupied < w.model.levers.blockPlaces[w.year] {
                    w.blockOccupied += 1
                    w.children[group[0]].inBlock = true
                    let discount = 1 - (w.scenario.interventions.blockContract?.priceDiscount ?? 0)
                    settle(&w, group[0], preference, position, .ifaFoster, nil, kind, priceFactor: discount)
                    return
                }
                if found {
                    settle(&w, group[0], preference, position, .ifaFoster, nil, kind)
                    return
                }
                fell(&w, group, preference, .marketDeclined)
            case .residential:
                if let from = walk.splitFrom { return split(&w, group, from: from, kind: kind) }
                for k in 0..<group.count {
                    settle(&w, group[k], preference, position, .residential, nil, kind)
                    // Reaching residential by falling through the list: displaced from family-based care.
                    if position > 0 { w.tally(.displacedToResidential) }
                }
                return
            }
        }
    }

    /// The children of `group` walk the list one by one from `position`.
    static func split(_ w: inout World, _ group: SiblingGroup, from position: Int, kind: RequestKind) {
        for k in 0..<group.count { walkPreferences(&w, SiblingGroup(group[k]), from: position, kind: kind) }
    }

    /// Whether a child of `group` must be placed alone, so that no foster carer can take the group together.
    static func anyPlacedAlone(_ w: inout World, _ group: SiblingGroup) -> Bool {
        for k in 0..<group.count where w.children[group[k]].alone { return true }
        return false
    }

    /// A sibling group's way down the preference list while it is kept together: where its children would start one
    /// by one, and why preferences fell through for the group from there on. Those falls are held back: they count
    /// (`recordFalls`) if the group is then placed together, and not if it is split, since each child then walks the
    /// list again from `splitFrom` and records its own. Falls before `splitFrom` count at once (the children do not
    /// walk those preferences again).
    struct SiblingGroupWalk {
        private(set) var splitFrom: Int? = nil
        /// For each preference (4 bits at its index), the reason it fell through plus 1, or 0; each preference is at
        /// most once in the list.
        private var held: UInt16 = 0

        /// `preference` could have placed the group's children apart, and fell through for the group for `reason`.
        mutating func couldSplit(at position: Int, _ preference: PlacementPreference, _ reason: FallThroughReason) {
            if splitFrom == nil { splitFrom = position }
            hold(preference, reason)
        }

        /// `preference` fell through for `group`: counted now, or held back once the group could have been split.
        @inline(__always) mutating func fell(_ w: inout World, _ group: SiblingGroup, _ preference: PlacementPreference,
                                             _ reason: FallThroughReason) {
            if splitFrom == nil { Matching.fell(&w, group, preference, reason) } else { hold(preference, reason) }
        }

        @inline(__always) private mutating func hold(_ preference: PlacementPreference, _ reason: FallThroughReason) {
            held |= UInt16(reason.rawValue + 1) << (4 * preference.index)
        }

        /// The group is placed together: the falls held back count now.
        @inline(__always) func recordFalls(_ w: inout World, _ group: SiblingGroup) {
            if held != 0 { recordHeld(&w, group) }
        }

        private func recordHeld(_ w: inout World, _ group: SiblingGroup) {
            for p in 0..<PlacementPreference.count {
                let code = Int(held >> (4 * p) & 0xF)
                if code != 0 { Matching.fell(&w, group, PlacementPreference(rawValue: p)!, FallThroughReason(rawValue: code - 1)!) }
            }
        }
    }

    @inline(__always) static func fell(_ w: inout World, _ group: SiblingGroup, _ p: PlacementPreference, _ r: FallThroughReason) {
        w.countRequest(RequestTally.fellThrough(p, r), Int32(group.count))
        guard p == .inHouseFoster else { return }
        for k in 0..<group.count {
            w.countSegment(group[k], SufficiencyMeasure.inHouse(r))
            w.children[group[k]].inHouseFell = true
        }
    }

    /// A sibling group that asked together was placed together.
    @inline(__always) static func together(_ w: inout World, _ group: SiblingGroup) {
        if group.count > 1 { w.countRequest(RequestTally.siblingGroupsTogether) }
    }

    static func settle(_ w: inout World, _ i: Int, _ p: PlacementPreference, _ position: Int, _ type: PlacementType, _ household: HouseholdID?,
                _ kind: RequestKind, priceFactor: Double = 1, distance given: DistanceBand? = nil) {
        w.countRequest(RequestTally.placed(by: p))
        w.countSegment(i, SufficiencyMeasure.placed(p))
        if position == 0 { w.countRequest(RequestTally.firstPreferenceMet) }
        let d = household.map { w.households[$0.index].distance } ?? given ?? distance(&w, for: type, child: i)
        #if SUFFICIENCY_CHECKS
        if w.checksInvariants, let h = household?.index, w.violations.count < 50 {
            let house = w.households[h]
            let matched = "replication \(w.index + 1), day \(w.now): child \(i) matched to household \(h), which "
            // Matching never puts a child with a child who must be placed alone, nor such a child with anyone;
            if house.aloneCount > 0 || (w.children[i].alone && house.occupied > 0) {
                w.violations.append(matched + "has \(house.occupied) living there, \(house.aloneCount) placed alone")
            }
            // nor with carers who are on hold (as advanced to now by the search), closing or gone.
            if house.onHold || house.closing || !house.active {
                w.violations.append(matched + "is " + (house.onHold ? "on hold" : house.closing ? "closing" : "gone"))
            }
        }
        #endif
        Placements.place(&w, i, in: type, household: household, distance: d, isMove: kind == .move, priceFactor: priceFactor)
        // Time in an agency or children's home entered because in-house fell through counts as shortfall.
        if w.children[i].inHouseFell && (type == .ifaFoster || type == .residential) { w.children[i].shortfallSince = w.now }
    }

    /// Distance band of a placement outside the in-house service, keyed to the child's request.
    static func distance(_ w: inout World, for type: PlacementType, child i: Int) -> DistanceBand {
        let market = w.keyed(.distance, child: i, Int(w.children[i].requests))
        switch type {
        case .kinshipFoster: return DistanceBand(rawValue: market.discrete(w.model.kinshipDistance))!
        case .ifaFoster: return DistanceBand(rawValue: market.discrete(w.model.ifaDistance))!
        case .residential, .residentialSchool, .secure:
            return DistanceBand(rawValue: market.discrete(w.model.residentialDistance))!
        default: return .local
        }
    }
}
