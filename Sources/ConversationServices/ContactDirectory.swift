// SPDX-License-Identifier: GPL-3.0-or-later

import RoutingCore

/// What an agent does with a chat from an unknown WhatsApp sender (seed manual 002).
public enum UnknownContactAction: Sendable, CaseIterable {
    /// Add the sender as a contact; it is known from now on.
    case add
    /// Answer without adding; the sender is not asked about again.
    case reply
    /// Leave the message unanswered; the sender's next message is flagged again.
    case ignore
}

/// Why an action on a sender is refused; a refused action changes nothing.
public enum ContactDirectoryError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The sender is not flagged as unknown (known, answered before, or never seen).
    case notFlagged(ContactID)

    public var description: String {
        switch self {
        case .notFlagged(let contact): "\(contact) is not flagged as an unknown WhatsApp sender"
        }
    }
}

/// The service's address book, which flags WhatsApp senders it does not know (SPEC §2.1).
///
/// A chat from a WhatsApp number that is not a contact is flagged, so an agent can add the
/// sender, reply, or ignore the message. Other channels are never flagged: live-chat visitors
/// are anonymous by nature, and the seed products ask only about WhatsApp.
public struct ContactDirectory: Sendable, Equatable {
    private enum Standing: Sendable, Equatable { case known, answered, flagged }
    private var standing: [ContactID: Standing] = [:]

    /// A directory holding `contacts`.
    public init(contacts: [ContactID] = []) {
        for contact in contacts { standing[contact] = .known }
    }

    /// Whether `contact` is in the address book.
    public func isKnown(_ contact: ContactID) -> Bool { standing[contact] == .known }

    /// Whether `contact` waits for an agent's add / reply / ignore.
    public func isFlagged(_ contact: ContactID) -> Bool { standing[contact] == .flagged }

    /// Notes a message from `contact` on `channel`; true when the chat must be flagged as from an unknown sender.
    ///
    /// - Complexity: O(1).
    public mutating func receive(from contact: ContactID, on channel: Channel) -> Bool {
        guard channel == .whatsapp else { return false }
        switch standing[contact] {
        case .known?, .answered?: return false
        case .flagged?, nil:
            standing[contact] = .flagged
            return true
        }
    }

    /// Applies an agent's decision about a flagged sender.
    ///
    /// - Throws: ``ContactDirectoryError/notFlagged(_:)`` when the sender is not flagged.
    /// - Complexity: O(1).
    public mutating func resolve(_ contact: ContactID, with action: UnknownContactAction) throws(ContactDirectoryError) {
        guard standing[contact] == .flagged else { throw .notFlagged(contact) }
        switch action {
        case .add: standing[contact] = .known
        case .reply: standing[contact] = .answered
        case .ignore: standing[contact] = nil
        }
    }

    /// Adds `contact` to the address book directly.
    public mutating func add(_ contact: ContactID) { standing[contact] = .known }

    /// Forgets `contact` entirely (before a caller reuses its id).
    public mutating func forget(_ contact: ContactID) { standing[contact] = nil }
}
