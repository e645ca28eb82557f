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
    /// A household recruited by a recruitment programme is approved.
    case programmeApproval
    /// A residential step-down review.
    case stepDownReview
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

/// The pending events of one replication: a plain binary min-heap on (time, sequence).
///
/// swift-collections' `Heap` was used first; it is a min-max heap, whose every removal compares grandchildren to
/// keep both ends ordered, and it took a fifth of the run time in profiles (perf, default scenario). The engine
/// only ever needs the minimum, so a textbook binary heap (Cormen et al., ch. 6) over a reused array does.
struct EventQueue {
    private var heap: [Event] = []
    private var nextSequence: UInt32 = 0

    mutating func reset() {
        heap.removeAll(keepingCapacity: true)
        nextSequence = 0
    }

    /// Schedules an event; events at or after `horizon` are dropped because they can never run.
    @inline(__always)
    mutating func schedule(_ kind: EventKind, at time: Double, subject: Int, version: UInt32 = 0, horizon: Double) {
        guard time < horizon else { return }
        let event = Event(time: time, sequence: nextSequence, kind: kind, subject: Int32(subject), version: version)
        nextSequence &+= 1
        heap.append(event)
        var child = heap.count - 1
        heap.withUnsafeMutableBufferPointer { h in
            while child > 0 {
                let parent = (child - 1) / 2
                if !(event < h[parent]) { break }
                h[child] = h[parent]
                child = parent
            }
            h[child] = event
        }
    }

    /// Removes and returns the earliest event if it happens before `limit`.
    @inline(__always)
    mutating func popEvent(before limit: Double) -> Event? {
        guard let first = heap.first, first.time < limit else { return nil }
        let last = heap.removeLast()
        if heap.isEmpty { return first }
        heap.withUnsafeMutableBufferPointer { h in
            let n = h.count
            var i = 0
            while true {
                var child = 2 * i + 1
                if child >= n { break }
                if child + 1 < n && h[child + 1] < h[child] { child += 1 }
                if !(h[child] < last) { break }
                h[i] = h[child]
                i = child
            }
            h[i] = last
        }
        return first
    }

    var count: Int { heap.count }
}
