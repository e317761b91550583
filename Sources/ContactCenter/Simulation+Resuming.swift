// SPDX-License-Identifier: GPL-3.0-or-later

import Dispatch
import ParleyTime
import Synchronization

/// Replications paused at one time: where staffing resumes its candidate plans from.
struct PausedReplications {
    /// When they were paused: nothing at or after it was simulated.
    let time: SimTime
    /// One per replication, by index.
    let replications: [Replication]

    /// Whether each can go on under `model` (``Replication/canResume(under:at:)``).
    func canResume(under model: CompiledScenario) -> Bool {
        replications.allSatisfy { $0.canResume(under: model, at: time) }
    }
}

extension Simulation {
    /// Runs replications `0 ..< count` of `model` from the start up to `time`, or — when
    /// `from` can go on under `model` — copies of `from` from its time up to `time`; nil when stopped.
    static func pause(_ model: CompiledScenario, replications count: Int, at time: SimTime,
                      from earlier: PausedReplications?, jobs: Int, stop: StopFlag) -> PausedReplications? {
        let earlier = earlier.flatMap { $0.time <= time && $0.canResume(under: model) ? $0 : nil }
        let paused = parallelMap(count, jobs: jobs) { index -> Replication? in
            var replication: Replication
            if let earlier {
                replication = earlier.replications[index].copied()
                replication.stop = stop
                replication.resume(under: model, pausedAt: earlier.time)
            } else {
                replication = Replication(model: model, index: index, stop: stop)
                replication.begin()
            }
            return replication.proceed(before: time) == .paused ? replication : nil
        }
        return paused.map { PausedReplications(time: time, replications: $0) }
    }

    /// Runs copies of `paused` on to their end as replications of `model` (which they must be
    /// able to go on under); nil when stopped.
    static func resume(_ paused: PausedReplications, under model: CompiledScenario, jobs: Int,
                       stop: StopFlag) -> [ReplicationResult]? {
        parallelMap(paused.replications.count, jobs: jobs) { index -> ReplicationResult? in
            var replication = paused.replications[index].copied()
            replication.stop = stop
            replication.resume(under: model, pausedAt: paused.time)
            return replication.proceed() == .ended ? replication.finish() : nil
        }
    }

    /// `body` of `0 ..< count` on up to `jobs` threads, in index order; nil when any gave nil.
    static func parallelMap<T>(_ count: Int, jobs: Int, _ body: (Int) -> T?) -> [T]? {
        let slots = UnsafeMutableBufferPointer<T?>.allocate(capacity: count)
        slots.initialize(repeating: nil)
        defer {
            _ = slots.deinitialize()
            slots.deallocate()
        }
        let next = Atomic<Int>(0)
        withoutActuallyEscaping(body) { body in
            let shared = Unchecked((body, slots))
            DispatchQueue.concurrentPerform(iterations: max(1, min(jobs, count))) { _ in
                while true {
                    let index = next.add(1, ordering: .relaxed).oldValue
                    guard index < count else { return }
                    shared.value.1[index] = shared.value.0(index)
                }
            }
        }
        var results: [T] = []
        results.reserveCapacity(count)
        for slot in slots {
            guard let value = slot else { return nil }
            results.append(value)
        }
        return results
    }
}

/// A value handed to the threads of ``Simulation/parallelMap(_:jobs:_:)``: each thread writes
/// its own slots only, and reads what no thread writes.
private struct Unchecked<Value>: @unchecked Sendable {
    let value: Value
    init(_ value: Value) { self.value = value }
}
