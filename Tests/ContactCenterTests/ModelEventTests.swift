// SPDX-License-Identifier: GPL-3.0-or-later

import ParleyTime
import RoutingCore
import SimKernel
import Testing
@testable import ContactCenter

/// Every model event comes out of the kernel as it went in, with the priority of its kind.
@Suite struct ModelEventTests {
    static let chat = ChatID(slot: 0xFFFF_FFFF, generation: 0xFFFF_FFFF)
    static let agent = (1 << 28) - 1
    static let events: [ModelEvent] = [
        .arrival(stream: 0, contact: nil), .arrival(stream: 7, contact: ContactID(0)),
        .arrival(stream: Int(Int32.max), contact: ContactID(Int(Int32.max))),
        .retrial(stream: 3, contact: nil, attempt: 2), .retrial(stream: Int(Int32.max), contact: ContactID(0), attempt: agent),
        .botEnds(botSlot: 12), .agentStatus(agent: agent, .ronaRecovery), .agentStatus(agent: 0, .breakEnd),
        .workEnds(chat), .workEnds(ChatID(slot: 0, generation: 0)), .conferenceTimeEnds(chat, invitee: agent),
        .accept(chat, agent: 3), .pull(agent: agent), .pull(agent: 0), .abandonment(chat), .engineDeadline,
        .take(chat, agent: 1), .reply(chat, agent: agent), .ownerLeaves(chat, owner: 2), .alertReaction(chat, agent: 4),
    ]

    /// The one four-bit tag no case uses decodes as no event.
    @Test func anUnusedTagIsNoEvent() {
        #expect(ModelEvent(payload: 0, aux: 15) == nil)
        #expect(ModelEvent(payload: 0, aux: 7 << 4 | 15) == nil)
        #expect(ModelEvent(payload: 0, aux: 9) == .engineDeadline)
    }

    @Test func everyEventSurvivesTheCalendar() {
        var calendar = EventCalendar()
        for (i, event) in Self.events.enumerated() {
            calendar.schedule(event, at: SimTime(microseconds: Int64(i)))
        }
        for event in Self.events {
            let scheduled = calendar.popNext()
            #expect(scheduled.flatMap(ModelEvent.init) == event)
            #expect(scheduled?.priority == event.kind.rawValue)
        }
        #expect(calendar.isEmpty)
    }

    @Test func aCancellableEventSurvivesTheCalendar() {
        var calendar = EventCalendar()
        let timer = calendar.scheduleCancellable(.conferenceTimeEnds(Self.chat, invitee: 5), at: .zero)
        calendar.schedule(.abandonment(Self.chat), at: .zero)
        let cancelled = calendar.cancel(timer)
        #expect(cancelled)
        let next = calendar.popNext()
        #expect(next.flatMap(ModelEvent.init) == .abandonment(Self.chat))
    }

    @Test func anEntryNoModelEventMakesIsRefused() {
        #expect(ModelEvent(payload: 0, aux: 0xF) == nil)
        #expect(ModelEvent(payload: 99, aux: 3) == nil)   // an agent-status event with no such change
    }
}
