// SPDX-License-Identifier: GPL-3.0-or-later

import ParleyTime

/// A business-hours calendar compiled onto simulated time: sorted open intervals and the zone's offsets.
///
/// Made once per scenario by ``BusinessCalendar/compile(start:at:until:)``; every query is a
/// binary search over integers, with no time-zone database and no allocation, so the event loop
/// may ask at every arrival. Intervals are half-open: open at the opening instant, closed at the
/// closing one. Queries must fall within ``coverage`` — the horizon the schedule was compiled
/// for — which the simulator chooses to include the warm-up, the window and the drain limit.
public struct OpeningSchedule: Sendable, Equatable {
    /// The simulated times the schedule answers for.
    public let coverage: ClosedRange<SimTime>
    /// Opening and closing times alternately, in microseconds of simulated time, strictly increasing;
    /// an odd count means open beyond the horizon.
    let boundaries: [Int64]
    /// Unix microseconds at ``SimTime/zero``.
    let originUnixMicroseconds: Int64
    let zone: ZoneOffsetTable

    init(coverage: ClosedRange<SimTime>, boundaries: [Int64], originUnixMicroseconds: Int64, zone: ZoneOffsetTable) {
        self.coverage = coverage
        self.boundaries = boundaries
        self.originUnixMicroseconds = originUnixMicroseconds
        self.zone = zone
    }

    /// Whether the queue is within business hours at `time`.
    ///
    /// - Complexity: O(log n) in the number of open intervals.
    public func isOpen(at time: SimTime) -> Bool {
        precondition(coverage.contains(time), "\(time) is outside the compiled horizon \(coverage)")
        return boundaryCount(notAfter: time) % 2 == 1
    }

    /// The first instant after `time` at which the queue opens or closes; ``SimTime/never`` when
    /// that does not happen within the horizon.
    ///
    /// - Complexity: O(log n).
    public func nextChange(after time: SimTime) -> SimTime {
        precondition(coverage.contains(time), "\(time) is outside the compiled horizon \(coverage)")
        let index = boundaryCount(notAfter: time)
        return index < boundaries.count ? SimTime(microseconds: boundaries[index]) : .never
    }

    /// The open intervals within the horizon, in order; the last ends at the horizon when the
    /// queue is open past it.
    public var openIntervals: [Range<SimTime>] {
        stride(from: 0, to: boundaries.count, by: 2).map { i in
            let close = i + 1 < boundaries.count ? boundaries[i + 1] : coverage.upperBound.microseconds
            return SimTime(microseconds: boundaries[i])..<SimTime(microseconds: close)
        }
    }

    /// The calendar day in the calendar's time zone at `time` ("once per contact per day").
    ///
    /// - Complexity: O(log s) in the number of offset changes.
    public func localDate(at time: SimTime) -> LocalDate { localDateTime(at: time).date }

    /// The wall-clock reading in the calendar's time zone at `time`, to the second.
    ///
    /// - Complexity: O(log s).
    public func localDateTime(at time: SimTime) -> LocalDateTime {
        precondition(coverage.contains(time), "\(time) is outside the compiled horizon \(coverage)")
        let unix = floorDivide(originUnixMicroseconds + time.microseconds, 1_000_000)
        return LocalDateTime(localSeconds: zone.localSeconds(atUnix: unix))
    }

    /// The first instant at which the wall clock reads `local` or later.
    ///
    /// A reading skipped by a spring-forward change resolves to the end of the gap, a repeated
    /// one to its first occurrence. Exact for readings within the horizon; beyond it the zone's
    /// last known offset is assumed.
    /// - Complexity: O(log s).
    public func instant(of local: LocalDateTime) -> SimTime {
        SimTime(microseconds: zone.earliestInstant(localSeconds: local.localSeconds) * 1_000_000 - originUnixMicroseconds)
    }

    /// The instant the local day `date` begins (its day is 23 or 25 hours long on a daylight-saving change).
    ///
    /// - Complexity: O(log s).
    public func startOfDay(_ date: LocalDate) -> SimTime {
        SimTime(microseconds: zone.earliestInstant(localSeconds: Int64(date.dayNumber) * 86_400) * 1_000_000
                - originUnixMicroseconds)
    }

    /// How many boundaries are at or before `time`.
    private func boundaryCount(notAfter time: SimTime) -> Int {
        var low = 0, high = boundaries.count
        while low < high {
            let mid = (low + high) / 2
            if boundaries[mid] <= time.microseconds { low = mid + 1 } else { high = mid }
        }
        return low
    }
}
