// SPDX-License-Identifier: GPL-3.0-or-later

import Allocation
import Foundation
import Hummingbird
import HummingbirdWebSocket
import Logging
import NIOCore
import ServiceLifecycle
import UnixSignals

/// `parley serve`: the live center behind its HTTP and WebSocket API (SPEC §8).
///
/// Binds loopback by default. ``run(onListening:)`` serves until SIGINT or SIGTERM, then shuts
/// down gracefully: the center closes every event stream (their sockets close), the server stops
/// accepting and finishes the requests under way, and `run` returns so the caller can store the
/// session's summary and exit 0.
public struct LiveServer: Sendable {
    /// Where and how the server listens.
    public struct Configuration: Sendable {
        public var host: String
        /// 0: an ephemeral port, reported to `onListening`.
        public var port: Int
        /// The largest request body accepted; a larger one is 413.
        public var maxBodyBytes: Int
        /// Requests per second one connection may send (a burst of as many at once); more are 429.
        public var requestsPerSecond: Double

        public init(host: String = "127.0.0.1", port: Int = 8080, maxBodyBytes: Int = 64 * 1024,
                    requestsPerSecond: Double = 1000) {
            self.host = host
            self.port = port
            self.maxBodyBytes = maxBodyBytes
            self.requestsPerSecond = requestsPerSecond
        }
    }

    public let center: LiveCenter
    public let configuration: Configuration
    let logger: Logger

    public init(center: LiveCenter, configuration: Configuration = Configuration(), logger: Logger? = nil) {
        self.center = center
        self.configuration = configuration
        self.logger = logger ?? {
            var logger = Logger(label: "parley.serve")
            logger.logLevel = .warning
            return logger
        }()
    }

    /// The application: routes, WebSocket upgrades, the listening address.
    public func makeApplication(onListening: @escaping @Sendable (Int) async -> Void = { _ in })
        -> some ApplicationProtocol {
        let router = Router(context: LiveRequestContext.self)
        let routes = LiveRoutes(center: center, maxBodyBytes: configuration.maxBodyBytes,
                                requestsPerSecond: configuration.requestsPerSecond)
        routes.register(on: router)
        return Application(
            responder: LifecycleResponder(routes: routes, router: router.buildResponder()),
            server: .http1WebSocketUpgrade(webSocketRouter: router),
            configuration: ApplicationConfiguration(address: .hostname(configuration.host, port: configuration.port),
                                                    serverName: "parley"),
            onServerRunning: { channel in await onListening(channel.localAddress?.port ?? 0) },
            logger: logger)
    }

    /// Serves until SIGINT or SIGTERM (or the task is cancelled), then shuts down gracefully.
    ///
    /// `onListening` is called with the port once the server accepts connections.
    public func run(onListening: @escaping @Sendable (Int) async -> Void = { _ in }) async throws {
        try await makeServiceGroup(signals: [.sigterm, .sigint], onListening: onListening).run()
    }

    /// The server and the center's shutdown as one service group, shut down gracefully on `signals`
    /// or by ``ServiceGroup/triggerGracefulShutdown()``.
    public func makeServiceGroup(signals: [UnixSignal],
                                 onListening: @escaping @Sendable (Int) async -> Void = { _ in }) -> ServiceGroup {
        Allocator.settle
        let application = makeApplication(onListening: onListening)
        // Services shut down in reverse order: the center first, so that the event streams
        // end and their WebSocket handlers return before the server waits for its connections.
        return ServiceGroup(configuration: .init(
            services: [.init(service: application), .init(service: CenterService(center: center)),
                       .init(service: TrimService())],
            gracefulShutdownSignals: signals,
            logger: logger))
    }
}

/// Runs beside the server to close the center's event streams when a graceful shutdown begins.
struct CenterService: Service {
    let center: LiveCenter

    func run() async throws {
        try? await gracefulShutdown()
        await center.shutDown()
    }
}

/// Every 10 s gives the allocator's freed pages back to the system, so that the server's resident
/// size follows what it holds, not its busiest moment so far (``Allocator``); ends on shutdown.
struct TrimService: Service {
    func run() async throws {
        try? await cancelWhenGracefulShutdown {
            while !Task.isCancelled {
                try await Task.sleep(for: .seconds(10))
                Allocator.returnFreePages()
            }
        }
    }
}
