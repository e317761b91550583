// SPDX-License-Identifier: GPL-3.0-or-later

import ParleyTime
import Scenarios

/// How the intervals of the measured window sit in a staffing plan of local time.
///
/// A plan (SPEC §3.2 `count: {interval, values}`) repeats daily or weekly from Monday 00:00;
/// `parley staff` writes one whose interval is the scenario's `interval`, so each interval of
/// the window is one value of the plan. The plan covers a day when the window fits in one
/// (no value is then used twice) and a week otherwise.
struct StaffingGrid: Sendable, Equatable {
    /// The plan's interval (the scenario's).
    let interval: SimDuration
    /// Values in the plan: one day or one week of intervals.
    let planCount: Int
    /// The plan value of the window's first interval.
    let firstPlanIndex: Int
    /// Intervals in the window (the last may be short).
    let windowCount: Int

    /// The grid of `scenario`, or an error when its intervals cannot be plan values.
    init(_ scenario: Scenario) throws(StaffingError) {
        let day: Int64 = 86_400_000_000
        let length = scenario.interval.microseconds
        guard length > 0, day % length == 0 else {
            throw StaffingError("the interval (\(StaffingPlanWriter.durationText(scenario.interval))) must divide a day, "
                                + "such as 15m, 30m or 1h")
        }
        let offset = scenario.start.weekOffset.microseconds
        guard offset % length == 0 else {
            throw StaffingError("the start (\(scenario.start.text)) must fall on an interval boundary of local time")
        }
        let duration = scenario.duration.microseconds
        guard duration <= 7 * day else {
            throw StaffingError("a staffing plan covers at most a week; shorten the duration to 7d or less")
        }
        let period = duration <= day ? day : 7 * day
        interval = scenario.interval
        planCount = Int(period / length)
        firstPlanIndex = Int((offset % period) / length)
        windowCount = Int((duration + length - 1) / length)
    }

    /// The plan value used by window interval `i`.
    func planIndex(ofWindowInterval i: Int) -> Int { (firstPlanIndex + i) % planCount }

    /// The window interval using plan value `planIndex`, or nil when the window does not use it.
    func windowInterval(ofPlanIndex planIndex: Int) -> Int? {
        let i = (planIndex - firstPlanIndex + planCount) % planCount
        return i < windowCount ? i : nil
    }
}
