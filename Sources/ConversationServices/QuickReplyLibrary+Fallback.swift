// SPDX-License-Identifier: GPL-3.0-or-later

/// Which step of the language fallback found a chat's quick replies (SPEC §2.6).
public enum QuickReplyFallback: String, Sendable, CaseIterable {
    /// A template in the chat's exact locale.
    case exact
    /// A template in the locale's two-letter language (`de` for `de-AT`, or `de-CH` for `de-AT`).
    case prefix
    /// Only a template in the queue's default language.
    case queueDefault = "queue_default"
}

extension QuickReplyLibrary {
    /// The step of the fallback exact locale → two-letter prefix → queue default at which
    /// ``templates(category:language:)`` finds templates of `category` for `language`; nil when it finds none.
    ///
    /// A chat without a language takes the queue's default, so its templates come from `queueDefault`.
    /// - Complexity: O(t) in the number of templates.
    public func fallbackStep(category: String, language: String?) -> QuickReplyFallback? {
        let inCategory = templates.filter { $0.category == category }
        guard !inCategory.isEmpty else { return nil }
        guard language != nil || defaultLanguage != nil else { return .queueDefault }
        for (position, step) in [language, defaultLanguage].enumerated() {
            guard let step else { continue }
            let wanted = LanguageMatch.normalize(step)
            if inCategory.contains(where: { $0.normalizedLanguage == wanted }) {
                return position == 0 ? .exact : .queueDefault
            }
            let primary = LanguageMatch.primary(wanted)
            if inCategory.contains(where: { LanguageMatch.primary($0.normalizedLanguage) == primary }) {
                return position == 0 ? .prefix : .queueDefault
            }
        }
        return nil
    }
}
