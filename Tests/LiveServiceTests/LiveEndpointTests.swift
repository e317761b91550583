// SPDX-License-Identifier: GPL-3.0-or-later

import AsyncHTTPClient
import Foundation
import NIOHTTP1
import Testing
@testable import LiveService

/// Every endpoint of the live service and its error codes, against a real server on 127.0.0.1.
@Suite struct LiveEndpointTests {
    @Test func operationsEndpointsAnswer() async throws {
        let live = try await LiveHarness.start()
        let health = try await live.request(.GET, "/healthz")
        #expect(health.status == 200)
        #expect(health.json["status"] as? String == "ok")
        // `time` is engine time (µs since the service started), on the clock the events' `at` is read on.
        let time = try #require(health.json["time"] as? Int)
        try await Task.sleep(for: .milliseconds(5))
        let later = try #require(try await live.request(.GET, "/healthz").json["time"] as? Int)
        #expect(time >= 0 && later - time >= 5_000)

        let openapi = try await live.request(.GET, "/openapi.json")
        let committed = try String(contentsOf: URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("Sources/LiveService/openapi.json"),
            encoding: .utf8)
        #expect(openapi.status == 200)
        #expect(openapi.contentType == "application/json")
        #expect(openapi.body == committed)
        #expect(openapi.json["openapi"] as? String == "3.1.0")

        let queues = try await live.request(.GET, "/v1/queues")
        #expect(queues.status == 200)
        #expect(queues.body.hasPrefix(#"{"queues":[{"name":"sales","strategy":"longest_idle","waiting":0,"unanswered":0,"members":["desk-1","desk-2"]}"#))
        try await live.stop()
    }

    @Test func metricsCountChatsQueuesAndAgents() async throws {
        let live = try await LiveHarness.start()
        _ = try await live.createChat("sales")
        try await live.setStatus("desk-1", "away")
        let metrics = try await live.request(.GET, "/metrics")
        #expect(metrics.status == 200)
        #expect(metrics.contentType?.hasPrefix("text/plain") == true)
        let lines = Set(metrics.body.split(separator: "\n").map(String.init))
        #expect(lines.contains(#"parley_chats_total{outcome="created"} 1"#))
        #expect(lines.contains(#"parley_queue_length{queue="sales"} 1.0"#))
        #expect(lines.contains(#"parley_queue_length{queue="support"} 0.0"#))
        #expect(lines.contains(#"parley_agents{status="away"} 1.0"#))
        #expect(lines.contains(#"parley_agents{status="offline"} 2.0"#))
        #expect(lines.contains { $0.hasPrefix(#"parley_routing_decision_seconds_bucket{le="+Inf"}"#) })
        #expect(lines.contains(#"parley_routing_decision_seconds_count 2"#))
        try await live.stop()
    }

