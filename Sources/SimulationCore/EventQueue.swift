/// The pending events of one process: a binary min-heap of the events due soon, and the later ones held unsorted in
/// buckets of a fixed width of time until their bucket comes up (a calendar queue, Brown 1988, with a heap for the
/// current bucket).
///
/// Why two parts: most events a process schedules are far off (an exit years ahead), and in one heap every `pop`
/// pays for each of them with a level of comparisons per doubling. Here the heap holds only events before `nearEnd`,
/// the end of the current bucket; a later event is appended to its bucket in O(1). When the heap runs dry before the
/// limit a `pop` asks for, the next bucket's events are heaped and its end becomes `nearEnd`. Every event in the heap
/// is earlier than every event in a bucket, so events leave in the order of `Event`'s ordering contract whatever
/// the width: the width changes only the cost. With the default width (infinite) there is one bucket and the queue
/// is a plain heap.
///
/// An earlier engine tried swift-collections' `Heap` first: it is a min-max heap, whose every removal compares
/// grandchildren to keep both ends ordered. A process only ever needs the earliest event, so a textbook binary heap
/// (Cormen et al., ch. 6) over reused storage does, without that extra work.
///
/// The queue is noncopyable and owns its storage outright, rather than holding arrays: an array is copy-on-write,
/// so every `schedule` and `pop` would first ask the runtime whether its buffer is shared. Owned storage needs no
/// such check, and the compiler proves at compile time that only the queue's one owner changes it.
///
/// - Complexity: `schedule` is O(log h) for h events in the heap, O(1) for a later event; `pop` is O(log h), plus
///   O(k) to heap the k events of each bucket it reaches and O(1) for each empty bucket it passes.
@frozen
public struct EventQueue<Kind>: ~Copyable {
    /// The heap, in positions `0..<size` of storage for `capacity` events: every event before `nearEnd`.
    @usableFromInline var heap: UnsafeMutablePointer<Event<Kind>>
    @usableFromInline var size = 0
    @usableFromInline var capacity: Int
    @usableFromInline var nextSequence: UInt32 = 0
    /// The time each bucket spans: bucket b holds events in [b·width, (b+1)·width), the last one everything after.
    @usableFromInline let width: Double
    /// The bucket whose events are in the heap, and where it ends.
    @usableFromInline var current = 0
    @usableFromInline var nearEnd: Double
    /// The later buckets, `bucketCount` of them allocated (created as events reach them), and the events they hold.
    @usableFromInline var buckets: UnsafeMutablePointer<Bucket>
    @usableFromInline var bucketCount = 0
    @usableFromInline var later = 0

    /// Events of one bucket, unordered.
    @usableFromInline struct Bucket {
        @usableFromInline var events: UnsafeMutablePointer<Event<Kind>>
        @usableFromInline var count: Int
        @usableFromInline var capacity: Int

        @inlinable init() {
            events = .allocate(capacity: 0)
            count = 0
            capacity = 0
        }
    }

    /// Buckets beyond this many are one open-ended last bucket, so that a far-off time never makes an unbounded table.
    @usableFromInline static var bucketLimit: Int { 1 << 12 }

    /// A queue whose later events wait in buckets of `bucketWidth` units of time (the default, infinite, keeps every
    /// event in the heap). A width of about the mean time between events keeps the heap to a few events.
    ///
    /// - Precondition: `bucketWidth` is positive.
    @inlinable public init(bucketWidth: Double = .infinity) {
        precondition(bucketWidth > 0, "a bucket spans a positive time")
        capacity = 64
        heap = .allocate(capacity: capacity)
        width = bucketWidth
        nearEnd = bucketWidth
        buckets = .allocate(capacity: 0)
    }

    deinit {
        heap.deinitialize(count: size)
        heap.deallocate()
        for b in 0..<bucketCount {
            buckets[b].events.deinitialize(count: buckets[b].count)
            buckets[b].events.deallocate()
        }
        buckets.deinitialize(count: bucketCount)
        buckets.deallocate()
    }

    /// Empties the queue, keeping its storage, and restarts the sequence.
    @inlinable
    public mutating func reset() {
        heap.deinitialize(count: size)
        size = 0
        nextSequence = 0
        for b in 0..<bucketCount {
            buckets[b].events.deinitialize(count: buckets[b].count)
            buckets[b].count = 0
        }
        later = 0
        current = 0
        nearEnd = end(of: 0)
    }

    @inlinable public var count: Int { size + later }
    @inlinable public var isEmpty: Bool { count == 0 }

