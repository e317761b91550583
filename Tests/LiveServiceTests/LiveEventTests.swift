// SPDX-License-Identifier: GPL-3.0-or-later

import Foundation
import NIOCore
import NIOPosix
import Scenarios
import Testing
@testable import LiveService

/// What agents and customers see over their WebSockets, as the engine's tests expect it.
@Suite struct LiveEventTests {
    /// The `type` of each event.
    static func types(_ events: [[String: Any]]) -> [String] { events.map { $0["type"] as? String ?? "?" } }

    @Test func anUnansweredOfferIsRONAOverTheAgentsWebSocket() async throws {
        let live = try await LiveHarness.start()
        let chat = ChatBox()
        let events = try await live.agentEvents("desk-1", until: { $0["type"] as? String == "status" && $0["status"] as? String == "rona" }) {
            try await live.setStatus("desk-1", "available")
            chat.id = try await live.createChat("hotline").id
        }
        // Nobody calls the engine after the offer: the timer fires the 300 ms offer timeout.
        #expect(Self.types(events) == ["status", "offer", "rona", "status"])
        #expect(events[1]["offer"] as? String == chat.id)
        #expect(events[1]["queue"] as? String == "hotline")
        #expect(events[1]["channel"] as? String == "live_chat")
        #expect(events[2]["offer"] as? String == chat.id)
        #expect(await live.center.status(ofAgent: 0) == .rona)
        let queues = try await live.request(.GET, "/v1/queues")
        #expect(queues.body.contains(#"{"name":"hotline","strategy":"longest_idle","waiting":1,"unanswered":1"#))
        // Back to available by its own command, the agent is offered the chat again (its original position).
        let again = try await live.agentEvents("desk-1", until: { $0["type"] as? String == "offer" }) {
            try await live.setStatus("desk-1", "available")
        }
        #expect(Self.types(again) == ["status", "offer"])
        #expect(again[1]["offer"] as? String == chat.id)
        try await live.stop()
    }

