// SPDX-License-Identifier: GPL-3.0-or-later

#if canImport(Glibc)
import Glibc
#endif

/// The C allocator under the live service's and the driver's objects, settled for a long run: both
/// processes hold a steady set of objects in flight while allocating and freeing per request, so
/// glibc's defaults (an arena per thread, a map threshold that rises with every large block freed,
/// freed pages kept) let their resident size creep up over the first minutes of a drive.
public enum Allocator {
    /// Gives the allocator's free pages back to the system (glibc's `malloc_trim`; elsewhere nothing).
    ///
    /// glibc keeps the memory freed in each thread's arena: without this, the driver's resident size
    /// stays at its busiest moment (a backlog of customers after a stall of the machine) for the rest
    /// of the drive, growing in steps over a long drive on a loaded machine although what it holds does not.
    public static func returnFreePages() {
        _ = trim?(0)
    }

    /// The arenas threads made from now on share (glibc's default: 8 a core).
    public static let arenaLimit: Int32 = 2

    /// Blocks this large or larger are mapped on their own and unmapped when freed (glibc's default start).
    public static let mapThreshold: Int32 = 128 << 10

    /// Settles glibc's allocator for a drive (elsewhere nothing), once, before the drive's threads first
    /// allocate:
    /// - at most ``arenaLimit`` arenas (`M_ARENA_MAX`). Every thread that first allocates otherwise
    ///   gets an arena of its own, up to 16 on two cores, each keeping its own freed memory (measured with
    ///   `MALLOC_ARENA_MAX=2` for the driver: its resident rise over a 4-minute drive 9.1 → 6.2 MB);
    /// - a fixed ``mapThreshold`` (`M_MMAP_THRESHOLD`). By default glibc raises the threshold to the
    ///   size of each mapped block freed, so after the first large buffers (a backlog's collections
    ///   grown and dropped) later ones are carved from the arenas and leave holes between the
    ///   drive's long-lived objects that no trim can give back.
    public static let settle: Void = {
        _ = option?(arenaMax, arenaLimit)
        _ = option?(mmapThreshold, mapThreshold)
    }()

    /// glibc's `M_ARENA_MAX` and `M_MMAP_THRESHOLD` (malloc.h).
    private static let arenaMax: Int32 = -8
    private static let mmapThreshold: Int32 = -3

    /// glibc's `int malloc_trim(size_t pad)`, looked up at run time (Swift's Glibc module does not declare it).
    private static let trim: (@convention(c) (Int) -> Int32)? = symbol("malloc_trim")
    /// glibc's `int mallopt(int param, int value)`, looked up the same way.
    private static let option: (@convention(c) (Int32, Int32) -> Int32)? = symbol("mallopt")

    private static func symbol<Function>(_ name: String) -> Function? {
        #if canImport(Glibc)
        guard let symbol = dlsym(dlopen(nil, RTLD_NOW), name) else { return nil }
        return unsafeBitCast(symbol, to: Function.self)
        #else
        return nil
        #endif
    }
}
