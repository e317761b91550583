// SPDX-License-Identifier: GPL-3.0-or-later

/// One automatic message as a scenario configures it: `{text: "…", enabled: true, create_ticket: true}`.
public struct AutoReplyConfiguration: Sendable, Equatable {
    public var text: String
    public var enabled: Bool
    /// Only for `missed_contact`: also create a ticket for the missed contact.
    public var createTicket: Bool

    public init(text: String, enabled: Bool = true, createTicket: Bool = false) {
        self.text = text
        self.enabled = enabled
        self.createTicket = createTicket
    }
}

/// An automatic message ready to send.
public struct AutoMessage: Sendable, Equatable {
    public var trigger: AutoReplyTrigger
    public var text: String

    public init(trigger: AutoReplyTrigger, text: String) {
        self.trigger = trigger
        self.text = text
    }
}

/// A queue's (team's) automatic messages, checked once when built and rendered on demand (SPEC §2.5).
///
/// Every trigger has an editable text and an on/off switch; a trigger the configuration does
/// not mention is off. All configuration errors are found here, in ``AutoReplyTrigger`` order:
/// an unknown placeholder or an unbalanced brace, `{agent}` in a message sent before an agent is
/// involved, `{company}` without a company name, an enabled message with an empty text,
/// `create_ticket` on anything but `missed_contact`. After that, rendering can only fail for a
/// missing agent's name.
public struct AutoReplySet: Sendable, Equatable {
    /// The team's name, for `{team}`.
    public let team: String
    /// The company's name, for `{company}`.
    public let company: String?
    /// Whether a contact who leaves during the chatbot gets a ticket (`missed_contact.create_ticket`).
    ///
    /// Independent of the message's switch: a team may want the ticket without the message.
    public let createsTicketForMissedContact: Bool
    /// Indexed by the trigger's position in ``AutoReplyTrigger/allCases``; nil: off or not configured.
    let templates: [MessageTemplate?]

    /// Checks and parses a queue's configuration.
    ///
    /// - Complexity: O(total text length).
    public init(team: String, company: String? = nil,
                replies: [AutoReplyTrigger: AutoReplyConfiguration]) throws(AutoReplyError) {
        self.team = team
        self.company = company
        var templates: [MessageTemplate?] = []
        for trigger in AutoReplyTrigger.allCases {
            guard let reply = replies[trigger] else { templates.append(nil); continue }
            if reply.createTicket && trigger != .missedContact { throw .ticketNotSupported(trigger) }
            let template: MessageTemplate
            do { template = try MessageTemplate(reply.text) } catch { throw .invalidText(trigger, error) }
            if template.placeholders.contains(.agent) && !trigger.involvesAgent {
                throw .placeholderNotAvailable(trigger, .agent)
            }
            if template.placeholders.contains(.company) && company == nil { throw .missingCompanyName(trigger) }
            if reply.enabled && reply.text.allSatisfy(\.isWhitespace) { throw .emptyText(trigger) }
            templates.append(reply.enabled ? template : nil)
        }
        self.createsTicketForMissedContact = replies[.missedContact]?.createTicket ?? false
        self.templates = templates
    }

    /// A set with every message off.
    public static func none(team: String) -> AutoReplySet { AutoReplySet(team: team) }

    private init(team: String) {
        self.team = team
        company = nil
        createsTicketForMissedContact = false
        templates = Array(repeating: nil, count: AutoReplyTrigger.allCases.count)
    }

    /// Whether the trigger's message is configured and switched on.
    public func isEnabled(_ trigger: AutoReplyTrigger) -> Bool { templates[trigger.position] != nil }

    /// The trigger's message with its placeholders filled, or nil when it is off.
    ///
    /// - Parameters:
    ///   - customer: the customer's name as the channel knows it (a visitor's display name).
    ///   - agent: the agent's name; needed only when the text uses `{agent}`.
    /// - Complexity: O(length of the message).
    public func message(_ trigger: AutoReplyTrigger, customer: String,
                        agent: String? = nil) throws(AutoReplyError) -> AutoMessage? {
        guard let template = templates[trigger.position] else { return nil }
        let values = PlaceholderValues(company: company, team: team, customer: customer, agent: agent)
        do {
            return AutoMessage(trigger: trigger, text: try template.render(values))
        } catch {
            // company and team are known and checked when the set was built; only the agent can be missing.
            throw .missingAgentName(trigger)
        }
    }
}

extension AutoReplyTrigger {
    /// The position in `allCases`, for array-indexed tables and bit sets.
    ///
    /// - Complexity: O(1).
    @inlinable public var position: Int {
        switch self {
        case .firstMessage: 0
        case .outOfHours: 1
        case .offlineForm: 2
        case .customerLeftWaiting: 3
        case .missedContact: 4
        case .sessionEnded: 5
        case .resolved: 6
        case .ratingRequest: 7
        case .requestMedia: 8
        case .paymentRequest: 9
        case .approvalRequest: 10
        }
    }
}
