// SPDX-License-Identifier: GPL-3.0-or-later

import AsyncHTTPClient
import Foundation
import HummingbirdWSClient
import Logging
import NIOCore
import NIOHTTP1
import Scenarios
import ServiceLifecycle
@testable import LiveService

/// A real server on 127.0.0.1 with an ephemeral port, run in-process for one test, and a client for it.
struct LiveHarness {
    let center: LiveCenter
    let port: Int
    let group: ServiceGroup
    let task: Task<Void, any Error>

    /// The scenario the tests serve: single-agent queues (one with a short offer timeout, for
    /// RONA; the others' are long, so a test on a loaded machine never meets a timer by accident),
    /// a broadcast queue with wrap-up reasons, a pull queue, one that drops card numbers and one
    /// with the offline form.
    static let yaml = """
        name: live-test
        seed: 7
        duration: 1h
        queues:
          - id: sales
            strategy: longest_idle
            offer_timeout: 10m
            alert_after: 10m
          - id: support
            strategy: ring_all
            wrap_up_reasons: [solved, callback]
            auto_replies:
              first_message: {text: "Hello {customer}, {team} is with you shortly."}
              resolved: {text: "Glad we could help."}
              rating_request: {text: "How did {agent} do?"}
          - id: backlog
            strategy: manual
          - id: billing
            strategy: top_down
            pci: drop
          - id: web
            strategy: longest_idle
            offline_form: true
            auto_replies:
              offline_form: {text: "Thanks, we answer tomorrow."}
          - id: hotline
            strategy: longest_idle
            offer_timeout: 300ms
        agents:
          - group: desk
            count: 2
            capacity: 2
            queues: [sales, support, backlog, billing, web, hotline]
          - group: senior
            count: 1
            capacity: 1
            queues: [support]
        customers:
          - id: web
            channel: live_chat
            queue: sales
            arrivals: {rate_per_hour: 10}
            handle_time: {dist: exponential, mean: 5m}
        """

    /// Starts a server for `yaml` and waits until it listens.
    static func start(yaml: String = LiveHarness.yaml, maxBodyBytes: Int = 64 * 1024,
                      requestsPerSecond: Double = 1000, eventBufferLimit: Int = 1024) async throws -> LiveHarness {
        let scenario = try ScenarioLoader.load(yaml: yaml, file: "live-test.yaml")
        let center = try LiveCenter(scenario: scenario, eventBufferLimit: eventBufferLimit)
        var logger = Logger(label: "live-test")
        logger.logLevel = .critical
        let server = LiveServer(center: center, configuration: .init(host: "127.0.0.1", port: 0, maxBodyBytes: maxBodyBytes,
                                                                        requestsPerSecond: requestsPerSecond),
                                logger: logger)
        let (ports, continuation) = AsyncStream<Int>.makeStream()
        let group = server.makeServiceGroup(signals: []) { port in continuation.yield(port) }
        let task = Task { try await group.run() }
        var port = 0
        for await p in ports {
            port = p
            break
        }
        return LiveHarness(center: center, port: port, group: group, task: task)
    }

    /// Shuts the server down gracefully and waits for it.
    func stop() async throws {
        await group.triggerGracefulShutdown()
        try await task.value
    }

    /// The token of agent `name`.
    func token(_ name: String) -> String { center.tokens.tokens[center.agentNames.firstIndex(of: name)!] }

    struct Reply {
        var status: Int
        var body: String
        var contentType: String?
        /// The body as a JSON object.
        var json: [String: Any] { (try? JSONSerialization.jsonObject(with: Data(body.utf8))) as? [String: Any] ?? [:] }
        /// The `error` name of an error body.
        var error: String? { json["error"] as? String }
    }

    /// Sends a request and reads the whole reply.
    func request(_ method: HTTPMethod, _ path: String, token: String? = nil, body: String? = nil,
                 headers: [(String, String)] = []) async throws -> Reply {
        var request = HTTPClientRequest(url: "http://127.0.0.1:\(port)\(path)")
        request.method = method
        if let token { request.headers.add(name: "Authorization", value: "Bearer \(token)") }
        for (name, value) in headers { request.headers.add(name: name, value: value) }
        if let body {
            request.headers.add(name: "Content-Type", value: "application/json")
            request.body = .bytes(ByteBuffer(string: body))
        }
        let response = try await HTTPClient.shared.execute(request, timeout: .seconds(10))
        let bytes = try await response.body.collect(upTo: 4 * 1024 * 1024)
        return Reply(status: Int(response.status.code), body: String(buffer: bytes),
                     contentType: response.headers.first(name: "Content-Type"))
    }

