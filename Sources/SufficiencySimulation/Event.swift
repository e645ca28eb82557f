import HeapModule

/// What happens at an event. The raw value is part of the ordering contract (see `Event`).
enum EventKind: UInt8 {
    /// The next group of children (or a UASC child) arrives.
    case arrival
    /// A child leaves care by a hazard route chosen when the exit was sampled.
    case exit
    /// A child reaches 18 while in care.
    case age18
    /// A placement ends unplanned; the child is re-matched.
    case breakdown
    /// A planned move; the child is re-matched.
    case plannedMove
    /// A child with an adoption exit moves in with adopters before the order.
    case adoptionPlacement
    /// A reunified child returns to care.
    case reentry
    /// A Staying Put arrangement ends.
    case stayingPutEnd
    /// A new in-house household is approved.
    case approval
    /// A household decides to stop fostering.
    case deregistration
    /// A household goes on hold or comes off hold.
    case holdToggle
}

/// A scheduled event.
///
/// Ordering contract: events run in order of `time`, then of `sequence` (the order they were scheduled), so two
/// events at the same time always run in the same order and a replication is deterministic. Events carry the
/// `version` of the thing they refer to; an event whose version no longer matches (the placement already ended,
/// the child already left) is stale and skipped, which is cheaper than removing it from the heap.
struct Event: Comparable {
    var time: Double
    var sequence: UInt32
    var kind: EventKind
    var subject: Int32
    var version: UInt32

    static func < (a: Event, b: Event) -> Bool {
        a.time < b.time || (a.time == b.time && a.sequence < b.sequence)
    }

    static func == (a: Event, b: Event) -> Bool { a.time == b.time && a.sequence == b.sequence }
}

/// The pending events of one replication: a binary min-heap (swift-collections `Heap`).
struct EventQueue {
    private var heap = Heap<Event>()
    private var nextSequence: UInt32 = 0

    mutating func reset() {
        heap = Heap<Event>()
        nextSequence = 0
    }

    /// Schedules an event; events at or after `horizon` are dropped because they can never run.
    @inline(__always)
    mutating func schedule(_ kind: EventKind, at time: Double, subject: Int, version: UInt32 = 0, horizon: Double) {
        guard time < horizon else { return }
        heap.insert(Event(time: time, sequence: nextSequence, kind: kind, subject: Int32(subject), version: version))
        nextSequence &+= 1
    }

    /// Removes and returns the earliest event if it happens before `limit`.
    @inline(__always)
    mutating func popEvent(before limit: Double) -> Event? {
        guard let first = heap.min, first.time < limit else { return nil }
        return heap.removeMin()
    }

    var count: Int { heap.count }
}
