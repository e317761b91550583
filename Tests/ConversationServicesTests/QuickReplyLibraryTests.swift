// SPDX-License-Identifier: GPL-3.0-or-later

import Testing
@testable import ConversationServices

/// Quick-reply templates: filter by category and language, search, insert and edit (SPEC §2.6, seeds 000–003).
@Suite struct QuickReplyLibraryTests {
    typealias Definition = QuickReplyDefinition

    let library: QuickReplyLibrary

    init() throws {
        library = try QuickReplyLibrary([
            Definition(category: "billing", language: "de", text: "Ihre Rechnung finden Sie im Kundenkonto, {customer}."),
            Definition(category: "billing", language: "en", text: "Your invoice is in your account."),
            Definition(category: "billing", language: "de-AT", text: "Servus {customer}, die Rechnung liegt im Konto."),
            Definition(category: "greeting", language: "en", text: "Hello {customer}, this is {agent} from {team}."),
            Definition(category: "greeting", language: "it", text: "Ciao {customer}, sono {agent}."),
            Definition(category: "shipping", language: "en_GB", text: "Your parcel is on its way."),
        ], defaultLanguage: "en")
    }

    func indices(_ templates: [QuickReplyTemplate]) -> [Int] { templates.map(\.index) }

    @Test func theFallbackStepIsReportedAsTheListingTakesIt() {
        #expect(library.fallbackStep(category: "billing", language: "de-AT") == .exact)
        #expect(library.fallbackStep(category: "billing", language: "de-CH") == .prefix)    // de, then de-AT
        #expect(library.fallbackStep(category: "greeting", language: "fr") == .queueDefault) // en
        #expect(library.fallbackStep(category: "shipping", language: "en") == .prefix)       // en_GB
        #expect(library.fallbackStep(category: "shipping", language: "fr") == .queueDefault)  // en → en_GB by prefix
        #expect(library.fallbackStep(category: "greeting", language: nil) == .queueDefault)
        #expect(library.fallbackStep(category: "refunds", language: "de") == nil)
    }

    @Test func categoriesInOrderOfFirstAppearance() {
        #expect(library.categories == ["billing", "greeting", "shipping"])
    }

    @Test func listingFiltersByCategoryAndLanguageInConfiguredOrder() {
        #expect(indices(library.templates()) == [0, 1, 2, 3, 4, 5])
        #expect(indices(library.templates(category: "billing")) == [0, 1, 2])
        #expect(indices(library.templates(category: "billing", language: "en")) == [1])
        #expect(indices(library.templates(language: "it")) == [4])
        #expect(indices(library.templates(category: "returns")) == [])
    }

    @Test func anExactLocaleComesFirst() {
        #expect(indices(library.templates(category: "billing", language: "de-AT")) == [2])
        #expect(indices(library.templates(category: "billing", language: "DE_at")) == [2])   // case and _ do not matter
    }

    @Test func thenTheTwoLetterLanguage() {
        #expect(indices(library.templates(category: "billing", language: "de-CH")) == [0, 2])
        #expect(indices(library.templates(category: "shipping", language: "en-US")) == [5])
    }

    @Test func thenTheQueuesDefaultLanguage() {
        #expect(indices(library.templates(category: "billing", language: "fr")) == [1])
        #expect(indices(library.templates(category: "greeting", language: "de")) == [3])
        #expect(indices(library.templates(category: "shipping", language: "fr")) == [5])
    }

    @Test func withoutAnyMatchTheListIsEmpty() throws {
        let noDefault = try QuickReplyLibrary([Definition(category: "billing", language: "de", text: "Rechnung")])
        #expect(noDefault.templates(language: "fr").isEmpty)
        #expect(indices(noDefault.templates(language: "de")) == [0])
    }

    @Test func searchFindsTextIgnoringCaseWithinTheFilters() {
        #expect(indices(library.search("RECHNUNG")) == [0, 2])
        #expect(indices(library.search("rechnung", language: "de-AT")) == [2])
        #expect(indices(library.search("your", category: "billing")) == [1])
        #expect(indices(library.search("", category: "greeting")) == [3, 4])
        #expect(indices(library.search("refund")) == [])
    }

    @Test func insertingFillsPlaceholdersAndLeavesTheRestToEdit() throws {
        let greeting = try #require(library.templates(category: "greeting", language: "en").first)
        let all = PlaceholderValues(team: "Support", customer: "Eva", agent: "Anna")
        #expect(library.insert(greeting, values: all) == "Hello Eva, this is Anna from Support.")
        let anonymous = PlaceholderValues(team: "Support", agent: "Anna")
        var draft = library.insert(greeting, values: anonymous)
        #expect(draft == "Hello {customer}, this is Anna from Support.")
        draft = draft.replacing("{customer}", with: "there")               // the agent edits before sending
        #expect(draft == "Hello there, this is Anna from Support.")
    }

    @Test func badTemplatesAreRefusedNamingTheirPosition() {
        #expect(throws: QuickReplyError.invalidText(index: 1, .unknownPlaceholder("name", offset: 6))) {
            try QuickReplyLibrary([Definition(category: "a", language: "de", text: "ok"),
                                   Definition(category: "a", language: "de", text: "Hallo {name}")])
        }
        #expect(throws: QuickReplyError.emptyCategory(index: 0)) {
            try QuickReplyLibrary([Definition(category: " ", language: "de", text: "x")])
        }
        for tag in ["", "german", "d", "de-", "de-toolongsubtag"] {
            #expect(throws: QuickReplyError.invalidLanguage(index: 0, tag)) {
                try QuickReplyLibrary([Definition(category: "a", language: tag, text: "x")])
            }
        }
        #expect(throws: QuickReplyError.emptyText(index: 0)) {
            try QuickReplyLibrary([Definition(category: "a", language: "de", text: "")])
        }
        #expect(throws: QuickReplyError.invalidDefaultLanguage("x1")) { try QuickReplyLibrary([], defaultLanguage: "x1") }
    }
}
