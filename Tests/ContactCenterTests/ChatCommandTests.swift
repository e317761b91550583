// SPDX-License-Identifier: GPL-3.0-or-later

import ContactCenter
import Scenarios
import Statistics
import Testing

/// The owner's commands outside routing driven from scenario keys (SPEC §2.3, §3.3): delete
/// permanently (`return.delete_probability`), create a request from a chat (`ticket_probability`,
/// `ticket_time`), call from a chat (`call_from_chat`, `call_probability`, `call_time`) and
/// internal chats with colleagues (`internal_chats`), each shown to change what it should.
@Suite struct ChatCommandTests {
    /// Half the customers write again 30 minutes after each chat; their history is kept and saves `saves`.
    static func returning(saves: String, delete: String = "", replications: Int = 4) throws -> Scenario {
        var scenario = try HistoryAndTicketTests.historyScenario(
            stream: ", return: {probability: 0.5, after: {dist: constant, value: 30m}, "
                + "history_saves: {dist: constant, value: \(saves)}\(delete)}")
        scenario.replications = replications
        return scenario
    }

    /// With every handled chat deleted, nothing is archived for a returning customer to find:
    /// no lookups, no unarchived chats, and the 30 s a lookup saves is never saved (handle time
    /// exactly the constant 300 s); each archived chat is deleted.
    @Test func deletedChatsLeaveNothingInTheHistory() throws {
        let (counts, summary) = try HistoryAndTicketTests.run(Self.returning(saves: "30s", delete: ", delete_probability: 1"))
        #expect(counts.names == [.historyLookups, .archived, .unarchived, .deleted])
        for (values, replication) in zip(counts.perReplication, summary.perReplication) {
            let (lookups, archived, unarchived, deleted) = (values[0][0], values[0][1], values[0][2], values[0][3])
            #expect(lookups == 0 && unarchived == 0)
            #expect(archived > 0 && deleted == archived)
            #expect(abs(replication[0][.handleTimeSeconds]! - 300) < 1e-6)
        }
    }

    /// Deleting half the handled chats (a lookup saving nothing, so the runs keep the same sample
    /// path as without deletion): a returning customer's last chat is still archived with
    /// probability 1/2 (99.9 % binomial interval on the unarchived share), and the history lookups
    /// fall to the share whose history keeps any of its earlier chats. A customer returns after each
    /// chat with r = 1/2, so its k-th chat has k − 1 earlier ones, all deleted with d^(k−1): the
    /// expected share is Σₖ (1−r) r^(k−2) (1 − d^(k−1)) = 1 − (1−r)d / (1−rd) = 2/3, checked through
    /// the 99.9 % confidence interval of the per-replication shares.
    @Test func deletionMakesReturningCustomersLookupsMissByTheExpectedShare() throws {
        let replications = 10
        let kept = try HistoryAndTicketTests.run(Self.returning(saves: "0s", replications: replications))
        let half = try HistoryAndTicketTests.run(Self.returning(saves: "0s", delete: ", delete_probability: 0.5",
                                                                replications: replications))
        #expect(kept.summary.perReplication == half.summary.perReplication)   // deletion changes no timing
        var unarchived = 0.0, returning = 0.0, shares: [Double] = []
        for (keptValues, values) in zip(kept.counts.perReplication, half.counts.perReplication) {
            let returns = keptValues[0][0]                                     // every returning chat looked up
            #expect(keptValues[0][0] == keptValues[0][2])
            #expect(values[0][2] <= values[0][0] && values[0][0] < returns)    // unarchived ≤ lookups < returns
            #expect(values[0][3] > 0 && values[0][3] <= values[0][1])          // deleted ≤ archived
            unarchived += values[0][2]
            returning += returns
            shares.append(values[0][0] / returns)
        }
        let p = 0.5, binomial = 3.29 * (p * (1 - p) / returning).squareRoot()
        #expect(abs(unarchived / returning - p) < binomial, "unarchived share \(unarchived / returning) of \(returning)")
        let summary = ReplicationSummary(shares, confidence: 0.999)
        let mean = try #require(summary.mean), halfWidth = try #require(summary.halfWidth)
        #expect(abs(mean - 2.0 / 3.0) < halfWidth, "lookup share \(mean) ± \(halfWidth)")
    }

