// SPDX-License-Identifier: GPL-3.0-or-later

import ParleyTime
import RoutingCore
import SimKernel
import Statistics

/// A replication paused at some time, copied, and continued under a plan that differs only
/// from that time on: what staffing resumes from instead of simulating the same past again.
///
/// **Why this is exact.** Nothing a replication does before a time T depends on the agents'
/// duty after T, except the log-ons and log-offs it scheduled at the start; and those carry
/// insertion sequences that do not depend on the plan (``scheduleDuty()``). So replacing the
/// pending ones with the changed plan's, under the same sequences, leaves the run in the state
/// a run of the changed plan from the start has at T.
///
/// The measured window may end earlier and the drain sooner (a run cut after an earlier
/// interval), because before T a run looks at them only to leave out what would come after
/// the drain end: an arrival, a return, a retrial, an agent's event. Paused under a later drain
/// end, such an event is pending instead, and never fires: the run stops at the first event
/// past its drain end. One trace of it stays: a customer whose return comes after the drain end
/// lets its contact id go at once in a run of the earlier drain end, and another customer
/// reuses the id. The engine and the model use a contact id only to find that customer's
/// records (the engine's sticky owner, forgotten when the id is let go), so customers with
/// other ids fare the same. A drain end later than the paused run's would miss events it left
/// out, and `busyness` (one multiplier per day up to the drain end), business calendars
/// (compiled up to it), blocked visitors (a block list by contact id) and unknown WhatsApp
/// senders (an address book by contact id) are left out:
/// ``canResume(under:at:)`` refuses them.
extension Replication {
    /// A copy that goes on independently: its own random streams and record blocks.
    ///
    /// - Complexity: O(chats + agents + intervals) of the copied state.
    func copied() -> Replication {
        var copy = self
        func clone(_ streams: [RandomStream]) -> [RandomStream] { streams.map(RandomStream.init(copying:)) }
        func clone(_ streams: [RandomStream?]) -> [RandomStream?] { streams.map { $0.map(RandomStream.init(copying:)) } }
        copy.arrivalStreams = clone(arrivalStreams)
        copy.patienceStreams = clone(patienceStreams)
        copy.workStreams = clone(workStreams)
        copy.arrivalGenerators = copy.arrivalStreams.map(\.generator)
        copy.patienceGenerators = copy.patienceStreams.map(\.generator)
        copy.workGenerators = copy.workStreams.map(\.generator)
        copy.languageStreams = clone(languageStreams)
        copy.returnStreams = clone(returnStreams)
        copy.inactivityStreams = clone(inactivityStreams)
        copy.agentStreams = clone(agentStreams)
        copy.afterRONAStreams = clone(afterRONAStreams)
        copy.templateStreams = clone(templateStreams)
        copy.templateSearchStreams = clone(templateSearchStreams)
        copy.requestStreams = clone(requestStreams)
        copy.ticketFromChatStreams = clone(ticketFromChatStreams)
        copy.callStreams = clone(callStreams)
        copy.internalChatStreams = clone(internalChatStreams)
        copy.agentTransferStreams = clone(agentTransferStreams)
        copy.awayPickStreams = clone(awayPickStreams)
        copy.alertStreams = clone(alertStreams)
        copy.services = services.copied()
        copy.retrials = retrials.copied()
        copy.arrivals.next = arrivals.next.copied()
        copy.chats = chats.copied()
        copy.agentChats = agentChats.copied()
        copy.agentChatCount = agentChatCount.copied()
        copy.agentTallies = agentTallies.copied()
        copy.tallies = tallies.copied()
        copy.intervals = intervals.copied(intervals: intervals.count)
        return copy
    }

