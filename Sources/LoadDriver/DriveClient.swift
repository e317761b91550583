// SPDX-License-Identifier: GPL-3.0-or-later

import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1

/// The driver's HTTP side: one request to the service, timed from its intended start and counted.
struct DriveClient: Sendable {
    let http: HTTPClient
    /// `http://host:port`, without a trailing slash.
    let base: String
    let recorder: DriveRecorder

    /// Sends a request and returns its status and body (status 0: no answer); `route` names the
    /// endpoint's latency histogram (`POST /v1/chats`).
    func send(_ method: HTTPMethod, _ path: String, route: String, token: String? = nil, body: String? = nil,
              intended: ContinuousClock.Instant = .now) async -> (status: Int, body: String) {
        var request = HTTPClientRequest(url: base + path)
        request.method = method
        if let token { request.headers.add(name: "Authorization", value: "Bearer \(token)") }
        if let body {
            request.headers.add(name: "Content-Type", value: "application/json")
            request.body = .bytes(ByteBuffer(string: body))
        }
        var status = 0
        var text = ""
        do {
            let response = try await http.execute(request, timeout: .seconds(30))
            status = Int(response.status.code)
            text = String(buffer: try await response.body.collect(upTo: 1 << 20))
        } catch {}
        // The count and, when answered, the endpoint's latency, behind a lock (no hop onto the recorder).
        recorder.requests.answered(status: status, name: status == 0 ? nil : "request " + method.rawValue + " " + route,
                                   from: intended, to: .now)
        return (status, text)
    }
}
