// SPDX-License-Identifier: GPL-3.0-or-later

import ParleyTime
import RoutingCore
import Testing
@testable import ConversationServices

/// Every conversation of a contact across agents and queues, ids and outcomes only (SPEC §2.3, seed 002).
@Suite struct ContactHistoryTests {
    let anna = AgentID(0), ben = AgentID(1)
    let eva = ContactID(7), tom = ContactID(8)
    let support = QueueID(0), sales = QueueID(1)

    func t(_ seconds: Double) -> SimTime { .zero + .seconds(seconds) }

    func handled(_ n: UInt64, contact: ContactID, queue: QueueID, by agent: AgentID, at start: Double,
                 reasons: [String] = []) throws -> ConversationRecord {
        let policy = try ConversationPolicy(wrapUpReasons: reasons)
        var chat = ConversationRecord(id: ConversationID(n), contact: contact, channel: .whatsapp, queue: queue,
                                      policy: policy, at: t(start))
        try chat.assign(to: agent, at: t(start + 10))
        try chat.markHandled(by: agent, reasons: reasons, at: t(start + 100))
        return chat
    }

    @Test func aContactsConversationsAcrossAgentsAndQueuesOldestFirst() throws {
        var history = ContactHistory()
        history.record(try handled(2, contact: eva, queue: sales, by: ben, at: 1000, reasons: ["solved"]))
        history.record(try handled(1, contact: eva, queue: support, by: anna, at: 0))
        history.record(try handled(3, contact: tom, queue: support, by: anna, at: 500))
        let eva = history.conversations(of: eva)
        #expect(eva.map(\.conversation) == [ConversationID(1), ConversationID(2)])
        #expect(eva.map(\.queue) == [support, sales] && eva.map(\.agents) == [[anna], [ben]])
        #expect(eva.map(\.status) == [.handled, .handled] && eva[1].wrapUpReasons == ["solved"])
        #expect(eva[0].openedAt == t(0) && eva[0].lastChangeAt == t(100))
        #expect(history.conversations(of: tom).count == 1)
        #expect(history.conversations(of: ContactID(99)).isEmpty)
    }

    @Test func recordingAgainReplacesTheEarlierEntry() throws {
        var history = ContactHistory()
        var chat = ConversationRecord(id: ConversationID(1), contact: eva, channel: .sms, queue: support, at: t(0))
        history.record(chat)
        #expect(history.conversations(of: eva).map(\.status) == [.waiting])
        try chat.customerLeft(at: t(30))
        history.record(chat)
        #expect(history.conversations(of: eva).map(\.status) == [.abandoned])
    }

    @Test func aConversationDeletedPermanentlyLeavesTheHistory() throws {
        var history = ContactHistory()
        history.record(try handled(1, contact: eva, queue: support, by: anna, at: 0))
        var second = try handled(2, contact: eva, queue: sales, by: ben, at: 1000)
        history.record(second)
        try second.deletePermanently(at: t(2000))
        history.record(second)
        #expect(history.conversations(of: eva).map(\.conversation) == [ConversationID(1)])
        var first = try handled(1, contact: eva, queue: support, by: anna, at: 0)
        try first.deletePermanently(at: t(2100))
        history.record(first)
        #expect(history.conversations(of: eva).isEmpty)
        #expect(history == ContactHistory())                      // nothing of eva is left
    }

    @Test func internalChatsHaveNoContactAndAreNotRecorded() {
        var history = ContactHistory()
        history.record(ConversationRecord.internalChat(id: ConversationID(1), startedBy: anna, at: t(0)))
        #expect(history == ContactHistory())
    }

    @Test func theHistoryKeepsAtMostItsLimitAndCanForget() throws {
        var history = ContactHistory(limitPerContact: 2)
        for n in 1...3 { history.record(try handled(UInt64(n), contact: eva, queue: support, by: anna, at: Double(n) * 1000)) }
        #expect(history.conversations(of: eva).map(\.conversation) == [ConversationID(2), ConversationID(3)])
        history.forget(eva)
        #expect(history.conversations(of: eva).isEmpty)
    }

    @Test func aSummaryHoldsIdsAndOutcomesButNoText() throws {
        let summary = ConversationSummary(try handled(1, contact: eva, queue: support, by: anna, at: 0, reasons: ["solved"]))
        // The only strings in a summary are the queue's wrap-up reason names.
        let strings = Mirror(reflecting: summary).children.filter { $0.value is String || $0.value is String? }
        #expect(strings.isEmpty)
        #expect(summary.hasTicket == false && summary.isArchived && summary.channel == .whatsapp)
    }
}
