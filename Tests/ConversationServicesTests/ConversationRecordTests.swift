// SPDX-License-Identifier: GPL-3.0-or-later

import ParleyTime
import RoutingCore
import Testing
@testable import ConversationServices

/// A conversation's life after routing: wrap-up, end session, post-chat return, archive, tickets, calls (SPEC §2.3).
@Suite struct ConversationRecordTests {
    let anna = AgentID(0), ben = AgentID(1)
    let eva = ContactID(7), support = QueueID(0), sales = QueueID(1)
    let id = ConversationID(42)

    func t(_ seconds: Double) -> SimTime { .zero + .seconds(seconds) }

    /// A live chat owned by anna, in a queue with the given policy.
    func activeChat(_ channel: Channel = .liveChat, policy: ConversationPolicy = .standard) throws -> ConversationRecord {
        var chat = ConversationRecord(id: id, contact: eva, channel: channel, queue: support, policy: policy, at: t(0))
        try chat.assign(to: anna, at: t(10))
        return chat
    }

    /// Runs a command that must be refused, and checks that it changed nothing.
    func refuse(_ chat: inout ConversationRecord, _ expected: ConversationError,
                sourceLocation: SourceLocation = #_sourceLocation,
                _ command: (inout ConversationRecord) throws -> Void) {
        let before = chat
        #expect(throws: expected, sourceLocation: sourceLocation) { try command(&chat) }
        #expect(chat == before, sourceLocation: sourceLocation)
    }

    // MARK: Routing outcomes

    @Test func aChatWaitsIsOwnedAndRemembersEveryTransition() throws {
        var chat = ConversationRecord(id: id, contact: eva, channel: .whatsapp, queue: support, inBot: true, at: t(0))
        #expect(chat.status == .bot)
        try chat.leaveBot(at: t(30))
        try chat.assign(to: anna, at: t(40))
        try chat.assign(to: anna, at: t(41))                     // already hers: nothing changes
        try chat.transfer(to: sales, policy: .standard, at: t(50))
        try chat.assign(to: ben, at: t(60))
        #expect(chat.status == .active && chat.owner == ben && chat.queue == sales)
        #expect(chat.agents == [anna, ben])
        #expect(chat.transitions.map(\.status) == [.bot, .waiting, .active, .waiting, .active])
        #expect(chat.transitions.map(\.at) == [t(0), t(30), t(40), t(50), t(60)])
        #expect(chat.transitions.map(\.owner) == [nil, nil, anna, nil, ben])
    }

    @Test func theBotTranscriptTravelsWithTheChatToEveryOwner() throws {
        var chat = ConversationRecord(id: id, contact: eva, channel: .liveChat, queue: support, inBot: true, at: t(0))
        let transcript = BotTranscript(lines: ["Bot: Worum geht es?", "Kunde: Meine Rechnung fehlt."],
                                       startedAt: t(0), handedOverAt: t(45))
        try chat.leaveBot(transcript: transcript, at: t(45))
        #expect(chat.botTranscript == transcript && transcript.botTime == .seconds(45))
        try chat.assign(to: anna, at: t(50))
        try chat.transfer(to: sales, policy: .standard, at: t(60))
        try chat.assign(to: ben, at: t(70))
        #expect(chat.botTranscript == transcript)                // ben sees what the bot learnt, too
        refuse(&chat, .invalidState(id, .active)) { try $0.leaveBot(transcript: transcript, at: t(80)) }
    }

    @Test func leavingMeansMissedContactAbandonmentOrCustomerEndedByWhenItHappens() throws {
        var inBot = ConversationRecord(id: id, contact: eva, channel: .sms, queue: support, inBot: true, at: t(0))
        try inBot.customerLeft(at: t(5))
        #expect(inBot.status == .missedContact)
        var waiting = ConversationRecord(id: id, contact: eva, channel: .sms, queue: support, at: t(0))
        try waiting.customerLeft(at: t(5))
        #expect(waiting.status == .abandoned)
        var active = try activeChat()
        try active.customerLeft(at: t(20))
        #expect(active.status == .customerEnded && active.owner == anna)
        refuse(&active, .invalidState(id, .customerEnded)) { try $0.customerLeft(at: t(21)) }
    }

