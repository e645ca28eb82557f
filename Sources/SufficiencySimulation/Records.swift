/// A growable table of plain records (children, households, a vacancy list, running stocks) in memory that one
/// `World` owns outright.
///
/// Why not `Array`: an array is copy-on-write, so every write through `w.children[i]` first asks the runtime
/// whether the buffer is shared (`swift_isUniquelyReferenced`): some 73,000 calls per replication, each a call out
/// of the optimised code that also spills its registers. A table is noncopyable instead: the compiler proves at
/// compile time that only its one owner reaches it, so a write is a bounds check and a store, with no run-time
/// check of either sharing or exclusivity. (The engine's records are plain values, so initialising and
/// deinitialising them compiles to plain copies and nothing.)
struct Records<Element>: ~Copyable {
    private var base: UnsafeMutablePointer<Element>
    private var capacity: Int
    /// Records held, at positions `0..<count`.
    private(set) var count = 0

    /// An empty table with room for `capacity` records before it grows.
    init(capacity: Int = 16) {
        self.capacity = max(1, capacity)
        base = .allocate(capacity: self.capacity)
    }

    /// `count` copies of `value`.
    init(repeating value: Element, count: Int) {
        self.init(capacity: count)
        base.initialize(repeating: value, count: count)
        self.count = count
    }

    deinit {
        base.deinitialize(count: count)
        base.deallocate()
    }

    @inline(__always) var indices: Range<Int> { 0..<count }
    @inline(__always) var isEmpty: Bool { count == 0 }

    /// The record at `i`, read and written in place. Bounds-checked, like an array's subscript.
    @inline(__always) subscript(i: Int) -> Element {
        unsafeAddress {
            checkIndex(i, count)
            return UnsafePointer(base + i)
        }
        unsafeMutableAddress {
            checkIndex(i, count)
            return base + i
        }
    }

    /// The records' storage, for a loop that reads many in a row with one bounds check for all (positions
    /// `0..<count`): valid until the table next grows or is emptied.
    @inline(__always) var storage: UnsafeMutablePointer<Element> { base }

    /// Adds `record` at the end (amortised O(1): the storage doubles when full).
    @inline(__always) mutating func append(_ record: Element) {
        if count == capacity { grow() }
        (base + count).initialize(to: record)
        count += 1
    }

    /// Removes and returns the last record.
    @inline(__always) mutating func removeLast() -> Element {
        precondition(count > 0, "removeLast from empty records")
        count -= 1
        return (base + count).move()
    }

    /// Removes the record at `slot` by moving the last record into it (O(1); the order of the rest changes, but
    /// only with the order of removals). Returns the moved record, whose owner must learn its new slot, or nil when
    /// the record removed was the last.
    @inline(__always) mutating func swapRemove(at slot: Int) -> Element? {
        let last = removeLast()
        guard slot < count else { return nil }
        self[slot] = last
        return last
    }

    /// Empties the table, keeping its storage for the next replication.
    @inline(__always) mutating func removeAll() {
        base.deinitialize(count: count)
        count = 0
    }

    /// Every record set to `value`, the count unchanged.
    mutating func fill(with value: Element) { base.update(repeating: value, count: count) }

    /// `count` copies of `value`, replacing what was there (storage grows if needed).
    mutating func reset(repeating value: Element, count: Int) {
        base.deinitialize(count: self.count)
        if count > capacity {
            base.deallocate()
            capacity = count
            base = .allocate(capacity: capacity)
        }
        base.initialize(repeating: value, count: count)
        self.count = count
    }

    /// A copy of the records as an array, for checks and tests (not the hot path).
    var elements: [Element] { Array(UnsafeBufferPointer(start: base, count: count)) }

    private mutating func grow() {
        let bigger = UnsafeMutablePointer<Element>.allocate(capacity: 2 * capacity)
        bigger.moveInitialize(from: base, count: count)
        base.deallocate()
        base = bigger
        capacity *= 2
    }
}

/// One `Records` list per approval range (the vacancy lists, `World.vacantByRange`), each growing on its own.
struct RecordLists<Element>: ~Copyable {
    private let lists: UnsafeMutablePointer<Records<Element>>
    /// Number of lists.
    let count: Int

    init(count: Int) {
        self.count = count
        lists = .allocate(capacity: max(1, count))
        for r in 0..<count { (lists + r).initialize(to: Records()) }
    }

    deinit {
        lists.deinitialize(count: count)
        lists.deallocate()
    }

    @inline(__always) var indices: Range<Int> { 0..<count }

    /// List `r`, read and changed in place.
    @inline(__always) subscript(r: Int) -> Records<Element> {
        unsafeAddress {
            checkIndex(r, count)
            return UnsafePointer(lists + r)
        }
        unsafeMutableAddress {
            checkIndex(r, count)
            return lists + r
        }
    }
}

/// The bounds check of `Records` and `RecordLists`, as an array's: one unsigned comparison.
@inline(__always) private func checkIndex(_ i: Int, _ count: Int) {
    precondition(UInt(bitPattern: i) < UInt(bitPattern: count), "index out of range")
}
