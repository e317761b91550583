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
        let seed = model.scenario.seed
        var configuration = model.engineConfiguration
        configuration.randomSeed = StreamSeed.derive(seed: seed, replication: index, name: "engine/random")
        do {
            engine = try RoutingEngine(configuration: configuration)
            for a in model.agents.indices where model.agentAcceptsAtOnce[a] { try engine.acceptOffersAtOnce(by: AgentID(a), true) }
        } catch {
            preconditionFailure("a compiled scenario's engine configuration was refused: \(error)")
        }
        func streams(_ part: String) -> [RandomStream] {
            model.streams.map { RandomStream(seed: seed, replication: index, name: "customers/\($0.name)/\(part)") }
        }
        arrivals = ArrivalSchedule(streams: model.streams.count)
        busyness = Busyness(model: model, replication: index)
        retrials = RetrialState(model: model, replication: index)
        arrivalStreams = streams("arrivals")
        patienceStreams = streams("patience")
        workStreams = streams("work")
        arrivalGenerators = arrivalStreams.map(\.generator)
        patienceGenerators = patienceStreams.map(\.generator)
        workGenerators = workStreams.map(\.generator)
        var tables: [[Double]] = []
        func sampler(_ distribution: Distribution) -> Sampler {
            guard let values = distribution.empiricalValues else { return Sampler(distribution) }
            tables.append(values)
            return Sampler(distribution, table: tables.count - 1)
        }
        patienceSamplers = model.streams.map { $0.patience.map(sampler) }
        handleTimeSamplers = model.streams.map { sampler($0.handleTime) }
        samplerTables = tables
        languageStreams = model.streams.map { stream in
            stream.languages.isEmpty ? nil
                : RandomStream(seed: seed, replication: index, name: "customers/\(stream.name)/language")
        }
        returnStreams = model.streams.map { stream in
            stream.returnProbability == 0 ? nil
                : RandomStream(seed: seed, replication: index, name: "customers/\(stream.name)/return")
        }
        inactivityStreams = model.streams.map { stream in
            stream.inactivityProbability == 0 ? nil
                : RandomStream(seed: seed, replication: index, name: "customers/\(stream.name)/inactivity")
        }
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
        pullMembers = model.pullQueues.enumerated().map { q, isPull in
            isPull ? model.agents.indices.filter { model.agents[$0].queues.contains(q) } : []
        }
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

    // MARK: - Invariants, abandonment and engine events

    /// Records the engine's invariant violations and the model's own: no agent holds more chats in
    /// conversation than it has slots, every chat in conversation is owned by the agent holding it,
    /// and the measured chats still open — in a queue, in conversation, in wrap-up or in a
    /// chatbot — are exactly those the run waits for before it stops; every measured attempt that
    /// gave up either lost its customer or was tried again.
    mutating func checkInvariants() {
        for problem in engine.invariantViolations() { violations.append("event \(events): \(problem)") }
        checkRetrialInvariants()
        if model.services.keepsHistory || !model.services.serviceCountNames.isEmpty { checkServiceInvariants() }
        let open = chats.indices.reduce(0) { $0 + (chats[$1].measured && chats[$1].phase != .done ? 1 : 0) }
            + services.botChats.reduce(0) { $0 + ($1?.measured == true ? 1 : 0) }
        if open != measuredOpen {
            violations.append("event \(events): \(open) measured chats are open but the run counts \(measuredOpen)")
        }
        for a in agentChatCount.indices {
            if agentChatCount[a] > model.agents[a].capacity {
                violations.append("event \(events): agent \(a) converses in \(agentChatCount[a]) chats")
            }
            for i in 0..<agentChatCount[a] {
                let chat = ChatID(packed: agentChats[a * maxCapacity + i])
                let c = Int(chat.slot)
                let owner = try? engine.owner(of: chat)
                let participant = try? engine.participant(of: chat)
                if chats[c].phase != .inConversation || (owner != AgentID(a) && participant != AgentID(a)) {
                    let state = try? engine.state(of: chat)
                    violations.append("event \(events): agent \(a) holds chat \(c) it neither owns nor joined "
                                      + "(phase \(chats[c].phase), engine \(state.map { "\($0)" } ?? "closed"), owner \(owner.map { "\($0)" } ?? "none"), "
                                      + "participant \(participant.map { "\($0)" } ?? "none"), model agent \(chats[c].agent.map { "\($0)" } ?? "none"), "
                                      + "model participant \(chats[c].participant.map { "\($0)" } ?? "none"))")
                }
            }
        }
    }

    // MARK: - Chat rows

    /// Keeps the row of a chat of the window that ended in the engine (when chats are recorded).
    ///
    /// The wrap-up reason comes as its queue and its index in the queue's reasons, looked up only
    /// when the row is kept: a `String?` passed on every close cost a release per chat.
    mutating func recordRow(of c: Int, outcome: ChatRow.Outcome, wrapUpReason: (queue: Int, index: Int)? = nil) {
        guard model.recordsChats else { return }
        let chat = chats[c]
        let inWindow = chat.intake >= model.windowStart && chat.intake < model.windowEnd
        guard inWindow else { return }
        let accepted = chat.answered ? seconds(chat.accepted) : nil
        let agentName = chat.answered ? chat.firstAgent.map { model.engineConfiguration.agents[Int($0.index)].name } : nil
        chatRows.append(ChatRow(number: chat.number, arrivalSeconds: seconds(chat.intake), queue: model.queueNames[model.streams[Int(chat.stream)].queue],
                                channel: model.scenario.customerStreams[Int(chat.stream)].channel.rawValue,
                                acceptedSeconds: agentName == nil ? nil : accepted, agent: agentName,
                                outcome: chat.measured || !chat.inWindow ? outcome : .outOfHours,
                                transfers: chat.transfers, ronaCount: chat.ronaCount,
                                wrapUpReason: wrapUpReason.map { model.services.queues[$0.queue].wrapUpReasons[$0.index] }))
    }

    /// Keeps the row of a chat of the window that never reached an agent's queue.
    mutating func recordRow(of intake: Intake, outcome: ChatRow.Outcome) {
        guard model.recordsChats, intake.inWindow else { return }
        chatRows.append(ChatRow(number: intake.number, arrivalSeconds: seconds(intake.arrival),
                                queue: model.queueNames[model.streams[intake.stream].queue],
                                channel: model.scenario.customerStreams[intake.stream].channel.rawValue,
                                acceptedSeconds: nil, agent: nil, outcome: intake.measured ? outcome : .outOfHours,
                                transfers: 0, ronaCount: 0, wrapUpReason: nil))
    }

    /// Seconds after the window's start.
    func seconds(_ time: SimTime) -> Double { (time - model.windowStart).seconds }

    /// Draws one of `values` with the given shares.
    func pick<Value>(_ values: [Value], shares: [Double], _ stream: RandomStream) -> Value {
        var u = stream.uniform()
        for (value, share) in zip(values, shares) {
            if u < share { return value }
            u -= share
        }
        return values[values.count - 1]
    }

    mutating func abandon(_ chat: ChatID) {
        let c = Int(chat.slot)
        if chats[c].goesSilent { return closeInactive(chat) }
        chats[c].timer = .none
        let queue = currentQueue(of: chat)
        do { try engine.customerLeft(chat, at: now) } catch {
            preconditionFailure("engine refused an abandonment: \(error)")
        }
        chats[c].phase = .done
        giveUp(stream: Int(chats[c].stream), contact: chats[c].contact, ticket: retrials.ticket(ofSlot: c),
               measured: chats[c].measured)
        recordRow(of: c, outcome: .abandoned)
        if chats[c].measured {
            let s = Int(chats[c].stream)
            tallies[s].abandoned += 1
            tallies[s].waitAllMicros += (now - chats[c].arrival).microseconds
            IntervalTally.count(&intervals.abandoned, queue: model.streams[s].queue, intervals: intervals.count, at: chats[c].intake.microseconds, in: intervalWindow)
            measuredOpen -= 1
        }
        if chats[c].inWindow { sendAutoReply(.customerLeftWaiting, stream: Int(chats[c].stream), queue: queue) }
        handleEngineEvents()
    }

    /// A silent customer's chat has waited unanswered through the queue's inactivity timeout: the
    /// queue closes it as `inactive` (SPEC §3.3). Its wait counts like an abandoned chat's; no
    /// `customer_left_waiting` message goes out, since the customer never left.
    mutating func closeInactive(_ chat: ChatID) {
        let c = Int(chat.slot)
        chats[c].timer = .none
        do { try engine.customerLeft(chat, at: now) } catch {
            preconditionFailure("engine refused to close an inactive chat: \(error)")
        }
        chats[c].phase = .done
        if let contact = chats[c].contact { releaseContact(contact) }
        recordRow(of: c, outcome: .inactive)
        if chats[c].measured {
            let s = Int(chats[c].stream)
            tallies[s].inactive += 1
            tallies[s].waitAllMicros += (now - chats[c].arrival).microseconds
            measuredOpen -= 1
        }
        handleEngineEvents()
    }

    /// Reacts to what the engine decided.
    mutating func handleEngineEvents() {
        var i = 0
        while i < engine.eventCount {
            let event = engine.event(at: i)
            i += 1
            switch event {
            case .offered(let chat, let agent):
                // An agent who accepts at once may have had the offer accepted by the engine in the same step.
                if model.agentAcceptsAtOnce[Int(agent.index)] && i < engine.eventCount,
                   case .accepted(let accepted, let by) = engine.event(at: i), accepted == chat, by == agent,
                   !isTransferOffer(chat) { continue }
                reactToOffer(chat, agent: Int(agent.index))
            case .accepted(let chat, let agent): startConversation(chat, agent: Int(agent.index))
            case .rona(let chat, let agent): noteRONA(chat, agent: Int(agent.index))
            case .stickyRouted(let chat, _): count(chat) { $0.stickyRouted += 1 }
            case .unansweredAlert(let chat, let agent):
                if chat != lastAlertedChat {
                    lastAlertedChat = chat
                    count(chat) { $0.alerts += 1 }
                }
                if model.agents[Int(agent.index)].alertReaction != nil { reactToAlert(chat, agent: Int(agent.index)) }
            case .queued(_, let queue) where !model.queuedChatsReact[Int(queue.index)]:
                break
            case .queued(let chat, let queue) where !model.awayPickers[Int(queue.index)].isEmpty:
                showToAwayMembers(chat, queue: Int(queue.index))
                if model.firstResponderQueues[Int(queue.index)] { showToMembers(chat, queue: Int(queue.index)) }
                else if model.pullQueues[Int(queue.index)] { for a in pullMembers[Int(queue.index)] { schedulePull(a) } }
            case .queued(let chat, let queue) where model.firstResponderQueues[Int(queue.index)]:
                showToMembers(chat, queue: Int(queue.index))
            case .queued(_, let queue) where model.pullQueues[Int(queue.index)]:
                for a in pullMembers[Int(queue.index)] { schedulePull(a) }
            case .joinedConference(let chat, let agent): joinConference(chat, invitee: Int(agent.index))
            default:
                break
            }
        }
        engine.removeAllEvents()
    }

    /// The queue `chat` is in now: its stream's, unless a transfer or an overflow step may have
    /// moved it (then the engine is asked, out of line: ``engineQueue(of:arrivalQueue:)``).
    ///
    /// Mutating though it changes nothing, like its helper: a non-mutating query of the engine
    /// called from a mutating function had the caller copy the engine's fields (400 bytes) — or,
    /// with a non-mutating helper, the whole replication — on every path, needed or not; a mutating
    /// one is handed the replication's address.
    @inline(__always) mutating func currentQueue(of chat: ChatID) -> Int {
        let c = Int(chat.slot)
        let arrivalQueue = model.streams[Int(chats[c].stream)].queue
        guard chats[c].transfers > 0 || model.hasOverflow else { return arrivalQueue }
        return engineQueue(of: chat, arrivalQueue: arrivalQueue)
    }

    /// The engine's answer to which queue `chat` is in (see ``currentQueue(of:)``).
    @inline(never) mutating func engineQueue(of chat: ChatID, arrivalQueue: Int) -> Int {
        (try? engine.queue(of: chat)).map { Int($0.index) } ?? arrivalQueue
    }

    /// Whether `chat` was just offered by a transfer to an agent (that agent may decline it).
    @inline(__always) func isTransferOffer(_ chat: ChatID) -> Bool {
        Int(chat.slot) < chats.count && chats[Int(chat.slot)].transferOffered
    }

    /// Adds to the tally of a measured chat's stream.
    mutating func count(_ chat: ChatID, _ update: (inout ChatTally) -> Void) {
        let c = Int(chat.slot)
        guard c < chats.count, chats[c].measured else { return }
        update(&tallies[Int(chats[c].stream)])
    }

    // MARK: - Helpers

    mutating func growChatStorage(to count: Int) {
        chats.grow(to: max(count, 2 * chats.count), filling: ModelChat())
    }

    // MARK: - Contacts

    /// A contact id for a customer who will write again.
    mutating func newContact() -> ContactID {
        if let free = freeContacts.popLast() { return free }
        contactCount += 1
        return ContactID(Int(contactCount - 1))
    }

    /// The customer will not write again: the engine forgets the contact and its id is reused.
    mutating func releaseContact(_ contact: ContactID) {
        engine.forgetContact(contact)
        if model.services.blocksVisitors || model.services.remembersOutOfHours || model.services.flagsUnknownContacts
            || model.services.keepsHistory {
            forgetServices(of: contact)
        }
        freeContacts.append(contact)
    }

    /// After a finished chat, schedules the customer's next chat, or lets its contact go.
    mutating func scheduleReturn(of c: Int) {
        guard let contact = chats[c].contact else { return }
        // A customer who never writes again returns after `forever`: past the drain end, like a late return.
        let at = now + chats[c].returnAfter
        guard at <= model.drainEnd else { return releaseContact(contact) }
        calendar.schedule(.arrival(stream: Int(chats[c].stream), contact: contact), at: at)
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

/// What the model keeps about one chat: who wrote, when, how patient, and its work in progress.
///
/// Each optional id sits before one-byte fields, which fill the rest of its word.
struct ModelChat {
    var stream: Int32 = 0
    /// The agent in conversation with the chat (nil: none).
    var agent: AgentID?
    var phase: Replication.ChatPhase = .done
    var measured = false
    /// Whether an agent has accepted the chat once (later accepts follow transfers).
    var answered = false
    /// The chat's contact (nil: a customer who never writes again).
    var contact: ContactID?
    /// What ends the current owner's part of the work early.
    var interruption: Replication.Interruption = .none
    /// Whether the owner invited someone to a conference (an invitation may still be pending).
    var invited = false
    /// Arrived inside the window, in or out of business hours: its messages are counted.
    var inWindow = false
    /// A conference participant (nil: none), and the timer ending its stay.
    var participant: AgentID?
    /// An abusive visitor, blocked when its chat ends; it tries again after `retryAfter`.
    var abusive = false
    /// The customer goes silent before its patience runs out: its waiting timer closes the chat as `inactive`.
    var goesSilent = false
    /// The chat is offered to an agent by a transfer (which that agent may decline).
    var transferOffered = false
    /// From a WhatsApp sender the address book does not know (`unknown_contact_probability`).
    var unknownSender = false
    /// Its agent ignored it: the chat ends unanswered, as the outcome `ignored`.
    var ignored = false
    /// Its first owner created a request (ticket) from it (`ticket_probability`).
    var ticketed = false
    /// The chatbot handed it to the queue, with its transcript (from `intake` to `arrival`).
    var fromBot = false
    /// The agent who first accepted the chat (nil: not answered).
    var firstAgent: AgentID?
    var conferenceTimer: TimerHandle = .none
    var conferenceSince = SimTime.zero
    /// The work carried past an interruption.
    var carriedWork: Double = 0
    /// Where in its work (0–1) the customer leaves the chat (nil: it stays to the end).
    var endsAt: Double?
    /// The chat's number in its replication, and what happened to it on the way (for ``ChatRow``).
    var number = 0
    var transfers = 0
    var ronaCount = 0
    /// When the current stretch of conversation began (for busy time).
    var segmentStart = SimTime.zero
    var timer: TimerHandle = .none
    /// When the chat entered its queue (its wait starts here).
    var arrival = SimTime.zero
    /// When the customer wrote (before any chatbot): the interval the chat is counted in.
    var intake = SimTime.zero
    var retryAfter = SimDuration.zero
    var patience = SimDuration.zero
    var accepted = SimTime.zero
    /// How long after this chat the customer writes again (``SimDuration/forever``: never).
    var returnAfter = SimDuration.forever
    /// Work content left, in microseconds of work at rate 1, as of `progressAt`.
    var remainingWork: Double = 0
    var progressAt = SimTime.zero

    /// The index of the agent in conversation with the chat; only for a chat in conversation or wrap-up.
    var agentIndex: Int {
        guard let agent else { preconditionFailure("a chat without an agent has no agent index") }
        return Int(agent.index)
    }
}
