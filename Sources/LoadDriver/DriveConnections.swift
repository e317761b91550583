// SPDX-License-Identifier: GPL-3.0-or-later

import NIOCore
import NIOHTTP1
import NIOPosix
import Synchronization

/// The driver's own keep-alive HTTP/1.1 connections to a plain `http://host:port` service: one
/// request at a time on each, reused oldest-idle first so that the load spreads over all of them
/// (the service limits each connection's rate).
///
/// It stands in for async-http-client on the drive's hot path: per request that client parsed the
/// URL with Foundation, ran its pool's and its transaction's state machines and streamed the
/// response body through an async sequence (callgrind: most of the driver's instructions per
/// lifecycle). Here a request is one write of its head and body and one promise that the
/// connection's handler fulfils with the whole response.
final class DriveConnections: Sendable {
    /// A response: its status and body.
    struct Reply: Sendable {
        let status: Int
        let body: ByteBuffer?
    }

    /// What a connection's handler is asked to send.
    struct Outgoing: Sendable {
        let head: HTTPRequestHead
        let body: ByteBuffer?
        let promise: EventLoopPromise<Reply>
    }

    enum Failure: Error {
        case closed
        case timedOut
        case busy
        case tooLarge
    }

    let host: String
    let port: Int
    /// The `Host` header's value.
    let authority: String
    private let group: any EventLoopGroup
    /// Connections opened before any is reused (the service's per-connection rate limit is spread over them).
    let spread: Int
    /// Requests in flight past this many connections wait for one to come back.
    let limit: Int
    /// How long a request may wait for its response before it counts as unanswered.
    let timeout: TimeAmount

    private struct State {
        var idle: CircularBuffer<any Channel> = []
        var open = 0
        var waiting: CircularBuffer<CheckedContinuation<(any Channel)?, Never>> = []
        var closed = false
    }

    private let state = Mutex(State())

    /// Connections to `http://host:port`; nil for any other base URL (https, a path, …).
    init?(base: String, group: any EventLoopGroup = MultiThreadedEventLoopGroup.singleton, spread: Int = 16, limit: Int = 64,
          timeout: TimeAmount = .seconds(30)) {
        guard base.hasPrefix("http://") else { return nil }
        let authority = base.dropFirst("http://".count)
        guard let colon = authority.lastIndex(of: ":"), !authority.contains("/"), !authority.contains("@"),
              let port = Int(authority[authority.index(after: colon)...]), (1...65535).contains(port) else { return nil }
        let host = String(authority[..<colon])
        guard !host.isEmpty, !host.contains("[") else { return nil }
        self.host = host
        self.port = port
        self.authority = String(authority)
        self.group = group
        self.spread = spread
        self.limit = limit
        self.timeout = timeout
    }

    /// How many connections are open or opening.
    var openConnections: Int { state.withLock { $0.open } }

    deinit {
        for channel in state.withLock({ $0.idle }) { channel.close(promise: nil) }
    }

    /// Sends one request and waits for its whole response.
    func send(_ method: HTTPMethod, _ path: String, headers: HTTPHeaders, body: ByteBuffer?) async throws -> Reply {
        guard let channel = try await acquire() else { throw Failure.busy }
        var head = HTTPRequestHead(version: .http1_1, method: method, uri: path, headers: headers)
        head.headers.add(name: "Host", value: authority)
        if let body {
            head.headers.add(name: "Content-Length", value: String(body.readableBytes))
        } else if method == .POST || method == .PUT {
            head.headers.add(name: "Content-Length", value: "0")
        }
        let promise = channel.eventLoop.makePromise(of: Reply.self)
        // The handler takes the reply's promise and completes the write's at once; a write that never
        // reaches it (the connection closed meanwhile) fails the reply here, so no request waits forever.
        let written = channel.eventLoop.makePromise(of: Void.self)
        written.futureResult.whenFailure { promise.fail($0) }
        channel.writeAndFlush(Outgoing(head: head, body: body, promise: promise), promise: written)
        do {
            let reply = try await promise.futureResult.get()
            release(channel)
            return reply
        } catch {
            channel.close(promise: nil)
            release(nil)
            throw error
        }
    }

    /// An idle connection (the one idle longest), a new one while fewer than `spread` are open or
    /// none is idle under `limit`, else the next one given back.
    private func acquire() async throws -> (any Channel)? {
        enum Next { case reuse(any Channel), open, wait }
        let next: Next = state.withLock { state in
            if state.open >= spread || state.open >= limit, let channel = state.idle.popFirst() { return .reuse(channel) }
            if state.open < limit {
                state.open += 1
                return .open
            }
            return .wait
        }
        switch next {
        case .reuse(let channel):
            if channel.isActive { return channel }
            state.withLock { $0.open -= 1 }
            return try await acquire()
        case .open:
            do { return try await connect() } catch {
                release(nil)
                throw error
            }
        case .wait:
            return await withCheckedContinuation { continuation in
                let closed = state.withLock { state in
                    if state.closed { return true }
                    state.waiting.append(continuation)
                    return false
                }
                if closed { continuation.resume(returning: nil) }
            }
        }
    }

