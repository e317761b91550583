// SPDX-License-Identifier: GPL-3.0-or-later

import Foundation

/// Runs async library code from the synchronous commands: the calling thread waits for the result.
enum AsyncBridge {
    /// The result of `body`, run as a detached task while the caller blocks.
    static func wait<T: Sendable>(_ body: @escaping @Sendable () async throws -> T) -> Result<T, any Error> {
        let box = ResultBox<T>()
        let done = DispatchSemaphore(value: 0)
        Task.detached {
            do { box.result = .success(try await body()) } catch { box.result = .failure(error) }
            done.signal()
        }
        done.wait()
        return box.result!
    }
}

/// Hands a task's result to the thread waiting for it; the semaphore orders the write before the read.
private final class ResultBox<T>: @unchecked Sendable {
    var result: Result<T, any Error>?
}
