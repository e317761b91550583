// SPDX-License-Identifier: GPL-3.0-or-later

import NIOCore

/// One client's event stream (a WebSocket): a bounded buffer of JSON texts, each as the bytes
/// of the text frame it is sent in.
struct EventStream {
    let id: Int
    let continuation: AsyncStream<ByteBuffer>.Continuation
    /// Called when the buffer overflowed (the client stopped reading): closes the client's connection,
    /// so that a write waiting on the full socket ends and nothing more is held for it.
    let onDrop: @Sendable () -> Void
}
