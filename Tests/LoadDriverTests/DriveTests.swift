// SPDX-License-Identifier: GPL-3.0-or-later

import AsyncHTTPClient
import ContactCenter
import LiveService
@testable import LoadDriver
import Logging
import ParleyTime
import Scenarios
import ServiceLifecycle
import Testing

/// A drive of a scenario at high speed against a real server on 127.0.0.1; one drive at a time,
/// since each holds a server and its clients in this process on a two-core machine.
@Suite(.serialized) struct DriveTests {
    static let yaml = """
        name: drive-test
        seed: 5
        duration: 30m
        queues:
          - id: sales
            strategy: longest_idle
            offer_timeout: 1s           # the service's timers run in real time: short enough for RONA within the drive
          - id: support
            strategy: ring_all
            wrap_up_reasons: [solved]
        agents:
          - group: desk
            count: 4
            capacity: 2
            accept_delay: {dist: exponential, mean: 4s}
            miss_probability: 0.1
            rona_recovery: {dist: constant, value: 30s}
            wrap_up: {dist: constant, value: 20s}
            queues: [sales, support]
        customers:
          - id: web
            channel: live_chat
            queue: sales
            arrivals: {rate_per_hour: 90}
            patience: {dist: exponential, mean: 20m}
            handle_time: {dist: exponential, mean: 3m}
          - id: app
            channel: whatsapp
            queue: support
            arrivals: {rate_per_hour: 30}
            handle_time: {dist: exponential, mean: 3m}
        """

    /// Serves the scenario on an ephemeral port, runs `body` with the port and the agents' tokens, and stops.
    static func withServer<T: Sendable>(yaml: String = yaml, inspect: @Sendable (LiveCenter) async -> Void = { _ in },
                                        _ body: @Sendable (Int, [String: String]) async throws -> T) async throws -> T {
        let scenario = try ScenarioLoader.load(yaml: yaml, file: "drive-test.yaml")
        let center = try LiveCenter(scenario: scenario)
        var logger = Logger(label: "drive-test")
        logger.logLevel = .critical
        let server = LiveServer(center: center, configuration: .init(host: "127.0.0.1", port: 0), logger: logger)
        let (ports, continuation) = AsyncStream<Int>.makeStream()
        let group = server.makeServiceGroup(signals: []) { continuation.yield($0) }
        let task = Task { try await group.run() }
        var port = 0
        for await p in ports {
            port = p
            break
        }
        let tokens = Dictionary(uniqueKeysWithValues: zip(center.agentNames, center.tokens.tokens))
        let result = try await body(port, tokens)
        await inspect(center)
        await group.triggerGracefulShutdown()
        try await task.value
        return result
    }

    @Test func aDriveAtHighSpeedPlaysEveryCustomerWithoutErrorsOrViolations() async throws {
        let model = try CompiledScenario(ScenarioLoader.load(yaml: Self.yaml, file: "drive-test.yaml"))
        let planned = LiveWorkload(model).arrivals(replication: 0, until: SimTime.zero + .minutes(30))
        let result = try await Self.withServer { port, tokens in
            try await LoadDriver(model: model, options: .init(target: "http://127.0.0.1:\(port)", speed: 600, tokens: tokens,
                                                              drainLimit: .seconds(60))).run()
        }
        #expect(planned.count > 40)
        #expect(result.chatsStarted == planned.count)
        // Chats end handled, or abandoned by a customer whose patience ran out first; on a loaded
        // machine a few may still be open when the drain limit ends the drive.
        #expect(result.chatsHandled + result.chatsAbandoned <= planned.count)
        #expect(result.chatsHandled + result.chatsAbandoned > planned.count / 2)
        #expect(result.chatsHandled <= result.chatsAccepted)
        #expect(result.chatsAccepted <= result.chatsOffered)
        #expect(result.violations == [])
        // FIFO within a priority held over the chats offered (SPEC §8's invariant; see DriveRecorderTests for a breach).
        #expect(result.fifoChecked == result.chatsOffered)
        // Every event an agent received was timed from its engine time to its receipt, the clocks
        // paired over loopback to within a few milliseconds.
        let lag = try #require(result.latencies["websocket_delivery_lag"])
        #expect(lag.totalCount > UInt64(result.chatsOffered + result.chatsAccepted))
        #expect(try #require(result.clockUncertaintyMicros) < 20_000)
        #expect(lag.valueAtPercentile(50) < 500_000)
        let statuses = result.errorsByStatus
        #expect(statuses.keys.allSatisfy { $0 != 0 && $0 != 400 && $0 != 401 && $0 != 403 }, "\(statuses)")
        #expect(result.latencies["create_to_offer"]?.totalCount == UInt64(result.chatsOffered))
        #expect(result.latencies["request POST /v1/chats"]?.totalCount == UInt64(planned.count))
        #expect(result.latencies["offer_to_accept"]?.totalCount == UInt64(result.chatsAccepted))
        #expect(result.breaches(of: [try Threshold("invariant_violations==0"), try Threshold("count(create_to_offer)>40")]).isEmpty)
        // A threshold no service can meet is breached.
        let impossible = try Threshold("p99(create_to_offer)<1us")
        #expect(result.breaches(of: [impossible]).map(\.0) == [impossible])
        let lastLine = result.text(thresholds: [impossible]).split(separator: "\n").last ?? ""
        #expect(lastLine.hasPrefix("threshold breached: p99(create_to_offer)<1us ("))
    }

