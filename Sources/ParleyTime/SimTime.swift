// SPDX-License-Identifier: GPL-3.0-or-later

/// An instant of simulated time: microseconds since the start of a replication.
///
/// Time is a value passed to every operation; nothing in the engine, kernel or model
/// reads a clock. Integer microseconds make event order exact and platform-independent.
public struct SimTime: Hashable, Comparable, Sendable, CustomStringConvertible {
    /// Microseconds since the origin of the replication (the start of the warm-up).
    public var microseconds: Int64

    @inlinable public init(microseconds: Int64) { self.microseconds = microseconds }

    /// The origin of a replication.
    @inlinable public static var zero: SimTime { SimTime(microseconds: 0) }
    /// A time later than any event; used for "no deadline".
    @inlinable public static var never: SimTime { SimTime(microseconds: .max) }

    @inlinable public static func < (a: SimTime, b: SimTime) -> Bool { a.microseconds < b.microseconds }

    /// The instant `duration` after this one, saturating at ``never``.
    @inlinable public static func + (a: SimTime, d: SimDuration) -> SimTime {
        let (sum, overflow) = a.microseconds.addingReportingOverflow(d.microseconds)
        return overflow ? .never : SimTime(microseconds: sum)
    }

    /// The duration from `b` to `a`.
    @inlinable public static func - (a: SimTime, b: SimTime) -> SimDuration {
        SimDuration(microseconds: a.microseconds - b.microseconds)
    }

    /// Seconds since the origin, for reports.
    @inlinable public var seconds: Double { Double(microseconds) / 1_000_000 }

    public var description: String { "t=\(seconds)s" }
}

/// A span of simulated time in microseconds.
public struct SimDuration: Hashable, Comparable, Sendable, CustomStringConvertible {
    public var microseconds: Int64

    @inlinable public init(microseconds: Int64) { self.microseconds = microseconds }

    /// A duration of `seconds`, rounded to the nearest microsecond (SPEC §1).
    ///
    /// Infinite or too large values saturate at ``forever``.
    @inlinable @inline(__always) public init(seconds: Double) {
        self.init(roundingMicroseconds: seconds * 1_000_000)
    }

    /// A duration of `micros` microseconds rounded to the nearest whole one, halves away from zero
    /// (as `Double.rounded()`); infinite or too large values saturate.
    ///
    /// Rounds with an integer conversion instead of a call to the C library's `round`, which the
    /// event loop would otherwise make for every drawn duration; the results are the same.
    @inlinable @inline(__always) public init(roundingMicroseconds micros: Double) {
        if micros >= 9.2e18 { self.microseconds = .max; return }
        if micros <= -9.2e18 { self.microseconds = .min; return }
        let whole = Int64(micros)   // toward zero
        let rest = micros - Double(whole)   // exact
        self.microseconds = rest >= 0.5 ? whole + 1 : rest <= -0.5 ? whole - 1 : whole
    }

    @inlinable public static var zero: SimDuration { SimDuration(microseconds: 0) }
    /// A duration longer than any simulation; an infinitely patient customer waits this long.
    @inlinable public static var forever: SimDuration { SimDuration(microseconds: .max) }

    @inlinable public static func seconds(_ s: Double) -> SimDuration { SimDuration(seconds: s) }
    @inlinable public static func minutes(_ m: Double) -> SimDuration { SimDuration(seconds: m * 60) }
    @inlinable public static func hours(_ h: Double) -> SimDuration { SimDuration(seconds: h * 3600) }

    @inlinable public static func < (a: SimDuration, b: SimDuration) -> Bool { a.microseconds < b.microseconds }
    @inlinable public static func + (a: SimDuration, b: SimDuration) -> SimDuration {
        let (sum, overflow) = a.microseconds.addingReportingOverflow(b.microseconds)
        return overflow ? .forever : SimDuration(microseconds: sum)
    }

    /// The length in seconds.
    @inlinable public var seconds: Double { Double(microseconds) / 1_000_000 }

    public var description: String { "\(seconds)s" }
}
