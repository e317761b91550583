// SPDX-License-Identifier: GPL-3.0-or-later

/// One quick-reply template as a scenario writes it: `{category: billing, language: de, text: "…"}`.
public struct QuickReplyDefinition: Sendable, Equatable {
    public var category: String
    public var language: String
    public var text: String

    public init(category: String, language: String, text: String) {
        self.category = category
        self.language = language
        self.text = text
    }
}

/// A queue's quick-reply templates: listed by category and language, searched, inserted (SPEC §2.6).
///
/// Lists keep the configured order. A language filter falls back in three steps, the first
/// that finds any template (after the category filter) winning: the exact tag (`de-AT`), then
/// the same two-letter language (`de`, and its other regions such as `de-CH`), then the queue's
/// default language the same way; with none of them, the list is empty. Tags compare without
/// case, `_` read as `-`.
public struct QuickReplyLibrary: Sendable, Equatable {
    public let templates: [QuickReplyTemplate]
    /// The queue's default language (its `language` key).
    public let defaultLanguage: String?

    /// Checks and parses a queue's templates; every text is parsed once here.
    ///
    /// - Complexity: O(total text length).
    public init(_ definitions: [QuickReplyDefinition], defaultLanguage: String? = nil) throws(QuickReplyError) {
        if let defaultLanguage, !LanguageMatch.isValid(LanguageMatch.normalize(defaultLanguage)) {
            throw .invalidDefaultLanguage(defaultLanguage)
        }
        var templates: [QuickReplyTemplate] = []
        for (index, definition) in definitions.enumerated() {
            guard !definition.category.trimmingWhitespace.isEmpty else { throw .emptyCategory(index: index) }
            guard LanguageMatch.isValid(LanguageMatch.normalize(definition.language)) else {
                throw .invalidLanguage(index: index, definition.language)
            }
            guard !definition.text.trimmingWhitespace.isEmpty else { throw .emptyText(index: index) }
            let template: MessageTemplate
            do { template = try MessageTemplate(definition.text) } catch { throw .invalidText(index: index, error) }
            templates.append(QuickReplyTemplate(index: index, category: definition.category,
                                                language: definition.language, template: template))
        }
        self.templates = templates
        self.defaultLanguage = defaultLanguage
    }

    /// The categories, in order of first appearance (the tabs an agent filters by).
    public var categories: [String] {
        templates.reduce(into: []) { if !$0.contains($1.category) { $0.append($1.category) } }
    }

    /// The templates of `category` (all when nil) for `language` (all when nil, with fallback otherwise).
    ///
    /// - Complexity: O(t) in the number of templates.
    public func templates(category: String? = nil, language: String? = nil) -> [QuickReplyTemplate] {
        let inCategory = category.map { wanted in templates.filter { $0.category == wanted } } ?? templates
        guard let language else { return inCategory }
        for step in [language, defaultLanguage] {
            guard let step else { continue }
            let wanted = LanguageMatch.normalize(step)
            let exact = inCategory.filter { $0.normalizedLanguage == wanted }
            if !exact.isEmpty { return exact }
            let primary = LanguageMatch.primary(wanted)
            let sameLanguage = inCategory.filter { LanguageMatch.primary($0.normalizedLanguage) == primary }
            if !sameLanguage.isEmpty { return sameLanguage }
        }
        return []
    }

    /// The templates whose text contains `query`, ignoring case, within the same filters as ``templates(category:language:)``.
    ///
    /// An empty query finds every template the filters list. Case is folded by Unicode
    /// lowercasing; accents are significant.
    /// - Complexity: O(t · l) for t templates of length l.
    public func search(_ query: String, category: String? = nil, language: String? = nil) -> [QuickReplyTemplate] {
        let needle = query.lowercased()
        let listed = templates(category: category, language: language)
        guard !needle.isEmpty else { return listed }
        return listed.filter { $0.searchText.contains(needle) }
    }

    /// The template's text with the known values filled, ready for the agent to edit before sending.
    ///
    /// A placeholder without a value stays visible as `{name}` for the agent to complete.
    /// - Complexity: O(length of the text).
    public func insert(_ template: QuickReplyTemplate, values: PlaceholderValues) -> String {
        template.template.draft(values)
    }
}