    /// Agents with breaks every 10 minutes and one whose shift is 00:10–00:20 on the drive's Monday.
    static let dutyYAML = """
        name: drive-duty
        seed: 9
        start: 2026-11-23T00:00
        duration: 40m
        queues:
          - id: sales
            strategy: longest_idle
        agents:
          - group: desk
            count: 3
            capacity: 2
            accept_delay: {dist: constant, value: 2s}
            away: {every: 10m, for: 2m}
            queues: [sales]
          - group: late
            count: 1
            capacity: 2
            shifts: ["mon 00:10-00:20"]
            queues: [sales]
        customers:
          - id: web
            channel: live_chat
            queue: sales
            arrivals: {rate_per_hour: 60}
            handle_time: {dist: exponential, mean: 3m}
        """

    @Test func theDriverPlaysShiftsAndBreaksThroughTheService() async throws {
        let model = try CompiledScenario(ScenarioLoader.load(yaml: Self.dutyYAML, file: "drive-duty.yaml"))
        let speed = 300.0
        let result = try await Self.withServer(yaml: Self.dutyYAML) { port, tokens in
            try await LoadDriver(model: model, options: .init(target: "http://127.0.0.1:\(port)", speed: speed, tokens: tokens,
                                                              drainLimit: .seconds(2))).run()
        }
        // What the service reported on the agents' streams, at the simulated time it arrived; a
        // change is due at its time and arrives within a few wall milliseconds (× speed).
        let slack = 0.5 * speed
        let late = result.statusChanges["late-1"] ?? []
        #expect(late.map(\.status).prefix(2) == ["available", "offline"], "\(late)")
        if late.count >= 2 {
            #expect(late[0].simulatedSeconds >= 600 && late[0].simulatedSeconds < 600 + slack)
            #expect(late[1].simulatedSeconds >= 1200 && late[1].simulatedSeconds < 1200 + slack)
        }
        for name in ["desk-1", "desk-2", "desk-3"] {
            let changes = (result.statusChanges[name] ?? []).filter { $0.simulatedSeconds < 2400 }
            let breaks = changes.indices.filter { changes[$0].status == "away" }
            // The first break at a random phase within 10 minutes, then every 10 minutes: four in 40 minutes.
            #expect(breaks.count == 4, "\(name): \(changes)")
            for (first, second) in zip(breaks, breaks.dropFirst()) {
                let gap = changes[second].simulatedSeconds - changes[first].simulatedSeconds
                #expect(abs(gap - 600) < slack, "\(name): breaks \(gap) s apart")
            }
            for b in breaks where b + 1 < changes.count {
                #expect(changes[b + 1].status == "available", "\(name): \(changes)")
                let length = changes[b + 1].simulatedSeconds - changes[b].simulatedSeconds
                #expect(abs(length - 120) < slack, "\(name): a break of \(length) s")
            }
        }
        #expect(result.violations == [])
        #expect(result.errors == 0, "\(result.errorsByStatus)")
    }

    /// A stream with a chatbot in front of the queue, and one whose customers all write again 5
    /// minutes after their chat is handled (each stream draws from streams of its own).
    static let botYAML = """
        name: drive-bot
        seed: 3
        duration: 40m
        queues:
          - id: sales
            strategy: longest_idle
            sticky_wait: 30s
        agents:
          - group: desk
            count: 4
            capacity: 2
            accept_delay: {dist: constant, value: 2s}
            queues: [sales]
        customers:
          - id: web
            channel: live_chat
            queue: sales
            arrivals: {rate_per_hour: 120}
            patience: {dist: exponential, mean: 10m}
            handle_time: {dist: exponential, mean: 2m}
            bot: {deflection: 0.3, time: {dist: uniform, min: 20s, max: 60s}, patience: {dist: exponential, mean: 3m},
                  transcript_saves: {dist: constant, value: 30s}}
          - id: app
            channel: whatsapp
            queue: sales
            arrivals: {rate_per_hour: 30}
            handle_time: {dist: exponential, mean: 2m}
            return: {probability: 1, after: {dist: constant, value: 5m}}
        """

