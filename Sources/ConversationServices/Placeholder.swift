// SPDX-License-Identifier: GPL-3.0-or-later

/// A name that a message text may hold in braces, filled when the message is rendered (SPEC §2.5).
///
/// The raw value is the name as written in a text: `{company}`, `{team}`, `{customer}`, `{agent}`.
/// Names are case-sensitive; anything else in braces is a configuration error.
public enum Placeholder: String, Sendable, CaseIterable, CustomStringConvertible {
    /// The company's name (the seed products let a team show its company or its own name).
    case company
    /// The team's (queue's) name.
    case team
    /// The customer's name as the channel knows it.
    case customer
    /// The name of the agent who sends or caused the message.
    case agent

    public var description: String { "{\(rawValue)}" }
}

/// The values that fill the placeholders of a text; `nil` means unknown.
public struct PlaceholderValues: Sendable, Equatable {
    public var company: String?
    public var team: String?
    public var customer: String?
    public var agent: String?

    public init(company: String? = nil, team: String? = nil, customer: String? = nil, agent: String? = nil) {
        self.company = company
        self.team = team
        self.customer = customer
        self.agent = agent
    }

    /// The value of one placeholder, or nil when it is unknown.
    public subscript(placeholder: Placeholder) -> String? {
        switch placeholder {
        case .company: company
        case .team: team
        case .customer: customer
        case .agent: agent
        }
    }
}