    @Test func aLiveChatVisitorMayLeaveAnOfflineMessage() throws {
        var chat = ConversationRecord(id: id, contact: eva, channel: .liveChat, queue: support, at: t(0))
        try chat.takeOfflineMessage(at: t(1))
        #expect(chat.status == .offlineMessage && chat.status.isFinished)
        var sms = ConversationRecord(id: id, contact: eva, channel: .sms, queue: support, at: t(0))
        refuse(&sms, .notLiveChat(id, .sms)) { try $0.takeOfflineMessage(at: t(1)) }
    }

    @Test func refusedRoutingCommandsChangeNothing() throws {
        var chat = try activeChat()
        refuse(&chat, .invalidState(id, .active)) { try $0.leaveBot(at: t(11)) }
        refuse(&chat, .invalidState(id, .active)) { try $0.takeOfflineMessage(at: t(11)) }
        try chat.markHandled(by: anna, at: t(20))
        refuse(&chat, .invalidState(id, .handled)) { try $0.assign(to: ben, at: t(21)) }
        refuse(&chat, .invalidState(id, .handled)) { try $0.transfer(to: sales, policy: .standard, at: t(21)) }
    }

    // MARK: Wrap-up

    @Test func closingTakesOneOrMoreReasonsFromTheQueuesList() throws {
        let policy = try ConversationPolicy(wrapUpReasons: ["solved", "callback", "escalated"])
        var chat = try activeChat(policy: policy)
        try chat.markHandled(by: anna, reasons: ["callback", "escalated"], at: t(100))
        #expect(chat.status == .handled && chat.isArchived)                   // handled closes and archives
        #expect(chat.wrapUpReasons == ["callback", "escalated"])
    }

    @Test func closingWithoutAReasonOrWithAnUnknownOneIsRefused() throws {
        let policy = try ConversationPolicy(wrapUpReasons: ["solved", "callback"])
        var chat = try activeChat(policy: policy)
        refuse(&chat, .wrapUpReasonRequired(id)) { try $0.markHandled(by: anna, reasons: [], at: t(100)) }
        refuse(&chat, .unknownWrapUpReason(id, "Solved")) { try $0.markHandled(by: anna, reasons: ["Solved"], at: t(100)) }
        refuse(&chat, .duplicateWrapUpReason(id, "solved")) {
            try $0.markHandled(by: anna, reasons: ["solved", "callback", "solved"], at: t(100))
        }
    }

    @Test func aQueueWithoutReasonsClosesWithoutAny() throws {
        var chat = try activeChat()
        refuse(&chat, .unknownWrapUpReason(id, "solved")) { try $0.markHandled(by: anna, reasons: ["solved"], at: t(100)) }
        try chat.markHandled(by: anna, at: t(100))
        #expect(chat.status == .handled && chat.wrapUpReasons == [])
    }

    @Test func onlyTheOwnerClosesAndInternalChatsAreNeverHandled() throws {
        var chat = try activeChat()
        refuse(&chat, .notOwner(id, ben)) { try $0.markHandled(by: ben, at: t(100)) }
        var waiting = ConversationRecord(id: id, contact: eva, channel: .sms, queue: support, at: t(0))
        refuse(&waiting, .invalidState(id, .waiting)) { try $0.markHandled(by: anna, at: t(1)) }
        var internalChat = ConversationRecord.internalChat(id: id, startedBy: anna, at: t(0))
        refuse(&internalChat, .internalChat(id)) { try $0.markHandled(by: anna, at: t(1)) }
    }

