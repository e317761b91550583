// SPDX-License-Identifier: GPL-3.0-or-later

import ConversationServices
import ParleyTime
import PlainStorage
import RoutingCore
import SimKernel
import Statistics

/// One replication: synthetic customers and agents driving the real routing engine in the event kernel.
///
/// Every random quantity of a chat (patience, work content, language) is drawn at its arrival
/// from its stream's own sub-streams, and every agent-side draw (accept delay, miss, RONA
/// recovery) from the agent's own stream, so two strategies run on one seed see the same
/// customers and agents. The run measures chats arriving in the window, then continues with
/// arrivals until each measured chat is resolved or the drain limit passes (SPEC §3).
struct Replication {
    /// The scenario being simulated; a run paused at an interval's start may go on under a
    /// plan that differs only from there on (``resume(under:)``).
    var model: CompiledScenario
    let index: Int
    var stop: StopFlag
    var engine: RoutingEngine
    var calendar = EventCalendar()
    /// Each stream's pending first-contact arrival and trace position.
    var arrivals: ArrivalSchedule
    /// The replication's arrival-rate multipliers (nil: the scenario has no `busyness`).
    let busyness: Busyness?
    /// Each stream's `retrial` plan and the retrial ticket of each queued attempt.
    var retrials: RetrialState
    var now = SimTime.zero
    var nextEngineWake = SimTime.never

    // Streams, by customer stream index.
    var arrivalStreams: [RandomStream]
    var patienceStreams: [RandomStream]
    var workStreams: [RandomStream]
    var languageStreams: [RandomStream?]
    var returnStreams: [RandomStream?]
    /// Each stream's `customers/<id>/inactivity` sub-stream, for streams whose customers may go silent.
    var inactivityStreams: [RandomStream?]
    /// The generators of `arrivalStreams`, `patienceStreams` and `workStreams`, and each stream's
    /// patience (nil: infinitely patient) and handle-time samplers, read on every chat without reference counting.
    var arrivalGenerators: [RandomGenerator]
    var patienceGenerators: [RandomGenerator]
    var workGenerators: [RandomGenerator]
    let patienceSamplers: [Sampler?]
    let handleTimeSamplers: [Sampler]
    /// The values of the empirical samplers.
    let samplerTables: [[Double]]

    /// The model's side of each chat, by engine chat slot.
    var chats = PlainTable(repeating: ModelChat(), count: 0)

    /// Contact ids no longer in use, for re-contacts (ids are dense and reused).
    var freeContacts: [ContactID] = []
    var contactCount: Int32 = 0

    // Agents, by engine agent index.
    /// The chats each agent holds in conversation: `maxCapacity` entries per agent.
    let maxCapacity: Int
    var agentChats: PlainTable<UInt64>
    var agentChatCount: PlainTable<Int>
    /// Each agent's own random stream, made when first needed.
    var agentStreams: [RandomStream?]
    /// Each agent's sub-stream for its choice after RONA (`after_rona`), made when first needed.
    var afterRONAStreams: [RandomStream?]
    /// Each agent's sub-stream for its quick-reply templates (`template_use`), made when first needed.
    var templateStreams: [RandomStream?]
    /// Each agent's sub-stream for searching templates by text (`template_use.search_probability`).
    var templateSearchStreams: [RandomStream?]
    /// Each agent's sub-stream for its requests to customers (`requests`), made when first needed.
    var requestStreams: [RandomStream?]
    /// Each agent's sub-streams for requests (tickets) and calls from chats, made when first needed.
    var ticketFromChatStreams: [RandomStream?]
    var callStreams: [RandomStream?]
    /// Each agent's sub-stream for internal chats with colleagues (`internal_chats`), made when first needed.
    var internalChatStreams: [RandomStream?]
    /// Internal chats started so far (their conversation ids, apart from the customers' chats).
    var internalChatsStarted = 0
    /// Each agent's sub-stream for transfers to agents and declines, made when first needed.
    var agentTransferStreams: [RandomStream?]
    /// Each agent's sub-stream for opening chats while away (`away_pick_probability`), made when first needed.
    var awayPickStreams: [RandomStream?]
    /// Each agent's sub-stream for its reactions to alerts (`alert_reaction`), made when first needed.
    var alertStreams: [RandomStream?]
    /// Whether a pull reaction of the agent is already scheduled.
    var agentPullPending: [Bool]
    /// Members of each pull queue (empty for push queues).
    let pullMembers: [[Int]]

