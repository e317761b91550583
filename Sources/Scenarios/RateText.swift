// SPDX-License-Identifier: GPL-3.0-or-later

/// A rate as people type it — `120/h`, `2/m`, `0.5/s`, `100/30m`, or `120` per hour — and its value per second.
///
/// The count before the slash is a plain number. The part after it is a unit alone (`d`, `h`,
/// `m`, `s`, but not `ms`: `12/ms` is refused, `12/1ms` accepted) or a ``DurationText`` with the
/// command line's rules, a plain number there being seconds (`100/30m`, `5/90`); the period must
/// be longer than zero. Whether a rate of zero makes sense is the caller's business.
public struct RateText: Sendable, Hashable, CustomStringConvertible {
    /// The text as it was typed.
    public let text: String
    /// The rate per second: not negative (infinite only for a count too long for a `Double`).
    public let perSecond: Double

    /// Reads `text` as a rate, or returns nil if it is not one.
    public init?(_ text: String) {
        guard let perSecond = Self.perSecond(from: text) else { return nil }
        self.text = text
        self.perSecond = perSecond
    }

    /// The rate per hour.
    public var perHour: Double { perSecond * 3_600 }

    /// The text as it was typed.
    public var description: String { text }

    /// The accepted forms, for help and error messages.
    public static let acceptedForms = "N/h, N/m, N/s, N/<duration> such as 100/30m, or a plain number per hour"

    /// The rate per second of a rate text, or nil if it is not one.
    ///
    /// - Complexity: O(n) in the length of `text`.
    public static func perSecond(from text: String) -> Double? {
        guard let slash = text.firstIndex(of: "/") else {
            return DurationText.plainNumber(Substring(text)).map { $0 / 3_600 }
        }
        guard let count = DurationText.plainNumber(text[..<slash]) else { return nil }
        let per = String(text[text.index(after: slash)...])
        let unit = DurationText.units.first { $0.name == per && $0.name != "ms" }
        guard let period = unit?.seconds ?? DurationText.seconds(from: per, allowsBareNumber: true),
              period > 0 else { return nil }
        return count / period
    }
}
