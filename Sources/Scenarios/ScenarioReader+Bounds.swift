// SPDX-License-Identifier: GPL-3.0-or-later

/// The checks that bound a whole run: agents in total, intervals of the time series, and the
/// events a replication would create (``ScenarioLimits``).
extension ScenarioReader {
    /// The top-level fields the bounds are reported at.
    struct SpanFields {
        var duration: Field
        var interval: Field?
    }

    /// Checks that the agents of all groups, and their slots, stay within ``ScenarioLimits``.
    ///
    /// The error points at the group whose count takes the total over the limit.
    func checkAgentTotals(_ groups: [Located<AgentGroupSpec>]) throws(ScenarioError) {
        let largestCapacity = groups.map(\.value.capacity).max() ?? 1
        var agents = 0
        for group in groups {
            agents += group.value.count
            let at = group.field.peek("count") ?? group.field
            if agents > ScenarioLimits.agents {
                throw at.error("the groups up to this one hold \(agents) agents, above the limit of "
                                   + "\(ScenarioLimits.agents) for a scenario (\(Self.agentsLimit))")
            }
            if agents * largestCapacity > ScenarioLimits.agentSlots {
                throw at.error("the groups up to this one hold \(agents) agents of up to \(largestCapacity) slots, "
                                   + "\(agents * largestCapacity) in all, above the limit of \(ScenarioLimits.agentSlots) "
                                   + "(\(Self.capacityLimit))")
            }
        }
    }

    /// Checks that the measured window holds at most ``ScenarioLimits/intervals`` intervals of the time series.
    func checkIntervalCount(duration: SimDurationSeconds, interval: SimDurationSeconds,
                            fields: SpanFields) throws(ScenarioError) {
        let count = (duration / interval).rounded(.up)
        guard count > Double(ScenarioLimits.intervals) else { return }
        throw (fields.interval ?? fields.duration).error(
            "the window of \(formatted(duration))s holds \(approximately(count)) intervals of "
                + "\(formatted(interval))s, above the limit of \(ScenarioLimits.intervals) (each interval keeps a row "
                + "of the time series per queue); give a longer interval or a shorter duration")
    }

    /// Refuses a scenario whose replications would each create more than ``ScenarioLimits/eventsPerReplication`` events.
    ///
    /// The estimate runs over the whole simulated span (warm-up, window and drain limit): each
    /// chat counts ``ScenarioLimits/eventsPerChat`` events (first contacts from the arrival
    /// rates, or the trace's rows, times 1 / (1 − p) for returns of probability p, or at most one
    /// return per mean `after` over the span); each agent
    /// counts two per break (scheduled: span / every; random: rate × span), two per shift
    /// per week, and one per interval of a staffing plan. The error points at the stream or
    /// group that contributes most, and gives the estimate.
    func checkEventEstimate(spanSeconds: Double, groups: [Located<AgentGroupSpec>],
                            streams: [Located<CustomerStreamSpec>], fields: SpanFields) throws(ScenarioError) {
        var contributions: [(events: Double, field: Field)] = []
        var chats = 0.0
        for stream in streams {
            let s = stream.value
            let firstContacts: Double
            switch s.arrivals {
            case .trace(let rows): firstContacts = Double(rows.count)
            default: firstContacts = s.arrivals.meanRatePerHour * max(1, s.services.holidayFactor) * spanSeconds / 3600
            }
            // Each chat returns with probability p: 1 / (1 − p) chats per first contact, and never
            // more than one per `after` over the span (p = 1 needs an `after` of at least 1 µs).
            let returnsBySpan = s.returnAfter.mean > 0 ? 1 + spanSeconds / s.returnAfter.mean : .infinity
            let streamChats = firstContacts * min(1 / (1 - s.returnProbability), returnsBySpan)
            chats += streamChats
            contributions.append((streamChats * ScenarioLimits.eventsPerChat, stream.field.peek("arrivals") ?? stream.field))
        }
        var agentEvents = 0.0
        for group in groups {
            let g = group.value
            var perAgent = 0.0
            var field = group.field.peek("count") ?? group.field
            switch g.away {
            case .scheduled(let every, _)?: perAgent += 2 * spanSeconds / every.seconds
            case .atRandom(let rate, _)?: perAgent += 2 * rate * spanSeconds / 3600
            case nil: break
            }
            if let away = group.field.peek("away"), perAgent > 0 { field = away }
            if let plan = g.plan {
                perAgent += spanSeconds / plan.interval.seconds + Double(plan.counts.count)
            } else if !g.shifts.isEmpty {
                let shiftEvents = 2 * Double(g.shifts.count) * (spanSeconds / (7 * 86_400) + 2)
                if shiftEvents > perAgent, let shifts = group.field.peek("shifts") { field = shifts }
                perAgent += shiftEvents
            }
            agentEvents += perAgent * Double(g.count)
            contributions.append((perAgent * Double(g.count), field))
        }
        let total = chats * ScenarioLimits.eventsPerChat + agentEvents
        guard total > ScenarioLimits.eventsPerReplication || !total.isFinite else { return }
        let largest = contributions.max { $0.events < $1.events }?.field ?? fields.duration
        throw largest.error(
            "a replication would create about \(approximately(total)) events (\(approximately(chats)) chats at "
                + "\(formatted(ScenarioLimits.eventsPerChat)) events each, \(approximately(agentEvents)) break, shift "
                + "and plan events) over the \(formatted(spanSeconds / 3600))h of warm-up, window and drain limit, "
                + "above the limit of \(approximately(ScenarioLimits.eventsPerReplication)) that keeps a run's time and "
                + "memory bounded; lower the rates or the agents, or shorten duration, warmup or drain_limit")
    }
}

/// A span in seconds, as the bounds compute with it.
typealias SimDurationSeconds = Double

/// A large count for a message: a whole number below 10¹⁵, else in exponent form.
func approximately(_ value: Double) -> String {
    guard value.isFinite else { return "unboundedly many" }
    let rounded = value.rounded()
    return rounded < 1e15 ? String(Int(rounded)) : "\(rounded)"
}
