import SufficiencyModel

/// The in-house household search: which fostering households could take a request now (from the vacancy lists),
/// nearest first, and the carers' answers to a proposal.
extension Matching {
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
        let draws = w.keyed(group.count > 1 ? .groupAcceptance : .acceptance, child: lead, Int(w.children[lead].requests))
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
        let draws = firstFit ? w.keyedRNG : w.keyed(.tieBreak, child: group[0], Int(w.children[group[0]].requests))
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