    /// Per agent: on duty by its shifts or plan; when its staffed time began (-1: not staffed).
    var agentOnDuty: [Bool]
    var agentStaffedSince: [Int64]
    /// Per-interval figures of each queue.
    var intervals: IntervalAccumulator
    var intervalWindow: IntervalTally.Window
    /// The insertion sequence below the block of log-ons, log-offs and first breaks scheduled at
    /// the start (``scheduleDuty()``), whose sequences do not depend on the plan.
    var dutySequenceBase: UInt64 = 0
    /// Insertion sequences each agent has in that block: two per duty span and one for its first break.
    var dutyPositions: UInt64 = 1 << 24
    /// When the queue lengths were last integrated.
    var integratedUntil: Int64 = 0
    /// Checks the engine's invariants after every event (for tests: O(chats) per event).
    var checksInvariants = false
    /// Invariant violations seen, with the event count at which they appeared.
    var violations: [String] = []
    /// Chats of the window, when the model records them.
    var chatRows: [ChatRow] = []
    /// What each agent did inside the window.
    var agentTallies: PlainTable<AgentTally>
    /// Ledgers, blocks, chats in a chatbot and random streams of the conversation services.
    var services: ServiceState

    var tallies: PlainTable<ChatTally>
    /// Per queue, how many measured chats each wrap-up reason closed.
    var wrapUpCounts: [[Int]]
    /// Quick-reply templates inserted into measured chats, per counter slot of ``CompiledServices/templateUseSlot(queue:category:language:)``.
    var templateUseCounts: [Int]
    /// Per queue, one counter per ``ServiceCounts/Name``.
    var serviceCounts: [Int]
    var measuredOpen = 0
    var events = 0
    var simulatedChats = 0
    /// The last chat an alert was counted for (an alert is one event per member alerted).
    var lastAlertedChat = ChatID(slot: .max, generation: .max)
    /// Per stream: whether its first contacts take the plain arrival path (``isPlainArrival(stream:)``).
    var plainArrivals: [Bool] = []

    enum ChatPhase: UInt8 { case waiting, inConversation, wrapUp, done }
    /// What ends an owner's part of a chat before its work is done.
    enum Interruption: UInt8 { case none, transfer, conference, customerEnds, transferToAgent }

