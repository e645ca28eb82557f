import SufficiencyModel

/// Where a child is in the life of the simulation.
enum ChildStatus: UInt8 {
    case inCare, stayingPut, left
}

/// One child (or young person in Staying Put). Stored by value in an array indexed by child id; small fields are
/// narrow integers so that a replication's children stay in cache.
struct ChildState {
    /// Day of birth relative to the start date (negative for children born before it).
    var birth: Double
    /// Day the current (or last) episode of care started.
    var entry: Double
    /// Day the current placement started.
    var placementStart: Double
    /// Day the current episode is due to end (sampled exit or 18th birthday); infinity when beyond the horizon.
    var exitTime: Double
    /// Cost of the current placement or Staying Put arrangement, micro-pounds per day at the price base.
    var dailyCostMicro: Int64
    /// The in-house household the child (or young person staying put) lives in, if any.
    var household: HouseholdID?
    /// Bumped at every entry and exit; exit-related events carry it.
    var episode: UInt32
    /// Bumped at every new placement; breakdown and planned-move events carry it.
    var placementVersion: UInt32
    var placement: PlacementType
    var need: NeedTier
    var plan: CarePlan
    var distance: DistanceBand
    var status: ChildStatus
    var exitRoute: ExitRoute
    var uasc: Bool
    /// Assessed at entry as needing residential care: goes there directly, not through the preference list.
    var needsResidential: Bool
    /// Enrolled in a reunification programme (for the rest of the episode).
    var enrolled: Bool = false
    /// In one of an IFA block contract's reserved places.
    var inBlock: Bool = false
    /// Placement requests made so far (entry, moves): the counter of the request's keyed draws.
    var requests: Int32 = 0
    /// Placements held during the financial year `countYear` (DfE stability measure).
    var placementsThisYear: UInt8
    var countYear: Int16
    /// Must be placed alone (no other children in the household while there); drawn at entry.
    var alone: Bool = false
    /// Start of the placement that counts for the DfE long-term stability measure: the current placement's start,
    /// or for a child placed for adoption, the start of the placement before (DfE: "together with their previous
    /// placement").
    var stableSince: Double = 0
    /// The household the child last left, which a re-match after a breakdown or planned move skips.
    var previousHousehold: HouseholdID? = nil
    /// Sufficiency segment of the current request (age band × need tier × group size, `SufficiencyLayout`).
    var segment: UInt8 = 0
    /// The subject of the child's keyed draws (`World.keyed(_:child:_:)`): its place among the children in care at
    /// the start and the arrivals, or for a child who went home before the start, 2^40 and up.
    var key: Int = 0
    /// Whether the in-house option fell through in the current request.
    var inHouseFell: Bool = false
    /// Day from which the current agency or residential placement counts as shortfall (entered after in-house fell
    /// through) and has not yet been counted; -1 when it does not count.
    var shortfallSince: Double = -1

    @inline(__always) func age(at t: Double) -> Double { (t - birth) / daysPerYear }
    @inline(__always) func ageBand(at t: Double) -> AgeBand { AgeBand.of(age: age(at: t)) }
    /// Day the child reaches `years` of age.
    @inline(__always) func birthday(_ years: Int) -> Double { birth + Double(years) * daysPerYear }
}

/// An in-house household's position in `World.households`: a typed identifier, so that "no household" is `nil`
/// rather than −1 and a household's number cannot be mistaken for a child's.
struct HouseholdID: Hashable, CustomStringConvertible {
    let raw: Int32
    @inline(__always) init(_ index: Int) { raw = Int32(index) }
    @inline(__always) var index: Int { Int(raw) }
    var description: String { String(raw) }
}

/// One in-house foster household.
struct Household {
    var approvedAt: Double
    /// Position of the household's approval range in `CompiledScenario.approvalRanges` (its vacancy list).
    var rangeIndex: UInt8
    var places: UInt8
    /// Children placed plus young people staying put.
    var occupied: UInt8
    /// Children living there who must be placed alone: while any is there the household takes nobody else.
    var aloneCount: UInt8 = 0
    /// Takes one child fewer than approved for, except a sibling group arriving together in an empty household.
    var takesFewer: Bool = false
    var youngest: UInt8
    var oldest: UInt8
    var specialisms: UInt8
    var distance: DistanceBand
    /// On hold: free places are unavailable. Kept up to date lazily by `Carers.advanceHold` (see there).
    var onHold: Bool
    /// When the household next goes on or comes off hold.
    var nextToggle: Double = .infinity
    /// Deciding to deregister: set while `Carers.decideToDeregister` moves its children out (so that none is matched
    /// back to it), after which it is deregistered at once.
    var closing: Bool
    /// Still approved (not yet deregistered).
    var active: Bool
    /// Position in its range's list in `World.vacantByRange`, or -1 when the household has no vacancy.
    var vacantSlot: Int32 = -1
    /// Position in `World.heldBack`, or -1 when the household holds no place back (`holdsBackPlace`).
    var heldBackSlot: Int32 = -1
    /// Subject of the household's keyed draws: its serial within its source (a programme's households apart).
    var key: Int = 0
    /// Holds started or ended so far (the counter of its hold draws).
    var toggles: Int32 = 0
    /// The children and young people living there (the first `occupied` entries), so that a household leaving
    /// need not search every child.
    var occupants: (Int32, Int32, Int32, Int32) = (-1, -1, -1, -1)