    /// Creates a chat in `queue` and returns its id and token.
    func createChat(_ queue: String, channel: String = "live_chat", contact: String? = nil) async throws -> (id: String, token: String) {
        var body = #"{"queue":"\#(queue)","channel":"\#(channel)""#
        if let contact { body += #","contact":"\#(contact)""# }
        let reply = try await request(.POST, "/v1/chats", body: body + "}")
        guard reply.status == 201, let id = reply.json["id"] as? String, let token = reply.json["token"] as? String else {
            throw HarnessError.unexpected("create chat: \(reply.status) \(reply.body)")
        }
        return (id, token)
    }

    /// Sets an agent's status.
    func setStatus(_ agent: String, _ status: String) async throws {
        let reply = try await request(.PUT, "/v1/agents/\(agent)/status", token: token(agent), body: #"{"status":"\#(status)"}"#)
        guard reply.status == 200 else { throw HarnessError.unexpected("status: \(reply.status) \(reply.body)") }
    }

    /// Waits (bounded) until `condition` holds on the center.
    func waitUntil(_ what: String, _ condition: @Sendable (LiveCenter) async -> Bool) async throws {
        for _ in 0..<500 {
            if await condition(center) { return }
            try await Task.sleep(for: .milliseconds(10))
        }
        throw HarnessError.unexpected("timed out waiting for \(what)")
    }

    /// Collects agent `name`'s events (see ``events(path:token:isSubscribed:until:action:)``).
    func agentEvents(_ name: String, until: @escaping @Sendable ([String: Any]) -> Bool,
                     action: @escaping @Sendable () async throws -> Void) async throws -> [[String: Any]] {
        let a = center.agentNames.firstIndex(of: name)!
        return try await events(path: "/v1/agents/\(name)/events", token: token(name),
                                isSubscribed: { await $0.agentStreamCount(a) > 0 }, until: until, action: action)
    }

    /// Connects to an event stream and collects its events until `until` returns true for one
    /// (then closes), while `action` runs once the server has subscribed the stream.
    func events(path: String, token: String, isSubscribed: @escaping @Sendable (LiveCenter) async -> Bool,
                until: @escaping @Sendable ([String: Any]) -> Bool,
                action: @escaping @Sendable () async throws -> Void) async throws -> [[String: Any]] {
        let collected = EventLog()
        var settings = WebSocketClientConfiguration()
        settings.additionalHeaders[.authorization] = "Bearer \(token)"
        let configuration = settings
        var log = Logger(label: "live-test-ws")
        log.logLevel = .critical
        let logger = log
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask {
                _ = try await WebSocketClient.connect(url: "ws://127.0.0.1:\(port)\(path)", configuration: configuration,
                                                      logger: logger) { inbound, _, _ in
                    for try await frame in inbound.messages(maxSize: 1 << 20) {
                        guard case .text(let text) = frame,
                              let event = try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any] else { continue }
                        collected.append(text)
                        if until(event) { return }
                    }
                }
            }
            group.addTask {
                try await waitUntil("the event stream", isSubscribed)
                try await action()
            }
            // A bound, not a timing assertion: an event that never comes fails the test instead of hanging it.
            group.addTask {
                try await Task.sleep(for: .seconds(120))
                throw HarnessError.unexpected("the awaited event did not come within 120 s; got \(collected.events)")
            }
            try await group.next()
            try await group.next()
            group.cancelAll()
        }
        return collected.events
    }
}

/// Event texts collected by a WebSocket handler.
final class EventLog: @unchecked Sendable {
    private let lock = NSLock()
    private var texts: [String] = []
    func append(_ text: String) { lock.withLock { texts.append(text) } }
    var events: [[String: Any]] {
        lock.withLock { texts }.compactMap { (try? JSONSerialization.jsonObject(with: Data($0.utf8))) as? [String: Any] }
    }
}

enum HarnessError: Error { case unexpected(String) }
