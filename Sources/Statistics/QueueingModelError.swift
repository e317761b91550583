// SPDX-License-Identifier: GPL-3.0-or-later

import Foundation

/// Why an analytic queueing model cannot be evaluated for the parameters given.
public enum QueueingModelError: Error, Equatable, Sendable, CustomStringConvertible {
    /// A parameter is out of its domain (a non-positive rate, no agents, …); the text names it.
    case invalidParameter(String)
    /// Without abandonment the offered load reaches the capacity: the queue grows without bound.
    case unstable(offeredLoad: Double, capacity: Double)

    public var description: String {
        switch self {
        case .invalidParameter(let text):
            return text
        case .unstable(let load, let capacity):
            return "unstable: the offered load \(Self.short(load)) Erlangs reaches the capacity \(Self.short(capacity)) "
                + "and nobody abandons, so the queue grows without bound"
        }
    }

    /// A number with at most six significant digits, for messages.
    static func short(_ value: Double) -> String {
        var text = "\(Double(String(format: "%.6g", value)) ?? value)"
        if text.hasSuffix(".0") { text.removeLast(2) }
        return text
    }
}
