// SPDX-License-Identifier: GPL-3.0-or-later

/// Why a queue's quick-reply templates cannot be built. `index` is the template's position in the list.
public enum QuickReplyError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The text has an unknown placeholder or an unbalanced brace.
    case invalidText(index: Int, PlaceholderError)
    /// A template without a category.
    case emptyCategory(index: Int)
    /// A language that is not a tag such as `de` or `de-AT`.
    case invalidLanguage(index: Int, String)
    /// A template without text.
    case emptyText(index: Int)
    /// The queue's default language is not a language tag.
    case invalidDefaultLanguage(String)

    public var description: String {
        switch self {
        case .invalidText(let index, let error): "template \(index): \(error)"
        case .emptyCategory(let index): "template \(index): a template needs a category"
        case .invalidLanguage(let index, let tag): "template \(index): '\(tag)' is not a language tag (de, de-AT)"
        case .emptyText(let index): "template \(index): a template needs a text"
        case .invalidDefaultLanguage(let tag): "'\(tag)' is not a language tag (de, de-AT)"
        }
    }
}
