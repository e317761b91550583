// SPDX-License-Identifier: GPL-3.0-or-later

/// Timers that must not outlive the drive: cancelled together at its end. A timer that has run
/// removes itself, so the bag holds only those still waiting.
actor TaskBag {
    private var tasks: [Int: Task<Void, Never>] = [:]
    private var next = 0
    private var finished: Set<Int> = []

    /// A key for a task about to be added.
    func reserve() -> Int {
        next += 1
        return next
    }

    func add(_ key: Int, _ task: Task<Void, Never>) {
        if finished.remove(key) == nil { tasks[key] = task }
    }

    /// Forgets a task that has run (it may end before it was added).
    func remove(_ key: Int) {
        if tasks.removeValue(forKey: key) == nil { finished.insert(key) }
    }

    var count: Int { tasks.count }

    func cancelAll() {
        for task in tasks.values { task.cancel() }
        tasks = [:]
    }
}
