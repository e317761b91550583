// SPDX-License-Identifier: GPL-3.0-or-later

import ResultStorage
import Scenarios

/// A drive's results as a row of the results database (`live_runs` and its tables, schema versions 8 and 9).
extension DriveResult {
    /// The counts stored by name.
    var counts: [(String, Int)] {
        var counts = [("chats_started", chatsStarted), ("chats_offered", chatsOffered), ("chats_accepted", chatsAccepted),
                      ("chats_handled", chatsHandled), ("chats_abandoned", chatsAbandoned), ("rona", rona),
                      ("requests", requests), ("errors", errors), ("late_starts", lateStarts),
                      ("invariant_violations", violationCount),
                      ("fifo_checked", fifoChecked)]
        // Only when played, so the rows of a drive without re-contacts or a chatbot stay as they were.
        for (name, value) in [("returns", returns), ("bot_resolved", botResolved), ("bot_left", botLeft)] where value > 0 {
            counts.append((name, value))
        }
        for status in statusCounts.keys.sorted() { counts.append(("status_\(status)", statusCounts[status]!)) }
        if let clockUncertaintyMicros { counts.append(("clock_uncertainty_us", Int(clockUncertaintyMicros))) }
        for status in errorsByStatus.keys.sorted() { counts.append(("errors_\(status)", errorsByStatus[status]!)) }
        return counts
    }

    /// The record of this drive of `scenario` against `target`, with its thresholds judged.
    public func record(scenario: Scenario, target: String, replication: Int, thresholds: [Threshold],
                       parleyVersion: String, gitRevision: String?) -> LiveRunRecord {
        let breached = Set(breaches(of: thresholds).map(\.0.text))
        var record = LiveRunRecord(
            kind: "drive", scenarioName: scenario.name, scenarioText: scenario.sourceText, target: target, speed: speed,
            replication: replication, startedAt: startedAt, endedAt: endedAt, wallSeconds: wallSeconds,
            simulatedSeconds: simulatedSeconds, parleyVersion: parleyVersion, gitRevision: gitRevision, counts: counts,
            latencies: latencyNames.map { name in
                let histogram = latencies[name]!
                return LiveRunRecord.Latency(
                    name: name, count: Int(histogram.totalCount), p50: Int64(histogram.valueAtPercentile(50)),
                    p90: Int64(histogram.valueAtPercentile(90)), p99: Int64(histogram.valueAtPercentile(99)),
                    p999: Int64(histogram.valueAtPercentile(99.9)), max: Int64(histogram.max), mean: histogram.mean)
            },
            thresholds: thresholds.map {
                LiveRunRecord.ThresholdOutcome(expression: $0.text, value: value(of: $0.statistic), passed: !breached.contains($0.text))
            })
        if let prediction {
            record.predictions = prediction.figures.map {
                LiveRunRecord.PredictionRow(metric: $0.metric, replications: prediction.replications,
                                            windowStart: prediction.windowStart, windowEnd: prediction.windowEnd,
                                            observed: $0.observed, mean: $0.mean, halfWidth95: $0.halfWidth95, low: $0.low, high: $0.high)
            }
        }
        record.throughput = series.enumerated().map { second, bucket in
            LiveRunRecord.ThroughputRow(second: second, created: bucket.created, offered: bucket.offered, accepted: bucket.accepted,
                                        requests: bucket.requests, errors: bucket.errors,
                                        createToOfferP50: bucket.createToOfferP50.map { Int64($0) },
                                        createToOfferP99: bucket.createToOfferP99.map { Int64($0) })
        }
        return record
    }
}
