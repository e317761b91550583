// SPDX-License-Identifier: GPL-3.0-or-later

import ParleyTime
import RoutingCore
import SimKernel
import Statistics

/// The kinds of kernel events, in the order SPEC §1 fixes for equal times.
enum EventKind: UInt8 {
    case agentStatus = 0, workCompletion = 1, accept = 2, abandonment = 3, arrival = 4, engineDeadline = 5
}

/// One replication: synthetic customers and agents driving the real routing engine in the event kernel.
///
/// Every random quantity of a chat (patience, work content, language) is drawn at its arrival
/// from its stream's own sub-streams, and every agent-side draw (accept delay, miss, RONA
/// recovery) from the agent's own stream, so two strategies run on one seed see the same
/// customers and agents. The run measures chats arriving in the window, then continues with
/// arrivals until each measured chat is resolved or the drain limit passes (SPEC §3).
struct Replication {
    let model: CompiledScenario
    let index: Int
    let stop: StopFlag
    var engine: RoutingEngine
    var calendar = EventCalendar()
    var now = SimTime.zero
    var nextEngineWake = SimTime.never

    // Streams, by customer stream index.
    let arrivalStreams: [RandomStream]
    let patienceStreams: [RandomStream]
    let workStreams: [RandomStream]
    let languageStreams: [RandomStream?]
    let returnStreams: [RandomStream?]

    // Chats, by engine chat slot.
    var chatStream: [Int32] = []
    var chatArrival: [Int64] = []
    var chatPatience: [Int64] = []
    var chatMeasured: [Bool] = []
    var chatPhase: [ChatPhase] = []
    var chatTimer: [TimerHandle] = []
    var chatAgent: [Int32] = []
    var chatAccepted: [Int64] = []
    /// Work content left, in microseconds of work at rate 1, as of `chatProgressAt`.
    var chatRemainingWork: [Double] = []
    var chatProgressAt: [Int64] = []
    /// The chat's contact (-1: none), and when its customer writes again after it (-1: never).
    var chatContact: [Int32] = []
    var chatReturnAfter: [Int64] = []

    /// Contact ids no longer in use, for re-contacts (ids are dense and reused).
    var freeContacts: [Int32] = []
    var contactCount: Int32 = 0

    // Agents, by engine agent index.
    /// The chats each agent holds in conversation: `maxCapacity` entries per agent.
    let maxCapacity: Int
    var agentChats: [UInt64]
    var agentChatCount: [Int]
    /// Each agent's own random stream, made when first needed.
    var agentStreams: [RandomStream?]
    /// Whether a pull reaction of the agent is already scheduled.
    var agentPullPending: [Bool]
    /// Members of each pull queue (empty for push queues).
    let pullMembers: [[Int]]

    var tallies: [ChatTally]
    var measuredOpen = 0
    var events = 0
    var simulatedChats = 0
    /// The last chat an alert was counted for (an alert is one event per member alerted).
    var lastAlertedChat = ChatID(slot: .max, generation: .max)

    enum ChatPhase: UInt8 { case waiting, inConversation, done }

    init(model: CompiledScenario, index: Int, stop: StopFlag = StopFlag()) {
        self.model = model
        self.index = index
        self.stop = stop
        let seed = model.scenario.seed
        var configuration = model.engineConfiguration
        configuration.randomSeed = StreamSeed.derive(seed: seed, replication: index, name: "engine/random")
        do { engine = try RoutingEngine(configuration: configuration) } catch {
            preconditionFailure("a compiled scenario's engine configuration was refused: \(error)")
        }
        func streams(_ part: String) -> [RandomStream] {
            model.streams.map { RandomStream(seed: seed, replication: index, name: "customers/\($0.name)/\(part)") }
        }
        arrivalStreams = streams("arrivals")
        patienceStreams = streams("patience")
        workStreams = streams("work")
        languageStreams = model.streams.map { stream in
            stream.languages.isEmpty ? nil
                : RandomStream(seed: seed, replication: index, name: "customers/\(stream.name)/language")
        }
        returnStreams = model.streams.map { stream in
            stream.returnProbability == 0 ? nil
                : RandomStream(seed: seed, replication: index, name: "customers/\(stream.name)/return")
        }
        maxCapacity = model.agents.map(\.capacity).max() ?? 1
        agentChats = Array(repeating: 0, count: model.agents.count * maxCapacity)
        agentChatCount = Array(repeating: 0, count: model.agents.count)
        agentStreams = Array(repeating: nil, count: model.agents.count)
        agentPullPending = Array(repeating: false, count: model.agents.count)
        pullMembers = model.pullQueues.enumerated().map { q, isPull in
            isPull ? model.agents.indices.filter { model.agents[$0].queues.contains(q) } : []
        }
        tallies = Array(repeating: ChatTally(), count: model.streams.count)
    }

