// SPDX-License-Identifier: GPL-3.0-or-later

/// One range of opening hours within a day, on the local wall clock: `08:00-20:00`.
///
/// A range whose closing time is earlier than its opening time runs overnight into the next
/// day (`22:00-02:00`); `24:00` closes at the end of the day. A range that opens and closes at
/// the same time is refused: it could mean nothing or the whole day — write `00:00-24:00`.
public struct OpeningRange: Hashable, Sendable, CustomStringConvertible {
    /// Minutes after local midnight, 0 ..< 1440.
    public let opensMinute: Int
    /// Minutes after local midnight, 0 ... 1440; at or before ``opensMinute``: the next day.
    public let closesMinute: Int

    /// A range from `opensMinute` to `closesMinute` (minutes after midnight).
    public init(opensMinute: Int, closesMinute: Int) throws(CalendarError) {
        let text = "\(Self.clock(opensMinute))-\(Self.clock(closesMinute))"
        guard (0..<1440).contains(opensMinute), (0...1440).contains(closesMinute) else { throw .invalidHours(text) }
        guard opensMinute != closesMinute else { throw .emptyRange(text) }
        self.opensMinute = opensMinute
        self.closesMinute = closesMinute
    }

    /// Parses `HH:MM-HH:MM` (hours may have one digit; `24:00` only as a closing time).
    public init(parsing text: some StringProtocol) throws(CalendarError) {
        let ends = text.split(separator: "-", omittingEmptySubsequences: false)
        guard ends.count == 2, let opens = Self.minutes(ends[0]), let closes = Self.minutes(ends[1]), opens < 1440 else {
            throw .invalidHours(String(text))
        }
        try self.init(opensMinute: opens, closesMinute: closes)
    }

    /// Whether the range closes on the next day.
    public var isOvernight: Bool { closesMinute <= opensMinute }

    public var description: String { "\(Self.clock(opensMinute))-\(Self.clock(closesMinute))" }

    /// Minutes after midnight of `H:MM` / `HH:MM`, at most `24:00`.
    static func minutes(_ text: some StringProtocol) -> Int? {
        let parts = text.trimmingWhitespace.split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count == 2, (1...2).contains(parts[0].count), parts[1].count == 2,
              parts.allSatisfy({ $0.allSatisfy(\.isASCII) }),
              let hour = Int(parts[0]), let minute = Int(parts[1]),
              (0...24).contains(hour), (0..<60).contains(minute), hour * 60 + minute <= 1440 else { return nil }
        return hour * 60 + minute
    }

    static func clock(_ minutes: Int) -> String {
        let h = minutes / 60, m = minutes % 60
        return "\(h < 10 ? "0" : "")\(h):\(m < 10 ? "0" : "")\(m)"
    }
}

extension StringProtocol {
    /// The text without leading and trailing white space.
    var trimmingWhitespace: Substring {
        let s = Substring(self)
        guard let first = s.firstIndex(where: { !$0.isWhitespace }),
              let last = s.lastIndex(where: { !$0.isWhitespace }) else { return "" }
        return s[first...last]
    }
}
