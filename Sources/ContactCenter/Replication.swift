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
/// Every random quantity of a chat (patience, work content) is drawn at its arrival from its
/// stream's own sub-streams, so two strategies run on one seed see the same customers. The run
/// measures chats arriving in the window, then continues with arrivals until each measured chat
/// is resolved or the drain limit passes (SPEC §3).
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

    // Agents, by engine agent index: the chats each holds in conversation.
    let maxCapacity: Int
    var agentChats: [UInt64]
    var agentChatCount: [Int]

    var tallies: [ChatTally]
    var measuredOpen = 0
    var events = 0
    var simulatedChats = 0

    enum ChatPhase: UInt8 { case waiting, inConversation, done }

    init(model: CompiledScenario, index: Int, stop: StopFlag = StopFlag()) {
        self.model = model
        self.index = index
        self.stop = stop
        do { engine = try RoutingEngine(configuration: model.engineConfiguration) } catch {
            preconditionFailure("a compiled scenario's engine configuration was refused: \(error)")
        }
        let seed = model.scenario.seed
        arrivalStreams = model.streams.map { RandomStream(seed: seed, replication: index, name: "customers/\($0.name)/arrivals") }
        patienceStreams = model.streams.map { RandomStream(seed: seed, replication: index, name: "customers/\($0.name)/patience") }
        workStreams = model.streams.map { RandomStream(seed: seed, replication: index, name: "customers/\($0.name)/work") }
        maxCapacity = model.agents.map(\.capacity).max() ?? 1
        agentChats = Array(repeating: 0, count: model.agents.count * maxCapacity)
        agentChatCount = Array(repeating: 0, count: model.agents.count)
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
            case .arrival: arrive(stream: Int(event.payload))
            case .engineDeadline:
                nextEngineWake = .never
                engine.fireDeadlines(at: now)
                handleEngineEvents()
            case .agentStatus, .accept, .none: break
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

    // MARK: - Events

    mutating func arrive(stream s: Int) {
        simulatedChats += 1
        let spec = model.streams[s]
        let chat: ChatID
        do { chat = try engine.arrive(channel: spec.channel, queue: QueueID(spec.queue), at: now) } catch {
            preconditionFailure("engine refused an arrival: \(error)")
        }
        let c = Int(chat.slot)
        if c >= chatStream.count { growChatStorage(to: c + 1) }
        let measured = now >= model.windowStart && now < model.windowEnd
        chatStream[c] = Int32(s)
        chatArrival[c] = now.microseconds
        chatMeasured[c] = measured
        chatPhase[c] = .waiting
        chatTimer[c] = .none
        chatAgent[c] = -1
        chatPatience[c] = spec.patience.map { SimDuration(seconds: $0.sample(patienceStreams[s])).microseconds } ?? .max
        chatRemainingWork[c] = (spec.handleTime.sample(workStreams[s]) * 1e6).rounded()
        if measured {
            measuredOpen += 1
            tallies[s].arrivals += 1
            tallies[s].offered += 1
            if case .queued = engine.event(at: 0) { tallies[s].foundNoAgent += 1 }
        }
        handleEngineEvents()
        if chatPhase[c] == .waiting && chatPatience[c] != .max && chatTimer[c] == .none {
            chatTimer[c] = calendar.scheduleCancellable(at: now + SimDuration(microseconds: chatPatience[c]),
                                                        priority: EventKind.abandonment.rawValue, payload: chat.packed)
        }
        scheduleNextArrival(of: s, after: now)
    }

    mutating func abandon(_ chat: ChatID) {
        let c = Int(chat.slot)
        chatTimer[c] = .none
        do { try engine.customerLeft(chat, at: now) } catch {
            preconditionFailure("engine refused an abandonment: \(error)")
        }
        chatPhase[c] = .done
        if chatMeasured[c] {
            let s = Int(chatStream[c])
            tallies[s].abandoned += 1
            tallies[s].waitAllMicros += now.microseconds - chatArrival[c]
            measuredOpen -= 1
        }
        handleEngineEvents()
    }

    mutating func completeWork(_ chat: ChatID) {
        let c = Int(chat.slot)
        let a = Int(chatAgent[c])
        chatTimer[c] = .none
        chatPhase[c] = .done
        removeFromAgent(chat: chat, agent: a)
        let s = Int(chatStream[c])
        tallies[s].busySlotMicros += windowOverlap(from: chatAccepted[c], to: now.microseconds)
        if chatMeasured[c] {
            tallies[s].completed += 1
            tallies[s].handleMicros += now.microseconds - chatAccepted[c]
            measuredOpen -= 1
        }
        do { try engine.markHandled(chat, by: AgentID(a), at: now) } catch {
            preconditionFailure("engine refused mark handled: \(error)")
        }
        handleEngineEvents()
    }

    /// Reacts to what the engine decided; offers are accepted at once (no accept delay yet).
    mutating func handleEngineEvents() {
        var i = 0
        while i < engine.eventCount {
            let event = engine.event(at: i)
            i += 1
            switch event {
            case .offered(let chat, let agent):
                do { try engine.accept(chat, by: agent, at: now) } catch {
                    preconditionFailure("engine refused an accept: \(error)")
                }
            case .accepted(let chat, let agent):
                startConversation(chat, agent: Int(agent.index))
            default:
                break
            }
        }
        engine.removeAllEvents()
    }

    mutating func startConversation(_ chat: ChatID, agent a: Int) {
        let c = Int(chat.slot)
        if chatTimer[c] != .none {
            calendar.cancel(chatTimer[c])
            chatTimer[c] = .none
        }
        chatPhase[c] = .inConversation
        chatAgent[c] = Int32(a)
        chatAccepted[c] = now.microseconds
        chatProgressAt[c] = now.microseconds
        if chatMeasured[c] {
            let s = Int(chatStream[c])
            let wait = now.microseconds - chatArrival[c]
            tallies[s].answered += 1
            tallies[s].waitAnsweredMicros += wait
            tallies[s].waitAllMicros += wait
            tallies[s].waits.record(wait)
            if wait <= model.queueThresholds[model.streams[s].queue] { tallies[s].answeredWithinThreshold += 1 }
        }
        let k = agentChatCount[a]
        agentChats[a * maxCapacity + k] = chat.packed
        agentChatCount[a] = k + 1
        rescheduleWork(of: a, previousCount: k)
    }

    // MARK: - Work and slowdown

    /// Removes a finished chat from its agent and rescales the others' progress.
    mutating func removeFromAgent(chat: ChatID, agent a: Int) {
        let base = a * maxCapacity
        let k = agentChatCount[a]
        for i in 0..<k where agentChats[base + i] == chat.packed {
            agentChats[base + i] = agentChats[base + k - 1]
            break
        }
        agentChatCount[a] = k - 1
        rescheduleWork(of: a, previousCount: k)
    }

    /// After agent `a`'s number of chats in conversation changed from `previousCount`, brings every
    /// chat's remaining work up to date at the old rate and reschedules its completion at the new one.
    ///
    /// A chat of an agent with speed v holding k chats progresses at v / slowdown[k − 1] (SPEC §3).
    mutating func rescheduleWork(of a: Int, previousCount: Int) {
        let agent = model.agents[a]
        let k = agentChatCount[a]
        guard k > 0 else { return }
        let newRate = agent.speed / agent.slowdown[k - 1]
        let oldRate = previousCount > 0 ? agent.speed / agent.slowdown[previousCount - 1] : newRate
        let base = a * maxCapacity
        for i in 0..<k {
            let chat = ChatID(packed: agentChats[base + i])
            let c = Int(chat.slot)
            let started = chatTimer[c] == .none
            if !started && newRate == oldRate { continue }
            if !started {
                chatRemainingWork[c] -= Double(now.microseconds - chatProgressAt[c]) * oldRate
                calendar.cancel(chatTimer[c])
            }
            chatProgressAt[c] = now.microseconds
            let left = max(chatRemainingWork[c], 0) / newRate
            chatTimer[c] = calendar.scheduleCancellable(at: now + SimDuration(microseconds: Int64(left.rounded())),
                                                        priority: EventKind.workCompletion.rawValue,
                                                        payload: chat.packed)
        }
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

    /// The part of [from, to) inside the measured window, in microseconds.
    func windowOverlap(from: Int64, to: Int64) -> Int64 {
        max(0, min(to, model.windowEnd.microseconds) - max(from, model.windowStart.microseconds))
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
