// SPDX-License-Identifier: GPL-3.0-or-later

#if canImport(Glibc)
import Glibc
#endif

/// The C allocator under the driver's objects.
enum Allocator {
    /// Gives the allocator's free pages back to the system (glibc's `malloc_trim`; elsewhere nothing).
    ///
    /// glibc keeps the memory freed in each thread's arena: without this, the driver's resident size
    /// stays at its busiest moment (a backlog of customers after a stall of the machine) for the rest
    /// of the drive, growing in steps over a long drive on a loaded machine although what it holds does not.
    static func returnFreePages() {
        _ = trim?(0)
    }

    /// glibc's `int malloc_trim(size_t pad)`, looked up at run time (Swift's Glibc module does not declare it).
    private static let trim: (@convention(c) (Int) -> Int32)? = {
        #if canImport(Glibc)
        guard let symbol = dlsym(dlopen(nil, RTLD_NOW), "malloc_trim") else { return nil }
        return unsafeBitCast(symbol, to: (@convention(c) (Int) -> Int32).self)
        #else
        return nil
        #endif
    }()
}
