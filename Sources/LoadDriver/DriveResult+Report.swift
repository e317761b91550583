// SPDX-License-Identifier: GPL-3.0-or-later

import Foundation
import Histogram

/// A drive's results as a text table and as JSON.
extension DriveResult {
    /// The percentiles every latency is reported at.
    static let percentiles: [(String, Double)] = [("p50", 50), ("p90", 90), ("p99", 99), ("p99.9", 99.9)]

    /// The latencies' names in report order: the three lifecycle latencies, then the endpoints.
    var latencyNames: [String] {
        let lifecycle = ["create_to_offer", "offer_to_accept", "create_to_first_reply", Self.deliveryLag].filter { latencies[$0] != nil }
        return lifecycle + latencies.keys.filter { !lifecycle.contains($0) }.sorted()
    }

    /// The table `parley drive` prints, with one line per breached threshold at the end.
    public func text(thresholds: [Threshold]) -> String {
        var lines: [String] = []
        lines.append(String(format: "played %.0f simulated s in %.2f wall s (speed %g)", simulatedSeconds, wallSeconds, speed))
        lines.append("chats: \(chatsStarted) started, \(chatsOffered) offered, \(chatsAccepted) accepted, "
                     + "\(chatsHandled) handled, \(chatsAbandoned) abandoned; \(rona) RONA; \(lateStarts) late starts")
        if returns + botResolved + botLeft > 0 {
            lines.append("customers: \(returns) re-contacts; chatbot: \(botResolved) resolved, \(botLeft) left by their customer")
        }
        let errorText = errorsByStatus.keys.sorted().map { "\($0 == 0 ? "no answer" : String($0)): \(errorsByStatus[$0]!)" }
        lines.append("requests: \(requests), errors: \(errors)" + (errorText.isEmpty ? "" : " (" + errorText.joined(separator: ", ") + ")"))
        lines.append("invariant violations: \(violationCount) (FIFO within a priority checked over \(fifoChecked) chats)")
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
        if let clockUncertaintyMicros {
            lines.append(String(format: "\(Self.deliveryLag): the service's clock read to ± %.3f ms", Double(clockUncertaintyMicros) / 1000))
        }
        lines.append(contentsOf: predictionLines)
        for (threshold, value) in breaches(of: thresholds) {
            lines.append("threshold breached: \(threshold.text) (\(value.map { String(format: "%g", $0) } ?? "no data"))")
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// The observed figures beside the simulator's prediction: a header and one line per metric.
    var predictionLines: [String] {
        guard let prediction else { return [] }
        func number(_ value: Double?, _ metric: String) -> String {
            guard let value else { return "-" }
            return String(format: metric == "asa_s" ? "%.2f" : "%.4f", value)
        }
        var lines = [String(format: "simulator's prediction (%d replications, window %.0f–%.0f s; observed: %d chats in it)",
                            prediction.replications, prediction.windowStart, prediction.windowEnd, observed.offered)]
        lines.append("metric".padding(toLength: 16, withPad: " ", startingAt: 0) + "observed".leftPadded(11)
                     + "predicted".leftPadded(11) + "± 95 % CI".leftPadded(11) + "   99.9 % interval for one run")
        for figure in prediction.figures {
            var line = figure.metric.padding(toLength: 16, withPad: " ", startingAt: 0)
            line += number(figure.observed, figure.metric).leftPadded(11) + number(figure.mean, figure.metric).leftPadded(11)
            line += number(figure.halfWidth95, figure.metric).leftPadded(11)
            line += "   [" + number(figure.low, figure.metric) + ", " + number(figure.high, figure.metric) + "]"
            switch figure.inside {
            case true?: line += " inside"
            case false?: line += " OUTSIDE"
            case nil: break
            }
            lines.append(line)
        }
        return lines
    }

    /// The results as one JSON object (latencies in microseconds).
    public func json(thresholds: [Threshold]) -> String {
        var object: [String: Any] = [
            "speed": speed, "wall_seconds": wallSeconds, "simulated_seconds": simulatedSeconds,
            "chats": ["started": chatsStarted, "offered": chatsOffered, "accepted": chatsAccepted, "handled": chatsHandled,
                      "abandoned": chatsAbandoned, "rona": rona, "returns": returns, "bot_resolved": botResolved,
                      "bot_left": botLeft],
            "late_starts": lateStarts, "requests": requests, "errors": errors,
            "errors_by_status": Dictionary(uniqueKeysWithValues: errorsByStatus.map { (String($0.key), $0.value) }),
            "invariant_violations": violations, "invariant_violation_count": violationCount, "fifo_checked": fifoChecked,
        ]
        var latencyObject: [String: Any] = [:]
        for name in latencyNames {
            let histogram = latencies[name]!
            var entry: [String: Any] = ["count": histogram.totalCount, "max_us": histogram.max, "mean_us": histogram.mean]
            for (label, p) in Self.percentiles { entry[label + "_us"] = histogram.valueAtPercentile(p) }
            latencyObject[name] = entry
        }
        object["latencies"] = latencyObject
        if let clockUncertaintyMicros { object["clock_uncertainty_us"] = clockUncertaintyMicros }
        object["observed"] = ["offered": observed.offered, "answered": observed.answered,
                              "answered_within_threshold": observed.answeredWithinThreshold, "abandoned": observed.abandoned]
        if let prediction {
            var figures: [String: Any] = [:]
            for figure in prediction.figures {
                let entry: [String: Any] = ["observed": figure.observed ?? NSNull(), "mean": figure.mean ?? NSNull(),
                                          "ci95_half_width": figure.halfWidth95 ?? NSNull(),
                                          "interval999_low": figure.low ?? NSNull(), "interval999_high": figure.high ?? NSNull(),
                                          "inside": figure.inside ?? NSNull()]
                figures[figure.metric] = entry
            }
            object["prediction"] = ["replications": prediction.replications, "window_start_s": prediction.windowStart,
                                    "window_end_s": prediction.windowEnd, "metrics": figures]
        }
        object["throughput"] = series.enumerated().map { second, bucket -> [String: Any] in
            var entry: [String: Any] = ["second": second, "created": bucket.created, "offered": bucket.offered,
                                        "accepted": bucket.accepted, "requests": bucket.requests, "errors": bucket.errors]
            if let p50 = bucket.createToOfferP50, let p99 = bucket.createToOfferP99 {
                entry["create_to_offer_p50_us"] = p50
                entry["create_to_offer_p99_us"] = p99
            }
            return entry
        }
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
