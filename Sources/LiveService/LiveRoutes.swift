// SPDX-License-Identifier: GPL-3.0-or-later

import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdWebSocket
import NIOCore
import NIOWebSocket
import ConversationServices
import RoutingCore

/// The HTTP and WebSocket endpoints of SPEC §8, each a thin call into the ``LiveCenter``.
///
/// Authentication: an agent's requests carry `Authorization: Bearer <agent token>`; a customer's
/// requests about its chat carry the chat's token, returned when the chat was created. WebSocket
/// clients that cannot set headers may pass the token as `?token=`. No token: 401; a token that
/// is not the agent's or chat's: 403 (an agent token nobody holds: 401).
struct LiveRoutes: Sendable {
    let center: LiveCenter
    let maxBodyBytes: Int
    /// The per-connection rate limit, shared by the router's requests and ``LifecycleResponder``'s.
    let rateLimit: ConnectionRateLimit

    typealias Context = LiveRequestContext

    init(center: LiveCenter, maxBodyBytes: Int, requestsPerSecond: Double) {
        self.center = center
        self.maxBodyBytes = maxBodyBytes
        rateLimit = ConnectionRateLimit(buckets: TokenBuckets(ratePerSecond: requestsPerSecond, burst: requestsPerSecond))
    }

    func register(on router: Router<Context>) {
        router.add(middleware: rateLimit)
        router.add(middleware: MethodCheck(document: OpenAPIDocument.bytes))
        // `time`: engine time now (µs on the service's monotonic clock since start), the clock the events'
        // `at` is read on; a driver pairs it with its own clock to measure the events' delivery lag.
        router.get("/healthz") { _, _ in
            JSONValue.object([("status", .string("ok")), ("time", .int(center.now().microseconds))]).response(status: .ok)
        }
        router.get("/openapi.json") { _, _ in
            var headers = HTTPFields()
            headers[.contentType] = "application/json"
            return Response(status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: OpenAPIDocument.bytes)))
        }
        router.get("/metrics") { _, _ in
            var headers = HTTPFields()
            headers[.contentType] = "text/plain; version=0.0.4"
            return Response(status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(string: await center.metricsText())))
        }
        router.get("/v1/queues") { _, _ in await center.queuesDocument().response(status: .ok) }
        registerCustomers(on: router)
        registerAgents(on: router)
        registerChatWork(on: router)
    }

    // MARK: Customers

    private func registerCustomers(on router: Router<Context>) {
        router.post("/v1/chats") { request, _ in try await createChat(request) }
        router.post("/v1/chats/:id/messages") { request, context in
            let number = try chatNumber(context)
            let token = try bearer(request)
            let body = try await readBody(request, allowed: ["text"])
            let delivery = try await center.customerMessage(number, token: token, text: try body.string("text"))
            return deliveryResponse(delivery)
        }
        router.post("/v1/chats/:id/end") { request, context in try await endChat(request, id: context.parameters.get("id") ?? "") }
        router.ws("/v1/chats/:id/events", shouldUpgrade: { request, context in
            let number = try chatNumber(context)
            _ = try await center.customerChat(number, token: try bearer(request))
            return .upgrade([:])
        }, onUpgrade: { inbound, outbound, context in
            guard let number = try? chatNumber(context.requestContext), let token = try? bearer(context.request),
                  let (id, events) = try? await center.subscribeChat(number, token: token, onDrop: { [channel = context.requestContext.channel] in
                      channel.close(promise: nil)
                  }) else { return }
            try await pump(events, inbound: inbound, outbound: outbound) { await center.unsubscribeChat(number, id: id) }
        })
    }

    // MARK: Agents

    private func registerAgents(on router: Router<Context>) {
        router.put("/v1/agents/:name/status") { request, context in
            let a = try agentInPath(request, context)
            let body = try await readBody(request, allowed: ["status"])
            let status = try body.choice("status", [("available", AgentStatus.available), ("away", .away),
                                                    ("offline", .offline), ("rona", .rona)])
            try await center.setStatus(agent: a, to: status)
            return JSONValue.object([("agent", .string(center.agentNames[a])),
                                     ("status", .string(await center.status(ofAgent: a).name))]).response(status: .ok)
        }
        router.post("/v1/agents/:name/next") { request, context in
            let a = try agentInPath(request, context)
            _ = try await readBody(request, allowed: [])
            guard let chat = try await center.next(agent: a) else { return Response(status: .noContent) }
            return JSONValue.object([("chat", .string(chat))]).response(status: .ok)
        }
        router.ws("/v1/agents/:name/events", shouldUpgrade: { request, context in
            _ = try agentInPath(request, context)
            return .upgrade([:])
        }, onUpgrade: { inbound, outbound, context in
            guard let a = try? agentInPath(context.request, context.requestContext) else { return }
            let channel = context.requestContext.channel
            let (id, events) = await center.subscribeAgent(a) { channel.close(promise: nil) }
            try await pump(events, inbound: inbound, outbound: outbound) { await center.unsubscribeAgent(a, id: id) }
        })
        router.post("/v1/offers/:id/accept") { request, context in try await accept(request, id: context.parameters.get("id") ?? "") }
        router.post("/v1/offers/:id/reject") { request, context in
            let (number, a) = try chatAndAgent(request, context)
            _ = try await readBody(request, allowed: [])
            try await center.reject(number, agent: a)
            return Response(status: .noContent)
        }
    }

    private func registerChatWork(on router: Router<Context>) {
        router.post("/v1/chats/:id/take") { request, context in
            let (number, a) = try chatAndAgent(request, context)
            _ = try await readBody(request, allowed: [])
            try await center.take(number, agent: a)
            return Response(status: .noContent)
        }
        router.post("/v1/chats/:id/reply") { request, context in try await reply(request, id: context.parameters.get("id") ?? "") }
        router.post("/v1/chats/:id/transfer") { request, context in
            let (number, a) = try chatAndAgent(request, context)
            let body = try await readBody(request, allowed: ["queue", "agent"])
            try await center.transfer(number, agent: a, toQueue: try body.optionalString("queue"),
                                      toAgent: try body.optionalString("agent"))
            return Response(status: .noContent)
        }
        router.post("/v1/chats/:id/invite") { request, context in
            let (number, a) = try chatAndAgent(request, context)
            let body = try await readBody(request, allowed: ["agent"])
            try await center.invite(number, agent: a, invitee: try body.string("agent"))
            return Response(status: .noContent)
        }
        router.post("/v1/chats/:id/handled") { request, context in try await markHandled(request, id: context.parameters.get("id") ?? "") }
        router.post("/v1/chats/:id/unhandled") { request, context in
            let (number, a) = try chatAndAgent(request, context)
            _ = try await readBody(request, allowed: [])
            try await center.leaveUnhandled(number, agent: a)
            return Response(status: .noContent)
        }
        router.post("/v1/chats/:id/wrap-up") { request, context in
            let (number, a) = try chatAndAgent(request, context)
            let body = try await readBody(request, allowed: ["reasons"])
            try await center.wrapUp(number, agent: a, reasons: try body.strings("reasons"))
            return Response(status: .noContent)
        }
    }

    // MARK: The endpoints of a chat's lifecycle (also answered by ``LifecycleResponder`` without the router)

    /// `POST /v1/chats`.
    func createChat(_ request: Request) async throws -> Response {
        let body = try await readBody(request, allowed: ["queue", "channel", "language", "contact"])
        let channel = try body.choice("channel", [("live_chat", Channel.liveChat), ("whatsapp", .whatsapp),
                                                  ("facebook", .facebook), ("sms", .sms)], default: .liveChat)
        let chat = try await center.createChat(queue: try body.string("queue"), channel: channel,
                                               language: try body.optionalString("language"),
                                               contact: try body.optionalString("contact"))
        let replies = chat.autoReplies.map { JSONValue.object([("trigger", .string($0.trigger.rawValue)), ("text", .string($0.text))]) }
        return JSONValue.object([("id", .string(chat.id)), ("token", .string(chat.token)),
                                 ("state", .string(chat.state)), ("auto_replies", .array(replies))]).response(status: .created)
    }

    /// `POST /v1/chats/{id}/end`.
    func endChat(_ request: Request, id: String) async throws -> Response {
        let number = try chatNumber(id)
        let token = try bearer(request)
        _ = try await readBody(request, allowed: [])
        try await center.customerEnd(number, token: token)
        return Response(status: .noContent)
    }

    /// `POST /v1/offers/{id}/accept`.
    func accept(_ request: Request, id: String) async throws -> Response {
        let (number, a) = try chatAndAgent(request, id: id)
        _ = try await readBody(request, allowed: [])
        try await center.accept(number, agent: a)
        return Response(status: .noContent)
    }

    /// `POST /v1/chats/{id}/reply`.
    func reply(_ request: Request, id: String) async throws -> Response {
        let (number, a) = try chatAndAgent(request, id: id)
        let body = try await readBody(request, allowed: ["text"])
        return deliveryResponse(try await center.reply(number, agent: a, text: try body.string("text")))
    }

    /// `POST /v1/chats/{id}/handled`.
    func markHandled(_ request: Request, id: String) async throws -> Response {
        let (number, a) = try chatAndAgent(request, id: id)
        let body = try await readBody(request, allowed: ["reasons"])
        let reasons = try body.strings("reasons")
        try await center.markHandled(number, agent: a, reasons: reasons.isEmpty ? nil : reasons)
        return Response(status: .noContent)
    }

    // MARK: Helpers

    /// The request's body as a strict JSON object; 413 past the limit.
    ///
    /// The body's parts are read straight into one buffer (the first part kept as it is), and the
    /// object is read from the buffer's bytes without a copy.
    private func readBody(_ request: Request, allowed: [String]) async throws -> RequestBody {
        if let length = request.headers[.contentLength].flatMap(Int.init), length > maxBodyBytes {
            throw LiveError.bodyTooLarge(maxBodyBytes)
        }
        var collected: ByteBuffer?
        for try await part in request.body {
            let size = (collected?.readableBytes ?? 0) + part.readableBytes
            guard size <= maxBodyBytes else { throw LiveError.bodyTooLarge(maxBodyBytes) }
            if collected == nil {
                collected = part
            } else {
                collected!.writeImmutableBuffer(part)
            }
        }
        guard let collected else { return try RequestBody(UnsafeRawBufferPointer(start: nil, count: 0), allowed: allowed) }
        return try collected.withUnsafeReadableBytes { bytes in try RequestBody(bytes, allowed: allowed) }
    }

    /// The bearer token of a request (header, or `?token=` for WebSocket clients); 401 without one.
    private func bearer(_ request: Request) throws(LiveError) -> String {
        if let header = request.headers[.authorization] {
            if let token = Self.plainBearer(header) { return token }
            let parts = header.split(separator: " ", maxSplits: 1)
            guard parts.count == 2, parts[0].lowercased() == "bearer", !parts[1].isEmpty else { throw .missingToken }
            return String(parts[1])
        }
        if let token = request.uri.queryParameters.get("token"), !token.isEmpty { return token }
        throw .missingToken
    }

    /// The token of the usual header, `Bearer ` (any case) then a token starting with a printable
    /// ASCII character other than a space, read from its bytes; nil for any other header, which
    /// ``bearer(_:)`` splits as before (the same token whenever this finds one).
    static func plainBearer(_ header: String) -> String? {
        let utf8 = header.utf8
        guard utf8.count > 7 else { return nil }
        var i = utf8.startIndex
        for expected in "bearer".utf8 {
            guard utf8[i] | 0x20 == expected else { return nil }
            i = utf8.index(after: i)
        }
        guard utf8[i] == UInt8(ascii: " ") else { return nil }
        i = utf8.index(after: i)
        guard utf8[i] > 0x20, utf8[i] < 0x7F else { return nil }
        return String(header[i...])
    }

    /// The agent whose token the request carries; 401 when none does.
    private func tokenAgent(_ request: Request) throws(LiveError) -> Int {
        guard let a = center.agent(holding: try bearer(request)) else { throw .unknownToken }
        return a
    }

    /// The agent named in the path, which must be the token's; 404 for an unknown name, 403 for another agent's token.
    private func agentInPath(_ request: Request, _ context: Context) throws(LiveError) -> Int {
        let a = try tokenAgent(request)
        let name = context.parameters.get("name") ?? ""
        guard let named = center.agentIndex(named: name) else { throw LiveError.notFound("agent", name) }
        guard named == a else { throw LiveError.forbidden("the token is not agent '\(name)''s") }
        return a
    }

    /// The chat number in the path and the agent of the token.
    private func chatAndAgent(_ request: Request, _ context: Context) throws(LiveError) -> (UInt64, Int) {
        try chatAndAgent(request, id: context.parameters.get("id") ?? "")
    }

    /// The number of chat `id` (the path's) and the agent of the token.
    private func chatAndAgent(_ request: Request, id: String) throws(LiveError) -> (UInt64, Int) {
        let a = try tokenAgent(request)
        return (try chatNumber(id), a)
    }

    /// The number of a `c<number>` chat id in the path; 404 for anything else.
    private func chatNumber(_ context: Context) throws(LiveError) -> UInt64 {
        try chatNumber(context.parameters.get("id") ?? "")
    }

    /// The number of a `c<number>` chat id; 404 for anything else.
    private func chatNumber(_ id: String) throws(LiveError) -> UInt64 {
        guard id.first == "c", let number = UInt64(id.dropFirst()), number > 0 else { throw LiveError.notFound("chat", id) }
        return number
    }

    private func deliveryResponse(_ delivery: LiveCenter.Delivery) -> Response {
        JSONValue.object([("pci", .string(delivery.pci)), ("delivered", .int(Int64(delivery.delivered)))])
            .response(status: .accepted)
    }

    /// Writes a stream's events to a WebSocket until the stream ends (shutdown, a client too slow,
    /// or `closed` called when the client closes); what the client sends is read and ignored.
    ///
    /// The reader is a task of its own rather than a child of this call: once the stream ends the
    /// handler returns at once and the socket closes, without waiting for the client's next frame.
    private func pump(_ events: AsyncStream<ByteBuffer>, inbound: WebSocketInboundStream, outbound: WebSocketOutboundWriter,
                      closed: @escaping @Sendable () async -> Void) async throws {
        let reader = Task {
            do { for try await _ in inbound {} } catch {}
            await closed()
        }
        defer { reader.cancel() }
        // Each event is already the bytes of its text frame: written as they are, not copied from a string.
        for await text in events { try await outbound.write(.custom(WebSocketFrame(fin: true, opcode: .text, data: text))) }
    }
}
