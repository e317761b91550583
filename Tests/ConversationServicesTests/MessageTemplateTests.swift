// SPDX-License-Identifier: GPL-3.0-or-later

import Testing
@testable import ConversationServices

/// Message texts with placeholders: parsed once, filled when sent (SPEC §2.5, §2.6).
@Suite struct MessageTemplateTests {
    let values = PlaceholderValues(company: "Parley GmbH", team: "Support DE", customer: "Eva", agent: "Anna")

    @Test func everyPlaceholderIsFilled() throws {
        let text = try MessageTemplate("Hallo {customer}, {agent} von {team} ({company}) ist für Sie da.")
        #expect(try text.render(values) == "Hallo Eva, Anna von Support DE (Parley GmbH) ist für Sie da.")
        #expect(text.placeholders == [.customer, .agent, .team, .company])
    }

    @Test func aPlaceholderMayRepeatAndTextMayHaveNone() throws {
        #expect(try MessageTemplate("{customer}, {customer}!").render(values) == "Eva, Eva!")
        #expect(try MessageTemplate("Wir sind gleich da.").render(values) == "Wir sind gleich da.")
        #expect(try MessageTemplate("").render(values) == "")
    }

    @Test func doubledBracesAreLiteralBraces() throws {
        let text = try MessageTemplate("Code {{A}} für {customer}")
        #expect(try text.render(values) == "Code {A} für Eva")
        #expect(text.placeholders == [.customer])
    }

    @Test func anUnknownPlaceholderIsAConfigurationError() {
        #expect(throws: PlaceholderError.unknownPlaceholder("kunde", offset: 6)) { try MessageTemplate("Hallo {kunde}") }
        #expect(throws: PlaceholderError.unknownPlaceholder("Customer", offset: 0)) { try MessageTemplate("{Customer}") }
        #expect(throws: PlaceholderError.unknownPlaceholder("", offset: 3)) { try MessageTemplate("Hi {}") }
    }

    @Test func anUnbalancedBraceIsAConfigurationError() {
        #expect(throws: PlaceholderError.unbalancedBrace(offset: 6)) { try MessageTemplate("Hallo {customer") }
        #expect(throws: PlaceholderError.unbalancedBrace(offset: 14)) { try MessageTemplate("Hallo customer} da") }
        #expect(throws: PlaceholderError.unbalancedBrace(offset: 0)) { try MessageTemplate("{cust{omer}}") }
        #expect(throws: PlaceholderError.unbalancedBrace(offset: 10)) { try MessageTemplate("{customer}}") }
    }

    @Test func renderingRefusesAMissingValueButADraftLeavesItToEdit() throws {
        let text = try MessageTemplate("Hallo {customer}, hier ist {agent}.")
        let noAgent = PlaceholderValues(customer: "Eva")
        #expect(throws: PlaceholderError.missingValue(.agent)) { try text.render(noAgent) }
        #expect(text.draft(noAgent) == "Hallo Eva, hier ist {agent}.")
    }

    @Test func errorsDescribeTheProblem() {
        #expect(PlaceholderError.unknownPlaceholder("kunde", offset: 6).description
                == "unknown placeholder {kunde} at character 6 (known: {company}, {team}, {customer}, {agent})")
        #expect(PlaceholderError.unbalancedBrace(offset: 3).description.contains("{{ or }}"))
    }
}
