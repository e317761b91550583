// SPDX-License-Identifier: GPL-3.0-or-later

import Testing
@testable import ConversationServices

/// A team's automatic chat messages: editable text, placeholders, an on/off switch (SPEC §2.5, seed 004).
@Suite struct AutoReplySetTests {
    typealias Config = AutoReplyConfiguration

    @Test func theScenarioKeysNameEveryTrigger() {
        #expect(AutoReplyTrigger.allCases.map(\.rawValue) == [
            "first_message", "out_of_hours", "offline_form", "customer_left_waiting", "missed_contact",
            "session_ended", "resolved", "rating_request", "request_media", "payment_request", "approval_request"])
        #expect(AutoReplyTrigger(rawValue: "rating_request") == .ratingRequest)
        #expect(AutoReplyTrigger.allCases.enumerated().allSatisfy { $0.offset == $0.element.position })
    }

    @Test func everyTriggerCanBeConfiguredAndRendered() throws {
        var replies: [AutoReplyTrigger: Config] = [:]
        for trigger in AutoReplyTrigger.allCases {
            let agent = trigger.involvesAgent ? " {agent}" : ""
            replies[trigger] = Config(text: "\(trigger.rawValue): {customer}, {team}\(agent)")
        }
        let set = try AutoReplySet(team: "Support", replies: replies)
        for trigger in AutoReplyTrigger.allCases {
            let message = try #require(try set.message(trigger, customer: "Eva", agent: "Anna"))
            #expect(message.trigger == trigger)
            #expect(message.text == "\(trigger.rawValue): Eva, Support" + (trigger.involvesAgent ? " Anna" : ""))
        }
    }

    @Test func theSwitchTurnsAMessageOffAndUnconfiguredMessagesAreOff() throws {
        let set = try AutoReplySet(team: "Support", replies: [
            .firstMessage: Config(text: "Hallo {customer}, {team} ist gleich für Sie da.", enabled: true),
            .ratingRequest: Config(text: "Wie zufrieden waren Sie?", enabled: false),
        ])
        #expect(try set.message(.firstMessage, customer: "Eva")?.text == "Hallo Eva, Support ist gleich für Sie da.")
        #expect(try set.message(.ratingRequest, customer: "Eva", agent: "Anna") == nil)
        #expect(try set.message(.resolved, customer: "Eva", agent: "Anna") == nil)
        #expect(set.isEnabled(.firstMessage) && !set.isEnabled(.ratingRequest) && !set.isEnabled(.resolved))
        #expect(AutoReplyTrigger.allCases.allSatisfy { !AutoReplySet.none(team: "x").isEnabled($0) })
    }

    @Test func theCompanyOrTheTeamNameAppears() throws {
        let set = try AutoReplySet(team: "Support DE", company: "Parley GmbH", replies: [
            .resolved: Config(text: "{company} dankt Ihnen."),
            .sessionEnded: Config(text: "{team} beendet den Chat."),
        ])
        #expect(try set.message(.resolved, customer: "Eva", agent: "Anna")?.text == "Parley GmbH dankt Ihnen.")
        #expect(try set.message(.sessionEnded, customer: "Eva", agent: "Anna")?.text == "Support DE beendet den Chat.")
    }

    @Test func anUnknownPlaceholderIsRefusedWhenTheSetIsBuiltEvenIfSwitchedOff() {
        #expect(throws: AutoReplyError.invalidText(.ratingRequest, .unknownPlaceholder("kunde", offset: 6))) {
            try AutoReplySet(team: "t", replies: [.ratingRequest: Config(text: "Hallo {kunde}", enabled: false)])
        }
        #expect(throws: AutoReplyError.invalidText(.firstMessage, .unbalancedBrace(offset: 0))) {
            try AutoReplySet(team: "t", replies: [.firstMessage: Config(text: "{customer")])
        }
    }

    @Test func theAgentPlaceholderIsRefusedWhereNoAgentIsInvolved() {
        for trigger in AutoReplyTrigger.allCases where !trigger.involvesAgent {
            #expect(throws: AutoReplyError.placeholderNotAvailable(trigger, .agent)) {
                try AutoReplySet(team: "t", replies: [trigger: Config(text: "{agent} meldet sich")])
            }
        }
    }

    @Test func theCompanyPlaceholderNeedsACompanyName() {
        #expect(throws: AutoReplyError.missingCompanyName(.firstMessage)) {
            try AutoReplySet(team: "t", replies: [.firstMessage: Config(text: "Willkommen bei {company}")])
        }
    }

    @Test func anEnabledMessageNeedsText() throws {
        #expect(throws: AutoReplyError.emptyText(.resolved)) {
            try AutoReplySet(team: "t", replies: [.resolved: Config(text: "  ")])
        }
        _ = try AutoReplySet(team: "t", replies: [.resolved: Config(text: "", enabled: false)])
    }

    @Test func onlyMissedContactCanCreateATicketEvenWithItsMessageOff() throws {
        #expect(throws: AutoReplyError.ticketNotSupported(.customerLeftWaiting)) {
            try AutoReplySet(team: "t", replies: [.customerLeftWaiting: Config(text: "x", createTicket: true)])
        }
        let set = try AutoReplySet(team: "t", replies: [
            .missedContact: Config(text: "Wir melden uns.", enabled: false, createTicket: true)])
        #expect(set.createsTicketForMissedContact)
        #expect(try set.message(.missedContact, customer: "Eva") == nil)
        #expect(!AutoReplySet.none(team: "t").createsTicketForMissedContact)
    }

    @Test func errorsAreReportedInTriggerOrderWhateverTheDictionarysOrder() {
        let replies: [AutoReplyTrigger: Config] = [
            .approvalRequest: Config(text: "{x}"), .firstMessage: Config(text: "{y}"), .resolved: Config(text: "{z}")]
        #expect(throws: AutoReplyError.invalidText(.firstMessage, .unknownPlaceholder("y", offset: 0))) {
            try AutoReplySet(team: "t", replies: replies)
        }
    }

    @Test func renderingAnAgentMessageWithoutTheAgentsNameIsRefused() throws {
        let set = try AutoReplySet(team: "t", replies: [.requestMedia: Config(text: "{agent} bittet um ein Foto.")])
        #expect(throws: AutoReplyError.missingAgentName(.requestMedia)) { try set.message(.requestMedia, customer: "Eva") }
        #expect(try set.message(.requestMedia, customer: "Eva", agent: "Ben")?.text == "Ben bittet um ein Foto.")
    }
}

@Suite struct AutoReplyTriggerPositionTests {
    @Test func positionIsTheIndexInAllCases() {
        for (index, trigger) in AutoReplyTrigger.allCases.enumerated() { #expect(trigger.position == index) }
    }
}
