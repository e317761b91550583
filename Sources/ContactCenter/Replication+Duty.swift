// SPDX-License-Identifier: GPL-3.0-or-later

import ParleyTime
import RoutingCore
import SimKernel
import Statistics

extension Replication {
    /// Schedules every agent's log-ons and log-offs and its first break.
    ///
    /// They take insertion sequences of their own: agent `a`'s j-th duty change (a log-on at
    /// 2k, a log-off at 2k + 1 for its span k) takes ``dutySequence(agent:position:)`` of j,
    /// its first break the agent's last position. That is the order they were scheduled in, and
    /// every later event orders after all of them, so a run is what it was with sequences
    /// counted one by one; but a change of the plan from some time on changes no other event's
    /// sequence, which lets a run paused there go on under the changed plan (``resume(under:)``).
    mutating func scheduleDuty() {
        dutySequenceBase = calendar.lastSequence
        dutyPositions = max(1 << 24, UInt64(2 * (model.agents.map(\.duty.count).max() ?? 0) + 2))
        calendar.advanceSequence(to: dutySequence(agent: model.agents.count, position: 0))
        for (a, agent) in model.agents.enumerated() {
            scheduleDutyChanges(of: a, from: .min)
            switch agent.away {
            case .scheduled(let every, _):
                scheduleAgentEvent(a, .breakStart, at: Int64(agentStream(a).uniform() * Double(every)),
                                   sequence: dutySequence(agent: a, position: dutyPositions - 1))
            case .atRandom(let rate, _):
                scheduleAgentEvent(a, .breakStart, at: Int64(agentStream(a).exponential(mean: 1 / rate)),
                                   sequence: dutySequence(agent: a, position: dutyPositions - 1))
            case nil:
                break
            }
        }
    }

    /// The insertion sequence of agent `a`'s duty change or first break at `position`.
    func dutySequence(agent a: Int, position: UInt64) -> UInt64 {
        dutySequenceBase + 1 + UInt64(a) * dutyPositions + position
    }

    /// Schedules agent `a`'s log-ons and log-offs at or after `time` (a log-on at 0 is its initial status).
    mutating func scheduleDutyChanges(of a: Int, from time: Int64) {
        for (k, span) in model.agents[a].duty.enumerated() {
            if span.start > 0 && span.start >= time {
                scheduleAgentEvent(a, .logOn, at: span.start, sequence: dutySequence(agent: a, position: UInt64(2 * k)))
            }
            if span.end <= model.drainEnd.microseconds && span.end >= time {
                scheduleAgentEvent(a, .logOff, at: span.end, sequence: dutySequence(agent: a, position: UInt64(2 * k + 1)))
            }
        }
    }

    /// Schedules an agent event with an insertion sequence of the block ``scheduleDuty()`` made.
    mutating func scheduleAgentEvent(_ a: Int, _ change: ModelEvent.AgentChange, at time: Int64, sequence: UInt64) {
        guard time <= model.drainEnd.microseconds else { return }
        let event = ModelEvent.agentStatus(agent: a, change)
        let (payload, aux) = event.encoded
        calendar.schedule(at: SimTime(microseconds: time), priority: event.kind.rawValue, payload: payload, aux: aux,
                          sequence: sequence)
    }

    mutating func scheduleAgentEvent(_ a: Int, _ change: ModelEvent.AgentChange, at time: Int64) {
        guard time <= model.drainEnd.microseconds else { return }
        calendar.schedule(.agentStatus(agent: a, change), at: SimTime(microseconds: time))
    }

    /// An agent's status or shift changes.
    mutating func agentEvent(_ a: Int, _ change: ModelEvent.AgentChange) {
        switch change {
        case .ronaRecovery: recoverFromRONA(a)
        case .logOn: logOn(a)
        case .logOff: logOff(a)
        case .breakStart: startBreak(a)
        case .breakEnd: endBreak(a)
        }
    }

    /// The shift starts: the agent becomes available and its staffed time starts.
    mutating func logOn(_ a: Int) {
        agentOnDuty[a] = true
        if agentStaffedSince[a] < 0 { agentStaffedSince[a] = now.microseconds }
        setStatus(a, .available)
    }

