// SPDX-License-Identifier: GPL-3.0-or-later

/// Timers that must not outlive the drive: cancelled together at its end.
actor TaskBag {
    private var tasks: [Task<Void, Never>] = []

    func add(_ task: Task<Void, Never>) {
        tasks.removeAll { $0.isCancelled }
        tasks.append(task)
    }

    func cancelAll() {
        for task in tasks { task.cancel() }
        tasks = []
    }
}
