// SPDX-License-Identifier: GPL-3.0-or-later

/// A pass/fail condition on a drive's results: `p99(create_to_offer)<20ms`, `rate(errors)<0.001`,
/// `invariant_violations==0` (SPEC §8).
///
/// The left side is a statistic of a latency histogram — `pNN(name)` (any percentile, `p99.9`
/// too), `mean(name)`, `max(name)`, `min(name)`, `count(name)` — or `rate(errors)` (errors per
/// request), `errors`, `late_starts`, `invariant_violations`. The right side is a number,
/// with `us`, `ms` or `s` for a duration. Latencies compare in microseconds.
public struct Threshold: Sendable, Equatable, CustomStringConvertible {
    public enum Statistic: Sendable, Equatable {
        case percentile(Double, String)
        case mean(String), max(String), min(String), count(String)
        case errorRate, errors, lateStarts, invariantViolations
    }

    public enum Comparison: String, Sendable, CaseIterable {
        // Two-character operators first, so that `<=` is not read as `<`.
        case lessOrEqual = "<=", greaterOrEqual = ">=", equal = "==", notEqual = "!=", less = "<", greater = ">"

        func holds(_ a: Double, _ b: Double) -> Bool {
            switch self {
            case .less: a < b
            case .lessOrEqual: a <= b
            case .greater: a > b
            case .greaterOrEqual: a >= b
            case .equal: a == b
            case .notEqual: a != b
            }
        }
    }

    public let text: String
    public let statistic: Statistic
    public let comparison: Comparison
    /// The bound; microseconds for durations.
    public let bound: Double

    public var description: String { text }

    /// Parses an expression; the error names what is wrong.
    public init(_ text: String) throws(ThresholdError) {
        self.text = text
        let compact = text.filter { !$0.isWhitespace }
        guard let comparison = Comparison.allCases.first(where: { compact.contains($0.rawValue) }),
              let range = compact.range(of: comparison.rawValue) else {
            throw ThresholdError(text, "expected a comparison: <, <=, >, >=, == or !=")
        }
        self.comparison = comparison
        statistic = try Self.statistic(String(compact[..<range.lowerBound]), in: text)
        bound = try Self.value(String(compact[range.upperBound...]), in: text)
    }

    private static func statistic(_ left: String, in text: String) throws(ThresholdError) -> Statistic {
        switch left {
        case "rate(errors)": return .errorRate
        case "errors": return .errors
        case "late_starts": return .lateStarts
        case "invariant_violations": return .invariantViolations
        default: break
        }
        guard let open = left.firstIndex(of: "("), left.hasSuffix(")") else {
            throw ThresholdError(text, "unknown statistic '\(left)'")
        }
        let function = String(left[..<open])
        let name = String(left[left.index(after: open)..<left.index(before: left.endIndex)])
        guard !name.isEmpty else { throw ThresholdError(text, "no metric named") }
        switch function {
        case "mean": return .mean(name)
        case "max": return .max(name)
        case "min": return .min(name)
        case "count": return .count(name)
        default:
            guard function.hasPrefix("p"), let percentile = Double(function.dropFirst()), percentile > 0, percentile <= 100 else {
                throw ThresholdError(text, "unknown function '\(function)': pNN, mean, max, min, count or rate")
            }
            return .percentile(percentile, name)
        }
    }

    private static func value(_ right: String, in text: String) throws(ThresholdError) -> Double {
        for (unit, scale) in [("us", 1.0), ("ms", 1_000.0), ("s", 1_000_000.0)] where right.hasSuffix(unit) {
            if let number = Double(right.dropLast(unit.count)) { return number * scale }
        }
        guard let number = Double(right) else { throw ThresholdError(text, "'\(right)' is not a number") }
        return number
    }
}

/// A threshold expression that could not be read.
public struct ThresholdError: Error, Equatable, Sendable, CustomStringConvertible {
    public let expression: String
    public let reason: String

    init(_ expression: String, _ reason: String) {
        self.expression = expression
        self.reason = reason
    }

    public var description: String { "--threshold '\(expression)': \(reason)" }
}
