// SPDX-License-Identifier: GPL-3.0-or-later

import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1

/// The driver's HTTP side: one request to the service, timed from its intended start and counted.
///
/// Requests to a plain `http://host:port` service go over the driver's own keep-alive connections
/// (``DriveConnections``); to any other base URL through async-http-client.
struct DriveClient: Sendable {
    let http: HTTPClient
    /// `http://host:port`, without a trailing slash.
    let base: String
    let recorder: DriveRecorder
    /// The driver's own connections to `base` (nil: `base` is not a plain `http://host:port`).
    let connections: DriveConnections?

    init(http: HTTPClient, base: String, recorder: DriveRecorder) {
        self.http = http
        self.base = base
        self.recorder = recorder
        connections = DriveConnections(base: base)
    }

    /// Sends a request and returns its status and body (status 0: no answer); `route` names the
    /// endpoint's latency histogram (`POST /v1/chats`).
    func send(_ method: HTTPMethod, _ path: String, route: String, token: String? = nil, body: String? = nil,
              intended: ContinuousClock.Instant = .now) async -> (status: Int, body: String) {
        var status = 0
        var text = ""
        if let connections {
            var headers = HTTPHeaders()
            if let token { headers.add(name: "Authorization", value: "Bearer \(token)") }
            if body != nil { headers.add(name: "Content-Type", value: "application/json") }
            if let reply = try? await connections.send(method, path, headers: headers, body: body.map { ByteBuffer(string: $0) }) {
                status = reply.status
                text = reply.body.map { String(buffer: $0) } ?? ""
            }
        } else {
            var request = HTTPClientRequest(url: base + path)
            request.method = method
            if let token { request.headers.add(name: "Authorization", value: "Bearer \(token)") }
            if let body {
                request.headers.add(name: "Content-Type", value: "application/json")
                request.body = .bytes(ByteBuffer(string: body))
            }
            do {
                let response = try await http.execute(request, timeout: .seconds(30))
                status = Int(response.status.code)
                text = String(buffer: try await response.body.collect(upTo: 1 << 20))
            } catch {}
        }
        // The count and, when answered, the endpoint's latency, behind a lock (no hop onto the recorder).
        recorder.requests.answered(status: status, name: status == 0 ? nil : "request " + method.rawValue + " " + route,
                                   from: intended, to: .now)
        return (status, text)
    }
}