    /// The shift ends: no new chats; open ones are finished, then the agent's staffed time ends.
    mutating func logOff(_ a: Int) {
        agentOnDuty[a] = false
        setStatus(a, .offline)
        agentFreed(a)
    }

    /// A break: an available agent on duty turns away (open chats continue), then returns.
    mutating func startBreak(_ a: Int) {
        guard let away = model.agents[a].away else { return }
        let length: Int64
        switch away {
        case .scheduled(let every, let duration):
            scheduleAgentEvent(a, .breakStart, at: now.microseconds + every)
            length = duration
        case .atRandom(let rate, let duration):
            scheduleAgentEvent(a, .breakStart, at: now.microseconds + Int64(agentStream(a).exponential(mean: 1 / rate)))
            length = SimDuration(seconds: duration.sample(agentStream(a))).microseconds
        }
        guard agentOnDuty[a], (try? engine.status(of: AgentID(a))) == .available else { return }
        setStatus(a, .away)
        scheduleAgentEvent(a, .breakEnd, at: now.microseconds + length)
    }

    mutating func endBreak(_ a: Int) {
        guard agentOnDuty[a], (try? engine.status(of: AgentID(a))) == .away else { return }
        setStatus(a, .available)
    }

    /// After RONA, the agent sets itself available again (if still on duty), or — with the group's
    /// `after_rona` away share, drawn from the agent's own `after_rona` sub-stream — away for a while.
    mutating func recoverFromRONA(_ a: Int) {
        guard agentOnDuty[a], (try? engine.status(of: AgentID(a))) == .rona else { return }
        let awayProbability = model.agents[a].afterRonaAwayProbability
        if awayProbability > 0 {
            let stream = afterRONAStream(a)
            if stream.uniform() < awayProbability {
                let length = SimDuration(seconds: model.agents[a].afterRonaAwayFor.sample(stream))
                setStatus(a, .away)
                return scheduleAgentEvent(a, .breakEnd, at: now.microseconds + length.microseconds)
            }
        }
        setStatus(a, .available)
    }

    /// The agent's sub-stream for its choice after RONA, made when first needed.
    mutating func afterRONAStream(_ a: Int) -> RandomStream {
        lazyAgentStream(\.afterRONAStreams, a, "after_rona")
    }

    mutating func setStatus(_ a: Int, _ status: AgentStatus) {
        do { try engine.setStatus(AgentID(a), to: status, at: now) } catch {
            preconditionFailure("engine refused a status change: \(error)")
        }
        handleEngineEvents()
        if status == .available { schedulePull(a) }
    }

    /// An agent's slot was freed: an agent off duty with nothing left logs off; others may pull.
    mutating func agentFreed(_ a: Int) {
        if !agentOnDuty[a] {
            if agentStaffedSince[a] >= 0, (try? engine.load(of: AgentID(a))) == 0 { endStaffedTime(of: a) }
        } else if model.hasPullQueues {
            schedulePull(a)
        }
    }

    /// Counts the agent's staffed time since it logged on, per queue and interval.
    mutating func endStaffedTime(of a: Int) {
        let from = agentStaffedSince[a]
        let to = now.microseconds
        agentStaffedSince[a] = -1
        let capacity = model.agents[a].capacity
        agentTallies[a].staffedMicros += windowOverlap(from: from, to: to)
        for q in model.agents[a].queues {
            IntervalTally.integrate(&intervals.staffedAgentMicros, queue: q, intervals: intervals.count, from: from, to: to, value: 1, in: intervalWindow)
            IntervalTally.integrate(&intervals.staffedSlotMicros, queue: q, intervals: intervals.count, from: from, to: to, value: Double(capacity), in: intervalWindow)
        }
    }

    /// Adds each queue's waiting chats × the time since the last integration.
    mutating func integrateQueueLengths(until time: Int64) {
        for q in 0..<model.queueThresholds.count {
            let waiting = engine.waitingCount(atQueueIndex: q)
            guard waiting > 0 else { continue }
            IntervalTally.integrate(&intervals.queueLengthMicros, queue: q, intervals: intervals.count, from: integratedUntil, to: time, value: Double(waiting), in: intervalWindow)
        }
        integratedUntil = time
    }
}
