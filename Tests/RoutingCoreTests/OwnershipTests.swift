// SPDX-License-Identifier: GPL-3.0-or-later

import ParleyTime
import Testing
@testable import RoutingCore

/// Claiming, get-next, transfer, conference, handled and sticky routing (SPEC §2.2–2.3).
@Suite struct OwnershipTests {
    let anna = EngineFixture.anna, ben = EngineFixture.ben, cleo = EngineFixture.cleo, dora = EngineFixture.dora
    let q = QueueID(0)
    func t(_ s: Double) -> SimTime { EngineFixture.t(s) }

    @Test func firstReplyClaimsAndLocksOutEveryoneElse() throws {
        var f = try EngineFixture(strategy: .firstResponder)
        let chat = try f.arrive(0)
        _ = f.events()
        try f.engine.reply(chat, by: ben, at: t(5))
        #expect(f.events() == [.accepted(chat, ben)])
        #expect(throws: EngineError.notOwner(chat, anna)) { try f.engine.reply(chat, by: anna, at: t(6)) }
        #expect(throws: EngineError.notOwner(chat, cleo)) { try f.engine.take(chat, by: cleo, at: t(6)) }
        try f.engine.reply(chat, by: ben, at: t(7))          // the owner goes on answering
        #expect(f.events() == [])
        #expect(try f.engine.owner(of: chat) == ben)
    }

    @Test func takeRuleRequiresTakingBeforeAnswering() throws {
        var f = try EngineFixture(strategy: .firstResponder) { $0.claim = .take }
        let chat = try f.arrive(0)
        _ = f.events()
        #expect(throws: EngineError.mustTakeFirst(chat, ben)) { try f.engine.reply(chat, by: ben, at: t(1)) }
        #expect(try f.engine.waitingCount(in: q) == 1)
        try f.engine.take(chat, by: ben, at: t(2))
        try f.engine.reply(chat, by: ben, at: t(3))
        #expect(f.events() == [.accepted(chat, ben)])
        #expect(throws: EngineError.notOwner(chat, anna)) { try f.engine.take(chat, by: anna, at: t(4)) }
    }

    @Test func nextChatShowsWhatGetNextWouldGiveWithoutClaimingIt() throws {
        var f = try EngineFixture(strategy: .manual) { $0.claim = .take }
        let first = try f.arrive(1), second = try f.arrive(2)
        _ = f.events()
        #expect(try f.engine.nextChat(for: ben) == first)
        #expect(f.events() == [])
        #expect(try f.engine.waitingCount(in: q) == 2)
        try f.engine.take(first, by: anna, at: t(3))      // another member takes it meanwhile
        #expect(try f.engine.nextChat(for: ben) == second)
        #expect(throws: EngineError.notOwner(first, ben)) { try f.engine.take(first, by: ben, at: t(4)) }
        #expect(throws: EngineError.unknownAgent(AgentID(99))) { try f.engine.nextChat(for: AgentID(99)) }
    }

    @Test func awayAgentMayOpenAChatFromTheListButNotGetNext() throws {
        var f = try EngineFixture(strategy: .manual)
        try f.engine.setStatus(anna, to: .away, at: t(0))
        let first = try f.arrive(1), second = try f.arrive(2)
        _ = f.events()
        #expect(throws: EngineError.notAvailable(anna, .away)) { try f.engine.getNext(agent: anna, at: t(3)) }
        try f.engine.take(second, by: anna, at: t(3))
        #expect(f.events() == [.accepted(second, anna)])
        #expect(try f.engine.getNext(agent: ben, at: t(4)) == first)
        #expect(try f.engine.getNext(agent: cleo, at: t(5)) == nil)
        #expect(f.events() == [.accepted(first, ben)])
        #expect(throws: EngineError.noFreeSlot(ben)) { try f.engine.getNext(agent: ben, at: t(6)) }
    }

    @Test func aChatOfferedToOneAgentCannotBeTakenByAnother() throws {
        var f = try EngineFixture(strategy: .longestIdle)
        let chat = try f.arrive(0)
        _ = f.events()
        #expect(throws: EngineError.notOfferedTo(chat, ben)) { try f.engine.take(chat, by: ben, at: t(1)) }
        try f.engine.take(chat, by: anna, at: t(1))          // taking one's own offer accepts it
        #expect(f.events() == [.accepted(chat, anna)])
    }