    @Test func messagesPassThePCIFilterBothWays() async throws {
        let live = try await LiveHarness.start()
        try await live.setStatus("desk-1", "available")
        let (chat, customer) = try await live.createChat("sales")
        try await live.request(.POST, "/v1/offers/\(chat)/accept", token: live.token("desk-1")).expectStatus(204)
        let number = UInt64(chat.dropFirst())!
        let card = "4111 1111 1111 1111"
        let customerSide = try await live.events(path: "/v1/chats/\(chat)/events", token: customer,
                                                 isSubscribed: { await $0.chatStreamCount(number) > 0 },
                                                 until: { $0["type"] as? String == "message" }) {
            let agentSide = try await live.agentEvents("desk-1", until: { $0["type"] as? String == "message" }) {
                let sent = try await live.request(.POST, "/v1/chats/\(chat)/messages", token: customer,
                                                  body: #"{"text":"my card is \#(card)"}"#)
                #expect(sent.body == #"{"pci":"redacted","delivered":1}"#)
            }
            #expect(agentSide.last?["text"] as? String == "my card is **** **** **** 1111")
            #expect(agentSide.last?["from"] as? String == "customer")
            let reply = try await live.request(.POST, "/v1/chats/\(chat)/reply", token: live.token("desk-1"),
                                               body: #"{"text":"read back: 5555-5555-5555-4444"}"#)
            #expect(reply.json["pci"] as? String == "redacted")
        }
        #expect(customerSide.last?["text"] as? String == "read back: ****-****-****-4444")
        #expect(customerSide.last?["from"] as? String == "desk-1")

        // A queue whose policy is drop delivers nothing.
        let (billing, billingToken) = try await live.createChat("billing")
        try await live.request(.POST, "/v1/offers/\(billing)/accept", token: live.token("desk-1")).expectStatus(204)
        let dropped = try await live.request(.POST, "/v1/chats/\(billing)/messages", token: billingToken,
                                             body: #"{"text":"\#(card)"}"#)
        #expect(dropped.body == #"{"pci":"dropped","delivered":0}"#)
        let metrics = try await live.request(.GET, "/metrics")
        #expect(metrics.body.contains(#"parley_messages_total{pci="dropped"} 1"#))
        #expect(!metrics.body.contains("1111 1111") && !metrics.body.contains("4111"))
        try await live.stop()
    }

    @Test func transferToAnAgentIsAnOfferAndTheFormerOwnerLosesAccess() async throws {
        let live = try await LiveHarness.start()
        try await live.setStatus("desk-1", "available")
        let (chat, _) = try await live.createChat("sales")
        try await live.request(.POST, "/v1/offers/\(chat)/accept", token: live.token("desk-1")).expectStatus(204)
        let events = try await live.agentEvents("desk-2", until: { $0["type"] as? String == "accepted" }) {
            try await live.setStatus("desk-2", "available")
            try await live.request(.POST, "/v1/chats/\(chat)/transfer", token: live.token("desk-1"),
                                   body: #"{"agent":"desk-2"}"#).expectStatus(204)
            try await live.request(.POST, "/v1/offers/\(chat)/accept", token: live.token("desk-2")).expectStatus(204)
        }
        #expect(Self.types(events) == ["status", "offer", "accepted"])
        let former = try await live.request(.POST, "/v1/chats/\(chat)/reply", token: live.token("desk-1"), body: #"{"text":"x"}"#)
        #expect(former.status == 409)
        #expect(former.error == "notOwner")
        // Transfer to a queue: back in line there.
        try await live.request(.POST, "/v1/chats/\(chat)/transfer", token: live.token("desk-2"),
                               body: #"{"queue":"backlog"}"#).expectStatus(204)
        let queues = try await live.request(.GET, "/v1/queues")
        #expect(queues.body.contains(#"{"name":"backlog","strategy":"manual","waiting":1"#))
        let both = try await live.request(.POST, "/v1/chats/\(chat)/transfer", token: live.token("desk-2"),
                                          body: #"{"queue":"backlog","agent":"desk-1"}"#)
        #expect(both.status == 400)
        try await live.stop()
    }

    @Test func aConferenceInvitationIsAcceptedAndBothSeeTheCustomer() async throws {
        let live = try await LiveHarness.start()
        try await live.setStatus("desk-1", "available")
        try await live.setStatus("desk-2", "available")
        let (chat, customer) = try await live.createChat("backlog")
        try await live.request(.POST, "/v1/chats/\(chat)/take", token: live.token("desk-1")).expectStatus(204)
        let events = try await live.agentEvents("desk-2", until: { $0["type"] as? String == "message" }) {
            try await live.request(.POST, "/v1/chats/\(chat)/invite", token: live.token("desk-1"),
                                   body: #"{"agent":"desk-2"}"#).expectStatus(204)
            try await live.request(.POST, "/v1/offers/\(chat)/accept", token: live.token("desk-2")).expectStatus(204)
            let sent = try await live.request(.POST, "/v1/chats/\(chat)/messages", token: customer, body: #"{"text":"hello both"}"#)
            #expect(sent.body == #"{"pci":"clean","delivered":2}"#)
        }
        #expect(Self.types(events) == ["invitation", "joined_conference", "message"])
        #expect(events[1]["agent"] as? String == "desk-2")
        try await live.stop()
    }

    @Test func aContactWhoseChatWasLeftOpenComesBackToTheSameAgent() async throws {
        let live = try await LiveHarness.start()
        try await live.setStatus("desk-2", "available")
        try await live.setStatus("desk-1", "available")   // desk-2 has been idle longer
        let (first, _) = try await live.createChat("sales", contact: "alice")
        try await live.request(.POST, "/v1/offers/\(first)/accept", token: live.token("desk-2")).expectStatus(204)
        let (other, _) = try await live.createChat("sales", contact: "bob")
        try await live.request(.POST, "/v1/offers/\(other)/accept", token: live.token("desk-1")).expectStatus(204)
        try await live.request(.POST, "/v1/chats/\(first)/unhandled", token: live.token("desk-2")).expectStatus(204)
        try await live.request(.POST, "/v1/chats/\(other)/handled", token: live.token("desk-1")).expectStatus(204)
        // desk-1 is now idle longest, yet alice's new chat goes to desk-2, who left her last chat open.
        let box = ChatBox()
        let events = try await live.agentEvents("desk-2", until: { $0["type"] as? String == "offer" }) {
            box.id = try await live.createChat("sales", contact: "alice").id
        }
        #expect(events.last?["offer"] as? String == box.id)
        try await live.stop()
    }

    @Test func aLiveChatVisitorWithNobodyAvailableGetsTheOfflineFormAndOthersTheFirstMessage() async throws {
        let live = try await LiveHarness.start()
        let created = try await live.request(.POST, "/v1/chats", body: #"{"queue":"web"}"#)
        #expect(created.status == 201)
        #expect(created.json["state"] as? String == "offline_form")
        #expect(created.body.hasSuffix(#","state":"offline_form","auto_replies":[{"trigger":"offline_form","text":"Thanks, we answer tomorrow."}]}"#))
        let greeted = try await live.request(.POST, "/v1/chats", body: #"{"queue":"support","contact":"Ada"}"#)
        #expect(greeted.body.hasSuffix(#""auto_replies":[{"trigger":"first_message","text":"Hello Ada, support is with you shortly."}]}"#))
        let metrics = try await live.request(.GET, "/metrics")
        #expect(metrics.body.contains(#"parley_chats_total{outcome="offline_form"} 1"#))
        // WhatsApp chats always queue.
        let whatsapp = try await live.request(.POST, "/v1/chats", body: #"{"queue":"web","channel":"whatsapp"}"#)
        #expect(whatsapp.json["state"] as? String == "queued")
        try await live.stop()
    }

    @Test func wrapUpTellsTheCustomerAndHandledUsesItsReasons() async throws {
        let live = try await LiveHarness.start()
        try await live.setStatus("desk-1", "available")
        let (chat, customer) = try await live.createChat("support")
        try await live.request(.POST, "/v1/offers/\(chat)/accept", token: live.token("desk-1")).expectStatus(204)
        let number = UInt64(chat.dropFirst())!
        let events = try await live.events(path: "/v1/chats/\(chat)/events?token=\(customer)", token: customer,
                                           isSubscribed: { await $0.chatStreamCount(number) > 0 },
                                           until: { $0["type"] as? String == "handled" }) {
            try await live.request(.POST, "/v1/chats/\(chat)/wrap-up", token: live.token("desk-1"),
                                   body: #"{"reasons":["solved"]}"#).expectStatus(204)
            let late = try await live.request(.POST, "/v1/chats/\(chat)/reply", token: live.token("desk-1"), body: #"{"text":"x"}"#)
            #expect(late.error == "wrappingUp")
            try await live.request(.POST, "/v1/chats/\(chat)/handled", token: live.token("desk-1")).expectStatus(204)
        }
        #expect(Self.types(events) == ["wrap_up", "auto_reply", "auto_reply", "handled"])
        #expect(events[1]["trigger"] as? String == "resolved")
        #expect(events[1]["text"] as? String == "Glad we could help.")
        #expect(events[2]["trigger"] as? String == "rating_request")
        #expect(events[2]["text"] as? String == "How did desk-1 do?")
        try await live.stop()
    }

    @Test func aClientThatStopsReadingIsDroppedNotBuffered() async throws {
        let scenario = try Scenarios.ScenarioLoader.load(yaml: LiveHarness.yaml, file: "live-test.yaml")
        let center = try LiveCenter(scenario: scenario, eventBufferLimit: 4)
        let (_, stream) = await center.subscribeAgent(0)
        for _ in 0..<5 {
            try await center.setStatus(agent: 0, to: .available)
            try await center.setStatus(agent: 0, to: .away)
        }
        #expect(await center.agentStreamCount(0) == 0)
        #expect(center.metrics.text().contains("parley_event_streams_dropped_total 1"))
        var received = 0
        for await _ in stream { received += 1 }   // ends: the stream was finished when it overflowed
        #expect(received == 4)
    }

    /// Over a real socket: a client that upgrades and then never reads. Once the kernel's and
    /// the server's write buffers are full the stream's bounded buffer fills, the stream is
    /// dropped (counted) and the connection closed, however many more events the agent gets.
    @Test func aWebSocketClientThatNeverReadsIsDroppedAndItsConnectionClosed() async throws {
        let live = try await LiveHarness.start(eventBufferLimit: 64)
        let channel = try await ClientBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .channelOption(ChannelOptions.autoRead, value: false)
            .channelOption(ChannelOptions.socketOption(.so_rcvbuf), value: 4096)
            .connect(host: "127.0.0.1", port: live.port).get()
        let upgrade = "GET /v1/agents/desk-1/events HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
            + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n"
            + "Authorization: Bearer \(live.token("desk-1"))\r\n\r\n"
        try await channel.writeAndFlush(ByteBuffer(string: upgrade)).get()
        let deadline = ContinuousClock.now + .seconds(20)
        while await live.center.agentStreamCount(0) == 0, ContinuousClock.now < deadline { try await Task.sleep(for: .milliseconds(5)) }
        #expect(await live.center.agentStreamCount(0) == 1)
        var sent = 0
        while await live.center.agentStreamCount(0) > 0, sent < 400_000 {
            try await live.center.setStatus(agent: 0, to: sent % 2 == 0 ? .available : .away)
            sent += 1
            if sent % 256 == 0 { await Task.yield() }
        }
        #expect(await live.center.agentStreamCount(0) == 0)
        #expect(live.center.metrics.text().contains("parley_event_streams_dropped_total 1"))
        // What was held for the client is bounded: 64 events, the server's write buffer and the socket's.
        #expect(sent > 64 && sent < 50_000, "\(sent) events sent before the drop")
        // The server closed the connection: reading now drains what was sent and meets its end.
        // The client may have seen the close already (a reset needs no read), and then the
        // channel refuses the option: that is the same outcome.
        do {
            try await channel.setOption(ChannelOptions.autoRead, value: true).get()
        } catch ChannelError.ioOnClosedChannel {}
        let closed = try await withThrowingTaskGroup(of: Bool.self) { group in
            group.addTask { try await channel.closeFuture.get(); return true }
            group.addTask { try await Task.sleep(for: .seconds(20)); return false }
            defer { group.cancelAll() }
            return try await group.next()!
        }
        #expect(closed)
        try await live.stop()
    }

    @Test func gracefulShutdownClosesTheEventStreamsAndStops() async throws {
        let live = try await LiveHarness.start()
        let events = try await live.agentEvents("desk-1", until: { _ in false }) {
            try await live.setStatus("desk-1", "available")
            try await live.stop()   // the stream ends, so the WebSocket closes and the collection ends
        }
        #expect(Self.types(events) == ["status"])
        // A new connection is refused: nothing listens any more.
        await #expect(throws: (any Error).self) {
            _ = try await ClientBootstrap(group: MultiThreadedEventLoopGroup.singleton).connect(host: "127.0.0.1", port: live.port).get()
        }
        let refused = await #expect(throws: LiveError.self) { try await live.center.setStatus(agent: 0, to: .away) }
        #expect(refused?.name == "shuttingDown")
    }
}

/// A chat id written by a test's action and read after it.
final class ChatBox: @unchecked Sendable {
    private let lock = NSLock()
    private var value = ""
    var id: String {
        get { lock.withLock { value } }
        set { lock.withLock { value = newValue } }
    }
}