    /// Runs the replication to its end and returns what it measured, or nil when stopped early.
    mutating func run() -> ReplicationResult? {
        for s in model.streams.indices { scheduleNextArrival(of: s, after: .zero) }
        while let event = calendar.popNext() {
            if event.time > model.drainEnd { break }
            now = event.time
            events += 1
            if events & 0xFFFF == 0 && stop.isRaised { return nil }
            switch EventKind(rawValue: event.priority) {
            case .workCompletion: completeWork(ChatID(packed: event.payload))
            case .abandonment: abandon(ChatID(packed: event.payload))
            case .arrival: arrive(stream: Int(event.payload & 0xFFFF_FFFF), contact: Int32(truncatingIfNeeded: event.payload >> 32) - 1)
            case .accept: agentReacts(Int(event.aux), chat: event.payload)
            case .agentStatus: recoverFromRONA(Int(event.payload))
            case .engineDeadline:
                nextEngineWake = .never
                engine.fireDeadlines(at: now)
                handleEngineEvents()
            case .none: break
            }
            let deadline = engine.nextDeadline()
            if deadline < nextEngineWake {
                nextEngineWake = deadline
                calendar.schedule(at: deadline, priority: EventKind.engineDeadline.rawValue, payload: 0)
            }
            if now >= model.windowEnd && measuredOpen == 0 { break }
        }
        return finish()
    }

    // MARK: - Customers

