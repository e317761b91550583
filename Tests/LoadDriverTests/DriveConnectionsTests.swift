// SPDX-License-Identifier: GPL-3.0-or-later

import Foundation
@testable import LoadDriver
import NIOCore
import NIOHTTP1
import Testing

/// The driver's own HTTP/1.1 connections: which bases they serve, reuse, spread over connections,
/// concurrency limit, timeout and body limit, against the real service.
@Suite struct DriveConnectionsTests {
    @Test func onlyPlainHTTPHostAndPortBasesAreServed() {
        let served = DriveConnections(base: "http://127.0.0.1:8080")
        #expect(served?.host == "127.0.0.1" && served?.port == 8080 && served?.authority == "127.0.0.1:8080")
        #expect(DriveConnections(base: "http://localhost:1")?.host == "localhost")
        for base in ["https://127.0.0.1:8080", "http://127.0.0.1", "http://127.0.0.1:8080/api", "http://u@h:1",
                     "http://[::1]:8080", "http://:80", "http://h:0", "http://h:70000", "ws://h:1"] {
            #expect(DriveConnections(base: base) == nil, "\(base)")
        }
    }

    @Test func requestsAreAnsweredOverReusedConnectionsSpreadOverTheFirstFew() async throws {
        try await DriveTests.withServer { port, tokens in
            let connections = try #require(DriveConnections(base: "http://127.0.0.1:\(port)", spread: 3, limit: 4))
            for _ in 0..<10 {
                let health = try await connections.send(.GET, "/healthz", headers: [:], body: nil)
                #expect(health.status == 200)
                #expect(health.body.map { String(buffer: $0) }?.hasPrefix(#"{"status":"ok","time":"#) == true)
            }
            // One at a time: three connections opened (the spread), then reused.
            #expect(connections.openConnections == 3)
            let (name, token) = try #require(tokens.min { $0.key < $1.key })
            var headers = HTTPHeaders()
            headers.add(name: "Authorization", value: "Bearer \(token)")
            let status = try await connections.send(.PUT, "/v1/agents/\(name)/status", headers: headers,
                                                    body: ByteBuffer(string: #"{"status":"available"}"#))
            #expect(status.status == 200)
            #expect(status.body.map { String(buffer: $0) } == #"{"agent":"\#(name)","status":"available"}"#)
            let refused = try await connections.send(.POST, "/v1/chats", headers: [:], body: ByteBuffer(string: "{"))
            #expect(refused.status == 400)
            let empty = try await connections.send(.POST, "/v1/offers/c1/accept", headers: headers, body: nil)
            #expect(empty.status == 404 && empty.body.map { String(buffer: $0) }?.contains("unknownChat") == true)
            // Many at once: never more connections than the limit, every request answered.
            let statuses = await withTaskGroup(of: Int.self) { group in
                for _ in 0..<40 {
                    group.addTask { (try? await connections.send(.GET, "/healthz", headers: [:], body: nil))?.status ?? 0 }
                }
                return await group.reduce(into: [Int]()) { $0.append($1) }
            }
            #expect(statuses.count == 40 && statuses.allSatisfy { $0 == 200 })
            #expect(connections.openConnections <= 4)
        }
    }

    @Test(.timeLimit(.minutes(1))) func anUnansweredRequestFailsAfterItsTimeout() async throws {
        let silent = try SilentPort()
        let connections = try #require(DriveConnections(base: "http://127.0.0.1:\(silent.port)", timeout: .milliseconds(300)))
        let began = ContinuousClock.now
        await #expect(throws: DriveConnections.Failure.self) {
            _ = try await connections.send(.GET, "/healthz", headers: [:], body: nil)
        }
        let waited = ContinuousClock.now - began
        #expect(waited >= .milliseconds(300) && waited < .seconds(5), "\(waited)")
        #expect(connections.openConnections == 0)
    }

    @Test func aRefusedConnectionIsAnErrorAndFreesItsPlace() async throws {
        // A port nobody listens on: bind one, note it, close it.
        let port = try { () throws -> Int in let silent = try SilentPort(); return silent.port }()
        let connections = try #require(DriveConnections(base: "http://127.0.0.1:\(port)", limit: 1))
        for _ in 0..<3 {
            await #expect(throws: (any Error).self) { _ = try await connections.send(.GET, "/", headers: [:], body: nil) }
        }
        #expect(connections.openConnections == 0)
    }
}
