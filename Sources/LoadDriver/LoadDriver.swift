// SPDX-License-Identifier: GPL-3.0-or-later

import Allocation
import AsyncHTTPClient
import ContactCenter
import Foundation
import HummingbirdWSClient
import Logging
import ParleyTime
import RoutingCore
import Scenarios

/// `parley drive`: plays a scenario's customers and agents against a running service in wall-clock time (SPEC §8).
///
/// The workload is open: each customer writes at its scheduled time (simulated seconds ÷ speed
/// after the start) whether or not the service keeps up; late starts are counted. Every agent
/// is a WebSocket client (``SyntheticAgent``) that logs on and off with its shifts and takes its
/// breaks. A stream's chatbot is played on the customer's side, before the service sees the chat:
/// the customer talks to it for the drawn time, then leaves, is resolved, or is handed over (the chat
/// is created then, with the transcript's saving taken off its work). A customer who writes again
/// (`return`) does so its drawn time after its chat is handled, as the same contact, so the service's
/// sticky routing sees it; its draws are made when it writes. The service's own timers (offer timeout,
/// alerts) run in real time: at a high speed an agent's scaled accept delay rarely reaches them.
public struct LoadDriver: Sendable {
    public struct Options: Sendable {
        /// The service's base URL, `http://127.0.0.1:8080`.
        public var target: String
        /// Simulated seconds per wall second.
        public var speed: Double
        /// Simulated time to play; nil: the scenario's warm-up and duration.
        public var duration: SimDuration?
        /// Each agent's bearer token, by name.
        public var tokens: [String: String]
        /// The replication whose draws are played.
        public var replication: Int
        /// Wall time to wait after the last customer for open chats to close.
        public var drainLimit: Duration
        /// Replications of the simulator's prediction beside the observed figures; 0: no prediction.
        public var predictionReplications: Int
        /// Threads the prediction's replications run on.
        public var predictionJobs: Int

        public init(target: String, speed: Double = 1, duration: SimDuration? = nil, tokens: [String: String],
                    replication: Int = 0, drainLimit: Duration = .seconds(10), predictionReplications: Int = 0,
                    predictionJobs: Int = 1) {
            self.predictionReplications = predictionReplications
            self.predictionJobs = predictionJobs
            self.target = target.hasSuffix("/") ? String(target.dropLast()) : target
            self.speed = speed
            self.duration = duration
            self.tokens = tokens
            self.replication = replication
            self.drainLimit = drainLimit
        }
    }

    public let model: CompiledScenario
    public let options: Options
    /// Every this often during the drive, what the driver holds (``DriveRecorder/held()`` and the
    /// agents' pending actions, offers and chats) is counted, and the largest counts kept in the
    /// result's `peakHeld` (nil: not counted).
    var censusInterval: Duration?

    public init(model: CompiledScenario, options: Options) {
        self.model = model
        self.options = options
    }

    /// Runs the drive to its end and returns what it observed.
    public func run() async throws(DriveError) -> DriveResult {
        Allocator.settle
        var configuration = HTTPClient.Configuration()
        configuration.connectionPool.concurrentHTTP1ConnectionsPerHostSoftLimit = 64
        // No request spans: with the default (no-op) tracer every request still cast it from `Any`,
        // opened a span and set a task-local value (callgrind: the casts and generic metadata look-ups
        // among the driver's costliest runtime calls).
        configuration.tracing.tracer = nil
        let http = HTTPClient(eventLoopGroupProvider: .singleton, configuration: configuration)
        let outcome: Result<DriveResult, DriveError>
        do { outcome = .success(try await drive(with: http)) } catch { outcome = .failure(error) }
        try? await http.shutdown()
        return try outcome.get()
    }

