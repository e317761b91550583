// SPDX-License-Identifier: GPL-3.0-or-later

/// A quick-reply template: a canned text an agent inserts and edits before sending (SPEC §2.6).
public struct QuickReplyTemplate: Sendable, Equatable {
    /// The template's position in the queue's configured list.
    public let index: Int
    public let category: String
    /// The language tag as configured (`de`, `de-AT`).
    public let language: String
    public let template: MessageTemplate
    /// The language tag lowercased with `_` read as `-`: `de_AT` → `de-at`.
    let normalizedLanguage: String
    /// The text lowercased, for search.
    let searchText: String

    init(index: Int, category: String, language: String, template: MessageTemplate) {
        self.index = index
        self.category = category
        self.language = language
        self.template = template
        normalizedLanguage = LanguageMatch.normalize(language)
        searchText = template.text.lowercased()
    }

    /// The text as configured.
    public var text: String { template.text }
}

/// How a requested language picks templates: exact tag, then the same two-letter language, then the queue's default.
enum LanguageMatch {
    static func normalize(_ tag: String) -> String {
        String(tag.trimmingWhitespace.lowercased().map { $0 == "_" ? "-" : $0 })
    }

    /// The primary subtag: `de-at` → `de`.
    static func primary(_ normalized: String) -> Substring {
        normalized.split(separator: "-", maxSplits: 1, omittingEmptySubsequences: false)[0]
    }

    /// Whether a normalized tag is a language (two or three letters) with optional subtags of 1–8 letters or digits.
    static func isValid(_ normalized: String) -> Bool {
        let parts = normalized.split(separator: "-", omittingEmptySubsequences: false)
        guard let first = parts.first, (2...3).contains(first.count),
              first.allSatisfy({ $0.isASCII && $0.isLetter }) else { return false }
        return parts.dropFirst().allSatisfy { (1...8).contains($0.count) && $0.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber) } }
    }
}
