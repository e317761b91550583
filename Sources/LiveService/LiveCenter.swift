// SPDX-License-Identifier: GPL-3.0-or-later

import ContactCenter
import Foundation
import ConversationServices
import ParleyTime
import RoutingCore
import Scenarios

/// The routing engine and its conversation services as a running service: the one serial executor that owns them.
///
/// Every command runs on this actor, so the engine — a value type with no locks — is only ever
/// touched by one caller at a time (SPEC §8). Engine time is the monotonic clock in microseconds
/// since the center started; before each command the center fires the engine's due deadlines,
/// and a timer task sleeps until ``RoutingEngine/nextDeadline()`` to fire them when nobody calls.
/// What the engine decides goes out as JSON events to the agents' and chats' event streams.
///
/// Message text passes the queue's PCI filter before anything else sees it; it is sent on to the
/// chat's participants and otherwise neither logged nor stored.
public actor LiveCenter {
    /// The monotonic instant engine time counts from.
    nonisolated let origin: ContinuousClock.Instant
    /// When the center started, ISO 8601 in UTC, for the session's record.
    nonisolated let startedAt: String
    var engine: RoutingEngine
    /// Names in the engine's order.
    nonisolated public let queueNames: [String]
    nonisolated public let agentNames: [String]
    nonisolated let strategies: [String]
    nonisolated let languages: [String]
    /// Per queue: the PCI check of messages and the wrap-up policy.
    nonisolated let pciFilters: [PCIFilter]
    nonisolated let policies: [ConversationPolicy]
    /// Per queue: its automatic messages (nil: none configured).
    nonisolated let autoReplies: [AutoReplySet?]
    /// Each agent's bearer token.
    nonisolated public let tokens: AgentTokens
    nonisolated public let metrics: LiveMetrics
    /// How many events a stream may hold for a client that does not read before it is dropped.
    nonisolated let eventBufferLimit: Int

    /// Open chats by conversation number (the `c<number>` of the API).
    var chats: [UInt64: LiveChat] = [:]
    /// The conversation number of the chat in each engine slot, for the events.
    var numberBySlot: [UInt64] = []
    var nextNumber: UInt64 = 1
    /// Contact ids given by clients, mapped to the engine's dense ids.
    var contacts: [String: ContactID] = [:]
    /// Event streams of each agent.
    var agentStreams: [[EventStream]]
    var nextStreamID = 0
    var timerTask: Task<Void, Never>?
    var timerDeadline = SimTime.never
    var isShutDown = false
    /// The engine time of the events being sent (the `at` of each event).
    var eventTime = SimTime.zero
    /// Chats by outcome since start (also in ``metrics``), for the session summary.
    public internal(set) var outcomeCounts: [String: Int] = [:]

    /// A center for the scenario's queues, agents and conversation services (its customers are ignored).
    ///
    /// Every agent starts `offline` and logs in by setting its status.
    public init(scenario: Scenario, tokens: AgentTokens? = nil, eventBufferLimit: Int = 1024) throws(LiveSetupError) {
        let compiled: CompiledScenario
        do { compiled = try CompiledScenario(scenario) } catch { throw .engine("\(error)") }
        var configuration = compiled.engineConfiguration
        for a in configuration.agents.indices { configuration.agents[a].initialStatus = .offline }
        configuration.randomSeed = scenario.seed
        do { engine = try RoutingEngine(configuration: configuration) } catch { throw .engine("\(error)") }
        queueNames = scenario.queues.map(\.id)
        agentNames = configuration.agents.map(\.name)
        strategies = scenario.queues.map(\.strategy.rawValue)
        languages = configuration.languages
        pciFilters = scenario.queues.map { PCIFilter(policy: $0.services.pci) }
        policies = scenario.queues.map(\.services.conversation)
        autoReplies = scenario.queues.map(\.services.autoReplies)
        if let tokens {
            guard tokens.tokens.count == configuration.agents.count else {
                throw .tokens("\(tokens.tokens.count) tokens for \(configuration.agents.count) agents")
            }
            self.tokens = tokens
        } else {
            self.tokens = AgentTokens.issue(count: configuration.agents.count)
        }
        metrics = LiveMetrics(queues: scenario.queues.map(\.id))
        self.eventBufferLimit = eventBufferLimit
        agentStreams = Array(repeating: [], count: configuration.agents.count)
        origin = ContinuousClock.now
        startedAt = Date().formatted(.iso8601)
    }

    /// Engine time now: microseconds on the monotonic clock since the center started.
    nonisolated func now() -> SimTime {
        let elapsed = ContinuousClock.now - origin
        let (seconds, attoseconds) = elapsed.components
        return SimTime(microseconds: seconds * 1_000_000 + attoseconds / 1_000_000_000_000)
    }

    /// The agent whose bearer token this is.
    nonisolated public func agent(holding token: String) -> Int? { tokens.agent(holding: token) }

    /// The agent named `name`, by member index.
    nonisolated func agentIndex(named name: String) -> Int? { agentNames.firstIndex(of: name) }

    // MARK: Running engine commands

    /// Runs one engine command at the current time: fires what is due first, times the decision,
    /// sends the events out and re-arms the timer. A refusal changes nothing and sends nothing.
    func command<T>(_ body: (inout RoutingEngine, SimTime) throws(EngineError) -> T) throws(LiveError) -> T {
        guard !isShutDown else { throw LiveError(.serviceUnavailable, "shuttingDown", "the service is stopping") }
        let time = now()
        fireDue(at: time)
        let started = ContinuousClock.now
        let result: T
        do { result = try body(&engine, time) } catch {
            engine.removeAllEvents()
            throw LiveError(error)
        }
        metrics.decisionSeconds.record(ContinuousClock.now - started)
        dispatchEvents(at: time)
        armTimer()
        return result
    }

    /// Fires the engine's deadlines due at `time` and sends what they decided.
    func fireDue(at time: SimTime) {
        guard engine.nextDeadline() <= time else { return }
        engine.fireDeadlines(at: time)
        dispatchEvents(at: time)
    }

    /// Makes the timer task sleep until the engine's next deadline (cancelling one set for another time).
    func armTimer() {
        let next = engine.nextDeadline()
        guard next != timerDeadline else { return }
        timerTask?.cancel()
        timerDeadline = next
        guard next != .never, !isShutDown else {
            timerTask = nil
            return
        }
        let wake = origin + .microseconds(next.microseconds)
        timerTask = Task { [weak self] in
            do { try await Task.sleep(until: wake, clock: .continuous) } catch { return }
            await self?.timerFired(deadline: next)
        }
    }

    /// The timer woke: fire what is due and sleep until the next deadline.
    func timerFired(deadline: SimTime) {
        guard deadline == timerDeadline, !isShutDown else { return }
        timerDeadline = .never
        timerTask = nil
        fireDue(at: now())
        armTimer()
    }

    // MARK: Shutting down

    /// Stops the timer, refuses further commands and closes every event stream (their sockets close).
    public func shutDown() {
        isShutDown = true
        timerTask?.cancel()
        timerTask = nil
        for streams in agentStreams { for stream in streams { stream.continuation.finish() } }
        agentStreams = agentStreams.map { _ in [] }
        for number in chats.keys.sorted() {
            for stream in chats[number]!.streams { stream.continuation.finish() }
            chats[number]!.streams = []
        }
    }
}