    private func drive(with http: HTTPClient) async throws(DriveError) -> DriveResult {
        let workload = LiveWorkload(model)
        let played = options.duration ?? (model.scenario.warmup + model.scenario.duration)
        let horizon = SimTime.zero + played
        let arrivals = workload.firstContacts(replication: options.replication, until: horizon)
        let draws = CustomerDraws(workload: workload, replication: options.replication)
        let windowStart = SimTime.zero + Prediction.window(of: model.scenario, played: played).warmup
        for agent in workload.agents where options.tokens[agent.name] == nil { throw .missingToken(agent.name) }
        let recorder = DriveRecorder(singleAgentQueues: workload.singleAgentQueues, speed: options.speed)
        let client = DriveClient(http: http, base: options.target, recorder: recorder)
        let health = await client.send(.GET, "/healthz", route: "/healthz")
        guard health.status == 200 else { throw .unreachable(options.target) }
        let serverClock = await ServerClock.read(http, base: options.target)
        let synthetic = syntheticAgents(workload.agents, client: client, serverClock: serverClock)
        let began = ContinuousClock.now
        let startedAt = Date().formatted(.iso8601)
        let sockets = Task {
            await withTaskGroup(of: Void.self) { group in
                for agent in synthetic { group.addTask { await self.listen(agent, base: options.target) } }
            }
        }
        for agent in synthetic { await agent.start() }
        let start = ContinuousClock.now
        await recorder.begin(at: start)
        for agent in synthetic { await agent.playDuty(from: start, until: horizon) }
        let census = censusInterval.map { Self.census(every: $0, recorder: recorder, agents: synthetic) }
        let play = Customers(draws: draws, start: start, client: client, windowStart: windowStart,
                             thresholds: workload.serviceLevelThresholds)
        let (returns, tickets) = AsyncStream.makeStream(of: DriveRecorder.ReturnTicket.self)
        await recorder.expectReturns(tickets, horizonSeconds: horizon.seconds)
        let returning = Task {
            await withDiscardingTaskGroup { group in
                for await ticket in returns { group.addTask { await self.recontact(ticket, play) } }
            }
        }
        let trimming = Self.trimEvery10Seconds()
        await playCustomers(arrivals, play)
        let drainEnd = ContinuousClock.now + options.drainLimit
        while await recorder.isBusy, ContinuousClock.now < drainEnd {
            try? await Task.sleep(for: .milliseconds(20))
        }
        trimming.cancel()
        tickets.finish()
        returning.cancel()
        await returning.value
        await recorder.cancelPatience()
        census?.cancel()
        let peakHeld = await census?.value
        await Self.stop(synthetic, readers: sockets)
        let wall = ContinuousClock.now - began
        var result = await recorder.finish(wallSeconds: Double(DriveRecorder.microseconds(wall)) / 1e6,
                                           simulatedSeconds: horizon.seconds, speed: options.speed)
        result.startedAt = startedAt
        result.peakHeld = peakHeld
        if let serverClock {
            let lag = recorder.deliveryLag.value
            if lag.totalCount > 0 { result.latencies[DriveResult.deliveryLag] = lag }
            result.clockUncertaintyMicros = serverClock.uncertaintyMicros
        }
        result.endedAt = Date().formatted(.iso8601)
        if options.predictionReplications > 0 { result.prediction = try await predict(played: played, observed: result) }
        return result
    }

    /// The scenario's agents as WebSocket clients of the service, each with its token and its queues' first wrap-up reason.
    private func syntheticAgents(_ agents: [LiveWorkload.Agent], client: DriveClient, serverClock: ServerClock?) -> [SyntheticAgent] {
        var reasons: [String: String] = [:]
        for queue in model.scenario.queues {
            if let first = queue.services.conversation.wrapUpReasons.first { reasons[queue.id] = first }
        }
        return agents.map {
            SyntheticAgent(plan: $0, token: options.tokens[$0.name]!, client: client, speed: options.speed,
                           wrapUpReasons: reasons, seed: model.scenario.seed, replication: options.replication,
                           serverClock: serverClock)
        }
    }

    /// Counts what the recorder and the agents hold every `interval` until cancelled; returns the largest counts.
    private static func census(every interval: Duration, recorder: DriveRecorder,
                               agents: [SyntheticAgent]) -> Task<[String: Int], Never> {
        Task {
            var peak: [String: Int] = [:]
            while !Task.isCancelled {
                var now = await recorder.held()
                for agent in agents {
                    let held = await agent.held
                    now["agent_pending", default: 0] += held.pending
                    now["agent_offers", default: 0] += held.offers
                    now["agent_owned", default: 0] += held.owned
                }
                peak.merge(now, uniquingKeysWith: max)
                try? await Task.sleep(for: interval)
            }
            return peak
        }
    }

