// SPDX-License-Identifier: GPL-3.0-or-later

import Hummingbird
import HummingbirdWebSocket
import NIOCore

/// The request context of the live service: WebSocket upgrades, and the connection a request came on.
struct LiveRequestContext: RequestContext, WebSocketRequestContext {
    var coreContext: CoreRequestContextStorage
    let webSocket: WebSocketHandlerReference<Self>
    /// The connection, as its remote address and port (the key of the per-connection rate limit).
    let connection: String
    /// The connection itself, closed when a WebSocket client stops reading.
    let channel: any Channel

    init(source: ApplicationRequestContextSource) {
        coreContext = .init(source: source)
        webSocket = .init()
        connection = source.channel.remoteAddress.map { "\($0)" } ?? ""
        channel = source.channel
    }
}