    @Test func theDriverPlaysTheChatbotAndReturningCustomers() async throws {
        let model = try CompiledScenario(ScenarioLoader.load(yaml: Self.botYAML, file: "drive-bot.yaml"))
        let planned = LiveWorkload(model).arrivals(replication: 0, until: SimTime.zero + .minutes(40))
        let web = planned.filter { $0.stream == 0 }
        let resolved = web.filter { $0.bot?.outcome == .resolves }.count
        let left = web.filter { $0.bot?.outcome == .leaves }.count
        let handed = web.filter { $0.bot?.outcome == .handsOver }.count
        #expect(resolved > 5 && left > 5 && handed > 20 && handed == web.count - resolved - left)
        let app = planned.count - web.count
        #expect(app > 10 && planned.filter { $0.stream == 1 }.allSatisfy { $0.contact != nil })
        let seen = ContactCount()
        let result = try await Self.withServer(yaml: Self.botYAML, inspect: { await seen.set(await $0.contactCount) }) { port, tokens in
            try await LoadDriver(model: model, options: .init(target: "http://127.0.0.1:\(port)", speed: 300, tokens: tokens,
                                                              drainLimit: .seconds(30))).run()
        }
        // The bot's outcomes are the simulator's draws; only the chats it hands over reach the service.
        #expect(result.botResolved == resolved)
        #expect(result.botLeft == left)
        // Every app customer whose chat is handled before the last 5 minutes writes again.
        #expect(result.returns > app / 2)
        #expect(result.chatsStarted == handed + app + result.returns)
        #expect(result.latencies["request POST /v1/chats"]?.totalCount == UInt64(handed + app + result.returns))
        // A re-contact comes as its customer's contact: the service saw one contact per app customer.
        #expect(await seen.value == app)
        #expect(result.returns <= result.chatsHandled)
        // Re-contacts go to their previous owner first (sticky): they are left out of the FIFO check.
        #expect(result.fifoChecked <= result.chatsOffered - result.returns)
        #expect(result.violations == [])
        // A customer leaving while its offer is accepted may race the accept (a 404 or 409 now and then); never a malformed request.
        #expect(result.errorsByStatus.keys.allSatisfy { $0 != 0 && $0 != 400 && $0 != 401 && $0 != 403 }, "\(result.errorsByStatus)")
        #expect(result.errors <= 2, "\(result.errorsByStatus)")
        let text = result.text(thresholds: [])
        #expect(text.contains("customers: \(result.returns) re-contacts; chatbot: \(resolved) resolved, \(left) left by their customer"))
    }

    /// Two thousand chats with patience, misses (RONA) and re-contacts, counted every 50 ms.
    static let censusYAML = """
        name: drive-census
        seed: 11
        duration: 40m
        queues:
          - id: sales
            strategy: longest_idle
            offer_timeout: 1s
            sticky_wait: 5s
        agents:
          - group: desk
            count: 12
            capacity: 4
            accept_delay: {dist: constant, value: 0}
            miss_probability: 0.05
            rona_recovery: {dist: constant, value: 10s}
            queues: [sales]
        customers:
          - id: web
            channel: live_chat
            queue: sales
            arrivals: {rate_per_hour: 3000}
            patience: {dist: exponential, mean: 30m}
            handle_time: {dist: exponential, mean: 30s}
            return: {probability: 0.2, after: {dist: constant, value: 5m}}
        """