    init(model: CompiledScenario, index: Int, stop: StopFlag = StopFlag()) {
        self.model = model
        self.index = index
        self.stop = stop
        engine = Self.makeEngine(model: model, replication: index)
        arrivals = ArrivalSchedule(streams: model.streams.count)
        busyness = Busyness(model: model, replication: index)
        retrials = RetrialState(model: model, replication: index)
        arrivalStreams = Self.customerStreams("arrivals", model: model, replication: index)
        patienceStreams = Self.customerStreams("patience", model: model, replication: index)
        workStreams = Self.customerStreams("work", model: model, replication: index)
        arrivalGenerators = arrivalStreams.map(\.generator)
        patienceGenerators = patienceStreams.map(\.generator)
        workGenerators = workStreams.map(\.generator)
        (patienceSamplers, handleTimeSamplers, samplerTables) = Self.samplers(of: model)
        languageStreams = Self.customerStreams("language", model: model, replication: index) { !$0.languages.isEmpty }
        returnStreams = Self.customerStreams("return", model: model, replication: index) { $0.returnProbability != 0 }
        inactivityStreams = Self.customerStreams("inactivity", model: model, replication: index) { $0.inactivityProbability != 0 }
        maxCapacity = model.agents.map(\.capacity).max() ?? 1
        agentChats = PlainTable(repeating: 0, count: model.agents.count * maxCapacity)
        agentChatCount = PlainTable(repeating: 0, count: model.agents.count)
        agentStreams = Array(repeating: nil, count: model.agents.count)
        afterRONAStreams = Array(repeating: nil, count: model.agents.count)
        templateStreams = Array(repeating: nil, count: model.agents.count)
        templateSearchStreams = Array(repeating: nil, count: model.agents.count)
        requestStreams = Array(repeating: nil, count: model.agents.count)
        ticketFromChatStreams = Array(repeating: nil, count: model.agents.count)
        callStreams = Array(repeating: nil, count: model.agents.count)
        internalChatStreams = Array(repeating: nil, count: model.agents.count)
        agentTransferStreams = Array(repeating: nil, count: model.agents.count)
        awayPickStreams = Array(repeating: nil, count: model.agents.count)
        alertStreams = Array(repeating: nil, count: model.agents.count)
        agentPullPending = Array(repeating: false, count: model.agents.count)
        pullMembers = Self.pullMembers(of: model)
        tallies = PlainTable(repeating: ChatTally(), count: model.streams.count)
        wrapUpCounts = model.services.queues.map { Array(repeating: 0, count: $0.wrapUpReasons.count) }
        templateUseCounts = Array(repeating: 0, count: model.services.templateUseSlots)
        serviceCounts = Array(repeating: 0, count: model.queueNames.count * ServiceCounts.Name.allCases.count)
        agentOnDuty = model.agents.map { $0.duty.first?.start == 0 }
        agentStaffedSince = model.agents.map { $0.duty.first?.start == 0 ? 0 : -1 }
        agentTallies = PlainTable(repeating: AgentTally(), count: model.agents.count)
        intervals = IntervalAccumulator(queues: model.scenario.queues.count, intervals: model.keepsIntervals ? model.intervalCount : 0)
        intervalWindow = Self.intervalWindow(of: model)
        services = ServiceState(model: model, replication: index)
        plainArrivals = model.streams.indices.map { isPlainArrival(stream: $0) }
    }

    /// Runs the replication to its end and returns what it measured, or nil when stopped early.
    mutating func run() -> ReplicationResult? {
        begin()
        guard proceed() == .ended else { return nil }
        return finish()
    }

    /// Schedules the first arrivals and every agent's duty: the run's start.
    mutating func begin() {
        for s in model.streams.indices { scheduleNextArrival(of: s, after: .zero) }
        scheduleDuty()
    }

    /// Where ``proceed(before:)`` left the run.
    enum Progress { case ended, paused, stopped }

