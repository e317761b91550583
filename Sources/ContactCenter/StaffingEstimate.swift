// SPDX-License-Identifier: GPL-3.0-or-later

import Scenarios
import Statistics

/// The analytic staffing of one queue in one interval: the search's start, and the Erlang C and
/// Erlang A answers shown beside the simulated one.
///
/// The load is the queue's mean arrival rate over the interval (profiles averaged over it,
/// traces counted in it, re-contacts added as 1/(1 − p) per first contact), the rate-weighted
/// mean work content, and a rate-weighted abandonment rate (each stream's 1/E[patience], so a
/// non-exponential patience enters by its mean). `erlangC` and `erlangA` treat agents as a
/// telephone planner would — one chat at a time, handle time E[W]/speed + E[wrap-up] — while
/// `servers` folds concurrency, slowdown, RONA and breaks into the agent (``EffectiveAgent``);
/// the differences between them show how much the chat model changes the answer.
struct StaffingEstimate: Sendable, Equatable {
    /// First contacts and re-contacts per second.
    var ratePerSecond: Double
    /// Mean work content of a chat for a solo agent of speed 1, in seconds.
    var meanWorkSeconds: Double
    /// Mean patience, in seconds; nil when nobody abandons.
    var meanPatienceSeconds: Double?
    /// Fewest agents by Erlang C and by Erlang A, one chat at a time; nil when none meets the targets.
    var erlangC: Int?
    var erlangA: Int?
    /// Fewest agents of the reference group by Erlang A with the chat model folded in.
    var servers: Int?

    /// The estimate for queue `queue` in window interval `i`, judged by `targets` with `reference`
    /// as the agents to add.
    ///
    /// - Complexity: O(streams × profile intervals spanned) plus the Erlang searches (O(n log n)).
    init(scenario: Scenario, queue: QueueSpec, interval i: Int, targets: QueueTargets, reference: AgentGroupSpec) {
        let length = scenario.interval.seconds
        let windowOffset = Double(i) * length
        let localStart = scenario.start.weekOffset.seconds + windowOffset
        var rate = 0.0, work = 0.0, abandonment = 0.0
        for stream in scenario.customerStreams where stream.queue == queue.id {
            let first = Self.meanRatePerSecond(stream.arrivals, localStart: localStart, windowOffset: windowOffset,
                                               length: min(length, scenario.duration.seconds - windowOffset))
            let streamRate = stream.returnProbability < 1 ? first / (1 - stream.returnProbability) : first
            rate += streamRate
            work += streamRate * stream.handleTime.mean
            if let patience = stream.patience { abandonment += streamRate / max(patience.mean, 1e-9) }
        }
        ratePerSecond = rate
        meanWorkSeconds = rate > 0 ? work / rate : 0
        meanPatienceSeconds = abandonment > 0 ? rate / abandonment : nil
        guard rate > 0, meanWorkSeconds > 0 else {
            (erlangC, erlangA, servers) = (0, 0, 0)
            return
        }
        let threshold = (queue.serviceLevelThreshold ?? scenario.serviceLevelThreshold).seconds
        let plain = ErlangTargets(serviceLevel: targets.serviceLevel, thresholdSeconds: threshold,
                                  maxAbandonProbability: targets.abandonRate, maxASASeconds: targets.asa?.seconds)
        let handle = meanWorkSeconds / reference.speed + (reference.wrapUp?.mean ?? 0)
        erlangC = Self.fewest(rate: rate, service: handle, patience: nil, targets: plain)
        erlangA = Self.fewest(rate: rate, service: handle, patience: meanPatienceSeconds, targets: plain)
        let agent = EffectiveAgent(group: reference, meanWorkSeconds: meanWorkSeconds,
                                   offerTimeoutSeconds: queue.offerTimeout.seconds)
        var folded = plain
        folded.thresholdSeconds = max(threshold - agent.acceptDelaySeconds, 0)
        folded.maxASASeconds = targets.asa.map { max($0.seconds - agent.acceptDelaySeconds, 1e-3) }
        servers = Self.fewest(rate: rate, service: agent.meanServiceSeconds, patience: meanPatienceSeconds, targets: folded)
    }

    /// Erlang A's answer with a patience, Erlang C's without; nil when no staffing meets the targets.
    static func fewest(rate: Double, service: Double, patience: Double?, targets: ErlangTargets) -> Int? {
        if let patience {
            return try? ErlangStaffing.fewestAgentsErlangA(arrivalRatePerSecond: rate, meanServiceSeconds: service,
                                                            meanPatienceSeconds: patience, targets: targets)
        }
        return try? ErlangStaffing.fewestAgentsErlangC(arrivalRatePerSecond: rate, meanServiceSeconds: service,
                                                        targets: targets)
    }

    /// A stream's mean first-contact rate per second over `length` seconds starting at `localStart`
    /// seconds after Monday 00:00 (profiles) or `windowOffset` seconds after the window's start (traces).
    ///
    /// - Complexity: O(profile intervals spanned), or O(trace rows) for a trace.
    static func meanRatePerSecond(_ arrivals: ArrivalSpec, localStart: Double, windowOffset: Double,
                                  length: Double) -> Double {
        guard length > 0 else { return 0 }
        switch arrivals {
        case .poisson(let ratePerHour):
            return ratePerHour / 3600
        case .trace(let rows):
            let end = windowOffset + length
            return Double(rows.count { $0.offset.seconds >= windowOffset && $0.offset.seconds < end }) / length
        case .profile(let interval, let rates):
            let step = interval.seconds
            let period = step * Double(rates.count)
            var t = localStart, total = 0.0
            let end = localStart + length
            while t < end - 1e-9 {
                var local = t.truncatingRemainder(dividingBy: period)
                if local < 0 { local += period }
                let index = min(Int(local / step), rates.count - 1)
                let edge = min(t + Double(index + 1) * step - local, end)
                total += rates[index] * (edge - t)
                t = edge
            }
            return total / length / 3600
        }
    }
}