    /// The driver keeps per chat only what is in flight: over a drive of thousands of chats, every
    /// record it holds per chat (the recorder's chats, offers and tickets, the customers' patience
    /// timers, the agents' pending actions) stays at a few dozen, not one per chat played; its
    /// histograms are the named latencies and the series' last seconds, none per agent or chat.
    @Test func aLongDriveHoldsOnlyTheChatsInFlight() async throws {
        let model = try CompiledScenario(ScenarioLoader.load(yaml: Self.censusYAML, file: "drive-census.yaml"))
        let result = try await Self.withServer(yaml: Self.censusYAML) { port, tokens in
            var driver = LoadDriver(model: model, options: .init(target: "http://127.0.0.1:\(port)", speed: 100, tokens: tokens,
                                                                 drainLimit: .seconds(30)))
            driver.censusInterval = .milliseconds(50)
            return try await driver.run()
        }
        #expect(result.chatsStarted > 1_800)
        #expect(result.returns > 20)
        let peak = try #require(result.peakHeld)
        // The chats in flight: a few dozen on a quiet machine, more when the drive falls behind
        // (customers wait longer), never one per chat played.
        let inFlight = try #require(peak["chats"])
        #expect(inFlight < result.chatsStarted * 3 / 4, "\(inFlight) chats held at once over \(result.chatsStarted)")
        // Every other record is one per chat in flight at most, and those judged within the grace
        // after they finished. Patience timers would reach ~1,500 (30 minutes at speed 100 is 18 s
        // of a 24-second drive) if they slept on after their chat was accepted.
        for name in ["early", "offer_spans", "first_offers", "unsettled", "return_tickets",
                     "patience_timers", "agent_pending", "agent_offers", "agent_owned"] {
            let held = try #require(peak[name], "\(name) not counted")
            #expect(held < inFlight + 250, "\(name): \(held) held at once, \(inFlight) chats in flight, over \(result.chatsStarted) chats")
        }
        #expect(try #require(peak["status_changes"]) <= 12 * DriveResult.statusChangesKept)
        // The FIFO check holds at most its lag and a batch (DriveRecorderTests), the series at most its grace.
        #expect(try #require(peak["fifo_entries"]) <= 50_000 + 16_384)
        #expect(try #require(peak["open_seconds"]) <= 62)
        let named = result.latencies.values.reduce(0) { $0 + $1.estimatedFootprintInBytes }
        let second = DriveResult.histogram(upTo: 60_000_000, digits: .two).estimatedFootprintInBytes
        let histogramBytes = try #require(peak["histogram_bytes"])
        // A histogram reset for reuse may count a few bytes more than a fresh one (16 seen).
        #expect(histogramBytes <= named + peak["open_seconds"]! * (second + 64),
                "\(histogramBytes) bytes at most; named at the end \(named) (\(result.latencies.mapValues(\.estimatedFootprintInBytes))), \(peak["open_seconds"]!) open seconds × \(second)")
        #expect(result.violations == [])
    }

    /// An agent logs on only once its event stream is open and carries its status: the offers that
    /// follow its log-on are on its stream. Its stream opens 300 ms after it is started here; had it
    /// logged on at once, the `available` event would have gone to no stream. With a stream marked
    /// open that the service never registered (no event comes), it goes offline and available again
    /// and ends available.
    @Test func anAgentLogsOnOnlyOnceItsStreamCarriesItsStatus() async throws {
        let model = try CompiledScenario(ScenarioLoader.load(yaml: Self.yaml, file: "drive-test.yaml"))
        let plan = try #require(LiveWorkload(model).agents.first)
        try await Self.withServer(inspect: { center in
            #expect(await center.status(ofAgent: 0) == .available)
            #expect(await center.status(ofAgent: 1) == .available)
        }) { port, tokens in
            let base = "http://127.0.0.1:\(port)"
            let http = HTTPClient(eventLoopGroupProvider: .singleton)
            let recorder = DriveRecorder(singleAgentQueues: [:])
            let client = DriveClient(http: http, base: base, recorder: recorder)
            let agent = SyntheticAgent(plan: plan, token: tokens[plan.name]!, client: client, speed: 1, wrapUpReasons: [:],
                                       seed: 1, replication: 0)
            let driver = LoadDriver(model: model, options: .init(target: base, tokens: tokens))
            let starting = Task { await agent.start() }
            try await Task.sleep(for: .milliseconds(300))
            let listening = Task { await driver.listen(agent, base: base) }
            await starting.value
            #expect(await agent.statusEvents == 1)
            #expect(recorder.requests.value.requests == 1)
            // A stream the service never registered: three attempts, the last one available.
            let other = try #require(LiveWorkload(model).agents.dropFirst().first)
            let deaf = SyntheticAgent(plan: other, token: tokens[other.name]!, client: client, speed: 1, wrapUpReasons: [:],
                                      seed: 1, replication: 0)
            await deaf.streamOpened()
            await deaf.start(statusEcho: .milliseconds(50))
            #expect(await deaf.statusEvents == 0)
            #expect(recorder.requests.value.requests == 1 + 5)
            await agent.stop()
            listening.cancel()
            try await http.shutdown()
        }
    }

    @Test func aDriveWithoutAnAgentsTokenIsRefused() async throws {
        let model = try CompiledScenario(ScenarioLoader.load(yaml: Self.yaml, file: "drive-test.yaml"))
        await #expect(throws: DriveError.missingToken("desk-1")) {
            try await LoadDriver(model: model, options: .init(target: "http://127.0.0.1:1", tokens: [:])).run()
        }
    }
}

/// A value handed out of the server's actor.
actor ContactCount {
    var value = -1
    func set(_ count: Int) { value = count }
}
