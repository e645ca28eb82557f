import SufficiencyTestSupport
import XCTest
import Foundation
@testable import SimulationCore

/// The event core on its own: the ordering contract, the calendar hooks, and a queue from theory (M/M/∞) run on it
/// with no domain code at all.
final class SimulationCoreTests: XCTestCase {
    func testEventsRunByTimeThenPriorityThenTheOrderScheduled() {
        var q = EventQueue<Int>()
        q.schedule(1, at: 5)
        q.schedule(2, at: 3, priority: 1)
        q.schedule(3, at: 3, priority: 0)
        q.schedule(4, at: 3, priority: 1)
        q.schedule(5, at: 1)
        q.schedule(6, at: 3, priority: 0)
        var order: [Int] = []
        while let e = q.pop(before: .infinity) { order.append(e.kind) }
        XCTAssertEqual(order, [5, 3, 6, 2, 4, 1])
    }

    func testEventsAtOrAfterTheHorizonAreDroppedAndPopStopsAtTheLimit() {
        var q = EventQueue<Int>()
        q.schedule(1, at: 10, horizon: 10)
        q.schedule(2, at: 9.5, horizon: 10)
        q.schedule(3, at: 12)
        XCTAssertEqual(q.count, 2)
        XCTAssertNil(q.pop(before: 9.5), "an event at the limit waits for the next period")
        XCTAssertEqual(q.pop(before: 10)?.kind, 2)
        XCTAssertNil(q.pop(before: 10))
        XCTAssertEqual(q.pop(before: 13)?.kind, 3)
    }

    /// A heap against a sort of the same events: many events with tied times.
    func testTheHeapAgreesWithASortUnderTheContract() {
        var rng = TestRNG(state: 3)
        var q = EventQueue<Int>()
        var all: [(Double, UInt8, Int)] = []
        for k in 0..<5_000 {
            let t = Double(rng.next() % 50), p = UInt8(rng.next() % 3)
            q.schedule(k, at: t, priority: p)
            all.append((t, p, k))
        }
        let expected = all.sorted { ($0.0, $0.1, $0.2) < ($1.0, $1.1, $1.2) }.map(\.2)
        var got: [Int] = []
        while let e = q.pop(before: .infinity) { got.append(e.kind) }
        XCTAssertEqual(got, expected)
    }

    /// Buckets change only the cost, never the order: for widths from much narrower to much wider than the gaps
    /// between events, with ties, times exactly on bucket boundaries and just either side, and far-off times past the
    /// last bucket, the events leave as a sort under the contract gives them; interleaved with pops at period ends,
    /// as the loop runs it, each period's pops are exactly the events due before its end.
    func testBucketsLeaveTheOrderOfTheContractUnchanged() {
        // 0.1 and 1/3 have bucket ends k × width whose quotient by the width rounds across the boundary.
        for width in [0.1, 1.0 / 3, 2.0, 7.0, 1_000.0, .infinity] {
            var rng = TestRNG(state: 5)
            var q = EventQueue<Int>(bucketWidth: width)
            var pending: [(Double, UInt8, Int)] = []
            var now = 0.0, next = 0, got: [Int] = [], expected: [Int] = []
            func time(_ r: UInt64) -> Double {
                // A bucket's end as the queue computes it ((b + 1) × width), or a whole day for the infinite width.
                let step = width.isFinite ? width : 1
                let day = (Double(Int((now / step).rounded(.up)) + Int((r >> 8) % 40)) * step)
                switch r % 6 {
                case 0: return max(day, now)                            // ties and bucket boundaries
                case 1: return max(day.nextUp, now)                     // just after a boundary
                case 2: return max(day.nextDown, now)                   // just before one
                case 3: return now + 1e7 * Double((r >> 8) % 5)         // past the last bucket
                default: return now + Double(r >> 11) * 0x1p-53 * 300
                }
            }
            for period in 1...200 {
                let end = Double(period) * 3
                for _ in 0..<Int(rng.next() % 12) {
                    let r = rng.next(), t = time(r), p = UInt8(rng.next() % 2)
                    q.schedule(next, at: t, priority: p)
                    pending.append((t, p, next))
                    next += 1
                }
                // One event popped and one scheduled in between, as a handler does (at the lowest priority, so that it
                // cannot precede the event just popped).
                if let e = q.pop(before: end) {
                    got.append(e.kind)
                    now = e.time
                    let t = time(rng.next())
                    q.schedule(next, at: t, priority: 1)
                    pending.append((t, 1, next))
                    next += 1
                }
                while let e = q.pop(before: end) { got.append(e.kind); now = e.time }
                now = end
                pending.sort { ($0.0, $0.1, $0.2) < ($1.0, $1.1, $1.2) }
                let due = pending.prefix { $0.0 < end }
                expected += due.map(\.2)
                pending.removeFirst(due.count)
                XCTAssertEqual(q.count, pending.count, "width \(width): events pending after period \(period)")
            }
            while let e = q.pop(before: .infinity) { got.append(e.kind) }
            pending.sort { ($0.0, $0.1, $0.2) < ($1.0, $1.1, $1.2) }
            expected += pending.map(\.2)
            XCTAssertEqual(got, expected, "width \(width)")
            XCTAssertTrue(q.isEmpty)
            // Reset keeps the storage and the queue works as new.
            q.reset()
            q.schedule(1, at: 5_000)
            q.schedule(2, at: 4)
            XCTAssertEqual(q.count, 2)
            XCTAssertNil(q.pop(before: 4))
            XCTAssertEqual(q.pop(before: 10)?.kind, 2)
            XCTAssertNil(q.pop(before: 4_999))
            XCTAssertEqual(q.pop(before: .infinity)?.kind, 1)
        }
    }

