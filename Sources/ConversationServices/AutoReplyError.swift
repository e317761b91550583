// SPDX-License-Identifier: GPL-3.0-or-later

/// Why a queue's automatic messages cannot be built or one of them cannot be rendered.
public enum AutoReplyError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The text has an unknown placeholder or an unbalanced brace.
    case invalidText(AutoReplyTrigger, PlaceholderError)
    /// `{agent}` in a message that goes out before any agent is involved (``AutoReplyTrigger/involvesAgent``).
    case placeholderNotAvailable(AutoReplyTrigger, Placeholder)
    /// `{company}` is used but the set was built without a company name.
    case missingCompanyName(AutoReplyTrigger)
    /// An enabled message with an empty text.
    case emptyText(AutoReplyTrigger)
    /// `create_ticket` is only an option of `missed_contact`.
    case ticketNotSupported(AutoReplyTrigger)
    /// Rendering a message whose text uses `{agent}` without an agent's name.
    case missingAgentName(AutoReplyTrigger)

    public var description: String {
        switch self {
        case .invalidText(let trigger, let error): "\(trigger): \(error)"
        case .placeholderNotAvailable(let trigger, let placeholder):
            "\(trigger): \(placeholder) is not available: no agent is involved when this message is sent"
        case .missingCompanyName(let trigger): "\(trigger): {company} is used but no company name is configured"
        case .emptyText(let trigger): "\(trigger): an enabled message needs a text"
        case .ticketNotSupported(let trigger): "\(trigger): create_ticket is only an option of missed_contact"
        case .missingAgentName(let trigger): "\(trigger): the text uses {agent} but no agent's name was given"
        }
    }
}
