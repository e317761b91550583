// SPDX-License-Identifier: GPL-3.0-or-later

import AsyncHTTPClient
import ContactCenter
import Foundation
@testable import LoadDriver
import Scenarios
import Testing

/// A TCP port on 127.0.0.1 that takes connections (into the kernel's backlog) and never answers.
final class SilentPort {
    let descriptor: Int32
    let port: Int

    init() throws {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = 0
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { generic in
                bind(fd, generic, length) == 0 && listen(fd, 64) == 0 && getsockname(fd, generic, &length) == 0
            }
        }
        guard fd >= 0, bound else { close(fd); throw POSIXError(.EADDRNOTAVAIL) }
        descriptor = fd
        port = Int(UInt16(bigEndian: address.sin_port))
    }

    deinit { close(descriptor) }
}

/// A TCP port on 127.0.0.1 that answers every HTTP request at once (a reply `202`, anything else
/// `204`) and notes each request line with when it came.
final class AnsweringPort: @unchecked Sendable {
    let port: Int
    private let descriptor: Int32
    private let lock = NSLock()
    private var requests: [(line: String, at: ContinuousClock.Instant)] = []

    init() throws {
        let listener = try SilentPort()
        descriptor = dup(listener.descriptor)
        port = listener.port
        let listening = descriptor
        Thread.detachNewThread { [weak self] in
            while case let connection = accept(listening, nil, nil), connection >= 0 {
                guard let self else { close(connection); return }
                Thread.detachNewThread { self.answer(connection) }
            }
        }
    }

    deinit {
        shutdown(descriptor, Int32(SHUT_RDWR))
        close(descriptor)
    }

    /// When the first request whose line contains `text` came (nil: none yet).
    func firstRequest(containing text: String) -> ContinuousClock.Instant? {
        lock.withLock { requests.first { $0.line.contains(text) }?.at }
    }

    private func answer(_ connection: Int32) {
        var pending: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 4_096)
        while true {
            while let request = Self.request(in: pending) {
                pending.removeFirst(request.length)
                lock.withLock { requests.append((request.line, .now)) }
                let reply = request.line.contains("/reply") ? "HTTP/1.1 202 Accepted\r\ncontent-length: 0\r\n\r\n"
                                                            : "HTTP/1.1 204 No Content\r\n\r\n"
                _ = Array(reply.utf8).withUnsafeBytes { write(connection, $0.baseAddress, $0.count) }
            }
            let count = read(connection, &chunk, chunk.count)
            guard count > 0 else { break }
            pending += chunk[..<count]
        }
        close(connection)
    }

    /// The first whole request in `bytes`: its request line and its length with its body.
    private static func request(in bytes: [UInt8]) -> (line: String, length: Int)? {
        let end = Array("\r\n\r\n".utf8)
        guard let head = (0...max(0, bytes.count - end.count)).first(where: { bytes[$0...].starts(with: end) }),
              bytes.count >= end.count else { return nil }
        let lines = String(decoding: bytes[..<head], as: UTF8.self).components(separatedBy: "\r\n")
        let body = lines.dropFirst().compactMap { line -> Int? in
            let parts = line.split(separator: ":", maxSplits: 1)
            guard parts.count == 2, parts[0].lowercased() == "content-length" else { return nil }
            return Int(parts[1].trimmingCharacters(in: .whitespaces))
        }.first ?? 0
        let length = head + end.count + body
        return bytes.count >= length ? (lines[0], length) : nil
    }
}

@Suite struct SyntheticAgentTests {
    /// An agent's stream is read on while its reply to an accepted chat is on its way: handling the
    /// accept returns at once, so the next event (here an offer) is seen when it comes, not after the
    /// reply (which never comes from this port; the request would wait out its 30 s timeout).
    @Test(.timeLimit(.minutes(1))) func anAgentReadsOnWhileItsReplyIsOnItsWay() async throws {
        let silent = try SilentPort()
        let model = try CompiledScenario(ScenarioLoader.load(yaml: DriveTests.yaml, file: "drive-test.yaml"))
        let plan = try #require(LiveWorkload(model).agents.first)
        let http = HTTPClient(eventLoopGroupProvider: .singleton)
        let client = DriveClient(http: http, base: "http://127.0.0.1:\(silent.port)", recorder: DriveRecorder(singleAgentQueues: [:]))
        let agent = SyntheticAgent(plan: plan, token: "token", client: client, speed: 1, wrapUpReasons: [:], seed: 1, replication: 0)
        let began = ContinuousClock.now
        await agent.handle(#"{"type":"accepted","chat":"c1","at":1}"#, receivedAt: .now)
        await agent.handle(#"{"type":"offer","chat":"c2","queue":"sales","at":2}"#, receivedAt: .now)
        let handled = ContinuousClock.now - began
        #expect(handled < .seconds(5), "\(handled) to handle an accept and an offer")
        let held = await agent.held
        #expect(held.owned == 1 && held.offers == 1 && held.pending >= 1)
        await agent.stop()
        try? await http.shutdown()
    }

    /// A chat accepted (and replied to) before its customer's create request returned is worked for
    /// its planned work once the create returns, not for nothing: its close comes the work and the
    /// wrap-up after the create (at speed 100: 60 s and 20 s are 0.6 s and 0.2 s), and its first
    /// reply is timed.
    @Test(.timeLimit(.minutes(1))) func anAgentWorksAChatAcceptedBeforeItsCreateReturnedForItsPlannedWork() async throws {
        let answering = try AnsweringPort()
        let model = try CompiledScenario(ScenarioLoader.load(yaml: DriveTests.yaml, file: "drive-test.yaml"))
        let plan = try #require(LiveWorkload(model).agents.first)
        let http = HTTPClient(eventLoopGroupProvider: .singleton)
        let recorder = DriveRecorder(singleAgentQueues: [:], speed: 100)
        let client = DriveClient(http: http, base: "http://127.0.0.1:\(answering.port)", recorder: recorder)
        let agent = SyntheticAgent(plan: plan, token: "token", client: client, speed: 100, wrapUpReasons: [:], seed: 1, replication: 0)
        await agent.handle(#"{"type":"accepted","chat":"c1","at":1}"#, receivedAt: .now)
        let began = ContinuousClock.now
        while answering.firstRequest(containing: "/v1/chats/c1/reply") == nil, ContinuousClock.now - began < .seconds(10) {
            try await Task.sleep(for: .milliseconds(5))
        }
        #expect(answering.firstRequest(containing: "/v1/chats/c1/reply") != nil)
        try await Task.sleep(for: .milliseconds(300))
        let created = ContinuousClock.now
        await recorder.chatStarted("c1", intended: created, work: .seconds(60), queue: "sales")
        var handled: ContinuousClock.Instant?
        while handled == nil, ContinuousClock.now - created < .seconds(20) {
            try await Task.sleep(for: .milliseconds(5))
            handled = answering.firstRequest(containing: "/v1/chats/c1/handled")
        }
        let worked = try #require(handled) - created
        #expect(worked >= .milliseconds(790), "closed \(worked) after its create returned")
        await agent.stop()
        try? await http.shutdown()
        let result = await recorder.finish(wallSeconds: 1, simulatedSeconds: 100, speed: 100)
        #expect(result.latencies["create_to_first_reply"]?.totalCount == 1)
        #expect(result.chatsHandled == 1)
    }
}
