// SPDX-License-Identifier: GPL-3.0-or-later

import Foundation
import Testing
@testable import LiveService

/// The request path's shortcuts each read the common case from bytes and agree with the general
/// reading they stand in for on every input, common or not.
@Suite struct RequestPathTests {
    /// What a body reads as through every accessor, for comparing two readings.
    private static func reading(_ body: String, allowed: [String], scanning: Bool) -> String {
        let result = Array(body.utf8).withUnsafeBytes { bytes in
            Result { () throws(LiveError) -> RequestBody in try RequestBody(bytes, allowed: allowed, scanning: scanning) }
        }
        switch result {
        case .failure(let error): return "refused \(error.status.code) \(error.name) \(error.detail) \(error.field ?? "-")"
        case .success(let read):
            return allowed.map { key in
                let text = Result { () throws(LiveError) in try read.optionalString(key) }
                let items = Result { () throws(LiveError) in try read.strings(key) }
                return "\(key): \(text) \(items)"
            }.joined(separator: "; ")
        }
    }

    /// Bodies the clients send, which the scanner reads itself.
    static let plainBodies = [
        #"{"queue":"chat","channel":"live_chat"}"#, #"{"status":"available"}"#, #"{"text":"Hello, how can I help?"}"#,
        #"{"reasons":["solved"]}"#, #"{"reasons":[]}"#, " { \"queue\" : \"chat\" ,\n\t\"language\" : null } \r\n", "{}",
        #"{"reasons":["a", "b" ,"c"]}"#, #"{"queue":"chat","contact":"x@example.com"}"#, #"{"text":""}"#,
        #"{"queue":["chat"]}"#, #"{"reasons":"solved"}"#, #"{"reasons":null}"#,
    ]

    /// Bodies the scanner leaves to `JSONSerialization`: escapes, other text, other values, repeats,
    /// unknown fields, malformed or not objects.
    static let otherBodies = [
        "", "  \n", #"{"text":"say \"hi\""}"#, #"{"text":"Zoë"}"#, #"{"queue":5}"#, #"{"queue":true}"#,
        #"{"queue":{"a":"b"}}"#, #"{"queue":"a","queue":"b"}"#, #"{"queue":"sales","colour":"red"}"#,
        #"{"colour":"red","queue":"sales"}"#, #"{"queue": "sales""#, #"["sales"]"#, #""sales""#, "null",
        #"{"reasons":["solved",3]}"#, #"{"reasons":["solved",]}"#, #"{"queue":"chat",}"#, #"{"queue":"chat"} x"#,
        #"{"queue":nul}"#, #"{"queue":nullx}"#, "{\"text\":\"tab\there\"}", #"{"queue" "chat"}"#, "\u{FEFF}{}",
        #"{"reasons":[null]}"#, #"{"text":"a\u0041"}"#, "{\"text\":\"\u{7F}\"}",
    ]

