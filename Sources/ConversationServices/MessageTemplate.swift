// SPDX-License-Identifier: GPL-3.0-or-later

/// A message text parsed once into literal pieces and placeholders, so rendering cannot meet a bad brace.
///
/// Syntax: `{name}` is a ``Placeholder``; `{{` and `}}` stand for literal braces. An unknown name,
/// an empty `{}`, a `{` without its `}` or a lone `}` is refused when the text is parsed — a
/// configuration error, never a silent blank in a message sent to a customer.
public struct MessageTemplate: Sendable, Equatable, CustomStringConvertible {
    /// One piece of a parsed text.
    @usableFromInline enum Piece: Sendable, Equatable {
        case literal(String)
        case placeholder(Placeholder)
    }

    /// The text as configured.
    public let text: String
    @usableFromInline let pieces: [Piece]

    /// Parses `text`.
    ///
    /// - Complexity: O(n) in the length of the text.
    public init(_ text: String) throws(PlaceholderError) {
        self.text = text
        var pieces: [Piece] = []
        var literal = ""
        var name: String?          // non-nil while inside braces
        var nameStart = 0
        var chars = Array(text)
        chars.append("\0")         // a sentinel so lookahead needs no bounds check
        var i = 0
        while i < chars.count - 1 {
            let c = chars[i]
            if var current = name {
                switch c {
                case "}":
                    guard let placeholder = Placeholder(rawValue: current) else {
                        throw .unknownPlaceholder(current, offset: nameStart)
                    }
                    pieces.append(.placeholder(placeholder))
                    name = nil
                case "{":
                    throw .unbalancedBrace(offset: nameStart)
                default:
                    current.append(c)
                    name = current
                }
                i += 1
                continue
            }
            switch (c, chars[i + 1]) {
            case ("{", "{"), ("}", "}"):
                literal.append(c)
                i += 2
            case ("{", _):
                if !literal.isEmpty { pieces.append(.literal(literal)); literal = "" }
                name = ""
                nameStart = i
                i += 1
            case ("}", _):
                throw .unbalancedBrace(offset: i)
            default:
                literal.append(c)
                i += 1
            }
        }
        if name != nil { throw .unbalancedBrace(offset: nameStart) }
        if !literal.isEmpty { pieces.append(.literal(literal)) }
        self.pieces = pieces
    }

    /// The placeholders the text uses, in order of first use.
    public var placeholders: [Placeholder] {
        var seen: [Placeholder] = []
        for case .placeholder(let p) in pieces where !seen.contains(p) { seen.append(p) }
        return seen
    }

    /// The text with every placeholder filled; refused when a value the text needs is unknown.
    ///
    /// For messages sent without a person in the loop (automatic messages): a raw `{name}` must
    /// never reach a customer.
    /// - Complexity: O(n) in the length of the result.
    public func render(_ values: PlaceholderValues) throws(PlaceholderError) -> String {
        var out = ""
        for piece in pieces {
            switch piece {
            case .literal(let s): out += s
            case .placeholder(let p):
                guard let value = values[p] else { throw .missingValue(p) }
                out += value
            }
        }
        return out
    }

    /// The text with the known values filled and unknown placeholders left as `{name}` to edit.
    ///
    /// For drafts an agent edits before sending (quick replies): a gap the agent can see and fill
    /// is better than a refusal. Literal braces come out single, as the agent would type them.
    /// - Complexity: O(n) in the length of the result.
    public func draft(_ values: PlaceholderValues) -> String {
        var out = ""
        for piece in pieces {
            switch piece {
            case .literal(let s): out += s
            case .placeholder(let p): out += values[p] ?? p.description
            }
        }
        return out
    }

    public var description: String { text }
}
