/// The pending events of one process: a binary min-heap under `Event`'s ordering contract.
///
/// swift-collections' `Heap` was tried first: it is a min-max heap, whose every removal compares grandchildren to
/// keep both ends ordered, and it took a fifth of the run time. A process only ever needs the earliest event, so a
/// textbook binary heap (Cormen et al., ch. 6) over reused storage does.
///
/// The queue is noncopyable and owns its storage outright, rather than holding an array: an array is copy-on-write,
/// so every `schedule` and `pop` would first ask the runtime whether its buffer is shared. Owned storage needs no
/// such check, and the compiler proves at compile time that only the queue's one owner changes it.
///
/// - Complexity: `schedule` and `pop` are O(log n) for n pending events.
@frozen
public struct EventQueue<Kind>: ~Copyable {
    /// The heap, in positions `0..<size` of storage for `capacity` events.
    @usableFromInline var heap: UnsafeMutablePointer<Event<Kind>>
    @usableFromInline var size = 0
    @usableFromInline var capacity: Int
    @usableFromInline var nextSequence: UInt32 = 0

    @inlinable public init() {
        capacity = 64
        heap = .allocate(capacity: capacity)
    }

    deinit {
        heap.deinitialize(count: size)
        heap.deallocate()
    }

    /// Empties the queue, keeping its storage, and restarts the sequence.
    @inlinable
    public mutating func reset() {
        heap.deinitialize(count: size)
        size = 0
        nextSequence = 0
    }

    @inlinable public var count: Int { size }
    @inlinable public var isEmpty: Bool { size == 0 }

    /// Schedules `kind` about `subject` at `time`. An event at or after `horizon` can never run and is dropped.
    ///
    /// - Complexity: O(log n) for n pending events: an append (amortised O(1); `reset` keeps the storage) and a
    ///   sift-up through at most ⌊log₂ n⌋ + 1 levels, one comparison under the ordering contract each. O(1) for an
    ///   event dropped at the horizon.
    @inlinable @inline(__always)
    public mutating func schedule(_ kind: Kind, at time: Double, subject: Int = 0, version: UInt32 = 0,
                                  priority: UInt8 = 0, horizon: Double = .infinity) {
        guard time < horizon else { return }
        let event = Event(time: time, sequence: nextSequence, priority: priority, kind: kind,
                          subject: Int32(truncatingIfNeeded: subject), version: version)
        nextSequence &+= 1
        if size == capacity { grow() }
        // Every position below `size` always holds an event; the new last one is moved up past each parent the
        // event precedes.
        (heap + size).initialize(to: event)
        var child = size
        size &+= 1
        while child > 0 {
            let parent = (child &- 1) / 2
            if !event.precedes(heap[parent]) { break }
            heap[child] = heap[parent]
            child = parent
        }
        heap[child] = event
    }

    /// Removes and returns the earliest event if it happens before `limit`.
    ///
    /// The hole left at the root is moved down to a leaf along the earlier child at each level (one comparison a
    /// level), and the last event is then sifted up from there (Floyd's bottom-up variant; Knuth, TAOCP vol. 3,
    /// 5.2.3, ex. 18): the last event belongs near the bottom, so this does about half the comparisons of sifting
    /// it down from the root, and those it saves were the ones a random order of times mispredicts. Every event has
    /// its own place in the ordering contract, so the order of removal is the same whatever the heap's shape.
    ///
    /// - Complexity: O(log n) for n pending events: ⌊log₂ n⌋ levels down with one comparison each, then usually
    ///   a level or two up. O(1) when the earliest event is at or after `limit` (as at every period end) or the
    ///   queue is empty.
    @inlinable @inline(__always)
    public mutating func pop(before limit: Double) -> Event<Kind>? {
        guard size > 0, heap[0].time < limit else { return nil }
        let first = heap[0]
        size &-= 1
        let last = (heap + size).move()
        if size == 0 { return first }
        let n = size
        var i = 0
        while true {
            var child = 2 &* i &+ 1
            if child >= n { break }
            if child &+ 1 < n && heap[child &+ 1].precedes(heap[child]) { child &+= 1 }
            heap[i] = heap[child]
            i = child
        }
        while i > 0 {
            let parent = (i &- 1) / 2
            if !last.precedes(heap[parent]) { break }
            heap[i] = heap[parent]
            i = parent
        }
        heap[i] = last
        return first
    }

    /// Doubles the storage (amortised O(1) per event scheduled).
    @usableFromInline
    mutating func grow() {
        let bigger = UnsafeMutablePointer<Event<Kind>>.allocate(capacity: 2 * capacity)
        bigger.moveInitialize(from: heap, count: size)
        heap.deallocate()
        heap = bigger
        capacity *= 2
    }
}
