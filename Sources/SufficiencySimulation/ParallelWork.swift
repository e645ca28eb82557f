import Foundation

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
    /// its own state with `start(worker)`, runs `body` on it for each task it takes, and hands it to
    /// `finish(worker, state)` (one worker at a time) when no task is left. The one dispenser of parallel work:
    /// the simulation's replications and the output phase's summaries both run on it.
    static func run<State>(tasks: Int, workers: Int, start: (Int) -> State, _ body: (inout State, Int) -> Void,
                           finish: (Int, State) -> Void) {
        let workers = max(1, min(workers, tasks))
        if workers == 1 {
            var s = start(0)
            for task in 0..<tasks { body(&s, task) }
            finish(0, s)
            return
        }
        let lock = NSLock()
        var next = 0
        DispatchQueue.concurrentPerform(iterations: workers) { worker in
            var s = start(worker)
            while true {
                lock.lock()
                let task = next
                next += 1
                lock.unlock()
                if task >= tasks { break }
                body(&s, task)
            }
            lock.lock()
            finish(worker, s)
            lock.unlock()
        }
    }

    /// Tasks on one worker per core (`workers(for:)`), each worker with scratch space of its own.
    static func run<Scratch>(tasks: Int, scratch: () -> Scratch, _ body: (Scratch, Int) -> Void) {
        run(tasks: tasks, workers: workers(for: tasks), start: { _ in scratch() }, { s, task in body(s, task) },
            finish: { _, _ in })
    }

    /// `transform(i)` for i in 0..<count, computed in parallel, in order.
    static func map<T>(_ count: Int, _ transform: (Int) -> T) -> [T] {
        var results = [T?](repeating: nil, count: count)
        results.withUnsafeMutableBufferPointer { slots in
            run(tasks: count, scratch: {}) { _, i in slots[i] = transform(i) }
        }
        return results.map { $0! }
    }
}
