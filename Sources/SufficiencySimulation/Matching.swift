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
        let c = w.children[i]
        let routes = w.scenario.routes
        let match = w.keyed(.directRoute, i, Int(c.requests))
        let age = c.age(at: w.now)
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
                if w.keyed(.kinship, group[0], Int(c.requests)).bernoulli(p) {
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
                    if w.keyed(.ifaGroup, group[0], Int(w.children[group[0]].requests)).bernoulli(p) {
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
                let found = w.keyed(.ifaMarket, group[0], Int(c.requests)).bernoulli(p)
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
        // Matching never puts a child with a child who must be placed alone, nor such a child with anyone.
        if w.checksInvariants, let h = household?.index, w.violations.count < 50,
           w.households[h].aloneCount > 0 || (w.children[i].alone && w.households[h].occupied > 0) {
            w.violations.append("replication \(w.index + 1), day \(w.now): child \(i) matched to household \(h), "
                + "which has \(w.households[h].occupied) living there, \(w.households[h].aloneCount) placed alone")
        }
        #endif
        Placements.place(&w, i, in: type, household: household, distance: d, isMove: kind == .move, priceFactor: priceFactor)
        // Time in an agency or children's home entered because in-house fell through counts as shortfall.
        if w.children[i].inHouseFell && (type == .ifaFoster || type == .residential) { w.children[i].shortfallSince = w.now }
    }

    /// Distance band of a placement outside the in-house service, keyed to the child's request.
    static func distance(_ w: inout World, for type: PlacementType, child i: Int) -> DistanceBand {
        let market = w.keyed(.distance, i, Int(w.children[i].requests))
        switch type {
        case .kinshipFoster: return DistanceBand(rawValue: market.discrete(w.model.kinshipDistance))!
        case .ifaFoster: return DistanceBand(rawValue: market.discrete(w.model.ifaDistance))!
        case .residential, .residentialSchool, .secure:
            return DistanceBand(rawValue: market.discrete(w.model.residentialDistance))!
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
    ///
    /// - Complexity: one scan of the vacant households (`gatherHouseholds`: O(R + V), below), then at most
    ///   `proposals_per_request` proposals, each O(g) for the g ≤ 4 children of the group: the nearest candidate is
    ///   picked with one draw and one that declines is swap-removed, both O(1).
    static func proposeHousehold(_ w: inout World, for group: SiblingGroup) -> (Int?, FallThroughReason) {
        let lead = group[0]
        let reason = gatherHouseholds(&w, for: group, requiring: nil, excluding: w.children[lead].previousHousehold)
        if w.candidateCounts == (0, 0, 0) { return (nil, reason) }
        // The carers' answer depends on the children (age band, need tier) and on whether the household's
        // specialism is for them: worked out per child once, then per household asked.
        var base = (1.0, 1.0, 1.0, 1.0), teen: UInt8 = 0, complex: UInt8 = 0
        for k in 0..<group.count {
            let c = w.children[group[k]]
            let age = c.age(at: w.now)
            let q = w.model.acceptance[AgeBand.of(age: age).index * NeedTier.count + c.need.index]
            switch k {
            case 0: base.0 = q
            case 1: base.1 = q
            case 2: base.2 = q
            default: base.3 = q
            }
            if age >= 10 { teen |= 1 << k }
            if c.need != .standard { complex |= 1 << k }
        }
        let specialist = w.scenario.inHouse.specialistAcceptance
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
        // One keyed generator for the request's choices among ties and the carers' answers, in a fixed order; a
        // group's differs from its first child's alone, which is asked next if the group is declined.
        let draws = w.keyed(group.count > 1 ? .groupAcceptance : .acceptance, lead, Int(w.children[lead].requests))
        for _ in 0..<w.scenario.inHouse.proposalsPerRequest {
            guard let (band, slot) = nearestCandidate(&w, draws) else { break }
            let household = Int(w.candidates[band * w.candidateCapacity + slot])
            let accept = acceptance(w.households[household].specialisms)
            if accept >= 1 || draws.bernoulli(accept) { return (household, .noMatch) }
            // Declined: the last candidate of the band takes its slot.
            let last = removeCandidate(&w, band)
            w.candidates[band * w.candidateCapacity + slot] = w.candidates[band * w.candidateCapacity + last]
        }
        return (nil, .declined)
    }

    /// The nearest in-house household with room for the whole group whose approval and specialisms fit every child
    /// (and, for a child who must be placed alone, that is empty); ties in distance are broken at random. Returns
    /// the reason when there is none: `no_vacancy` if no household could take any request now (`gatherHouseholds`),
    /// `no_match` otherwise. No carer is asked (existing placements at the start, step-down to specialist carers). With
    /// `firstFit`, the first household found that fits (for placements that already exist at the start).
    ///
    /// - Complexity: one scan of the vacant households (`gatherHouseholds`: O(R + V)), then an O(1) pick; with
    ///   `firstFit` the scan stops at the first household that fits.
    static func findHousehold(_ w: inout World, for group: SiblingGroup, requiring specialism: Specialism? = nil,
                       firstFit: Bool = false) -> (Int?, FallThroughReason) {
        let reason = gatherHouseholds(&w, for: group, requiring: specialism, excluding: nil, firstFit: firstFit)
        if w.candidateCounts == (0, 0, 0) { return (nil, reason) }
        let draws = firstFit ? w.keyedRNG : w.keyed(.tieBreak, group[0], Int(w.children[group[0]].requests))
        guard let (band, slot) = nearestCandidate(&w, firstFit ? nil : draws) else { return (nil, reason) }
        return (Int(w.candidates[band * w.candidateCapacity + slot]), reason)
    }

    /// Fills the candidate regions with the households that could take `group` now, looking only in the vacancy
    /// lists of approval ranges that cover every child's age. Returns `no_vacancy` when no listed household is
    /// available (none could take any request now: splitting a sibling group cannot help), else `no_match` (the
    /// reason if no candidate is found). A place held back by a household taking fewer children is in no list but
    /// still vacant; `walkPreferences` records such a request as `no_match` (`Carers.holdsBackAvailablePlace`).
    ///
    /// The matching rules are folded first (`Fit`) into two masks, specialisms a household must all have and
    /// specialisms of which it needs at least one (very complex needs need `complex_needs`; complex needs at 13+ need
    /// `teenagers` or `complex_needs`; 3+ siblings together need `sibling_groups`), and the approval range is settled
    /// by the list looked in; the scan then reads each vacancy entry once (`scan`, or `scanWithHolds` when
    /// households go on hold, kept apart so that the common scan carries nothing of holds).
    /// With `firstFit`, stops at the first household that fits.
    ///
    /// - Complexity: a linear scan of the vacant households, not an indexed search: O(R + V) for R approval ranges
    ///   and V entries in the vacancy lists read. The lists hold only households with room for some request (on
    ///   hold or not; each in its own approval range's list, kept by `Carers.refreshVacancy` in O(1) per change), so
    ///   V is at most the vacant households, not all of them. Every entry of each range covering the children's
    ///   ages is read (none when a child who must be placed alone asks with siblings). Without holds, a range that
    ///   does not cover them is not read at all (a non-empty list shows a vacancy); with holds it is read only up to
    ///   its first available entry, and not at all once one has been found, and each entry read first catches its
    ///   household's hold up to now (`Carers.advanceHold`: one step per hold change since it was last looked
    ///   at). The candidate arrays are
    ///   reallocated, O(H) for H households, only when the households have outgrown them.
    static func gatherHouseholds(_ w: inout World, for group: SiblingGroup, requiring specialism: Specialism?, excluding: HouseholdID?,
                          firstFit: Bool = false) -> FallThroughReason {
        w.candidateCounts = (0, 0, 0)
        // A service with no household listed (common when it is full) has no vacancy: no need to look.
        if w.listedHouseholds == 0 { return .noVacancy }
        if w.candidateCapacity < w.households.count {
            w.candidates.reset(repeating: 0, count: 3 * 2 * w.households.count)
        }
        let fit = Fit(&w, group, requiring: specialism, excluding: excluding)
        // Without holds every listed household is available: a scan that never looks at the households themselves.
        return w.model.holdStartPerDay > 0 ? scanWithHolds(&w, fit, firstFit: firstFit) : scan(&w, fit, firstFit: firstFit)
    }

    /// What a household must offer a request, from its children: the ages an approval range must cover, the
    /// specialisms it must have all of and at least one of, room for the group, and whether it must be empty.
    struct Fit {
        var youngest = Int.max, oldest = Int.min
        var allOf: UInt8, anyOf: UInt8 = 0
        let size: Int
        /// A child who must be placed alone needs an empty household, and cannot share it with siblings either: a
        /// group with such a child finds no household together and its children are matched one by one.
        var needsEmpty = false
        /// The household just left, as the vacancy entries number households (no entry has a negative number).
        let excluded: Int32

        init(_ w: inout World, _ group: SiblingGroup, requiring specialism: Specialism?, excluding: HouseholdID?) {
            size = group.count
            excluded = excluding?.raw ?? -1
            allOf = specialism?.bit ?? 0
            if group.count >= 3 { allOf |= Specialism.siblingGroups.bit }
            for k in 0..<group.count {
                let i = group[k]
                let age = Int(w.children[i].age(at: w.now))
                youngest = min(youngest, age)
                oldest = max(oldest, age)
                if w.children[i].alone { needsEmpty = true }
                switch w.children[i].need {
                case .standard: break
                case .complex: if age >= 13 { anyOf = Specialism.teenagers.bit | Specialism.complexNeeds.bit }
                case .veryComplex: allOf |= Specialism.complexNeeds.bit
                }
            }
        }

        @inline(__always) func covers(_ range: ApprovalRange) -> Bool { youngest >= range.youngest && oldest <= range.oldest }

        /// No household fits: a child who must be placed alone asks with siblings.
        @inline(__always) var fitsNowhere: Bool { needsEmpty && size > 1 }

        /// Whether a household with a free, available place and this vacancy entry fits.
        @inline(__always) func admits(_ entry: VacancyEntry) -> Bool {
            !(Int(size == 1 ? entry.roomSingle : entry.roomGroup) < size || entry.household == excluded
              || fitsNowhere || (needsEmpty && entry.occupied)
              || entry.specialisms & allOf != allOf || (anyOf != 0 && entry.specialisms & anyOf == 0))
        }
    }

    /// Adds `household` to the candidates of its distance band, through the buffer's storage: the buffer has room for
    /// every household in each band (`gatherHouseholds`), and each household is in one vacancy list once.
    @inline(__always) static func addCandidate(_ regions: UnsafeMutablePointer<Int32>, _ capacity: Int,
                                               _ counts: inout (Int, Int, Int), _ entry: VacancyEntry) {
        switch entry.distance {
        case 0: regions[counts.0] = entry.household; counts.0 &+= 1
        case 1: regions[capacity + counts.1] = entry.household; counts.1 &+= 1
        default: regions[2 * capacity + counts.2] = entry.household; counts.2 &+= 1
        }
    }

    /// `gatherHouseholds` without holds: every listed household has a free, available place, so a range's list
    /// shows whether there is a vacancy by being non-empty, and only the lists of ranges covering the children are read.
    static func scan(_ w: inout World, _ fit: Fit, firstFit: Bool) -> FallThroughReason {
        var anyVacancy = false
        var counts = (0, 0, 0)
        let regions = w.candidates.storage, capacity = w.candidateCapacity
        for r in w.model.approvalRanges.indices {
            let covers = fit.covers(w.model.approvalRanges[r])
            if !covers && anyVacancy { continue }
            let listed = w.vacantByRange[r].count
            if listed == 0 { continue }
            anyVacancy = true
            guard covers && !fit.fitsNowhere else { continue }
            let entries = w.vacantByRange[r].storage
            for j in 0..<listed where fit.admits(entries[j]) {
                addCandidate(regions, capacity, &counts, entries[j])
                if firstFit { break }
            }
            if firstFit && counts != (0, 0, 0) { break }
        }
        w.candidateCounts = counts
        return anyVacancy ? .noMatch : .noVacancy
    }

    /// `gatherHouseholds` with holds: each entry read first catches its household's hold up to now, and a household
    /// on hold neither fits nor counts as a vacancy.
    static func scanWithHolds(_ w: inout World, _ fit: Fit, firstFit: Bool) -> FallThroughReason {
        var anyVacancy = false
        var counts = (0, 0, 0)
        for r in w.model.approvalRanges.indices {
            let covers = fit.covers(w.model.approvalRanges[r])
            if !covers && anyVacancy { continue }
            for j in 0..<w.vacantByRange[r].count {
                let entry = w.vacantByRange[r][j]
                Carers.advanceHold(&w, Int(entry.household))
                if w.households[Int(entry.household)].onHold { continue }
                anyVacancy = true
                // Outside the children's ages, only whether some place is free and available matters.
                guard covers else { break }
                guard fit.admits(entry) else { continue }
                addCandidate(w.candidates.storage, w.candidateCapacity, &counts, entry)
                if firstFit { break }
            }
            if firstFit && counts != (0, 0, 0) { break }
        }
        w.candidateCounts = counts
        return anyVacancy ? .noMatch : .noVacancy
    }

    /// The distance band and slot of a nearest candidate, chosen uniformly among those in the nearest band with one
    /// draw from `draws` (none when only one is nearest, or with no generator: the first).
    static func nearestCandidate(_ w: inout World, _ draws: Generator?) -> (band: Int, slot: Int)? {
        let (band, tied) = w.candidateCounts.0 > 0 ? (0, w.candidateCounts.0)
            : w.candidateCounts.1 > 0 ? (1, w.candidateCounts.1) : (2, w.candidateCounts.2)
        guard tied > 0 else { return nil }
        guard tied > 1, let draws else { return (band, 0) }
        return (band, min(Int(draws.uniform() * Double(tied)), tied - 1))
    }

    /// Drops the last candidate of `band` and returns its former slot.
    static func removeCandidate(_ w: inout World, _ band: Int) -> Int {
        switch band {
        case 0: w.candidateCounts.0 -= 1; return w.candidateCounts.0
        case 1: w.candidateCounts.1 -= 1; return w.candidateCounts.1
        default: w.candidateCounts.2 -= 1; return w.candidateCounts.2
        }
    }
}

