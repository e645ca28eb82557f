import Foundation
import Synchronization

/// Independent tasks run on all cores, each worker with scratch space of its own. Each task writes only its own
/// slots of a preallocated result, so results do not depend on the number of workers or the order of the tasks.
enum ParallelWork {
    /// At most this many workers (all cores when nil): a run's files are written with as many threads as it was
    /// simulated with (`RunWriter.writeRunFiles`).
    @TaskLocal static var workerLimit: Int?

    /// Workers for `tasks` tasks: one per core (within `workerLimit`), no more than the tasks.
    static func workers(for tasks: Int) -> Int {
        let cores = ProcessInfo.processInfo.activeProcessorCount
        return max(1, min(workerLimit.map { min($0, cores) } ?? cores, tasks))
    }

    /// Runs tasks `0..<tasks` on `workers` workers, each taking the next task from a shared counter. A worker makes
    /// its own state with `start(worker)` and runs `body` on it for each task it takes; the workers' final states are
    /// returned in worker order. The one dispenser of parallel work: the simulation's replications and the output
    /// phase's summaries both run on it.
    static func run<State>(tasks: Int, workers: Int, start: @Sendable (Int) -> State,
                           _ body: @Sendable (inout State, Int) -> Void) -> [State] {
        run(tasks: tasks, workers: workers, start: start, body, finish: { $0 })
    }

    /// As `run(tasks:workers:start:_:)` for a state that cannot be copied (a `World`): each worker's final state is
    /// handed to `finish`, whose results are returned in worker order.
    static func run<State: ~Copyable, Result>(tasks: Int, workers: Int, start: @Sendable (Int) -> State,
                                              _ body: @Sendable (inout State, Int) -> Void,
                                              finish: @Sendable (consuming State) -> Result) -> [Result] {
        let workers = max(1, min(workers, tasks))
        if workers == 1 {
            var s = start(0)
            for task in 0..<tasks { body(&s, task) }
            return [finish(s)]
        }
        var states = [Result?](repeating: nil, count: workers)
        states.withUnsafeMutableBufferPointer { buffer in
            let finished = SharedBuffer(buffer)
            let next = Mutex(0) // the next task to hand out
            DispatchQueue.concurrentPerform(iterations: workers) { worker in
                var s = start(worker)
                while true {
                    let task = next.withLock { n in
                        defer { n += 1 }
                        return n
                    }
                    if task >= tasks { break }
                    body(&s, task)
                }
                finished[worker] = finish(s)
            }
        }
        return states.map { $0! }
    }

    /// Tasks on one worker per core (`workers(for:)`), each worker with scratch space of its own.
    static func run<Scratch>(tasks: Int, scratch: @Sendable () -> Scratch, _ body: @Sendable (Scratch, Int) -> Void) {
        _ = run(tasks: tasks, workers: workers(for: tasks), start: { _ in scratch() }, { s, task in body(s, task) })
    }

    /// `transform(i)` for i in 0..<count, computed in parallel, in order; the results are read only after every task
    /// has finished.
    static func map<T>(_ count: Int, _ transform: @Sendable (Int) -> T) -> [T] {
        var results = [T?](repeating: nil, count: count)
        results.withUnsafeMutableBufferPointer { buffer in
            let slots = SharedBuffer(buffer)
            run(tasks: count, scratch: {}) { _, i in slots[i] = transform(i) }
        }
        return results.map { $0! }
    }
}

/// Memory that parallel tasks share: they read it, or each writes only slots that no other task touches (task `i`
/// its slot `i`, a replication its own rows). That discipline, not a lock, is what makes the sharing safe, so the
/// type is `@unchecked Sendable`; it is meant only for the tasks of `ParallelWork.run`, which joins them all before
/// the memory is read as a whole.
struct SharedBuffer<Element>: @unchecked Sendable {
    let base: UnsafeMutablePointer<Element>

    init(_ base: UnsafeMutablePointer<Element>) { self.base = base }

    /// An empty buffer has no base address: it gets an aligned placeholder that no task may dereference.
    init(_ buffer: UnsafeMutableBufferPointer<Element>) {
        self.base = buffer.baseAddress ?? UnsafeMutablePointer(bitPattern: MemoryLayout<Element>.alignment)!
    }

    init(_ buffer: UnsafeBufferPointer<Element>) {
        self.base = UnsafeMutablePointer(mutating: buffer.baseAddress ?? UnsafePointer(bitPattern: MemoryLayout<Element>.alignment)!)
    }

    subscript(i: Int) -> Element {
        get { base[i] }
        nonmutating set { base[i] = newValue }
    }
}
