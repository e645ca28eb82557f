/// A discrete-event process: state that changes only at events, which the process schedules on its own queue.
///
/// The core knows nothing of what the events mean. `Simulation.run` pops the earliest event, sets the clock and
/// hands the event to `handle`; at the end of each period of the calendar (a month) it calls `periodEnded`, and
/// after a period that closes a year, `yearEnded`. Everything else, including skipping stale events, is the
/// process's business. A process may be noncopyable (a world that owns its storage outright).
public protocol DiscreteEventProcess: ~Copyable {
    associatedtype Kind
    /// The pending events.
    var queue: EventQueue<Kind> { get set }
    /// The simulation clock (days, or whatever unit the calendar uses).
    var now: Double { get set }
    /// Applies one event; `now` is already its time.
    mutating func handle(_ event: Event<Kind>)
    /// Called at the end of period `period` with `now` set to its end, after every event before it.
    mutating func periodEnded(_ period: Int)
    /// Called after `periodEnded` for a period that closes year `year` (counted from 0).
    mutating func yearEnded(_ year: Int)
}

/// Period ends (for example month ends) and which of them close a year: the only calendar the core knows.
public struct Periods: Sendable {
    public let periodEnds: [Double]
    public let closesYear: [Bool]

    public init(periodEnds: [Double], closesYear: [Bool]) {
        precondition(periodEnds.count == closesYear.count, "every period end says whether it closes a year")
        self.periodEnds = periodEnds
        self.closesYear = closesYear
    }
}

/// The event loop.
public enum Simulation {
    /// Runs `process` through every period of `calendar`, from the first: each event before a period's end, then the
    /// period's hooks. It never reads `now`, only sets it (to each event's time, then to each period end), so a
    /// process resumed partway through passes a calendar of the periods still to come, and `yearEnded` counts years
    /// from 0 on each call. Events at or after the last period end stay in the queue.
    ///
    /// - Complexity: O(e log q) for e events with at most q pending at once, plus the hooks (with the queue's
    ///   buckets, q is at most the events of one bucket in the heap; each event is also moved once from its bucket).
    ///   Per event: one `pop` (O(log q)) and one call of `handle`, whose own cost, including at most O(log q) for
    ///   each event it schedules, is the process's. Per period: one `pop` that finds nothing before the period end
    ///   (O(1), or the buckets it passes on the way) and one call of `periodEnded` (and of `yearEnded` when the
    ///   period closes a year).
    @inlinable
    public static func run<P: DiscreteEventProcess & ~Copyable>(_ process: inout P, calendar: Periods) {
        var year = 0
        for period in calendar.periodEnds.indices {
            let end = calendar.periodEnds[period]
            while let event = process.queue.pop(before: end) {
                process.now = event.time
                process.handle(event)
            }
            process.now = end
            process.periodEnded(period)
            if calendar.closesYear[period] {
                process.yearEnded(year)
                year += 1
            }
        }
    }
}
