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

    static func run<Scratch>(tasks: Int, scratch: () -> Scratch, _ body: (Scratch, Int) -> Void) {
        let workers = workers(for: tasks)
        if workers == 1 {
            let s = scratch()
            for task in 0..<tasks { body(s, task) }
            return
        }
        let lock = NSLock()
        var next = 0
        DispatchQueue.concurrentPerform(iterations: workers) { _ in
            let s = scratch()
            while true {
                lock.lock()
                let task = next
                next += 1
                lock.unlock()
                if task >= tasks { break }
                body(s, task)
            }
        }
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
