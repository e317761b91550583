// SPDX-License-Identifier: GPL-3.0-or-later

/// One client's event stream (a WebSocket): a bounded buffer of JSON texts.
struct EventStream {
    let id: Int
    let continuation: AsyncStream<String>.Continuation
}
