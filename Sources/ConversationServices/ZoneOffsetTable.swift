// SPDX-License-Identifier: GPL-3.0-or-later

/// A time zone's UTC offsets over a span of time, as sorted segments: the zone, compiled.
///
/// Segment `i` covers Unix seconds `starts[i] ..< starts[i + 1]` with offset `offsets[i]`
/// (seconds east of UTC); the first segment reaches back, the last forward, indefinitely. Built
/// from the system's time-zone database once (``load(identifier:from:to:)``); all lookups are
/// pure integer arithmetic.
///
/// Converting a wall-clock reading to an instant meets the two daylight-saving cases: a reading
/// in a spring-forward gap never happens, one in a fall-back overlap happens twice. The two
/// resolutions below answer them the way a wall clock would be read by a person opening a shop.
struct ZoneOffsetTable: Sendable, Equatable {
    /// Unix seconds at which each segment starts; `starts[0]` is `Int64.min`.
    let starts: [Int64]
    /// Seconds east of UTC in each segment.
    let offsets: [Int32]

    /// The segment holding Unix second `unix`.
    ///
    /// - Complexity: O(log s) in the number of segments.
    func segment(atUnix unix: Int64) -> Int {
        var low = 0, high = starts.count
        while high - low > 1 {
            let mid = (low + high) / 2
            if starts[mid] <= unix { low = mid } else { high = mid }
        }
        return low
    }

    /// Seconds east of UTC at Unix second `unix`.
    ///
    /// - Complexity: O(log s).
    func offset(atUnix unix: Int64) -> Int64 { Int64(offsets[segment(atUnix: unix)]) }

    /// The first instant at which the wall clock reads `local` or later (for opening times).
    ///
    /// A reading in a gap resolves to the end of the gap (a shop opening at 02:30 on the night
    /// the clocks jump from 02:00 to 03:00 opens at 03:00); a repeated reading to its first
    /// occurrence.
    /// - Complexity: O(log s).
    func earliestInstant(localSeconds local: Int64) -> Int64 {
        // UTC offsets lie within ±26 h, so only segments around local ∓ 26 h can hold the reading.
        var i = segment(atUnix: local - 26 * 3600)
        while i < starts.count {
            let end = i + 1 < starts.count ? starts[i + 1] : Int64.max
            let offset = Int64(offsets[i])
            // The segment's wall clock runs from starts[i] + offset to end + offset.
            if end == .max || end + offset > local { return max(starts[i], local - offset) }
            i += 1
        }
        return local - Int64(offsets[offsets.count - 1])
    }

    /// The first instant after which the wall clock no longer reads earlier than `local` (for closing times).
    ///
    /// A reading in a gap resolves to the end of the gap; a repeated reading to its last
    /// occurrence (a shop closing at 02:30 on the night the clocks fall back from 03:00 to 02:00
    /// stays open through the repeated half hour).
    /// - Complexity: O(log s).
    func latestInstant(localSeconds local: Int64) -> Int64 {
        var i = segment(atUnix: local + 26 * 3600)
        while i >= 0 {
            let offset = Int64(offsets[i])
            if starts[i] == .min || starts[i] + offset <= local {
                let end = i + 1 < starts.count ? starts[i + 1] : Int64.max
                return min(local - offset, end)
            }
            i -= 1
        }
        return local - Int64(offsets[0])
    }

    /// The wall-clock reading, in seconds since 1970-01-01 local, at Unix second `unix`.
    func localSeconds(atUnix unix: Int64) -> Int64 { unix + offset(atUnix: unix) }
}
