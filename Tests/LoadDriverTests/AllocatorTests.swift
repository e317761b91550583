// SPDX-License-Identifier: GPL-3.0-or-later

#if canImport(Glibc)
import Foundation
import Glibc
import Testing
import Allocation

/// The driver's memory after a burst: what was freed goes back to the system when the driver trims.
@Suite struct AllocatorTests {
    /// The process's resident size in bytes (`/proc/self/statm`).
    static func resident() throws -> Int {
        let statm = try String(contentsOfFile: "/proc/self/statm", encoding: .utf8)
        let pages = try #require(statm.split(separator: " ").dropFirst().first.flatMap { Int($0) })
        return pages * Int(sysconf(Int32(_SC_PAGESIZE)))
    }

    /// 16 MB in 1 KB blocks freed behind a block still in use (so the heap's top is not released on
    /// its own, as a backlog's memory behind the drive's later objects): resident until trimmed.
    @Test func freedPagesGoBackToTheSystemWhenTrimmed() throws {
        let count = 16_384
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
        #expect(before - after > 8 << 20, "resident \(before >> 20) MB before the trim, \(after >> 20) MB after")
    }

    /// The arenas glibc has made in this process (`malloc_info`'s `<heap nr=…>` elements).
    static func arenas() throws -> Int {
        try info().components(separatedBy: "<heap nr=").count - 1
    }

    /// glibc's `malloc_info` as text.
    static func info() throws -> String {
        typealias Info = @convention(c) (Int32, UnsafeMutablePointer<FILE>?) -> Int32
        let info = unsafeBitCast(try #require(dlsym(dlopen(nil, RTLD_NOW), "malloc_info")), to: Info.self)
        var buffer: UnsafeMutablePointer<CChar>?
        var size = 0
        let file = try #require(open_memstream(&buffer, &size))
        _ = info(0, file)
        fclose(file)
        defer { free(buffer) }
        return String(cString: try #require(buffer))
    }

    /// Whether glibc mapped `block` on its own: the `IS_MMAPPED` bit (2) of its chunk's size word, just before it.
    static func isMapped(_ block: UnsafeMutableRawPointer) -> Bool {
        (block - MemoryLayout<Int>.size).load(as: Int.self) & 2 != 0
    }

    /// Once settled, a large block is mapped on its own however large a block freed before it: glibc
    /// would otherwise raise its threshold to that freed block's size (up to 32 MB) and carve the next
    /// one from an arena. (The sizes are above any free stretch the other tests of this process leave
    /// in an arena, which would serve the block whatever the threshold.)
    @Test func largeBlocksAreMappedOnTheirOwnOnceSettled() throws {
        Allocator.settle
        let small = try #require(malloc(1024))
        #expect(!Self.isMapped(small))
        free(small)
        let large = try #require(malloc(30 << 20))
        #expect(Self.isMapped(large))
        memset(large, 1, 30 << 20)
        free(large)
        let block = try #require(malloc(20 << 20))
        #expect(Self.isMapped(block), "a block of 20 MB after one of 30 MB was freed")
        free(block)
    }

    /// Once settled, threads that start allocating make no arena beyond the limit: eight threads alive
    /// at once, each allocating, leave the count of arenas where it was (or at the limit).
    @Test func threadsShareAtMostTheArenaLimitOnceSettled() throws {
        Allocator.settle
        let before = try Self.arenas()
        let started = DispatchGroup()
        let release = DispatchSemaphore(value: 0)
        let finished = DispatchGroup()
        for _ in 0..<8 {
            started.enter()
            finished.enter()
            Thread.detachNewThread {
                let block = malloc(256)
                started.leave()
                release.wait()
                free(block)
                finished.leave()
            }
        }
        started.wait()
        let during = try Self.arenas()
        for _ in 0..<8 { release.signal() }
        finished.wait()
        #expect(during <= max(before, Int(Allocator.arenaLimit)), "\(before) arenas before, \(during) with eight new threads")
    }
}
#endif