    /// Every 10 s the allocator gives back the pages freed since, so that the driver's resident
    /// size follows what it holds in flight, not the largest backlog so far (``Allocator``).
    private static func trimEvery10Seconds() -> Task<Void, Never> {
        Task {
            while !Task.isCancelled {
                try? await Task.sleep(for: .seconds(10))
                Allocator.returnFreePages()
            }
        }
    }

    /// Stops the agents and logs them out; each reader ends on the event its log-out sent, and one
    /// that missed it is cancelled after a grace period.
    private static func stop(_ agents: [SyntheticAgent], readers: Task<Void, Never>) async {
        for agent in agents { await agent.stop() }
        for agent in agents { await agent.logOut() }
        let grace = Task {
            try? await Task.sleep(for: .seconds(5))
            if !Task.isCancelled { readers.cancel() }
        }
        await readers.value
        grace.cancel()
    }

    /// The simulator's prediction for the drive, on a thread of its own: the simulator's replications
    /// would otherwise hold threads of Swift's cooperative pool, which an in-process server shares.
    private func predict(played: SimDuration, observed result: DriveResult) async throws(DriveError) -> Prediction {
        let (model, options, observed) = (model, options, result.observed.figures)
        let outcome = await withCheckedContinuation { (continuation: CheckedContinuation<Result<Prediction, DriveError>, Never>) in
            Thread.detachNewThread {
                do {
                    continuation.resume(returning: .success(try Prediction.simulate(
                        model, played: played, replications: options.predictionReplications, jobs: options.predictionJobs,
                        observed: observed)))
                } catch { continuation.resume(returning: .failure(.prediction("\(error)"))) }
            }
        }
        return try outcome.get()
    }

    /// What every customer's task shares: the draws, the drive's clock and where its chats are measured.
    struct Customers: Sendable {
        let draws: CustomerDraws
        let start: ContinuousClock.Instant
        let client: DriveClient
        let windowStart: SimTime
        let thresholds: [String: SimDuration]
    }

    /// The wall instant of simulated time `time`.
    private func instant(_ time: SimTime, from start: ContinuousClock.Instant) -> ContinuousClock.Instant {
        start + wall(SimDuration(microseconds: time.microseconds))
    }

    /// A simulated duration in wall time.
    private func wall(_ duration: SimDuration) -> Duration {
        .microseconds(Int64((Double(duration.microseconds) / options.speed).rounded()))
    }

    /// Starts every first contact at its intended time, with its draws made then (in time order, as
    /// the simulator makes them); each one's chat runs in a task of its own.
    private func playCustomers(_ arrivals: [LiveWorkload.FirstContact], _ play: Customers) async {
        // A discarding group: a finished customer's task is released at once, not kept until the
        // group ends (with `withTaskGroup` every finished child stays until awaited: the driver's
        // memory grew by ~16 KB per chat over a long drive).
        await withDiscardingTaskGroup { group in
            for first in arrivals {
                let intended = instant(first.time, from: play.start)
                try? await Task.sleep(until: intended, clock: .continuous)
                if ContinuousClock.now - intended > .milliseconds(1) { await play.client.recorder.countLateStart() }
                let arrival = await play.draws.arrival(first)
                group.addTask { await self.customer(arrival, intended: intended, play) }
            }
        }
    }

    /// A customer whose chat was handled writes again when its `returnAfter` has passed, as the same contact.
    private func recontact(_ ticket: DriveRecorder.ReturnTicket, _ play: Customers) async {
        let intended = ticket.handled + wall(ticket.after)
        try? await Task.sleep(until: intended, clock: .continuous)
        defer { Task { await play.client.recorder.returnWritten() } }
        guard !Task.isCancelled else { return }
        let time = SimTime.zero + SimDuration(microseconds: DriveRecorder.microseconds(intended - play.start))
        let arrival = await play.draws.returning(ticket.contact, stream: ticket.stream, at: time)
        await play.client.recorder.countReturn()
        await customer(arrival, intended: intended, play)
    }

