// SPDX-License-Identifier: GPL-3.0-or-later

#if canImport(Glibc)
import Foundation
import Glibc
import Testing
@testable import LoadDriver

/// The driver's memory after a burst: what was freed goes back to the system when the driver trims.
@Suite struct AllocatorTests {
    /// The process's resident size in bytes (`/proc/self/statm`).
    static func resident() throws -> Int {
        let statm = try String(contentsOfFile: "/proc/self/statm", encoding: .utf8)
        let pages = try #require(statm.split(separator: " ").dropFirst().first.flatMap { Int($0) })
        return pages * Int(sysconf(Int32(_SC_PAGESIZE)))
    }

    /// 64 MB in 1 KB blocks freed behind a block still in use (so the heap's top is not released on
    /// its own, as a backlog's memory behind the drive's later objects): resident until trimmed.
    @Test func freedPagesGoBackToTheSystemWhenTrimmed() throws {
        let count = 65_536
        var blocks: [UnsafeMutableRawPointer] = []
        blocks.reserveCapacity(count)
        for _ in 0..<count {
            let block = try #require(malloc(1024))
            memset(block, 1, 1024)
            blocks.append(block)
        }
        let keeper = malloc(1024)
        for block in blocks { free(block) }
        let before = try Self.resident()
        Allocator.returnFreePages()
        let after = try Self.resident()
        free(keeper)
        #expect(before - after > 32 << 20, "resident \(before >> 20) MB before the trim, \(after >> 20) MB after")
    }
}
#endif
