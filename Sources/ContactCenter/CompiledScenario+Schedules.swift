// SPDX-License-Identifier: GPL-3.0-or-later

import ParleyTime
import Scenarios
import Statistics

/// A span of time an agent is on duty, in simulated microseconds.
struct DutySpan: Sendable, Equatable {
    var start: Int64
    var end: Int64
}

/// A stream's arrival process with times in microseconds.
enum CompiledArrivals: Sendable {
    /// Poisson with a constant rate per second.
    case poisson(ratePerSecond: Double)
    /// Piecewise-constant rates per microsecond over intervals of local time, repeating every `period`.
    case profile(interval: Int64, ratesPerMicrosecond: [Double])
    /// Recorded arrivals: offsets after the window's start, and work contents in seconds when given.
    case trace(offsets: [Int64], work: [Double?])

    init(_ spec: ArrivalSpec) {
        switch spec {
        case .poisson(let rate):
            self = .poisson(ratePerSecond: rate / 3600)
        case .profile(let interval, let rates):
            self = .profile(interval: interval.microseconds, ratesPerMicrosecond: rates.map { $0 / 3.6e9 })
        case .trace(let rows):
            self = .trace(offsets: rows.map(\.offset.microseconds), work: rows.map(\.workSeconds))
        }
    }
}

/// An agent group's breaks, in microseconds.
enum CompiledAway: Sendable {
    case scheduled(every: Int64, duration: Int64)
    case atRandom(ratePerMicrosecond: Double, duration: Distribution)

    init(_ spec: AwaySpec) {
        switch spec {
        case .scheduled(let every, let duration): self = .scheduled(every: every.microseconds, duration: duration.microseconds)
        case .atRandom(let rate, let duration): self = .atRandom(ratePerMicrosecond: rate / 3.6e9, duration: Distribution(duration))
        }
    }
}

extension CompiledScenario {
    static let week: Int64 = 7 * 86_400_000_000

    /// When agent `member` of `group` is on duty over the whole run (SPEC §3 shifts and staffing plans).
    ///
    /// Local time repeats weekly from the Monday 00:00 before the window's start; adjoining spans are merged.
    static func duty(of group: AgentGroupSpec, member: Int, scenario: Scenario) -> [DutySpan] {
        // Saturating sums: the loader bounds every duration (ScenarioLimits), but a scenario built
        // in code is not read by it, and an overflow here would trap.
        let windowStart = scenario.warmup.microseconds
        let horizon = (SimTime.zero + scenario.warmup + scenario.duration + scenario.drainLimit
            + SimDuration(microseconds: 1)).microseconds
        let origin = windowStart - scenario.start.weekOffset.microseconds
        var spans: [DutySpan] = []
        if let plan = group.plan {
            let length = plan.interval.microseconds
            let period = length * Int64(plan.counts.count)
            var t = origin + ((0 - origin) / period - 1) * period
            var i = 0
            while t < horizon {
                if plan.counts[i] > member { spans.append(DutySpan(start: t, end: t + length)) }
                t += length
                i = (i + 1) % plan.counts.count
            }
        } else if group.shifts.isEmpty {
            spans = [DutySpan(start: 0, end: horizon)]
        } else {
            var weekStart = origin + ((0 - origin) / week - 1) * week
            while weekStart < horizon {
                for range in group.shifts {
                    spans.append(DutySpan(start: weekStart + Int64(range.start * 1e6), end: weekStart + Int64(range.end * 1e6)))
                }
                weekStart += week
            }
        }
        return merged(spans.map { DutySpan(start: max($0.start, 0), end: min($0.end, horizon)) }.filter { $0.end > $0.start })
    }

    /// Sorts spans and joins those that overlap or touch.
    static func merged(_ spans: [DutySpan]) -> [DutySpan] {
        var result: [DutySpan] = []
        for span in spans.sorted(by: { $0.start < $1.start }) {
            if let last = result.last, span.start <= last.end {
                result[result.count - 1].end = max(last.end, span.end)
            } else {
                result.append(span)
            }
        }
        return result
    }

    /// The next arrival of a profile stream after `time`, or nil when every rate is zero.
    ///
    /// Draws one unit exponential and walks through the intervals of local time, spending
    /// rate × length in each, which is exact for a piecewise-constant rate.
    func nextProfileArrival(after time: Int64, interval: Int64, rates: [Double], unitExponential: Double) -> Int64? {
        guard rates.contains(where: { $0 > 0 }) else { return nil }
        let period = interval * Int64(rates.count)
        var t = time
        var left = unitExponential
        while true {
            var local = (t - weekOrigin) % period
            if local < 0 { local += period }
            let index = Int(local / interval)
            let intervalEnd = t + (interval - local % interval)
            let rate = rates[index]
            if rate > 0 {
                let need = left / rate
                if Double(intervalEnd - t) >= need { return t + Int64(need.rounded()) }
                left -= Double(intervalEnd - t) * rate
            }
            t = intervalEnd
            if t > drainEnd.microseconds { return nil }
        }
    }
}
