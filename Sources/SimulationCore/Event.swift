/// A scheduled event: what happens (`kind`), to what (`subject`, with the `version` it had when the event was
/// scheduled), and when.
///
/// **Ordering contract.** Events run in order of `time`; events at the same time in order of `priority` (lower first);
/// and events at the same time and priority in the order they were scheduled (`sequence`), as long as the queue has
/// scheduled fewer than 2³² events since it was created or last reset: `sequence` is a 32-bit count, so that it and
/// `priority` compare as one word, and it then wraps round to 0. Nothing else breaks ties, so a process that schedules
/// the same events in the same order always runs them in the same order, whatever else the machine is doing. An event
/// whose `version` no longer matches its subject (the process bumps a subject's version when the thing the event was
/// about has changed) is stale: the process skips it, which is cheaper than finding and removing it in the queue.
@frozen
public struct Event<Kind> {
    public var time: Double
    public var sequence: UInt32
    public var priority: UInt8
    public var kind: Kind
    public var subject: Int32
    public var version: UInt32

    @inlinable
    public init(time: Double, sequence: UInt32, priority: UInt8, kind: Kind, subject: Int32, version: UInt32) {
        self.time = time
        self.sequence = sequence
        self.priority = priority
        self.kind = kind
        self.subject = subject
        self.version = version
    }

    /// Whether `self` runs before `other` under the ordering contract.
    @inlinable @inline(__always)
    public func precedes(_ other: Event) -> Bool {
        // One comparison of (priority, sequence) packed into a word, and no early return, so that the heap's sift
        // compiles to conditional moves rather than branches that a random order of times mispredicts.
        time < other.time || (time == other.time && tieBreak < other.tieBreak)
    }

    /// Priority and sequence as one word that orders as the pair does.
    @inlinable @inline(__always)
    var tieBreak: UInt64 { UInt64(priority) << 32 | UInt64(sequence) }
}
