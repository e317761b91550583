// SPDX-License-Identifier: GPL-3.0-or-later

/// A live-chat visitor's IP address, compared as text after trimming and lowercasing.
///
/// Blocking needs only equality; a service that receives IPv6 addresses in several spellings
/// should pass them in one canonical form.
public struct IPAddress: Hashable, Sendable, CustomStringConvertible {
    public let text: String

    public init(_ text: String) { self.text = String(text.trimmingWhitespace.lowercased()) }

    /// The IPv4 address with this 32-bit value (`0x0A000001` is `10.0.0.1`); for synthetic visitors.
    public init(v4 value: UInt32) {
        self.init([24, 16, 8, 0].map { String(value >> $0 & 0xFF) }.joined(separator: "."))
    }

    public var description: String { text }
}