    @Test func aRungAgentTakesARingingBroadcastWithTheSlotTheRingReserved() throws {
        // Everyone has one slot; the ring reserves it, so a rung agent has no other free slot.
        var f = try EngineFixture(strategy: .ringAll) { $0.claim = .take }
        let chat = try f.arrive(0)
        #expect(f.events() == [.offered(chat, anna), .offered(chat, ben), .offered(chat, cleo), .offered(chat, dora)])
        #expect(throws: EngineError.mustTakeFirst(chat, ben)) { try f.engine.reply(chat, by: ben, at: t(1)) }
        #expect(f.events() == [])
        try f.engine.take(chat, by: ben, at: t(2))
        #expect(f.events() == [.offerWithdrawn(chat, dora), .offerWithdrawn(chat, cleo), .offerWithdrawn(chat, anna),
                               .accepted(chat, ben)])
        #expect(try f.engine.owner(of: chat) == ben)
        #expect(throws: EngineError.notOwner(chat, anna)) { try f.engine.take(chat, by: anna, at: t(3)) }
    }

    @Test func transferToAQueueTakesAccessAwayAtOnce() throws {
        let config = EngineConfiguration(
            queues: [QueueConfiguration(name: "first", strategy: .longestIdle),
                     QueueConfiguration(name: "second", strategy: .longestIdle)],
            agents: [AgentConfiguration(name: "anna", queues: [QueueID(0)]),
                     AgentConfiguration(name: "ben", queues: [QueueID(1)])])
        var e = try RoutingEngine(configuration: config)
        let chat = try e.arrive(channel: .whatsapp, queue: QueueID(0), at: t(0))
        try e.accept(chat, by: anna, at: t(1))
        e.removeAllEvents()
        try e.transfer(chat, by: anna, to: QueueID(1), at: t(5))
        #expect(e.events == [.transferredToQueue(chat, from: anna, to: QueueID(1)), .offered(chat, ben)])
        #expect(throws: EngineError.notOfferedTo(chat, anna)) { try e.reply(chat, by: anna, at: t(6)) }
        try e.accept(chat, by: ben, at: t(7))
        #expect(throws: EngineError.notOwner(chat, anna)) { try e.markHandled(chat, by: anna, at: t(8)) }
        #expect(try e.load(of: anna) == 0 && e.owner(of: chat) == ben)
        #expect(e.invariantViolations() == [])
    }

    @Test func transferToAnAgentFollowsTheRONARule() throws {
        var f = try EngineFixture(strategy: .longestIdle, capacities: [1, 1, 1])
        let waiting = try f.arrive(0)
        try f.engine.accept(waiting, by: anna, at: t(0))
        let target = try f.engine.agent(extension: "103")
        #expect(target == cleo)
        _ = f.events()
        try f.engine.transfer(waiting, by: anna, toAgent: target, at: t(10))
        #expect(f.events() == [.transferredToAgent(waiting, from: anna, to: cleo), .offered(waiting, cleo)])
        f.engine.fireDeadlines(at: t(40))
        // cleo is RONA; the chat goes back to its queue and on to the agent idle longest.
        #expect(f.events() == [.rona(waiting, cleo), .statusChanged(cleo, .rona), .queued(waiting, q),
                               .offered(waiting, ben)])
    }

    @Test func declinedTransferReturnsToTheQueueWithoutRONA() throws {
        var f = try EngineFixture(strategy: .manual, capacities: [1, 1])
        let chat = try f.arrive(0)
        _ = try f.engine.getNext(agent: anna, at: t(1))
        try f.engine.transfer(chat, by: anna, toAgent: try f.engine.agent(named: "ben"), at: t(2))
        _ = f.events()
        try f.engine.decline(chat, by: ben, at: t(3))
        #expect(f.events() == [.declined(chat, ben), .queued(chat, q)])
        #expect(try f.engine.status(of: ben) == .available)
    }

    @Test func refusedTransfersChangeNothing() throws {
        var f = try EngineFixture(strategy: .longestIdle, capacities: [1, 1, 1])
        let chat = try f.arrive(0)
        try f.engine.accept(chat, by: anna, at: t(0))
        try f.engine.setStatus(ben, to: .offline, at: t(0))
        _ = f.events()
        #expect(throws: EngineError.notAvailable(ben, .offline)) { try f.engine.transfer(chat, by: anna, toAgent: ben, at: t(1)) }
        #expect(throws: EngineError.notOwner(chat, cleo)) { try f.engine.transfer(chat, by: cleo, toAgent: ben, at: t(1)) }
        #expect(throws: EngineError.noSuchAgent("zoe")) { try f.engine.agent(named: "zoe") }
        #expect(throws: EngineError.unknownQueue(QueueID(4))) { try f.engine.transfer(chat, by: anna, to: QueueID(4), at: t(1)) }
        #expect(f.events() == [])
        #expect(try f.engine.owner(of: chat) == anna && f.engine.load(of: anna) == 1)
    }

    @Test func conferenceInviteeJoinsAndTakesOverWhenTheOwnerLeaves() throws {
        var f = try EngineFixture(strategy: .longestIdle, capacities: [2, 2])
        let chat = try f.arrive(0)
        try f.engine.accept(chat, by: anna, at: t(0))
        _ = f.events()
        try f.engine.invite(chat, by: anna, agent: ben, at: t(5))
        #expect(f.events() == [.invited(chat, ben), .offered(chat, ben)])
        try f.engine.accept(chat, by: ben, at: t(6))
        #expect(f.events() == [.joinedConference(chat, ben)])
        try f.engine.reply(chat, by: ben, at: t(7))           // both see and answer
        try f.engine.reply(chat, by: anna, at: t(7))
        #expect(try f.engine.load(of: ben) == 1)
        try f.engine.leaveConference(chat, by: anna, at: t(8))
        #expect(f.events() == [.ownerChanged(chat, ben), .leftConference(chat, anna)])
        #expect(try f.engine.owner(of: chat) == ben && f.engine.load(of: anna) == 0)
        try f.engine.markHandled(chat, by: ben, at: t(9))
        #expect(f.events() == [.handled(chat, ben)])
    }

    @Test func unansweredInvitationIsRONAForTheInvitee() throws {
        var f = try EngineFixture(strategy: .longestIdle, capacities: [1, 1])
        let chat = try f.arrive(0)
        try f.engine.accept(chat, by: anna, at: t(0))
        try f.engine.invite(chat, by: anna, agent: ben, at: t(1))
        _ = f.events()
        f.engine.fireDeadlines(at: t(31))
        #expect(f.events() == [.rona(chat, ben), .statusChanged(ben, .rona)])
        #expect(try f.engine.participant(of: chat) == nil && f.engine.load(of: ben) == 0)
    }

    @Test func returningContactIsRoutedToItsPreviousOwner() throws {
        var f = try EngineFixture(strategy: .longestIdle, capacities: [1, 1, 1])
        let contact = ContactID(7)
        let first = try f.arrive(0, contact: contact)
        try f.engine.accept(first, by: anna, at: t(0))
        try f.engine.leaveUnhandled(first, by: anna, at: t(60))
        _ = f.events()
        let again = try f.arrive(100, contact: contact)
        #expect(f.events() == [.offered(again, anna)])        // not ben, who has been idle longer
        try f.engine.accept(again, by: anna, at: t(101))
        #expect(f.events() == [.stickyRouted(again, anna), .accepted(again, anna)])
        try f.engine.markHandled(again, by: anna, at: t(120))
        _ = f.events()
        let third = try f.arrive(200, contact: contact)       // handled: no longer sticky
        #expect(f.events() == [.offered(third, ben)])
    }

    @Test func stickyChatWaitsForABusyOwnerThenFallsBackToNormalRouting() throws {
        var f = try EngineFixture(strategy: .longestIdle, capacities: [1, 1]) {
            $0.stickyWait = .seconds(60)
            $0.alertAfter = .seconds(600)
        }
        let contact = ContactID(3)
        try f.engine.setStatus(ben, to: .away, at: t(0))
        let first = try f.arrive(0, contact: contact)
        try f.engine.accept(first, by: anna, at: t(0))
        try f.engine.leaveUnhandled(first, by: anna, at: t(10))
        let busy = try f.arrive(20)
        try f.engine.accept(busy, by: anna, at: t(20))
        _ = f.events()
        let again = try f.arrive(30, contact: contact)
        #expect(f.events() == [.stickyWaiting(again, anna)])
        #expect(throws: EngineError.notOfferedTo(again, ben)) { try f.engine.take(again, by: ben, at: t(31)) }
        try f.engine.markHandled(busy, by: anna, at: t(40))
        #expect(f.events() == [.handled(busy, anna), .offered(again, anna)])
        // A second return while anna is busy again, this time outlasting the sticky wait.
        try f.engine.accept(again, by: anna, at: t(41))
        try f.engine.leaveUnhandled(again, by: anna, at: t(42))
        let other = try f.arrive(43)
        try f.engine.accept(other, by: anna, at: t(43))
        let late = try f.arrive(50, contact: contact)
        _ = f.events()
        f.engine.fireDeadlines(at: t(110))
        #expect(f.events() == [.queued(late, q)])
        try f.engine.setStatus(ben, to: .available, at: t(111))
        #expect(f.events() == [.statusChanged(ben, .available), .offered(late, ben)])
    }

    @Test func offlineFormWhenNoMemberIsAvailable() throws {
        var f = try EngineFixture(strategy: .longestIdle, capacities: [1, 1, 1, 1]) { $0.offlineForm = true }
        for agent in [anna, ben, cleo, dora] { try f.engine.setStatus(agent, to: .away, at: t(0)) }
        _ = f.events()
        let web = try f.arrive(1)
        #expect(f.events() == [.offlineForm(web, q)])
        #expect(throws: EngineError.unknownChat(web)) { try f.engine.state(of: web) }
        let whatsapp = try f.arrive(2, channel: .whatsapp)    // asynchronous channels always queue
        #expect(f.events() == [.queued(whatsapp, q)])
    }

    @Test func unansweredAlertGoesToAvailableMembersOnly() throws {
        var f = try EngineFixture(strategy: .manual) { $0.alertAfter = .seconds(45) }
        try f.engine.setStatus(ben, to: .away, at: t(0))
        let chat = try f.arrive(10)
        _ = f.events()
        #expect(f.engine.nextDeadline() == t(55))
        f.engine.fireDeadlines(at: t(55))
        #expect(f.events() == [.unansweredAlert(chat, anna), .unansweredAlert(chat, cleo), .unansweredAlert(chat, dora)])
        #expect(f.engine.nextDeadline() == .never)
    }

    @Test func answeredChatRaisesNoAlert() throws {
        var f = try EngineFixture(strategy: .manual)
        let chat = try f.arrive(0)
        _ = try f.engine.getNext(agent: anna, at: t(30))
        _ = f.events()
        f.engine.fireDeadlines(at: t(100))
        #expect(f.events() == [])
        #expect(try f.engine.owner(of: chat) == anna)
    }

    @Test func languageAndChannelLimitsDecideEligibility() throws {
        let de = LanguageID(0), en = LanguageID(1)
        var f = try EngineFixture(strategy: .topDown, capacities: [3, 3, 3, 3], languages: [[en], [de], [de, en], []],
                                  channelCapacity: [[:], [.whatsapp: 1], [:], [:]]) { $0.defaultLanguage = de }
        try f.engine.setStatus(cleo, to: .offline, at: t(0))
        try f.engine.setStatus(dora, to: .offline, at: t(0))
        _ = f.events()
        let german = try f.arrive(1)                        // queue default: de
        let english = try f.arrive(2, language: en)
        let wa1 = try f.arrive(3, channel: .whatsapp)       // de on WhatsApp: ben, who may hold one
        let wa2 = try f.arrive(4, channel: .whatsapp)
        #expect(f.events() == [.offered(german, ben), .offered(english, anna), .offered(wa1, ben), .queued(wa2, q)])
        #expect(try f.engine.unansweredCount(in: q) == 4 && f.engine.waitingCount(in: q) == 1)
        #expect(throws: EngineError.languageMismatch(wa2, anna)) { try f.engine.take(wa2, by: anna, at: t(5)) }
    }
}
