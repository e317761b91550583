// SPDX-License-Identifier: GPL-3.0-or-later

import Foundation
import Histogram

/// A drive's results as a text table and as JSON.
extension DriveResult {
    /// The percentiles every latency is reported at.
    static let percentiles: [(String, Double)] = [("p50", 50), ("p90", 90), ("p99", 99), ("p99.9", 99.9)]

    /// The latencies' names in report order: the three lifecycle latencies, then the endpoints.
    var latencyNames: [String] {
        let lifecycle = ["create_to_offer", "offer_to_accept", "create_to_first_reply"].filter { latencies[$0] != nil }
        return lifecycle + latencies.keys.filter { !lifecycle.contains($0) }.sorted()
    }

    /// The table `parley drive` prints, with one line per breached threshold at the end.
    public func text(thresholds: [Threshold]) -> String {
        var lines: [String] = []
        lines.append(String(format: "played %.0f simulated s in %.2f wall s (speed %g)", simulatedSeconds, wallSeconds, speed))
        lines.append("chats: \(chatsStarted) started, \(chatsOffered) offered, \(chatsAccepted) accepted, "
                     + "\(chatsHandled) handled, \(chatsAbandoned) abandoned; \(rona) RONA; \(lateStarts) late starts")
        let errorText = errorsByStatus.keys.sorted().map { "\($0 == 0 ? "no answer" : String($0)): \(errorsByStatus[$0]!)" }
        lines.append("requests: \(requests), errors: \(errors)" + (errorText.isEmpty ? "" : " (" + errorText.joined(separator: ", ") + ")"))
        lines.append("invariant violations: \(violations.count)")
        lines.append(contentsOf: violations.prefix(10).map { "  \($0)" })
        let header = "latency (ms)".padding(toLength: 40, withPad: " ", startingAt: 0)
            + Self.percentiles.map { $0.0.leftPadded(9) }.joined() + "max".leftPadded(9) + "count".leftPadded(9)
        lines.append(header)
        for name in latencyNames {
            let histogram = latencies[name]!
            var line = name.padding(toLength: 40, withPad: " ", startingAt: 0)
            for (_, p) in Self.percentiles { line += String(format: "%.3f", Double(histogram.valueAtPercentile(p)) / 1000).leftPadded(9) }
            line += String(format: "%.3f", Double(histogram.max) / 1000).leftPadded(9) + String(histogram.totalCount).leftPadded(9)
            lines.append(line)
        }
        for (threshold, value) in breaches(of: thresholds) {
            lines.append("threshold breached: \(threshold.text) (\(value.map { String(format: "%g", $0) } ?? "no data"))")
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// The results as one JSON object (latencies in microseconds).
    public func json(thresholds: [Threshold]) -> String {
        var object: [String: Any] = [
            "speed": speed, "wall_seconds": wallSeconds, "simulated_seconds": simulatedSeconds,
            "chats": ["started": chatsStarted, "offered": chatsOffered, "accepted": chatsAccepted, "handled": chatsHandled,
                      "abandoned": chatsAbandoned, "rona": rona],
            "late_starts": lateStarts, "requests": requests, "errors": errors,
            "errors_by_status": Dictionary(uniqueKeysWithValues: errorsByStatus.map { (String($0.key), $0.value) }),
            "invariant_violations": violations,
        ]
        var latencyObject: [String: Any] = [:]
        for name in latencyNames {
            let histogram = latencies[name]!
            var entry: [String: Any] = ["count": histogram.totalCount, "max_us": histogram.max, "mean_us": histogram.mean]
            for (label, p) in Self.percentiles { entry[label + "_us"] = histogram.valueAtPercentile(p) }
            latencyObject[name] = entry
        }
        object["latencies"] = latencyObject
        let breached = Set(breaches(of: thresholds).map(\.0.text))
        object["thresholds"] = thresholds.map { threshold -> [String: Any] in
            ["expression": threshold.text, "passed": !breached.contains(threshold.text),
             "value": value(of: threshold.statistic) ?? NSNull()]
        }
        let data = (try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys, .prettyPrinted])) ?? Data()
        return String(decoding: data, as: UTF8.self) + "\n"
    }
}

extension String {
    func leftPadded(_ width: Int) -> String { count >= width ? " " + self : String(repeating: " ", count: width - count) + self }
}