    /// One constant 5-minute chat per agent at a time: every owner creating a request that takes
    /// 1 minute to write raises the handle time by exactly 60 s, and each request is a ticket
    /// (`tickets` and `chat_tickets` equal the answered chats); at 1/2, half the chats get one
    /// (99.9 % binomial interval) and the handle time is 300 s + 60 s × tickets / answered exactly.
    @Test func requestsFromChatsAreTicketsThatTakeTheOwnersTime() throws {
        let plain = try HistoryAndTicketTests.run(HistoryAndTicketTests.historyScenario(stream: ""))
        #expect(plain.counts.isEmpty)
        let all = try HistoryAndTicketTests.run(HistoryAndTicketTests.historyScenario(
            agent: ", ticket_probability: 1, ticket_time: {dist: constant, value: 1m}", stream: ""))
        #expect(all.counts.names == [.chatTickets])
        for (values, replication) in zip(all.counts.perReplication, all.summary.perReplication) {
            let answered = replication[0][.answered]!
            #expect(values[0][0] == answered && replication[0][.tickets]! == answered)
            #expect(abs(replication[0][.handleTimeSeconds]! - 360) < 1e-6)
        }
        for replication in plain.summary.perReplication { #expect(replication[0][.tickets]! == 0) }
        let half = try HistoryAndTicketTests.run(HistoryAndTicketTests.historyScenario(
            agent: ", ticket_probability: 0.5, ticket_time: {dist: constant, value: 1m}", stream: ""))
        var tickets = 0.0, answeredAll = 0.0
        for (values, replication) in zip(half.counts.perReplication, half.summary.perReplication) {
            let answered = replication[0][.answered]!
            #expect(values[0][0] == replication[0][.tickets]!)
            let handleSum = replication[0][.handleTimeSeconds]! * answered
            #expect(abs(handleSum - (300 * answered + 60 * values[0][0])) < 1e-6 * handleSum)
            tickets += values[0][0]
            answeredAll += answered
        }
        let p = 0.5, halfWidth = 3.29 * (p * (1 - p) / answeredAll).squareRoot()
        #expect(abs(tickets / answeredAll - p) < halfWidth, "ticket share \(tickets / answeredAll)")
    }

    /// A queue with `call_from_chat` fed by live chats and WhatsApp chats: owners call from every
    /// live chat (never from WhatsApp ones), and each 2-minute call keeps the chat and its slot busy,
    /// so live chats take exactly 420 s and WhatsApp chats 300 s; a queue without the switch,
    /// or owners who call with probability 1/2 (99.9 % binomial interval), as expected.
    @Test func callsFromLiveChatsKeepTheChatAndItsSlotBusy() throws {
        func scenario(_ calls: String, enabled: Bool = true) throws -> Scenario {
            try ScenarioLoader.load(yaml: """
                name: calls
                seed: 5
                replications: 4
                duration: 6h
                drain_limit: 6h
                queues:
                  - {id: chat, strategy: longest_idle, call_from_chat: \(enabled)}
                agents:
                  - {group: team, count: 8, capacity: 1, queues: [chat]\(calls)}
                customers:
                  - {id: web, channel: live_chat, queue: chat, arrivals: {rate_per_hour: 20},
                     handle_time: {dist: constant, value: 5m}}
                  - {id: wa, channel: whatsapp, queue: chat, arrivals: {rate_per_hour: 20},
                     handle_time: {dist: constant, value: 5m}}
                """, file: "calls.yaml")
        }
        let time = ", call_time: {dist: constant, value: 2m}"
        let switchedOff = try HistoryAndTicketTests.run(scenario("", enabled: false))
        let enabledOnly = try HistoryAndTicketTests.run(scenario(""))
        #expect(switchedOff.counts.isEmpty && enabledOnly.counts.isEmpty)
        #expect(switchedOff.summary.perReplication == enabledOnly.summary.perReplication)  // the switch alone calls nobody
        let all = try HistoryAndTicketTests.run(scenario(", call_probability: 1" + time))
        #expect(all.counts.names == [.calls])
        let live = try #require(all.summary.scopes.firstIndex(of: .channel("live_chat")))
        let whatsapp = try #require(all.summary.scopes.firstIndex(of: .channel("whatsapp")))
        for (values, replication) in zip(all.counts.perReplication, all.summary.perReplication) {
            #expect(values[0][0] > 0 && values[0][0] == replication[live][.answered]!)
            #expect(abs(replication[live][.handleTimeSeconds]! - 420) < 1e-6)
            #expect(abs(replication[whatsapp][.handleTimeSeconds]! - 300) < 1e-6)
        }
        let half = try HistoryAndTicketTests.run(scenario(", call_probability: 0.5" + time))
        var calls = 0.0, liveAnswered = 0.0
        for ((values, replication), allValues) in zip(zip(half.counts.perReplication, half.summary.perReplication),
                                                       all.counts.perReplication) {
            let answered = replication[0][.answered]!
            let handleSum = replication[0][.handleTimeSeconds]! * answered
            #expect(abs(handleSum - (300 * answered + 120 * values[0][0])) < 1e-6 * handleSum)
            calls += values[0][0]
            liveAnswered += allValues[0][0]
        }
        let p = 0.5, halfWidth = 3.29 * (p * (1 - p) / liveAnswered).squareRoot()
        #expect(abs(calls / liveAnswered - p) < halfWidth, "call share \(calls / liveAnswered)")
    }
}

extension ChatCommandTests {
    /// Returning customers who talk to a chatbot first: the conversations kept in their history
    /// carry the bot's transcript (checked after every event with the other service invariants),
    /// and every count of the commands keeps to its bounds with history, requests and calls together.
    @Test func theCommandsKeepTheirInvariantsTogetherWithABotInFront() throws {
        let scenario = try ScenarioLoader.load(yaml: """
            name: together
            seed: 3
            replications: 3
            duration: 8h
            drain_limit: 6h
            queues:
              - {id: chat, strategy: longest_idle, call_from_chat: true}
            agents:
              - {group: team, count: 8, capacity: 2, queues: [chat], ticket_probability: 0.2,
                 ticket_time: {dist: exponential, mean: 1m}, call_probability: 0.2, call_time: {dist: exponential, mean: 2m},
                 unhandled_probability: 0.1}
            customers:
              - {id: web, channel: live_chat, queue: chat, arrivals: {rate_per_hour: 30},
                 patience: {dist: exponential, mean: 5m}, handle_time: {dist: exponential, mean: 5m},
                 bot: {deflection: 0.2, time: {dist: exponential, mean: 1m}, transcript_saves: {dist: constant, value: 20s}},
                 return: {probability: 0.4, after: {dist: exponential, mean: 30m},
                          history_saves: {dist: constant, value: 30s}, delete_probability: 0.3}}
            """, file: "together.yaml")
        let (counts, summary) = try HistoryAndTicketTests.run(scenario)
        #expect(counts.names == [.historyLookups, .archived, .unarchived, .deleted, .chatTickets, .calls])
        for (values, replication) in zip(counts.perReplication, summary.perReplication) {
            #expect(values[0].allSatisfy { $0 > 0 }, "\(values[0])")
            #expect(replication[0][.botHandovers]! > 0)
            #expect(values[0][4] == replication[0][.tickets]!)          // no other tickets in this scenario
        }
    }

