// SPDX-License-Identifier: GPL-3.0-or-later

/// Reads the duration texts of scenario files: `20s`, `4m`, `2h`, `1h30m`, `7d`, `1.5h`, `250ms`.
///
/// A duration text is one or more `<number><unit>` parts. Each unit appears at most once
/// and from the largest to the smallest (`1h30m`, not `30m1h` or `1m30m`), which catches
/// the typos that a free sum of parts would let through. A YAML number is read by
/// ``Field/seconds(positive:)`` as seconds and never reaches this parser.
enum DurationParser {
    /// The units from the largest to the smallest, with their length in seconds.
    static let units: [(name: String, seconds: Double)] = [
        ("d", 86_400), ("h", 3_600), ("m", 60), ("s", 1), ("ms", 0.001),
    ]

    /// The accepted forms, for error messages.
    static let acceptedForms = "a duration is a number of seconds or one or more <number><unit> parts "
        + "with units ms, s, m, h, d, such as 20s, 4m, 2h, 1h30m, 7d or 1.5h"

    /// The length in seconds of a duration text, or nil if it is not one.
    ///
    /// - Parameter allowsBareNumber: Also accept a plain number of seconds such as `12.5`
    ///   (lines of an empirical sample file are text, so a number there is not a YAML number).
    static func seconds(from text: String, allowsBareNumber: Bool = false) -> Double? {
        if allowsBareNumber, let number = bareNumber(text) { return number }
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

    /// A plain non-negative decimal number, such as `12` or `12.5`.
    private static func bareNumber(_ text: String) -> Double? {
        guard let (value, rest) = number(prefixOf: Substring(text)), rest.isEmpty else { return nil }
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