    /// Processes events until the run ends (``Progress/ended``), the next event is at or after
    /// `pause` (``Progress/paused``: nothing at or after it was processed), or `stop` is raised.
    mutating func proceed(before pause: SimTime = SimTime(microseconds: .max)) -> Progress {
        while true {
            let time: SimTime
            let event: ModelEvent?
            if arrivals.earliest < (calendar.nextKey ?? .never) {
                time = arrivals.earliest.eventTime
                if time >= pause { return .paused }
                event = .arrival(stream: takeEarliestArrival(), contact: nil)
            } else if let next = calendar.nextTime {
                if next >= pause { return .paused }
                let popped = calendar.popNext()!
                time = popped.time
                event = ModelEvent(popped)
            } else {
                break
            }
            if time > model.drainEnd { break }
            // Queue lengths count only inside the series' window (empty when no series are kept).
            if time.microseconds > integratedUntil && integratedUntil < intervalWindow.end {
                integrateQueueLengths(until: time.microseconds)
            }
            now = time
            events += 1
            if events & 0xFFFF == 0 && stop.isRaised { return .stopped }
            switch event {
            case .workEnds(let chat): workEnds(chat)
            case .conferenceTimeEnds(let chat, let invitee): endConferenceTime(chat, invitee: invitee)
            case .abandonment(let chat): abandon(chat)
            case .botEnds(let botSlot): botEnds(slot: botSlot)
            case .arrival(let stream, let contact): arrive(stream: stream, contact: contact)
            case .retrial(let stream, let contact, let attempt): arrive(stream: stream, contact: contact, attempt: attempt)
            case .accept(let chat, let a): agentAccepts(chat, agent: a)
            case .pull(let a): agentPulls(a)
            case .take(let chat, let a): agentTakes(chat, agent: a)
            case .reply(let chat, let a): agentReplies(chat, agent: a)
            case .ownerLeaves(let chat, let owner): ownerLeavesConference(chat, owner: owner)
            case .alertReaction(let chat, let a): agentReplies(chat, agent: a, alerted: true)
            case .agentStatus(let a, let change): agentEvent(a, change)
            case .engineDeadline:
                nextEngineWake = .never
                engine.fireDeadlines(at: now)
                handleEngineEvents()
            case nil: break
            }
            let deadline = engine.nextDeadline()
            if deadline < nextEngineWake {
                nextEngineWake = deadline
                calendar.schedule(.engineDeadline, at: deadline)
            }
            if checksInvariants { checkInvariants() }
            if now >= model.windowEnd && measuredOpen == 0 { break }
        }
        return .ended
    }

    /// The window the per-interval series divide: empty when the model keeps no series, so
    /// nothing is counted into them.
    static func intervalWindow(of model: CompiledScenario) -> IntervalTally.Window {
        IntervalTally.Window(start: model.windowStart.microseconds,
                             end: model.keepsIntervals ? model.windowEnd.microseconds : model.windowStart.microseconds,
                             interval: model.interval)
    }

    // MARK: - Helpers

    mutating func growChatStorage(to count: Int) {
        chats.grow(to: max(count, 2 * chats.count), filling: ModelChat())
    }

    /// Closes the books: chats still waiting are unresolved; conversations still open count their busy time.
    mutating func finish() -> ReplicationResult {
        let end = min(now, model.drainEnd).microseconds
        integrateQueueLengths(until: end)
        now = SimTime(microseconds: end)
        for c in chats.indices {
            let s = Int(chats[c].stream)
            switch chats[c].phase {
            case .waiting where chats[c].measured && !chats[c].answered:
                tallies[s].unresolved += 1
                tallies[s].waitAllMicros += end - chats[c].arrival.microseconds
            case .inConversation:
                addBusyTime(of: c, agent: chats[c].agentIndex, from: chats[c].segmentStart.microseconds, to: end)
            default:
                break
            }
            if chats[c].phase != .done { recordRow(of: c, outcome: chats[c].answered ? .answered : .unresolved) }
        }
        for case let intake? in services.botChats {
            if intake.measured { tallies[intake.stream].unresolved += 1 }
            recordRow(of: intake, outcome: .unresolved)
        }
        chatRows.sort { $0.number < $1.number }
        for a in model.agents.indices where agentStaffedSince[a] >= 0 { endStaffedTime(of: a) }
        let agents = Array(agentTallies)
        let staffedSlots = zip(model.agents, agents).map { Int64($0.capacity) * $1.staffedMicros }
        var result = ReplicationResult(index: index, tallies: Array(tallies), staffedSlotMicros: staffedSlots,
                                       events: events, simulatedChats: simulatedChats, intervals: intervals.takeTally())
        result.chats = chatRows
        result.agents = agents
        result.wrapUpReasons = wrapUpCounts
        result.templateUses = templateUseCounts
        result.serviceCounts = serviceCounts
        return result
    }
}