    /// A customer of stream `s` writes: a first contact (`contact` -1) or a re-contact.
    mutating func arrive(stream s: Int, contact returning: Int32) {
        simulatedChats += 1
        let spec = model.streams[s]
        let measured = now >= model.windowStart && now < model.windowEnd
        let patience = spec.patience.map { SimDuration(seconds: $0.sample(patienceStreams[s])).microseconds } ?? .max
        let work = (spec.handleTime.sample(workStreams[s]) * 1e6).rounded()
        var language: LanguageID?
        if let stream = languageStreams[s] { language = pick(spec.languages, shares: spec.languageShares, stream) }
        var returnAfter: Int64 = -1
        if let stream = returnStreams[s], stream.uniform() < spec.returnProbability {
            returnAfter = SimDuration(seconds: spec.returnAfter.sample(stream)).microseconds
        }
        var contact = returning
        if contact < 0 && returnAfter >= 0 { contact = newContact() }
        let chat: ChatID
        do {
            chat = try engine.arrive(channel: spec.channel, queue: QueueID(spec.queue), language: language,
                                     contact: contact >= 0 ? ContactID(Int(contact)) : nil, at: now)
        } catch {
            preconditionFailure("engine refused an arrival: \(error)")
        }
        if returning < 0 { scheduleNextArrival(of: s, after: now) }
        if measured { tallies[s].arrivals += 1 }
        if case .offlineForm = engine.event(at: 0) {
            if measured { tallies[s].offlineForms += 1 }
            engine.removeAllEvents()
            if contact >= 0 { releaseContact(contact) }
            return
        }
        let c = Int(chat.slot)
        if c >= chatStream.count { growChatStorage(to: c + 1) }
        chatContact[c] = contact
        chatReturnAfter[c] = returnAfter
        chatStream[c] = Int32(s)
        chatArrival[c] = now.microseconds
        chatMeasured[c] = measured
        chatPhase[c] = .waiting
        chatTimer[c] = .none
        chatAgent[c] = -1
        chatPatience[c] = patience
        chatRemainingWork[c] = work
        if measured {
            measuredOpen += 1
            tallies[s].offered += 1
            switch engine.event(at: 0) {
            case .queued, .stickyWaiting: tallies[s].foundNoAgent += 1
            default: break
            }
        }
        handleEngineEvents()
        if chatPhase[c] == .waiting && patience != .max {
            chatTimer[c] = calendar.scheduleCancellable(at: now + SimDuration(microseconds: patience),
                                                        priority: EventKind.abandonment.rawValue, payload: chat.packed)
        }
    }

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
        chatTimer[c] = .none
        do { try engine.customerLeft(chat, at: now) } catch {
            preconditionFailure("engine refused an abandonment: \(error)")
        }
        chatPhase[c] = .done
        if chatContact[c] >= 0 { releaseContact(chatContact[c]) }
        if chatMeasured[c] {
            let s = Int(chatStream[c])
            tallies[s].abandoned += 1
            tallies[s].waitAllMicros += now.microseconds - chatArrival[c]
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
            case .offered(let chat, let agent): reactToOffer(chat, agent: Int(agent.index))
            case .accepted(let chat, let agent): startConversation(chat, agent: Int(agent.index))
            case .rona(let chat, let agent): noteRONA(chat, agent: Int(agent.index))
            case .stickyRouted(let chat, _): count(chat) { $0.stickyRouted += 1 }
            case .unansweredAlert(let chat, _) where chat != lastAlertedChat:
                lastAlertedChat = chat
                count(chat) { $0.alerts += 1 }
            case .queued(_, let queue) where model.pullQueues[Int(queue.index)]:
                for a in pullMembers[Int(queue.index)] { schedulePull(a) }
            default:
                break
            }
        }
        engine.removeAllEvents()
    }

    /// Adds to the tally of a measured chat's stream.
    mutating func count(_ chat: ChatID, _ update: (inout ChatTally) -> Void) {
        let c = Int(chat.slot)
        guard c < chatMeasured.count, chatMeasured[c] else { return }
        update(&tallies[Int(chatStream[c])])
    }

    // MARK: - Helpers

    mutating func scheduleNextArrival(of s: Int, after time: SimTime) {
        let rate = model.streams[s].ratePerSecond
        guard rate > 0 else { return }
        let gap = SimDuration(seconds: arrivalStreams[s].exponential(mean: 1 / rate))
        let next = time + gap
        guard next <= model.drainEnd else { return }
        calendar.schedule(at: next, priority: EventKind.arrival.rawValue, payload: UInt64(s))
    }

    mutating func growChatStorage(to count: Int) {
        let extra = max(count - chatStream.count, chatStream.count)
        chatStream.append(contentsOf: repeatElement(0, count: extra))
        chatArrival.append(contentsOf: repeatElement(0, count: extra))
        chatPatience.append(contentsOf: repeatElement(0, count: extra))
        chatMeasured.append(contentsOf: repeatElement(false, count: extra))
        chatPhase.append(contentsOf: repeatElement(.done, count: extra))
        chatTimer.append(contentsOf: repeatElement(.none, count: extra))
        chatAgent.append(contentsOf: repeatElement(-1, count: extra))
        chatAccepted.append(contentsOf: repeatElement(0, count: extra))
        chatRemainingWork.append(contentsOf: repeatElement(0, count: extra))
        chatProgressAt.append(contentsOf: repeatElement(0, count: extra))
        chatContact.append(contentsOf: repeatElement(-1, count: extra))
        chatReturnAfter.append(contentsOf: repeatElement(-1, count: extra))
    }

    // MARK: - Contacts

    /// A contact id for a customer who will write again.
    mutating func newContact() -> Int32 {
        if let free = freeContacts.popLast() { return free }
        contactCount += 1
        return contactCount - 1
    }

    /// The customer will not write again: the engine forgets the contact and its id is reused.
    mutating func releaseContact(_ contact: Int32) {
        engine.forgetContact(ContactID(Int(contact)))
        freeContacts.append(contact)
    }

    /// After a finished chat, schedules the customer's next chat, or lets its contact go.
    mutating func scheduleReturn(of c: Int) {
        let contact = chatContact[c]
        guard contact >= 0 else { return }
        guard chatReturnAfter[c] >= 0 else { return releaseContact(contact) }
        let at = now + SimDuration(microseconds: chatReturnAfter[c])
        guard at <= model.drainEnd else { return releaseContact(contact) }
        calendar.schedule(at: at, priority: EventKind.arrival.rawValue,
                          payload: UInt64(UInt32(chatStream[c])) | UInt64(UInt32(contact + 1)) << 32)
    }

    /// Closes the books: chats still waiting are unresolved; conversations still open count their busy time.
    mutating func finish() -> ReplicationResult {
        let end = min(now, model.drainEnd).microseconds
        for c in chatPhase.indices {
            let s = Int(chatStream[c])
            switch chatPhase[c] {
            case .waiting where chatMeasured[c]:
                tallies[s].unresolved += 1
                tallies[s].waitAllMicros += end - chatArrival[c]
            case .inConversation:
                tallies[s].busySlotMicros += windowOverlap(from: chatAccepted[c], to: end)
            default:
                break
            }
        }
        let window = model.windowEnd.microseconds - model.windowStart.microseconds
        return ReplicationResult(index: index, tallies: tallies,
                                 staffedSlotMicros: model.agents.map { Int64($0.capacity) * window },
                                 events: events, simulatedChats: simulatedChats)
    }
}