    /// Gives a connection back (nil: it closed; its place is free), to a waiting request first.
    private func release(_ channel: (any Channel)?) {
        enum Then { case none, hand(CheckedContinuation<(any Channel)?, Never>, any Channel), open(CheckedContinuation<(any Channel)?, Never>) }
        let then: Then = state.withLock { state in
            if let channel, channel.isActive {
                if let waiter = state.waiting.popFirst() { return .hand(waiter, channel) }
                state.idle.append(channel)
                return .none
            }
            if channel != nil { channel!.close(promise: nil) }
            if let waiter = state.waiting.popFirst() { return .open(waiter) }
            state.open -= 1
            return .none
        }
        switch then {
        case .none: break
        case .hand(let waiter, let channel): waiter.resume(returning: channel)
        case .open(let waiter):
            // The closed connection's place goes to the waiter, on a new connection.
            Task {
                let channel = try? await connect()
                if channel == nil { state.withLock { $0.open -= 1 } }
                waiter.resume(returning: channel)
            }
        }
    }

    private func connect() async throws -> any Channel {
        let timeout = self.timeout
        return try await ClientBootstrap(group: group)
            .channelOption(.socketOption(.tcp_nodelay), value: 1)
            .connectTimeout(timeout)
            .channelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    try channel.pipeline.syncOperations.addHTTPClientHandlers()
                    try channel.pipeline.syncOperations.addHandler(ReplyHandler(timeout: timeout))
                }
            }
            .connect(host: host, port: port)
            .get()
    }
}

/// Sends a connection's one request at a time and collects its response into a ``DriveConnections/Reply``.
///
/// A request unanswered for `timeout` fails and closes its connection; the check runs every sixth
/// of `timeout`, so it fails between `timeout` and 7/6 of it (a timer per request cost more).
private final class ReplyHandler: ChannelDuplexHandler {
    typealias InboundIn = HTTPClientResponsePart
    typealias OutboundIn = DriveConnections.Outgoing
    typealias OutboundOut = HTTPClientRequestPart

    /// The largest response body read (as async-http-client's `collect(upTo:)` before).
    static let maxBody = 1 << 20

    private let timeout: TimeAmount
    private var pending: EventLoopPromise<DriveConnections.Reply>?
    private var sentAt = NIODeadline.now()
    private var status = 0
    private var body: ByteBuffer?
    private var watch: RepeatedTask?

    init(timeout: TimeAmount) { self.timeout = timeout }

    func channelActive(context: ChannelHandlerContext) {
        let period = TimeAmount.nanoseconds(max(timeout.nanoseconds / 6, 1_000_000))
        let handler = NIOLoopBound(self, eventLoop: context.eventLoop)
        let bound = NIOLoopBound(context, eventLoop: context.eventLoop)
        watch = context.eventLoop.scheduleRepeatedTask(initialDelay: period, delay: period) { _ in
            handler.value.check(context: bound.value)
        }
        context.fireChannelActive()
    }

    private func check(context: ChannelHandlerContext) {
        guard let promise = pending, NIODeadline.now() - sentAt >= timeout else { return }
        pending = nil
        promise.fail(DriveConnections.Failure.timedOut)
        context.close(promise: nil)
    }

    func write(context: ChannelHandlerContext, data: NIOAny, promise: EventLoopPromise<Void>?) {
        let outgoing = unwrapOutboundIn(data)
        // The reply's promise is this handler's from here on: the write itself has done its part.
        promise?.succeed(())
        guard pending == nil, context.channel.isActive else {
            outgoing.promise.fail(DriveConnections.Failure.closed)
            return
        }
        pending = outgoing.promise
        sentAt = .now()
        status = 0
        body = nil
        context.write(wrapOutboundOut(.head(outgoing.head)), promise: nil)
        if let buffer = outgoing.body { context.write(wrapOutboundOut(.body(.byteBuffer(buffer))), promise: nil) }
        context.write(wrapOutboundOut(.end(nil)), promise: nil)
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        switch unwrapInboundIn(data) {
        case .head(let head):
            status = Int(head.status.code)
        case .body(var part):
            if body == nil { body = part } else { body!.writeBuffer(&part) }
            if body!.readableBytes > Self.maxBody {
                fail(DriveConnections.Failure.tooLarge)
                context.close(promise: nil)
            }
        case .end:
            guard pending != nil else { return }
            let reply = DriveConnections.Reply(status: status, body: body)
            body = nil
            let promise = pending
            pending = nil
            promise?.succeed(reply)
        }
    }

    func channelInactive(context: ChannelHandlerContext) {
        watch?.cancel()
        watch = nil
        fail(DriveConnections.Failure.closed)
        context.fireChannelInactive()
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        fail(error)
        context.close(promise: nil)
    }

    private func fail(_ error: any Error) {
        let promise = pending
        pending = nil
        promise?.fail(error)
    }
}
