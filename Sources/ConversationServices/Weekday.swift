// SPDX-License-Identifier: GPL-3.0-or-later

/// A day of the week, Monday first (ISO 8601).
public enum Weekday: Int, Sendable, CaseIterable, Comparable, CustomStringConvertible {
    case monday, tuesday, wednesday, thursday, friday, saturday, sunday

    /// Reads `mon` … `sun` or the full English name, in any case.
    public init?(name: some StringProtocol) {
        let lower = name.lowercased()
        guard let day = Weekday.allCases.first(where: { $0.description == lower || $0.fullName == lower }) else {
            return nil
        }
        self = day
    }

    /// The days from `first` through `last`, wrapping past Sunday (`sun-tue` is Sunday, Monday, Tuesday).
    public static func range(from first: Weekday, through last: Weekday) -> [Weekday] {
        let count = (last.rawValue - first.rawValue + 7) % 7 + 1
        return (0..<count).map { Weekday(rawValue: (first.rawValue + $0) % 7)! }
    }

    public static func < (a: Weekday, b: Weekday) -> Bool { a.rawValue < b.rawValue }

    /// The three-letter scenario name, `mon` … `sun`.
    public var description: String { String(fullName.prefix(3)) }

    var fullName: String {
        switch self {
        case .monday: "monday"
        case .tuesday: "tuesday"
        case .wednesday: "wednesday"
        case .thursday: "thursday"
        case .friday: "friday"
        case .saturday: "saturday"
        case .sunday: "sunday"
        }
    }
}
