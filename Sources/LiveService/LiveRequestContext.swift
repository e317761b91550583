// SPDX-License-Identifier: GPL-3.0-or-later

import Hummingbird
import HummingbirdWebSocket
import NIOCore

/// The request context of the live service: WebSocket upgrades, and the connection a request came on.
struct LiveRequestContext: RequestContext, WebSocketRequestContext {
    var coreContext: CoreRequestContextStorage
    let webSocket: WebSocketHandlerReference<Self>
    /// The connection, as the identity of its channel (the key of the per-connection rate limit;
    /// formatting the remote address for every request cost ≈ 9,000 instructions).
    let connection: ObjectIdentifier
    /// The connection itself, closed when a WebSocket client stops reading.
    let channel: any Channel

    init(source: ApplicationRequestContextSource) {
        coreContext = .init(source: source)
        webSocket = .init()
        connection = ObjectIdentifier(source.channel)
        channel = source.channel
    }
}