    /// Whether a run of this replication's scenario paused at `time` can go on under `other`
    /// (``resume(under:)``) and end exactly as a run of `other` from the start.
    ///
    /// `other` must be the same scenario apart from its agents' duty after `time`, its
    /// duration and its drain limit: the same agents, on duty at the same times before `time`.
    /// - Complexity: O(agents × duty spans).
    func canResume(under other: CompiledScenario, at time: SimTime) -> Bool {
        guard Self.isResumable(model), Self.isResumable(other), now < time, time <= other.windowEnd,
              model.engineConfiguration == other.engineConfiguration, model.keepsIntervals == other.keepsIntervals,
              model.agents.count == other.agents.count, model.interval == other.interval,
              other.drainEnd <= model.drainEnd,
              model.windowStart == other.windowStart else { return false }
        for a in model.agents.indices {
            guard model.agents[a].name == other.agents[a].name,
                  UInt64(2 * other.agents[a].duty.count + 2) <= dutyPositions,
                  Self.duty(model.agents[a].duty, before: time.microseconds)
                    == Self.duty(other.agents[a].duty, before: time.microseconds) else { return false }
        }
        return true
    }

    /// Whether a run of `model` can be paused and resumed: nothing it does before a time depends
    /// on its drain end (see the type's comment).
    static func isResumable(_ model: CompiledScenario) -> Bool {
        model.scenario.busyness == nil && model.services.alwaysOpen && !model.services.blocksVisitors
            && !model.services.flagsUnknownContacts && !model.services.keepsHistory && !model.recordsChats
    }

    /// `spans` cut at `time`.
    static func duty(_ spans: [DutySpan], before time: Int64) -> [DutySpan] {
        spans.compactMap { span in span.start < time ? DutySpan(start: span.start, end: min(span.end, time)) : nil }
    }

    /// Goes on, from where the run was paused, as a run of `other` (``canResume(under:at:)``
    /// must hold for the time it was paused at): its agents' pending log-ons and log-offs become
    /// `other`'s, and its window, drain end and interval series follow `other`'s.
    ///
    /// - Complexity: O(pending events + agents × duty spans + queues × intervals).
    mutating func resume(under other: CompiledScenario, pausedAt time: SimTime) {
        let logOn = UInt64(ModelEvent.AgentChange.logOn.rawValue), logOff = UInt64(ModelEvent.AgentChange.logOff.rawValue)
        let statusTag = ModelEvent.agentStatus(agent: 0, .logOn).encoded.aux
        calendar.removeAll { payload, aux in
            aux & 0xF == statusTag & 0xF && (payload == logOn || payload == logOff)
        }
        model = other
        plainArrivals = model.streams.indices.map { isPlainArrival(stream: $0) }
        intervalWindow = Self.intervalWindow(of: model)
        let kept = model.keepsIntervals ? model.intervalCount : 0
        if intervals.count != kept { intervals = intervals.copied(intervals: kept) }
        for a in model.agents.indices { scheduleDutyChanges(of: a, from: time.microseconds) }
    }
}

extension RetrialState {
    /// A copy with random streams of its own.
    func copied() -> RetrialState {
        var copy = self
        copy.plans = plans.map { plan in
            plan.map { Plan(probability: $0.probability, after: $0.after, maxAttempts: $0.maxAttempts,
                            stream: RandomStream(copying: $0.stream)) }
        }
        return copy
    }
}

extension ServiceState {
    /// A copy with random streams of its own.
    func copied() -> ServiceState {
        var copy = self
        func clone(_ streams: [RandomStream?]) -> [RandomStream?] { streams.map { $0.map(RandomStream.init(copying:)) } }
        copy.botStreams = clone(botStreams)
        copy.cardStreams = clone(cardStreams)
        copy.attachmentStreams = clone(attachmentStreams)
        copy.abuseStreams = clone(abuseStreams)
        copy.holidayStreams = clone(holidayStreams)
        copy.ipStreams = clone(ipStreams)
        copy.unknownContactStreams = clone(unknownContactStreams)
        copy.transcriptStreams = clone(transcriptStreams)
        copy.wrapUpStreams = clone(wrapUpStreams)
        copy.historyStreams = clone(historyStreams)
        copy.ticketStreams = clone(ticketStreams)
        copy.deleteStreams = clone(deleteStreams)
        return copy
    }
}