    @Test func aChatIsQueuedThenOfferedAcceptedAnsweredAndHandled() async throws {
        let live = try await LiveHarness.start()
        let created = try await live.request(.POST, "/v1/chats", body: #"{"queue":"sales","channel":"live_chat"}"#)
        #expect(created.status == 201)
        #expect(created.json["state"] as? String == "queued")
        let chat = try #require(created.json["id"] as? String)
        let customer = try #require(created.json["token"] as? String)
        try await live.setStatus("desk-2", "available")   // takes the waiting chat at once
        #expect(try await live.request(.POST, "/v1/offers/\(chat)/accept", token: live.token("desk-2")).status == 204)

        let fromCustomer = try await live.request(.POST, "/v1/chats/\(chat)/messages", token: customer, body: #"{"text":"hello"}"#)
        #expect(fromCustomer.status == 202)
        #expect(fromCustomer.body == #"{"pci":"clean","delivered":1}"#)
        let reply = try await live.request(.POST, "/v1/chats/\(chat)/reply", token: live.token("desk-2"), body: #"{"text":"hi"}"#)
        #expect(reply.status == 202)
        #expect(reply.json["pci"] as? String == "clean")

        #expect(try await live.request(.POST, "/v1/chats/\(chat)/handled", token: live.token("desk-2")).status == 204)
        // Closed: the id is gone.
        let after = try await live.request(.POST, "/v1/chats/\(chat)/messages", token: customer, body: #"{"text":"x"}"#)
        #expect(after.status == 404)
        #expect(after.error == "unknownChat")
        try await live.stop()
    }

    @Test func badJSONAndUnknownFieldsAre400NamingTheField() async throws {
        let live = try await LiveHarness.start()
        let malformed = try await live.request(.POST, "/v1/chats", body: #"{"queue": "sales""#)
        #expect(malformed.status == 400)
        #expect(malformed.error == "malformedJSON")

        let unknown = try await live.request(.POST, "/v1/chats", body: #"{"queue":"sales","colour":"red"}"#)
        #expect(unknown.status == 400)
        #expect(unknown.error == "unknownField")
        #expect(unknown.json["field"] as? String == "colour")

        let wrongType = try await live.request(.POST, "/v1/chats", body: #"{"queue":5}"#)
        #expect(wrongType.status == 400)
        #expect(wrongType.json["field"] as? String == "queue")

        let missing = try await live.request(.POST, "/v1/chats", body: #"{"channel":"sms"}"#)
        #expect(missing.status == 400)
        #expect(missing.json["field"] as? String == "queue")

        let badChannel = try await live.request(.POST, "/v1/chats", body: #"{"queue":"sales","channel":"fax"}"#)
        #expect(badChannel.status == 400)
        #expect(badChannel.json["field"] as? String == "channel")

        let notObject = try await live.request(.POST, "/v1/chats", body: #"["sales"]"#)
        #expect(notObject.status == 400)
        #expect(notObject.json["field"] as? String == "$")

        let (chat, _) = try await live.createChat("support")
        let badReason = try await live.request(.POST, "/v1/chats/\(chat)/handled", token: live.token("desk-1"),
                                               body: #"{"reasons":["solved",3]}"#)
        #expect(badReason.status == 400)
        #expect(badReason.json["field"] as? String == "reasons[1]")
        try await live.stop()
    }

    @Test func unknownIdsAre404() async throws {
        let live = try await LiveHarness.start()
        let queue = try await live.request(.POST, "/v1/chats", body: #"{"queue":"nowhere"}"#)
        #expect(queue.status == 404)
        #expect(queue.error == "unknownQueue")
        #expect(queue.json["field"] as? String == "queue")
        let language = try await live.request(.POST, "/v1/chats", body: #"{"queue":"sales","language":"xx"}"#)
        #expect(language.status == 404)
        #expect(language.error == "unknownLanguage")

        for (path, body) in [("/v1/offers/c999/accept", nil), ("/v1/offers/abc/accept", nil), ("/v1/chats/c999/take", nil),
                             ("/v1/chats/c0/reply", #"{"text":"x"}"#)] {
            let reply = try await live.request(.POST, path, token: live.token("desk-1"), body: body)
            #expect(reply.status == 404, "\(path)")
            #expect(reply.error == "unknownChat", "\(path)")
        }
        let agent = try await live.request(.PUT, "/v1/agents/nobody/status", token: live.token("desk-1"),
                                           body: #"{"status":"available"}"#)
        #expect(agent.status == 404)
        #expect(agent.error == "unknownAgent")

        let (chat, _) = try await live.createChat("sales")
        try await live.setStatus("desk-1", "available")
        try await live.request(.POST, "/v1/offers/\(chat)/accept", token: live.token("desk-1")).expectStatus(204)
        let target = try await live.request(.POST, "/v1/chats/\(chat)/transfer", token: live.token("desk-1"),
                                            body: #"{"agent":"ghost"}"#)
        #expect(target.status == 404)
        #expect(target.error == "noSuchAgent")
        #expect(try await live.request(.GET, "/v1/nothing").status == 404)
        try await live.stop()
    }

    /// A method the OpenAPI document does not list for a path it lists is 405 with `Allow` (found by schemathesis).
    @Test func anUndocumentedMethodOfADocumentedPathIs405WithAllow() async throws {
        let live = try await LiveHarness.start()
        for (method, path, allow) in [(HTTPMethod.TRACE, "/healthz", "GET"), (.DELETE, "/v1/queues", "GET"),
                                      (.GET, "/v1/chats", "POST"), (.POST, "/metrics", "GET"),
                                      (.PUT, "/v1/offers/c1/accept", "POST"), (.POST, "/v1/agents/desk-1/status", "PUT")] {
            var request = HTTPClientRequest(url: "http://127.0.0.1:\(live.port)\(path)")
            request.method = method
            let response = try await HTTPClient.shared.execute(request, timeout: .seconds(10))
            #expect(response.status.code == 405, "\(method) \(path)")
            #expect(response.headers.first(name: "Allow") == allow, "\(method) \(path)")
            let body = String(buffer: try await response.body.collect(upTo: 1 << 16))
            #expect(body.contains(#""error":"methodNotAllowed""#), "\(body)")
        }
        // Documented methods still reach their handlers; unknown paths stay 404.
        #expect(try await live.request(.GET, "/healthz").status == 200)
        #expect(try await live.request(.DELETE, "/v1/elsewhere").status == 404)
        try await live.stop()
    }

    @Test func missingOrWrongTokensAre401Or403() async throws {
        let live = try await LiveHarness.start()
        let none = try await live.request(.PUT, "/v1/agents/desk-1/status", body: #"{"status":"available"}"#)
        #expect(none.status == 401)
        #expect(none.error == "missingToken")
        let bogus = try await live.request(.PUT, "/v1/agents/desk-1/status", token: "not-a-token", body: #"{"status":"available"}"#)
        #expect(bogus.status == 401)
        #expect(bogus.error == "unknownToken")
        let notBearer = try await live.request(.PUT, "/v1/agents/desk-1/status", body: #"{"status":"available"}"#,
                                               headers: [("Authorization", "Basic abc")])
        #expect(notBearer.status == 401)
        let other = try await live.request(.PUT, "/v1/agents/desk-1/status", token: live.token("desk-2"),
                                           body: #"{"status":"available"}"#)
        #expect(other.status == 403)
        #expect(other.error == "forbidden")
        #expect(await live.center.status(ofAgent: 0) == .offline)

        let (chat, _) = try await live.createChat("sales")
        let (_, otherToken) = try await live.createChat("sales")
        let noChatToken = try await live.request(.POST, "/v1/chats/\(chat)/messages", body: #"{"text":"hi"}"#)
        #expect(noChatToken.status == 401)
        let wrongChat = try await live.request(.POST, "/v1/chats/\(chat)/end", token: otherToken)
        #expect(wrongChat.status == 403)
        let agentOnCustomerEndpoint = try await live.request(.POST, "/v1/chats/\(chat)/end", token: live.token("desk-1"))
        #expect(agentOnCustomerEndpoint.status == 403)
        let anonymousAccept = try await live.request(.POST, "/v1/offers/\(chat)/accept")
        #expect(anonymousAccept.status == 401)
        try await live.stop()
    }

    @Test func engineRefusalsAre409WithTheErrorsName() async throws {
        let live = try await LiveHarness.start()
        let (chat, _) = try await live.createChat("sales")
        try await live.setStatus("desk-1", "available")
        let notMine = try await live.request(.POST, "/v1/offers/\(chat)/accept", token: live.token("desk-2"))
        #expect(notMine.status == 409)
        #expect(notMine.error == "notOfferedTo")
        let rona = try await live.request(.PUT, "/v1/agents/desk-1/status", token: live.token("desk-1"), body: #"{"status":"rona"}"#)
        #expect(rona.status == 409)
        #expect(rona.error == "invalidStatusChange")
        let notOwner = try await live.request(.POST, "/v1/chats/\(chat)/handled", token: live.token("desk-2"))
        #expect(notOwner.status == 409)
        let next = try await live.request(.POST, "/v1/agents/desk-2/next", token: live.token("desk-2"))
        #expect(next.status == 409)
        #expect(next.error == "notAvailable")

        // A queue with wrap-up reasons refuses to close without one, and refuses unknown ones.
        let (support, _) = try await live.createChat("support")   // rung to desk-1, the one available member
        try await live.request(.POST, "/v1/offers/\(support)/accept", token: live.token("desk-1")).expectStatus(204)
        let noReason = try await live.request(.POST, "/v1/chats/\(support)/handled", token: live.token("desk-1"))
        #expect(noReason.status == 409)
        #expect(noReason.error == "wrapUpReasonRequired")
        let unknownReason = try await live.request(.POST, "/v1/chats/\(support)/wrap-up", token: live.token("desk-1"),
                                                   body: #"{"reasons":["lunch"]}"#)
        #expect(unknownReason.status == 409)
        #expect(unknownReason.error == "unknownWrapUpReason")
        try await live.stop()
    }

    @Test func anOversizedBodyIs413() async throws {
        let live = try await LiveHarness.start(maxBodyBytes: 1024)
        let text = String(repeating: "a", count: 2000)
        let reply = try await live.request(.POST, "/v1/chats", body: #"{"queue":"sales","contact":"\#(text)"}"#)
        #expect(reply.status == 413)
        #expect(reply.error == "bodyTooLarge")
        #expect(try await live.request(.POST, "/v1/chats", body: #"{"queue":"sales"}"#).status == 201)
        try await live.stop()
    }

    @Test func aConnectionOverItsRateIs429AndOthersAreNot() async throws {
        let live = try await LiveHarness.start(requestsPerSecond: 2)
        var replies: [LiveHarness.Reply] = []
        for _ in 0..<12 { replies.append(try await live.request(.GET, "/healthz")) }
        #expect(replies.first?.status == 200)
        let refused = replies.filter { $0.status == 429 }
        #expect(!refused.isEmpty)
        #expect(refused.allSatisfy { $0.error == "rateLimited" })
        #expect(replies.allSatisfy { $0.status == 200 || $0.status == 429 })
        // Another connection has a bucket of its own.
        let other = HTTPClient(eventLoopGroupProvider: .singleton)
        let fresh = try await other.execute(HTTPClientRequest(url: "http://127.0.0.1:\(live.port)/healthz"), timeout: .seconds(10))
        #expect(fresh.status.code == 200)
        try await other.shutdown()
        try await live.stop()
    }

    @Test func getNextPullsFromAManualQueue() async throws {
        let live = try await LiveHarness.start()
        try await live.setStatus("desk-1", "available")
        #expect(try await live.request(.POST, "/v1/agents/desk-1/next", token: live.token("desk-1")).status == 204)
        let (chat, _) = try await live.createChat("backlog")
        let next = try await live.request(.POST, "/v1/agents/desk-1/next", token: live.token("desk-1"))
        #expect(next.status == 200)
        #expect(next.body == #"{"chat":"\#(chat)"}"#)
        // Owned now: the owner may close it.
        #expect(try await live.request(.POST, "/v1/chats/\(chat)/handled", token: live.token("desk-1")).status == 204)
        try await live.stop()
    }

    @Test func takeAndRejectAndCustomerEnd() async throws {
        let live = try await LiveHarness.start()
        try await live.setStatus("desk-1", "available")
        let (rejected, _) = try await live.createChat("sales")
        #expect(try await live.request(.POST, "/v1/offers/\(rejected)/reject", token: live.token("desk-1")).status == 204)
        #expect(await live.center.status(ofAgent: 0) == .available)   // declining is not RONA
        // An away agent may still take a chat from its queue's list.
        let (offered, customer) = try await live.createChat("backlog")
        try await live.setStatus("desk-2", "away")
        #expect(try await live.request(.POST, "/v1/chats/\(offered)/take", token: live.token("desk-2")).status == 204)
        #expect(try await live.request(.POST, "/v1/chats/\(offered)/end", token: customer).status == 204)
        // The customer left an active chat: only closing remains.
        let reply = try await live.request(.POST, "/v1/chats/\(offered)/reply", token: live.token("desk-2"), body: #"{"text":"x"}"#)
        #expect(reply.status == 409)
        #expect(try await live.request(.POST, "/v1/chats/\(offered)/handled", token: live.token("desk-2")).status == 204)
        let metrics = try await live.request(.GET, "/metrics")
        #expect(metrics.body.contains(#"parley_chats_total{outcome="customer_ended"} 1"#))
        #expect(metrics.body.contains(#"parley_chats_total{outcome="handled"} 1"#))
        try await live.stop()
    }
}

extension LiveHarness.Reply {
    /// Fails the test unless the status is `status`.
    func expectStatus(_ status: Int, sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(self.status == status, "\(body)", sourceLocation: sourceLocation)
    }
}