    /// M/M/∞: arrivals at rate λ, each staying an exponential time with mean 1/μ. The number present is Poisson with
    /// mean λ/μ in the steady state, and by Little's law the time-average number equals λ × mean stay.
    func testAnMMInfinityQueueOnTheCoreMatchesTheory() {
        struct Queue: DiscreteEventProcess, ~Copyable {
            enum Kind { case arrival, departure }
            var queue = EventQueue<Kind>()
            var now = 0.0
            var present = 0
            var area = 0.0, last = 0.0
            var samples: [Int] = []
            var years = 0
            var rng = TestRNG(state: 11)
            let lambda = 20.0, mu = 0.5

            mutating func exponential(_ rate: Double) -> Double {
                -log(Double(rng.next() >> 11 | 1) * 0x1p-53) / rate
            }
            mutating func advance() { area += Double(present) * (now - last); last = now }
            mutating func handle(_ e: Event<Kind>) {
                advance()
                switch e.kind {
                case .arrival:
                    present += 1
                    queue.schedule(.departure, at: now + exponential(mu))
                    queue.schedule(.arrival, at: now + exponential(lambda))
                case .departure:
                    present -= 1
                }
            }
            mutating func periodEnded(_ period: Int) {
                advance()
                if now > 50 { samples.append(present) }
            }
            mutating func yearEnded(_ year: Int) { years += 1 }
        }
        var q = Queue()
        q.queue.schedule(.arrival, at: 0)
        let ends = (1...20_000).map { Double($0) }
        Simulation.run(&q, calendar: Periods(periodEnds: ends, closesYear: ends.map { $0.truncatingRemainder(dividingBy: 100) == 0 }))
        XCTAssertEqual(q.years, 200, "one year hook per period that closes a year")
        XCTAssertEqual(q.now, 20_000)
        let mean = Double(q.samples.reduce(0, +)) / Double(q.samples.count)
        let variance = q.samples.map { pow(Double($0) - mean, 2) }.reduce(0, +) / Double(q.samples.count - 1)
        // λ/μ = 40; samples one day apart are correlated (stays average 2 days): allow ±1.5.
        XCTAssertEqual(mean, 40, accuracy: 1.5)
        XCTAssertEqual(variance / mean, 1, accuracy: 0.15, "Poisson: variance equals mean")
        XCTAssertEqual(q.area / q.now, 40, accuracy: 1.0, "Little's law: L = λW")
    }

    /// The calendar's hooks run at each period's end, after the events before it, with the clock at the end; a year's
    /// hook gets the year counted from 0 (not the period's index), after its period's hook; an event at the last end
    /// is left in the queue.
    func testHooksRunAtPeriodEndsAndYearsAreCountedFromZero() {
        struct Log: DiscreteEventProcess, ~Copyable {
            var queue = EventQueue<Int>()
            var now = 0.0
            var log: [String] = []
            mutating func handle(_ e: Event<Int>) { log.append("e\(e.kind)@\(now)") }
            mutating func periodEnded(_ p: Int) { log.append("p\(p)@\(now)") }
            mutating func yearEnded(_ y: Int) { log.append("y\(y)") }
        }
        var p = Log()
        p.queue.schedule(7, at: 1.5)
        p.queue.schedule(8, at: 4)
        Simulation.run(&p, calendar: Periods(periodEnds: [1, 2, 3, 4], closesYear: [false, true, false, true]))
        XCTAssertEqual(p.log, ["p0@1.0", "e7@1.5", "p1@2.0", "y0", "p2@3.0", "p3@4.0", "y1"])
        XCTAssertEqual(p.queue.count, 1)
    }

    /// A bucket holds the events before its end as `end(of:)` computes it, not as the division rounds: 43 × 0.1 is
    /// 4.3, but 4.3 / 0.1 is 42.99999999999999, so an event at 4.3 divides into bucket 42, whose end is 4.3, and
    /// belongs to bucket 43. Filed early there at priority 1, it must still run after an event at 4.3 of priority 0
    /// filed once bucket 42 is in the heap.
    func testAnEventOnABucketEndWhoseQuotientRoundsDownWaitsForTheNextBucket() {
        XCTAssertEqual(43 * 0.1, 4.3)
        XCTAssertLessThan(4.3 / 0.1, 43, "the quotient rounds down across the boundary")
        var q = EventQueue<Int>(bucketWidth: 0.1)
        q.schedule(0, at: 4.25)
        q.schedule(1, at: 4.3, priority: 1)
        XCTAssertEqual(q.pop(before: 4.3)?.kind, 0)
        q.schedule(2, at: 4.3, priority: 0)
        var order: [Int] = []
        while let e = q.pop(before: .infinity) { order.append(e.kind) }
        XCTAssertEqual(order, [2, 1])
    }
}

/// SplitMix64 (Steele, Lea & Flood 2014): a small generator for the tests, since the core has none.
