// SPDX-License-Identifier: GPL-3.0-or-later

import ContactCenter
import Scenarios
import Statistics
import Testing

/// Contact history with archive and unarchive (`return.history_saves`) and out-of-hours web
/// tickets (`out_of_hours_ticket_probability`), each shown to change what it should (SPEC §2.3,
/// §2.5, §3.3).
@Suite struct HistoryAndTicketTests {
    /// Constant 5-minute chats, one at a time per agent and plenty of agents, patient customers
    /// of whom half write again 30 minutes after a chat ends; `agent` and `stream` add keys.
    static func historyScenario(agent: String = "", stream: String) throws -> Scenario {
        try ScenarioLoader.load(yaml: """
            name: history
            seed: 9
            replications: 4
            duration: 6h
            drain_limit: 6h
            queues:
              - {id: chat, strategy: longest_idle}
            agents:
              - {group: team, count: 6, capacity: 1, queues: [chat]\(agent)}
            customers:
              - {id: wa, channel: whatsapp, queue: chat, arrivals: {rate_per_hour: 20},
                 handle_time: {dist: constant, value: 5m}\(stream)}
            """, file: "history.yaml")
    }

    /// The replications run with the invariant checks after every event (and equal to an unchecked run).
    static func run(_ scenario: Scenario) throws -> (counts: ServiceCounts, summary: RunSummary) {
        let model = try CompiledScenario(scenario)
        let results = try (0..<scenario.replications).map { index in
            let (violations, result) = Simulation.checkedReplication(model, index: index)
            #expect(violations.isEmpty, "\(violations.prefix(3))")
            return try #require(result)
        }
        #expect(results == Simulation.run(model, replications: scenario.replications, jobs: 2))
        return (ServiceCounts(model: model, results: results), RunSummary(model: model, results: results))
    }

    /// Every chat is marked handled, so archived; each returning customer's archived chat is
    /// unarchived when it writes again, and its agent finds it in the history: lookups equal
    /// unarchived chats, and each saves exactly 30 s of the constant 5 minutes, so the handle
    /// times add up to 300 s per answered chat less 30 s per lookup.
    @Test func returningCustomersFindTheirHistoryAndTheirArchivedChatComesBack() throws {
        let returns = ", return: {probability: 0.5, after: {dist: constant, value: 30m}"
        let plain = try Self.run(Self.historyScenario(stream: returns + "}"))
        #expect(plain.counts.isEmpty)
        let (counts, summary) = try Self.run(Self.historyScenario(stream: returns + ", history_saves: {dist: constant, value: 30s}}"))
        #expect(counts.names == [.historyLookups, .archived, .unarchived])
        #expect(counts.scopes == ["", "chat"])
        for (values, replication) in zip(counts.perReplication, summary.perReplication) {
            let (lookups, archived, unarchived) = (values[0][0], values[0][1], values[0][2])
            #expect(values[1] == values[0])   // one queue: the overall counts are the queue's
            #expect(lookups > 0 && lookups == unarchived)
            #expect(archived >= unarchived && archived <= replication[0][.answered]!)
            let answered = replication[0][.answered]!
            let handleSum = replication[0][.handleTimeSeconds]! * answered
            #expect(abs(handleSum - (300 * answered - 30 * lookups)) < 1e-6 * handleSum, "\(handleSum)")
        }
        #expect(summary.perReplication.map { $0[0][.handleTimeSeconds]! }.allSatisfy { $0 < 300 })
        #expect(plain.summary.perReplication.map { $0[0][.handleTimeSeconds]! }.allSatisfy { abs($0 - 300) < 1e-6 })
    }

    /// Chats left taken but not handled are not archived: nothing is unarchived, the returning
    /// customer goes to its previous owner (sticky routing), and its history is still found.
    @Test func unhandledChatsStayUnarchivedButInTheHistory() throws {
        let (counts, summary) = try Self.run(Self.historyScenario(
            agent: ", unhandled_probability: 1",
            stream: ", return: {probability: 0.5, after: {dist: constant, value: 30m}, history_saves: {dist: constant, value: 30s}}"))
        for (values, replication) in zip(counts.perReplication, summary.perReplication) {
            #expect(values[0][1] == 0 && values[0][2] == 0)
            #expect(values[0][0] > 0)
            #expect(replication[0][.stickyRouted]! > 0)
        }
    }

    /// Visitors of a queue open 08:00–18:00 on weekdays: with `out_of_hours_ticket_probability: 1`
    /// every visitor of the window who finds it closed creates a ticket and gets the
    /// `out_of_hours` message, and none gets the offline form out of hours; at 0.5 half of them
    /// do, inside the 99.9 % binomial interval. The service metrics are untouched (the chats are
    /// out of hours either way), and the conservation identity holds.
    @Test func visitorsFindingTheQueueClosedCreateTicketsThatGetTheOutOfHoursReply() throws {
        func scenario(_ tickets: String) throws -> Scenario {
            try ScenarioLoader.load(yaml: """
                name: tickets
                seed: 4
                replications: 3
                start: 2026-11-23T00:00
                duration: 2d
                calendar: {timezone: UTC, hours: {mon-fri: "08:00-18:00"}}
                queues:
                  - id: web
                    strategy: longest_idle
                    offline_form: true
                    auto_replies:
                      offline_form: {text: "Danke, wir melden uns."}
                      out_of_hours: {text: "Ihr Ticket ist da, {customer}."}
                agents:
                  - {group: team, count: 6, capacity: 2, queues: [web]}
                customers:
                  - {id: site, channel: live_chat, queue: web, arrivals: {rate_per_hour: 20},
                     patience: {dist: exponential, mean: 5m}, handle_time: {dist: exponential, mean: 4m}\(tickets)}
                """, file: "tickets.yaml")
        }
        let without = try Self.run(scenario(""))
        #expect(without.counts.isEmpty)
        let all = try Self.run(scenario(", out_of_hours_ticket_probability: 1"))
        #expect(all.counts.names == [.outOfHoursTickets])
        for (values, replication) in zip(all.counts.perReplication, all.summary.perReplication) {
            let overall = replication[0]
            #expect(values[0][0] > 0 && values[0][0] == overall[.outOfHours]!)
            #expect(overall[.tickets]! == overall[.outOfHours]!)
            #expect(overall[.autoRepliesOutOfHours]! == overall[.outOfHours]!)
            #expect(overall[.autoRepliesOfflineForm]! == overall[.offlineForms]!)   // in hours only
            #expect(overall[.arrivals]! == overall[.answered]! + overall[.abandoned]! + overall[.offlineForms]!
                        + overall[.unresolved]!)
        }
        for (a, b) in zip(without.summary.perReplication, all.summary.perReplication) {
            for metric in [Metric.arrivals, .answered, .outOfHours, .serviceLevel] { #expect(a[0][metric] == b[0][metric]) }
            #expect(a[0][.tickets]! == 0 && a[0][.autoRepliesOutOfHours]! == 0)
        }
        let half = try Self.run(scenario(", out_of_hours_ticket_probability: 0.5"))
        var tickets = 0.0, closed = 0.0
        for (values, replication) in zip(half.counts.perReplication, half.summary.perReplication) {
            tickets += values[0][0]
            closed += replication[0][.outOfHours]!
        }
        let p = 0.5, halfWidth = 3.29 * (p * (1 - p) / closed).squareRoot()
        #expect(abs(tickets / closed - p) < halfWidth, "ticket share \(tickets / closed) of \(closed) visitors")
    }
}