    @Test func aChatTheCustomerLeftOrWhoseSessionEndedIsStillClosedByItsOwner() throws {
        var gone = try activeChat()
        try gone.customerLeft(at: t(20))
        try gone.markHandled(by: anna, at: t(30))
        #expect(gone.status == .handled)
        var ended = try activeChat()
        try ended.endSession(by: anna, at: t(20))
        try ended.markHandled(by: anna, at: t(30))
        #expect(ended.status == .handled)
    }

    @Test func theQueuesPolicyIsCheckedWhenBuilt() {
        #expect(throws: ConversationPolicyError.emptyWrapUpReason(index: 1)) {
            try ConversationPolicy(wrapUpReasons: ["solved", " "])
        }
        #expect(throws: ConversationPolicyError.duplicateWrapUpReason("solved")) {
            try ConversationPolicy(wrapUpReasons: ["solved", "callback", "solved"])
        }
    }

    // MARK: End session and post-chat return

    @Test func endingASessionIsForLiveChatsAndTheirOwner() throws {
        var chat = try activeChat()
        refuse(&chat, .notOwner(id, ben)) { try $0.endSession(by: ben, at: t(20)) }
        try chat.endSession(by: anna, at: t(20))
        #expect(chat.status == .sessionEnded && !chat.isArchived)            // stays in the list
        refuse(&chat, .invalidState(id, .sessionEnded)) { try $0.endSession(by: anna, at: t(21)) }
        var whatsapp = try activeChat(.whatsapp)
        refuse(&whatsapp, .notLiveChat(id, .whatsapp)) { try $0.endSession(by: anna, at: t(20)) }
    }

    @Test func withThePostChatFormAReturningCustomerReactivatesTheEndedChat() throws {
        var chat = try activeChat(policy: try ConversationPolicy(postChatForm: true))
        #expect(chat.customerReturns(at: t(15)) == .sameConversation)
        try chat.endSession(by: anna, at: t(20))
        #expect(chat.customerReturns(at: t(300)) == .reactivated(owner: anna))
        #expect(chat.status == .active && chat.owner == anna)
        try chat.customerLeft(at: t(400))
        #expect(chat.customerReturns(at: t(500)) == .reactivated(owner: anna))
    }

    @Test func withoutThePostChatFormTheCustomerStartsANewConversation() throws {
        var chat = try activeChat()
        try chat.endSession(by: anna, at: t(20))
        let before = chat
        #expect(chat.customerReturns(at: t(300)) == .newConversation)
        #expect(chat == before)
    }

    @Test func aFinishedConversationIsNeverReactivated() throws {
        var chat = try activeChat(policy: try ConversationPolicy(postChatForm: true))
        try chat.markHandled(by: anna, at: t(20))
        #expect(chat.customerReturns(at: t(300)) == .newConversation)
        var sms = try activeChat(.sms, policy: try ConversationPolicy(postChatForm: true))
        try sms.customerLeft(at: t(20))
        #expect(sms.customerReturns(at: t(300)) == .newConversation)          // only live chats have sessions
    }

    // MARK: Archive, unarchive, delete

    @Test func archiveUnarchiveAndDeletePermanently() throws {
        var chat = try activeChat()
        try chat.markHandled(by: anna, at: t(20))
        refuse(&chat, .alreadyArchived(id)) { try $0.archive(at: t(21)) }
        try chat.unarchive(at: t(22))
        #expect(!chat.isArchived && chat.status == .handled)
        refuse(&chat, .notArchived(id)) { try $0.unarchive(at: t(23)) }
        try chat.archive(at: t(24))
        try chat.deletePermanently(at: t(25))
        #expect(chat.status == .deleted && !chat.isArchived)              // gone from the archive too
        #expect(chat.transitions.map(\.isArchived) == [false, false, true, false, true, false])
    }

    @Test func abandonedAndMissedChatsCanBeArchivedToo() throws {
        var chat = ConversationRecord(id: id, contact: eva, channel: .sms, queue: support, at: t(0))
        try chat.customerLeft(at: t(5))
        try chat.archive(at: t(6))
        #expect(chat.isArchived && chat.status == .abandoned)
        try chat.deletePermanently(at: t(7))                    // archived or not, a finished chat may be deleted
        #expect(chat.status == .deleted)
    }

    @Test func onlyFinishedChatsAreArchivedAndNothingFollowsDeletion() throws {
        var chat = try activeChat()
        refuse(&chat, .invalidState(id, .active)) { try $0.archive(at: t(11)) }
        refuse(&chat, .invalidState(id, .active)) { try $0.deletePermanently(at: t(11)) }
        try chat.markHandled(by: anna, at: t(20))
        try chat.deletePermanently(at: t(21))
        refuse(&chat, .invalidState(id, .deleted)) { try $0.unarchive(at: t(22)) }
        refuse(&chat, .invalidState(id, .deleted)) { try $0.archive(at: t(22)) }
        refuse(&chat, .invalidState(id, .deleted)) { try $0.deletePermanently(at: t(22)) }
        #expect(chat.customerReturns(at: t(23)) == .newConversation)
    }

    // MARK: Tickets and calls

    @Test func theOwnerCreatesOneTicketFromAChat() throws {
        var chat = try activeChat(.whatsapp)
        refuse(&chat, .notOwner(id, ben)) { _ = try $0.createTicket(by: ben, at: t(20)) }
        let ticket = try chat.createTicket(by: anna, at: t(20))
        #expect(ticket == TicketRequest(conversation: id, contact: eva, queue: support, channel: .whatsapp,
                                        origin: .agent(anna), createdAt: t(20)))
        #expect(chat.ticket == ticket)
        refuse(&chat, .ticketAlreadyCreated(id)) { _ = try $0.createTicket(by: anna, at: t(21)) }
        var internalChat = ConversationRecord.internalChat(id: id, startedBy: anna, at: t(0))
        refuse(&internalChat, .internalChat(id)) { _ = try $0.createTicket(by: anna, at: t(1)) }
    }

    @Test func aMissedContactGetsItsTicketWhenTheQueueAsks() throws {
        var chat = ConversationRecord(id: id, contact: eva, channel: .whatsapp, queue: support, inBot: true, at: t(0))
        refuse(&chat, .invalidState(id, .bot)) { _ = try $0.createMissedContactTicket(at: t(1)) }
        try chat.customerLeft(at: t(5))
        let ticket = try chat.createMissedContactTicket(at: t(5))
        #expect(ticket.origin == .missedContact && ticket.contact == eva)
        refuse(&chat, .ticketAlreadyCreated(id)) { _ = try $0.createMissedContactTicket(at: t(6)) }
    }

    @Test func callFromChatIsForInternalAndLiveChatsTheirOwnerAndWhenEnabled() throws {
        let enabled = try ConversationPolicy(callFromChat: true)
        let live = try activeChat(policy: enabled)
        #expect(try live.callFromChat(by: anna) == .visitorInvited(id, by: anna))
        #expect(throws: ConversationError.notOwner(id, ben)) { try live.callFromChat(by: ben) }
        let internalChat = ConversationRecord.internalChat(id: id, startedBy: anna, policy: enabled, at: t(0))
        #expect(try internalChat.callFromChat(by: anna) == .call(id, by: anna))
        for channel in [Channel.whatsapp, .facebook, .sms] {
            let chat = try activeChat(channel, policy: enabled)
            #expect(throws: ConversationError.callNotAvailable(id, channel)) { try chat.callFromChat(by: anna) }
        }
        let disabled = try activeChat()
        #expect(throws: ConversationError.callFromChatDisabled(id)) { try disabled.callFromChat(by: anna) }
        var ended = try activeChat(policy: enabled)
        try ended.endSession(by: anna, at: t(20))
        #expect(throws: ConversationError.invalidState(id, .sessionEnded)) { try ended.callFromChat(by: anna) }
    }
}