    /// Schedules `kind` about `subject` at `time`. An event at or after `horizon` can never run and is dropped.
    /// `subject` is narrowed to the `Int32` an `Event` holds without a check (`Int32(truncatingIfNeeded:)`), so
    /// subjects must fit in `Int32`: a larger one would come back from `pop` as a different subject.
    ///
    /// - Complexity: O(log h) for h events in the heap: an append (amortised O(1); `reset` keeps the storage) and a
    ///   sift-up through at most ⌊log₂ h⌋ + 1 levels, one comparison under the ordering contract each. O(1) for an
    ///   event after the current bucket, and for an event dropped at the horizon.
    @inlinable @inline(__always)
    public mutating func schedule(_ kind: Kind, at time: Double, subject: Int = 0, version: UInt32 = 0,
                                  priority: UInt8 = 0, horizon: Double = .infinity) {
        guard time < horizon else { return }
        let event = Event(time: time, sequence: nextSequence, priority: priority, kind: kind,
                          subject: Int32(truncatingIfNeeded: subject), version: version)
        nextSequence &+= 1
        guard time < nearEnd else { return postpone(event) }
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
    /// - Complexity: O(log h) for h events in the heap: ⌊log₂ h⌋ levels down with one comparison each, then
    ///   usually a level or two up. When the heap is empty and `limit` is past the current bucket, O(k) to heap
    ///   the next bucket's k events and O(1) for each empty bucket passed; otherwise O(1) when the earliest event is
    ///   at or after `limit` (as at most period ends).
    @inlinable @inline(__always)
    public mutating func pop(before limit: Double) -> Event<Kind>? {
        while size == 0 {
            // Every later event is at or after `nearEnd`: none is due before a limit that is not past it.
            guard later > 0 && nearEnd < limit else { return nil }
            advance()
        }
        guard heap[0].time < limit else { return nil }
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

    /// Where bucket `b` ends: the last bucket takes every time after the one before it.
    @inlinable
    func end(of b: Int) -> Double {
        b >= Self.bucketLimit - 1 ? .infinity : Double(b + 1) * width
    }

    /// Appends an event at or after `nearEnd` to its bucket. Inlined into `schedule` (most events a process
    /// schedules are later ones); making room, rare once the buckets have grown, is not.
    @inlinable @inline(__always)
    mutating func postpone(_ event: Event<Kind>) {
        let q = event.time / width
        var b = q < Double(Self.bucketLimit - 1) ? Int(q) : Self.bucketLimit - 1
        // The division may round across a boundary: membership follows `end(of:)`, which `nearEnd` is set from.
        if event.time >= end(of: b) { b += 1 } else if b > 0 && event.time < end(of: b - 1) { b -= 1 }
        b = max(b, current + 1)
        if b >= bucketCount || buckets[b].count == buckets[b].capacity { makeRoom(in: b) }
        (buckets[b].events + buckets[b].count).initialize(to: event)
        buckets[b].count &+= 1
        later &+= 1
    }

    /// Creates bucket `b` if it does not exist yet and doubles its storage if it is full.
    @inlinable
    mutating func makeRoom(in b: Int) {
        if b >= bucketCount { addBuckets(through: b) }
        guard buckets[b].count == buckets[b].capacity else { return }
        let capacity = max(8, 2 * buckets[b].capacity)
        let bigger = UnsafeMutablePointer<Event<Kind>>.allocate(capacity: capacity)
        bigger.moveInitialize(from: buckets[b].events, count: buckets[b].count)
        buckets[b].events.deallocate()
        buckets[b].events = bigger
        buckets[b].capacity = capacity
    }

    /// Creates empty buckets up to and including `b`.
    @inlinable
    mutating func addBuckets(through b: Int) {
        let count = min(Self.bucketLimit, max(b + 1, 2 * bucketCount))
        let bigger = UnsafeMutablePointer<Bucket>.allocate(capacity: count)
        bigger.moveInitialize(from: buckets, count: bucketCount)
        for k in bucketCount..<count { (bigger + k).initialize(to: Bucket()) }
        buckets.deallocate()
        buckets = bigger
        bucketCount = count
    }

    /// Moves on to the next bucket (the heap being empty): its events become the heap, built bottom-up (Floyd's
    /// construction, O(k) for k events).
    @inlinable
    mutating func advance() {
        current += 1
        nearEnd = end(of: current)
        guard current < bucketCount, buckets[current].count > 0 else { return }
        let k = buckets[current].count
        while capacity < k { grow() }
        heap.moveInitialize(from: buckets[current].events, count: k)
        buckets[current].count = 0
        later -= k
        size = k
        var i = k / 2
        while i > 0 {
            i -= 1
            let event = heap[i]
            var hole = i
            while true {
                var child = 2 * hole + 1
                if child >= k { break }
                if child + 1 < k && heap[child + 1].precedes(heap[child]) { child += 1 }
                if !heap[child].precedes(event) { break }
                heap[hole] = heap[child]
                hole = child
            }
            heap[hole] = event
        }
    }

    /// Doubles the heap's storage (amortised O(1) per event scheduled).
    @usableFromInline
    mutating func grow() {
        let bigger = UnsafeMutablePointer<Event<Kind>>.allocate(capacity: 2 * capacity)
        bigger.moveInitialize(from: heap, count: size)
        heap.deallocate()
        heap = bigger
        capacity *= 2
    }
}
