// SPDX-License-Identifier: GPL-3.0-or-later

/// A duration as people type it — `20s`, `4m`, `2h`, `1h30m`, `7d`, `1.5h`, `250ms` — and its length in seconds.
///
/// A duration text is one or more `<number><unit>` parts. Each unit appears at most once
/// and from the largest to the smallest (`1h30m`, not `30m1h` or `1m30m`), which catches
/// the typos that a free sum of parts would let through. A number is `digits[.digits]`: no
/// sign, exponent or space. The scenario loader and the command line read durations here, so
/// a duration means the same in a file and on the command line (SPEC §3.1). In a scenario file
/// a YAML number is read by ``Field/seconds(positive:)`` as seconds and never reaches this parser.
public struct DurationText: Sendable, Hashable, CustomStringConvertible {
    /// The text as it was typed.
    public let text: String
    /// Its length in seconds: not negative (infinite only for a number too long for a `Double`).
    public let seconds: Double

    /// Reads `text` as the command line does: `<number><unit>` parts or a plain number of seconds.
    public init?(_ text: String) {
        guard let seconds = Self.seconds(from: text, allowsBareNumber: true) else { return nil }
        self.text = text
        self.seconds = seconds
    }

    /// The text as it was typed.
    public var description: String { text }

    /// The units from the largest to the smallest, with their length in seconds.
    static let units: [(name: String, seconds: Double)] = [
        ("d", 86_400), ("h", 3_600), ("m", 60), ("s", 1), ("ms", 0.001),
    ]

    /// The accepted forms as the scenario loader's error messages give them.
    public static let acceptedForms = "a duration is a number of seconds or one or more <number><unit> parts "
        + "with units ms, s, m, h, d, such as 20s, 4m, 2h, 1h30m, 7d or 1.5h"

    /// The accepted forms in the short wording of the command line's help and errors.
    public static let commandLineForms =
        "a number of seconds or <number><unit> parts with units ms, s, m, h, d (20s, 4m, 1h30m)"

    /// The length in seconds of a duration text, or nil if it is not one.
    ///
    /// - Parameter allowsBareNumber: Also accept a plain number of seconds such as `12.5` (the
    ///   command line, and lines of a sample file, which are text rather than YAML numbers).
    /// - Complexity: O(n) in the length of `text`.
    public static func seconds(from text: String, allowsBareNumber: Bool = false) -> Double? {
        if allowsBareNumber, let number = plainNumber(Substring(text)) { return number }
        var rest = Substring(text)
        var total = 0.0
        var smallestUnit = -1   // index in `units` of the previous part's unit
        guard !rest.isEmpty else { return nil }
        while !rest.isEmpty {
            guard let (value, afterNumber) = number(prefixOf: rest),
                  let (unit, afterUnit) = unit(prefixOf: afterNumber),
                  unit > smallestUnit else { return nil }
            total += value * units[unit].seconds
            smallestUnit = unit
            rest = afterUnit
        }
        return total
    }

    /// A plain non-negative decimal number such as `12` or `12.5`, or nil.
    static func plainNumber(_ text: Substring) -> Double? {
        guard let (value, rest) = number(prefixOf: text), rest.isEmpty else { return nil }
        return value
    }

    /// The decimal number `digits[.digits]` that `text` starts with, and the text after it.
    private static func number(prefixOf text: Substring) -> (Double, Substring)? {
        let digits = text.prefix(while: \.isASCIIDigit)
        guard !digits.isEmpty else { return nil }
        var end = digits.endIndex
        if end < text.endIndex, text[end] == "." {
            let fraction = text[text.index(after: end)...].prefix(while: \.isASCIIDigit)
            guard !fraction.isEmpty else { return nil }
            end = fraction.endIndex
        }
        guard let value = Double(text[..<end]) else { return nil }
        return (value, text[end...])
    }

    /// The index in ``units`` of the unit that `text` starts with (longest match), and the text after it.
    private static func unit(prefixOf text: Substring) -> (Int, Substring)? {
        var best: Int?
        for (index, unit) in units.enumerated() where text.hasPrefix(unit.name) {
            if best.map({ units[$0].name.count < unit.name.count }) ?? true { best = index }
        }
        guard let best else { return nil }
        return (best, text.dropFirst(units[best].name.count))
    }
}

private extension Character {
    /// Whether this is one of the ASCII digits 0–9 (not any Unicode digit).
    var isASCIIDigit: Bool { ("0"..."9").contains(self) }
}
