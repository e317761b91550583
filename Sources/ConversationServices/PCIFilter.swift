// SPDX-License-Identifier: GPL-3.0-or-later

/// What a queue does with a message that carries a card number (the scenario's `pci`).
public enum PCIPolicy: String, Sendable, CaseIterable {
    /// Mask every digit but the last four; the message goes on.
    case redact
    /// Discard the whole message.
    case drop
}

/// What happened to a message after the PCI check. Never holds a card number.
public enum PCIScreening: Sendable, Equatable, CustomStringConvertible {
    /// No card number: the message goes on unchanged.
    case clean
    /// The message goes on as `text`, with `cardNumbers` numbers masked.
    case redacted(String, cardNumbers: Int)
    /// The message was discarded because it carried `cardNumbers` numbers.
    case dropped(cardNumbers: Int)

    public var description: String {
        switch self {
        case .clean: "clean"
        case .redacted(let text, let count): "redacted \(count) card number(s): \(text)"
        case .dropped(let count): "dropped: \(count) card number(s)"
        }
    }
}

/// The PCI DSS check of a queue: redacts or drops messages with card numbers, drops such attachments (SPEC §2.7).
///
/// A message's text that goes on never holds a card number; one that is dropped is not
/// returned at all, so nothing downstream — storage, logs, errors — can see the number.
public struct PCIFilter: Sendable, Equatable {
    public let policy: PCIPolicy

    public init(policy: PCIPolicy) { self.policy = policy }

    /// Checks a customer's or an agent's message.
    ///
    /// Redaction keeps separators and the last four digits: `4111-1111-1111-1111` →
    /// `****-****-****-1111`.
    /// - Complexity: O(n) in the message's UTF-8 length.
    public func screen(message text: String) -> PCIScreening {
        let matches = CardNumberScanner.matches(in: text)
        guard !matches.isEmpty else { return .clean }
        switch policy {
        case .drop:
            return .dropped(cardNumbers: matches.count)
        case .redact:
            return .redacted(Self.redact(text, matches), cardNumbers: matches.count)
        }
    }

    /// Checks the text of an attachment: whatever the policy, an attachment that carries a card number is dropped.
    ///
    /// - Complexity: O(n) in the text's UTF-8 length.
    public func screen(attachmentText text: String) -> PCIScreening {
        let matches = CardNumberScanner.matches(in: text)
        return matches.isEmpty ? .clean : .dropped(cardNumbers: matches.count)
    }

    /// `text` with each match's digits masked by `*` except its last four; lengths are unchanged.
    static func redact(_ text: String, _ matches: [CardNumberMatch]) -> String {
        var bytes = Array(text.utf8)
        for match in matches {
            var keep = 4
            for i in match.utf8Range.reversed() where CardNumberScanner.isDigit(bytes[i]) {
                if keep > 0 { keep -= 1 } else { bytes[i] = UInt8(ascii: "*") }
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}

/// The PCI counts of a replication, for the metrics `pci_redacted` and `pci_dropped`.
public struct PCITally: Sendable, Equatable {
    /// Messages that went on redacted.
    public private(set) var redactedMessages = 0
    /// Messages dropped under the `drop` policy.
    public private(set) var droppedMessages = 0
    /// Attachments dropped for carrying a card number.
    public private(set) var droppedAttachments = 0

    public init() {}

    /// Counts the screening of a message.
    public mutating func countMessage(_ screening: PCIScreening) {
        switch screening {
        case .clean: break
        case .redacted: redactedMessages += 1
        case .dropped: droppedMessages += 1
        }
    }

    /// Counts the screening of an attachment.
    public mutating func countAttachment(_ screening: PCIScreening) {
        if case .dropped = screening { droppedAttachments += 1 }
    }

    /// Everything dropped: messages and attachments (`pci_dropped`).
    public var dropped: Int { droppedMessages + droppedAttachments }
}