    @Test func theScannerReadsEveryBodyAsJSONSerializationDoes() {
        let allowed = ["queue", "channel", "language", "contact", "status", "text", "reasons"]
        for body in Self.plainBodies + Self.otherBodies {
            #expect(Self.reading(body, allowed: allowed, scanning: true) == Self.reading(body, allowed: allowed, scanning: false),
                    "\(body)")
        }
        // Fewer fields allowed: an unknown one is refused the same way, whichever reads it.
        for body in Self.plainBodies {
            #expect(Self.reading(body, allowed: ["text"], scanning: true) == Self.reading(body, allowed: ["text"], scanning: false),
                    "\(body)")
        }
    }

    @Test func theScannerReadsTheClientsBodiesAndNothingElse() {
        let allowed = ["queue", "channel", "language", "contact", "status", "text", "reasons"]
        func scanned(_ body: String) -> Bool { Array(body.utf8).withUnsafeBytes { RequestBody.scan($0, allowed: allowed) != nil } }
        for body in Self.plainBodies { #expect(scanned(body), "\(body)") }
        for body in Self.otherBodies { #expect(!scanned(body), "\(body)") }
    }

    @Test func theUsualBearerHeaderIsReadFromItsBytesAndOthersAreLeftToTheSplit() {
        #expect(LiveRoutes.plainBearer("Bearer 0123abcd") == "0123abcd")
        #expect(LiveRoutes.plainBearer("bEaReR t") == "t")
        #expect(LiveRoutes.plainBearer("Bearer a b") == "a b")
        for header in ["Bearer ", "Bearer  x", "Basic abc", "Bearerx y", "Bearer\tx", "Bearer é", "Bear", " Bearer x"] {
            #expect(LiveRoutes.plainBearer(header) == nil, "\(header)")
        }
    }

    @Test func chatTokensAre128RandomBitsAs32HexDigits() {
        let tokens = (0..<1000).map { _ in AgentTokens.randomToken() }
        #expect(tokens.allSatisfy { $0.utf8.count == 32 && $0.utf8.allSatisfy { (0x30...0x39).contains($0) || (0x61...0x66).contains($0) } })
        #expect(Set(tokens).count == tokens.count)
        // Every digit shows up in every position: no nibble is stuck.
        for position in [0, 15, 16, 31] {
            #expect(Set(tokens.map { Array($0.utf8)[position] }).count == 16)
        }
    }

    @Test func documentedPathsMatchOnTheirBytesAsOnTheirSegments() {
        let check = MethodCheck(document: OpenAPIDocument.bytes)
        let paths = ["/healthz", "/v1/queues", "/v1/chats", "/v1/chats/c1/reply", "//v1//chats/c1/reply/", "/v1/chats/c1",
                     "/v1/offers/c9/accept", "/v1/agents/desk-1/status", "/v1/agents/desk-1/status/x", "/", "", "/v1",
                     "/v1/chats/c1/events", "/metrics", "/v2/queues", "/v1/agents//status", "/v1/chats/é/reply"]
        for path in paths {
            #expect(check.methods(for: path) == check.methods(splitting: path), "\(path)")
        }
        #expect(check.methods(for: "/v1/chats/c1/reply") == ["POST"])
        #expect(check.methods(for: "/v1/agents/desk-1/status") == ["PUT"])
        #expect(check.methods(for: "/v1/nothing") == nil)
    }
}

/// The lifecycle's endpoints are answered without the router for their canonical paths only.
@Suite struct LifecycleRoutesTests {
    @Test func canonicalLifecyclePathsAreTakenAndOthersLeftToTheRouter() {
        #expect(LifecycleRoutes.route("/v1/chats") == .create)
        #expect(LifecycleRoutes.route("/v1/chats/c12/end") == .end("c12"))
        #expect(LifecycleRoutes.route("/v1/chats/c12/reply") == .reply("c12"))
        #expect(LifecycleRoutes.route("/v1/chats/c12/handled") == .handled("c12"))
        #expect(LifecycleRoutes.route("/v1/offers/c7/accept") == .accept("c7"))
        #expect(LifecycleRoutes.route("/v1/offers/X9z/accept") == .accept("X9z"))
        for path in ["/v1/chats/", "//v1/chats", "/v1/chats/c1/reply/", "/v1/chats//reply", "/v1/chats/c-1/reply",
                     "/v1/chats/c1/messages", "/v1/chats/c1/transfer", "/v1/chats/c1", "/v1/offers/c1/reject",
                     "/v1/offers/c1/acceptx", "/v1/offers//accept", "/v1/chats/c%31/end", "/v1/chats/é/end", "/v1/queues",
                     "/v1/agents/desk-1/next", "/V1/chats", "/v1/Chats", "", "/", "/v1/chatsx"] {
            #expect(LifecycleRoutes.route(path) == nil, "\(path)")
        }
    }

    /// Through the real server: the same answers on the canonical path and on a spelling only the router
    /// takes, and the connection's rate limit still applies.
    @Test func aLifecycleRequestIsAnsweredAsTheRouterAnswersIt() async throws {
        let live = try await LiveHarness.start()
        let (chat, _) = try await live.createChat("sales")
        // The second spelling (a leading double slash) only the router takes: both answered alike.
        var answers: [String] = []
        for path in ["/v1/offers/\(chat)/accept", "//v1/offers/\(chat)/accept"] {
            let noToken = try await live.request(.POST, path)
            #expect(noToken.status == 401 && noToken.error == "missingToken", "\(path)")
            let queued = try await live.request(.POST, path, token: live.token("desk-2"))
            #expect(queued.status == 409, "\(path)")
            answers.append("\(queued.status) \(queued.body)")
        }
        #expect(answers[0] == answers[1])
        let unknown = try await live.request(.POST, "/v1/chats/c999/reply", token: live.token("desk-1"), body: #"{"text":"x"}"#)
        #expect(unknown.status == 404 && unknown.error == "unknownChat")
        let notAChat = try await live.request(.POST, "/v1/chats/x9/reply", token: live.token("desk-1"), body: #"{"text":"x"}"#)
        #expect(notAChat.status == 404)
        let badBody = try await live.request(.POST, "/v1/chats", body: #"{"queue":"sales","colour":"red"}"#)
        #expect(badBody.status == 400 && badBody.error == "unknownField")
        try await live.stop()

        let limited = try await LiveHarness.start(requestsPerSecond: 2)
        var statuses: [Int] = []
        for _ in 0..<12 { statuses.append(try await limited.request(.POST, "/v1/chats", body: #"{"queue":"sales"}"#).status) }
        #expect(statuses.first == 201 && statuses.contains(429) && statuses.allSatisfy { $0 == 201 || $0 == 429 })
        try await limited.stop()
    }
}
