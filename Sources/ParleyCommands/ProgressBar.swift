// SPDX-License-Identifier: GPL-3.0-or-later

import Foundation

/// A one-line progress bar with an ETA on standard error, shown only on a terminal.
///
/// The total may grow while the bar runs (`--replications auto` plans batch by batch).
final class ProgressBar: @unchecked Sendable {
    let enabled: Bool
    let started = Date()
    let lock = NSLock()
    private var total: Int
    /// What is counted, as shown after the numbers.
    let unit: String

    init(total: Int, enabled: Bool, unit: String = "replications") {
        self.total = total
        self.enabled = enabled
        self.unit = unit
    }

    /// Redraws the bar with `done` of `total` (the last total when nil).
    func update(_ done: Int, total newTotal: Int? = nil) {
        guard enabled else { return }
        lock.lock()
        defer { lock.unlock() }
        if let newTotal { total = newTotal }
        let width = 30
        let filled = total == 0 ? width : min(width, width * done / total)
        let elapsed = Date().timeIntervalSince(started)
        let eta = done == 0 ? "" : String(format: "  eta %.0fs", elapsed / Double(done) * Double(max(0, total - done)))
        let bar = String(repeating: "#", count: filled) + String(repeating: ".", count: width - filled)
        FileHandle.standardError.write(Data("\r[\(bar)] \(done)/\(total) \(unit)\(eta)   ".utf8))
    }

    /// Ends the bar's line.
    func finish() {
        guard enabled else { return }
        FileHandle.standardError.write(Data("\n".utf8))
    }
}