    /// Records child `i` moving in (occupancy is counted separately).
    mutating func addOccupant(_ i: Int) {
        withUnsafeMutableBytes(of: &occupants) { raw in
            let slots = raw.bindMemory(to: Int32.self)
            if let free = slots.firstIndex(of: -1) { slots[free] = Int32(i) }
        }
    }

    mutating func removeOccupant(_ i: Int) {
        withUnsafeMutableBytes(of: &occupants) { raw in
            let slots = raw.bindMemory(to: Int32.self)
            if let k = slots.firstIndex(of: Int32(i)) { slots[k] = -1 }
        }
    }

    /// The children living there now.
    var residents: [Int] {
        withUnsafeBytes(of: occupants) { raw in raw.bindMemory(to: Int32.self).filter { $0 >= 0 }.map(Int.init) }
    }

    @inline(__always) func has(_ s: Specialism) -> Bool { specialisms & s.bit != 0 }
    @inline(__always) var free: Int { Int(places) - Int(occupied) }
    /// Free places that are available now: approved, not closing, not on hold and no child there who must be placed
    /// alone (Ofsted's "vacant"; a place a household holds back by taking fewer children still counts as vacant).
    @inline(__always) var vacancies: Int { active && !closing && !onHold && aloneCount == 0 ? free : 0 }
    /// Free places that are not available: on hold, a child placed alone, or a household closing.
    @inline(__always) var unavailable: Int { active ? free - vacancies : 0 }
    /// Free places the household would fill with `group` children (on hold or not; membership of the vacancy list).
    @inline(__always) func room(for group: Int) -> Int {
        guard active && !closing && aloneCount == 0 else { return 0 }
        // A household that takes fewer children holds a place back, unless a sibling group fills it while empty.
        let usable = takesFewer && !(group >= 2 && occupied == 0) ? Int(places) - 1 : Int(places)
        return usable - Int(occupied)
    }
    /// Free places offered to some request (membership of the vacancy list): room for the largest group it could take.
    @inline(__always) var openPlaces: Int { max(room(for: 1), room(for: Int(places))) }
    /// A free place that counts as vacant (unless the household is on hold) but that no request can use: the one a
    /// household taking a child fewer than approved holds back, when it is in no vacancy list (membership of
    /// `World.heldBack`). Only such a household can hold one, so `takesFewer` is asked first.
    @inline(__always) var holdsBackPlace: Bool { hasPlaceToHoldBack && openPlaces == 0 }
    /// A household taking a child fewer than approved, with a free place and taking children: when it is in no
    /// vacancy list (`openPlaces == 0`), it holds that place back.
    @inline(__always) var hasPlaceToHoldBack: Bool { takesFewer && free > 0 && active && !closing && aloneCount == 0 }
}

/// A household's entry in its range's vacancy list: what matching reads about it, packed into eight bytes so
/// that the search walks one small contiguous array and never the households themselves. Kept up to date by
/// `Carers.refreshVacancy` at every change of occupancy or status (specialisms and distance never change).
struct VacancyEntry {
    var household: Int32
    var specialisms: UInt8
    var distance: UInt8
    /// Room for one child, and for a sibling group (which may use a place held back when the household is empty).
    var roomSingle: Int8
    var roomGroup: Int8
    /// Someone lives there (a child who must be placed alone needs an empty household).
    var occupied: Bool

    init(_ h: Household, index: Int) {
        household = Int32(index)
        specialisms = h.specialisms
        distance = UInt8(h.distance.rawValue)
        roomSingle = Int8(h.room(for: 1))
        roomGroup = Int8(h.room(for: 2))
        occupied = h.occupied > 0
    }

    @inline(__always) func room(for size: Int) -> Int { Int(size == 1 ? roomSingle : roomGroup) }
}

/// How a placement request arose.
enum RequestKind {
    case entry, move
}