    /// One customer: talks to the stream's chatbot first if it has one, writes, and leaves when its
    /// patience runs out before an agent accepts (a timer the recorder holds with the chat and
    /// cancels when an agent accepts it, so that the customer's task ends once it has written).
    private func customer(_ arrival: LiveWorkload.Arrival, intended: ContinuousClock.Instant, _ play: Customers) async {
        let client = play.client
        // Measured by when the customer wrote, as the simulator measures a chat the bot hands over.
        let measured = !(arrival.time < play.windowStart)
        var intended = intended
        var work = arrival.work
        if let bot = arrival.bot {
            let ends = intended + wall(bot.delay)
            try? await Task.sleep(until: ends, clock: .continuous)
            guard !Task.isCancelled else { return }
            switch bot.outcome {
            case .leaves, .resolves:
                if measured { await client.recorder.countBot(resolved: bot.outcome == .resolves) }
                return
            case .handsOver:
                let saves = await play.draws.transcriptSaves(stream: arrival.stream)
                work = SimDuration(microseconds: max(0, work.microseconds - saves.microseconds))
                intended = ends
            }
        }
        var body = #"{"queue":"\#(arrival.queue)","channel":"\#(arrival.channel.scenarioName)""#
        if let language = arrival.language { body += #","language":"\#(language)""# }
        if let contact = arrival.contact { body += #","contact":"customer-\#(contact)""# }
        let created = await client.send(.POST, "/v1/chats", route: "/v1/chats", body: body + "}", intended: intended)
        guard created.status == 201, let reply = CreatedChat(created.body) else { return }
        let id = reply.id
        let offline = reply.offline
        await client.recorder.chatStarted(id, intended: intended, work: work, queue: arrival.queue,
                                          language: arrival.language, channel: arrival.channel.scenarioName,
                                          measured: measured && !offline, threshold: play.thresholds[arrival.queue] ?? .zero)
        if offline {
            await client.recorder.chatFinished(id, abandoned: false)
            return
        }
        if let contact = arrival.contact {
            if arrival.isReturning { await client.recorder.markReturning(id) }
            if arrival.returnAfter != .forever {
                await client.recorder.expectReturn(of: id, .init(stream: arrival.stream, contact: contact, after: arrival.returnAfter))
            }
        }
        await client.recorder.finishIfEarly(id)
        guard arrival.patience != .forever else { return }
        let leave = intended + wall(arrival.patience)
        let token = reply.token
        let recorder = client.recorder
        recorder.patienceTimersAlive.add(1, ordering: .relaxed)
        await recorder.watchPatience(id, Task {
            defer { recorder.patienceTimersAlive.subtract(1, ordering: .relaxed) }
            try? await Task.sleep(until: leave, clock: .continuous)
            guard !Task.isCancelled, await client.recorder.patienceRanOut(id) else { return }
            let ended = await client.send(.POST, "/v1/chats/\(id)/end", route: "/v1/chats/{id}/end", token: token, intended: leave)
            if ended.status == 204, await client.recorder.isWaiting(id) { await client.recorder.chatFinished(id, abandoned: true) }
        })
    }

    /// Reads an agent's event stream until the drive ends.
    func listen(_ agent: SyntheticAgent, base: String) async {
        var settings = WebSocketClientConfiguration()
        settings.additionalHeaders[.authorization] = "Bearer \(agent.token)"
        let configuration = settings
        var logger = Logger(label: "parley.drive")
        logger.logLevel = .critical
        let url = base.replacingOccurrences(of: "http://", with: "ws://") + "/v1/agents/\(agent.plan.name)/events"
        _ = try? await WebSocketClient.connect(url: url, configuration: configuration, logger: logger) { inbound, _, _ in
            await agent.streamOpened()
            for try await message in inbound.messages(maxSize: 1 << 20) {
                let received = ContinuousClock.now
                guard case .text(let text) = message else { continue }
                if await agent.isStopped { return }
                await agent.handle(text, receivedAt: received)
            }
        }
    }
}
