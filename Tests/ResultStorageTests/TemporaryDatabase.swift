// SPDX-License-Identifier: GPL-3.0-or-later

import Foundation

/// A unique database path under the temporary directory, removed with its WAL and
/// shared-memory files when the test ends.
struct TemporaryDatabase: ~Copyable {
    let path: String

    init() {
        let name = "parley-result-store-\(UUID().uuidString).sqlite"
        path = FileManager.default.temporaryDirectory.appendingPathComponent(name).path
    }

    deinit {
        for suffix in ["", "-wal", "-shm", "-journal"] {
            try? FileManager.default.removeItem(atPath: path + suffix)
        }
    }
}
