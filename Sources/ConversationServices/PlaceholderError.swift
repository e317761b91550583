// SPDX-License-Identifier: GPL-3.0-or-later

/// Why a message text cannot be parsed or rendered.
///
/// Offsets count characters from the start of the text, from 0.
public enum PlaceholderError: Error, Equatable, Sendable, CustomStringConvertible {
    /// `{name}` where `name` is not one of ``Placeholder``.
    case unknownPlaceholder(String, offset: Int)
    /// A `{` without its `}`, a `{` inside a placeholder, or a lone `}` (write `{{` or `}}` for a brace).
    case unbalancedBrace(offset: Int)
    /// Rendering needs a value that was not given.
    case missingValue(Placeholder)

    public var description: String {
        switch self {
        case .unknownPlaceholder(let name, let offset):
            let known = Placeholder.allCases.map(\.description).joined(separator: ", ")
            return "unknown placeholder {\(name)} at character \(offset) (known: \(known))"
        case .unbalancedBrace(let offset):
            return "unbalanced brace at character \(offset) (write {{ or }} for a literal brace)"
        case .missingValue(let placeholder):
            return "no value for \(placeholder)"
        }
    }
}