    /// Internal chats (SPEC §2.1 channel `internal`): every owner consulting a colleague for a
    /// constant minute raises the handle time by exactly 60 s, each answered chat has exactly one
    /// internal chat, and nothing of it is a chat: arrivals, offered, answered and automatic
    /// messages equal the run without it. At 1/2, the handle time is 300 s + 60 s × internal chats
    /// / answered exactly and the share of answered chats with one is 1/2 (99.9 % binomial
    /// interval). With `call_from_chat` on a WhatsApp-only queue (calls start from internal chats
    /// there, never from WhatsApp chats), an owner calling from every internal chat adds its
    /// 2-minute call: 480 s exactly, one call per internal chat.
    @Test func internalChatsTakeTheOwnersTimeAndAreNoChats() throws {
        let plain = try HistoryAndTicketTests.run(HistoryAndTicketTests.historyScenario(stream: ""))
        let all = try HistoryAndTicketTests.run(HistoryAndTicketTests.historyScenario(
            agent: ", internal_chats: {probability: 1, time: {dist: constant, value: 1m}}", stream: ""))
        #expect(all.counts.names == [.internalChats])
        for (values, (replication, plainReplication)) in zip(all.counts.perReplication,
                                                              zip(all.summary.perReplication, plain.summary.perReplication)) {
            let answered = replication[0][.answered]!
            #expect(answered > 0 && values[0][0] == answered && values[1] == values[0])
            for metric in [Metric.arrivals, .offered, .answered, .autoReplies] {
                #expect(replication[0][metric]! == plainReplication[0][metric]!, "\(metric)")
            }
            #expect(abs(replication[0][.handleTimeSeconds]! - 360) < 1e-6)
            #expect(abs(plainReplication[0][.handleTimeSeconds]! - 300) < 1e-6)
        }
        let half = try HistoryAndTicketTests.run(HistoryAndTicketTests.historyScenario(
            agent: ", internal_chats: {probability: 0.5, time: {dist: constant, value: 1m}}", stream: ""))
        var internalChats = 0.0, answeredAll = 0.0
        for (values, replication) in zip(half.counts.perReplication, half.summary.perReplication) {
            let answered = replication[0][.answered]!
            let handleSum = replication[0][.handleTimeSeconds]! * answered
            #expect(abs(handleSum - (300 * answered + 60 * values[0][0])) < 1e-6 * handleSum)
            internalChats += values[0][0]
            answeredAll += answered
        }
        let p = 0.5, halfWidth = 3.29 * (p * (1 - p) / answeredAll).squareRoot()
        #expect(abs(internalChats / answeredAll - p) < halfWidth, "internal chat share \(internalChats / answeredAll)")

        let calls = try HistoryAndTicketTests.run(ScenarioLoader.load(yaml: """
            name: internal-calls
            seed: 9
            replications: 4
            duration: 6h
            drain_limit: 6h
            queues:
              - {id: chat, strategy: longest_idle, call_from_chat: true}
            agents:
              - {group: team, count: 6, capacity: 1, queues: [chat], call_probability: 1, call_time: {dist: constant, value: 2m},
                 internal_chats: {probability: 1, time: {dist: constant, value: 1m}}}
            customers:
              - {id: wa, channel: whatsapp, queue: chat, arrivals: {rate_per_hour: 20},
                 handle_time: {dist: constant, value: 5m}}
            """, file: "internal-calls.yaml"))
        #expect(calls.counts.names == [.calls, .internalChats])
        for (values, replication) in zip(calls.counts.perReplication, calls.summary.perReplication) {
            #expect(values[0][0] == values[0][1] && values[0][1] == replication[0][.answered]!)
            #expect(abs(replication[0][.handleTimeSeconds]! - 480) < 1e-6)
        }
    }
}
