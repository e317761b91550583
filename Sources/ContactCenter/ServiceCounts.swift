// SPDX-License-Identifier: GPL-3.0-or-later

import Statistics

/// Counts of the conversation services that only scenarios using them have (SPEC §2.3, §2.5,
/// §3.3): contact history and archive (`return.history_saves`), out-of-hours tickets
/// (`out_of_hours_ticket_probability`), permanent deletion (`return.delete_probability`),
/// requests from chats (`ticket_probability`), calls from chats (`call_probability`) and
/// internal chats (`internal_chats`) and template searches (`template_use.search_probability`).
///
/// They are kept out of ``Metric`` so that the outputs of a scenario without these keys keep
/// their bytes: a count appears — in `run --json` under `service_counts`, after `run`'s text
/// table, and as metric rows named after it in the overall and queue scopes — only when the
/// scenario switches its feature on.
public struct ServiceCounts: Sendable, Equatable {
    /// One kind of count.
    public enum Name: String, Sendable, CaseIterable {
        /// Answered chats of returning customers whose agent found earlier conversations in the
        /// contact's history (and saved `history_saves` of the work).
        case historyLookups = "history_lookups"
        /// Conversations of returning customers archived when their agent marked them handled.
        case archived
        /// Archived conversations brought back to the list when their customer wrote again.
        case unarchived
        /// Live-chat visitors who found the queue closed and created a web or app ticket instead
        /// (each gets the queue's `out_of_hours` message when it is switched on).
        case outOfHoursTickets = "out_of_hours_tickets"
        /// Handled conversations of returning customers their agent deleted permanently
        /// (`return.delete_probability`): gone from the archive and the contact's history.
        case deleted
        /// Requests (tickets) owners created from chats on accepting them (`ticket_probability`);
        /// each also counts in the `tickets` metric.
        case chatTickets = "chat_tickets"
        /// Calls owners started from live chats of queues with `call_from_chat` (`call_probability`).
        case calls
        /// Internal chats owners started with a colleague on accepting a chat (`internal_chats`):
        /// never queued, never handled, no automatic messages; not chats of any outcome.
        case internalChats = "internal_chats"
        /// Template uses whose template the owner found by searching the templates' text
        /// (`template_use.search_probability`, SPEC §2.6); each is also a use of its category.
        case templateSearches = "template_searches"

        /// The position of the count in a queue's block of counters.
        var position: Int { Self.allCases.firstIndex(of: self)! }
    }

    /// The counts the scenario switches on, in ``Name`` order.
    public var names: [Name]
    /// The scopes: `""` for overall, then each queue id in file order.
    public var scopes: [String]
    /// Per replication (in the order of the results), per scope, one count per name.
    public var perReplication: [[[Double]]]

    public init(names: [Name], scopes: [String], perReplication: [[[Double]]]) {
        self.names = names
        self.scopes = scopes
        self.perReplication = perReplication
    }

    /// The counts of the replications' results; empty when the scenario uses none of the features.
    public init(model: CompiledScenario, results: [ReplicationResult]) {
        names = model.services.serviceCountNames
        guard !names.isEmpty else {
            scopes = []
            perReplication = results.map { _ in [] }
            return
        }
        scopes = [""] + model.queueNames
        let queueCount = model.queueNames.count
        let names = names
        perReplication = results.map { result in
            let perQueue = (0..<queueCount).map { q in
                names.map { Double(result.serviceCounts[q * Name.allCases.count + $0.position]) }
            }
            let overall = names.indices.map { n in perQueue.reduce(0) { $0 + $1[n] } }
            return [overall] + perQueue
        }
    }

    /// Whether the scenario uses none of the features.
    public var isEmpty: Bool { names.isEmpty }

    /// Mean and confidence half-width of each scope's counts over the replications.
    public func summaries(confidence: Double = 0.95) -> [[ReplicationSummary]] {
        scopes.indices.map { s in
            names.indices.map { n in ReplicationSummary(perReplication.map { $0[s][n] }, confidence: confidence) }
        }
    }
}
