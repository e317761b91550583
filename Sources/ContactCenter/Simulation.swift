// SPDX-License-Identifier: GPL-3.0-or-later

import Dispatch
import Synchronization

/// Runs the replications of a scenario, in parallel, with results independent of the thread count.
///
/// Each replication is a pure function of (scenario, seed, replication index), so running them
/// on one thread or many, in any order, yields identical results; they are returned sorted by index.
public enum Simulation {
    /// Runs replications `first ..< first + count` on up to `jobs` threads.
    ///
    /// Stops taking new replications once `stop` is raised; a replication in progress then ends
    /// early and is not returned, so the result holds only complete replications.
    public static func run(_ model: CompiledScenario, replications count: Int, first: Int = 0, jobs: Int,
                           stop: StopFlag = StopFlag(),
                           progress: @Sendable (_ done: Int) -> Void = { _ in }) -> [ReplicationResult] {
        let next = Atomic<Int>(first)
        let results = Mutex<[ReplicationResult]>([])
        let workers = max(1, min(jobs, count))
        DispatchQueue.concurrentPerform(iterations: workers) { _ in
            while !stop.isRaised {
                let index = next.add(1, ordering: .relaxed).oldValue
                guard index < first + count else { return }
                var replication = Replication(model: model, index: index, stop: stop)
                guard let result = replication.run() else { return }
                let done = results.withLock { all in
                    all.append(result)
                    return all.count
                }
                progress(done)
            }
        }
        return results.withLock { $0 }.sorted { $0.index < $1.index }
    }
}

/// A flag raised (from a signal handler, say) to stop a run between events.
public final class StopFlag: Sendable {
    let raised = Atomic<Bool>(false)

    public init() {}

    /// Asks every replication to stop.
    public func raise() { raised.store(true, ordering: .relaxed) }

    /// Whether a stop was asked for.
    public var isRaised: Bool { raised.load(ordering: .relaxed) }
}

extension Simulation {
    /// Runs one replication checking the engine's and the model's invariants after every event.
    ///
    /// For tests: returns the violations seen (empty when all held) and the result.
    public static func checkedReplication(_ model: CompiledScenario, index: Int) -> (violations: [String], result: ReplicationResult?) {
        var replication = Replication(model: model, index: index)
        replication.checksInvariants = true
        let result = replication.run()
        return (replication.violations, result)
    }
}
