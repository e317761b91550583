// SPDX-License-Identifier: GPL-3.0-or-later

// The module's only contact with the system: the time-zone database, read once per compile.
import Foundation

extension ZoneOffsetTable {
    /// Whether the system knows the IANA time-zone name.
    static func isKnownZone(_ identifier: String) -> Bool { TimeZone(identifier: identifier) != nil }

    /// The offsets of zone `identifier` between Unix seconds `lower` and `upper`.
    ///
    /// Samples the offset every hour and finds each change to the second by bisection, so it
    /// sees every offset change (daylight saving or a change of standard time) at least an hour
    /// apart from the next — which all of the tz database's are.
    /// - Complexity: O((upper − lower) / 1 h) calls into the time-zone database.
    static func load(identifier: String, from lower: Int64, to upper: Int64) throws(CalendarError) -> ZoneOffsetTable {
        guard let zone = TimeZone(identifier: identifier) else { throw .unknownTimeZone(identifier) }
        func offset(_ unix: Int64) -> Int32 {
            Int32(zone.secondsFromGMT(for: Date(timeIntervalSince1970: TimeInterval(unix))))
        }
        var starts: [Int64] = [.min]
        var offsets: [Int32] = [offset(lower)]
        var sample = lower
        while sample < upper {
            let next = min(sample + 3600, upper)
            let current = offsets[offsets.count - 1]
            if offset(next) != current {
                var before = sample, after = next       // offset(before) == current != offset(after)
                while after - before > 1 {
                    let mid = before + (after - before) / 2
                    if offset(mid) == current { before = mid } else { after = mid }
                }
                starts.append(after)
                offsets.append(offset(after))
            }
            sample = next
        }
        return ZoneOffsetTable(starts: starts, offsets: offsets)
    }
}
