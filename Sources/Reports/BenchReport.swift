// SPDX-License-Identifier: GPL-3.0-or-later

import Runs
import Foundation
import RoutingBench

/// How `parley bench` prints its result: one JSON object (SPEC §6) or a short text report.
package enum BenchReport {
    /// `{"decisions", "p50_ns", "p90_ns", "p99_ns", "p99_9_ns", "max_ns", "decisions_per_s", …}`, then the center,
    /// the calibration and the gate's numbers, and a `check` object when a baseline was given.
    package static func json(_ result: BenchResult, verdict: RegressionGate.Verdict?) -> JSONValue {
        let configuration = result.configuration
        var members: [(String, JSONValue)] = [
            ("decisions", .integer(Int64(result.decisions))),
            ("p50_ns", .number(result.p50Nanoseconds)),
            ("p90_ns", .number(result.p90Nanoseconds)),
            ("p99_ns", .number(result.p99Nanoseconds)),
            ("p99_9_ns", .number(result.p999Nanoseconds)),
            ("max_ns", .number(result.maxNanoseconds)),
            ("decisions_per_s", .number(result.decisionsPerSecond.rounded())),
            ("strategy", .string(BenchConfiguration.name(of: configuration.strategy))),
            ("agents", .integer(Int64(configuration.agents))),
            ("queues", .integer(Int64(configuration.queues))),
            ("capacity", .integer(Int64(configuration.capacity))),
            ("seed", .string(String(configuration.seed))),
            ("trials", .integer(Int64(configuration.trials))),
            ("decisions_per_trial", .integer(Int64(configuration.decisions))),
            ("queued_fraction", .number(rounded(result.queuedFraction))),
            ("calibration_ns", .number(result.calibrationNanoseconds)),
            ("reference_calibration_ns", .number(result.referenceCalibrationNanoseconds)),
            ("trial_calibration_ns", .array(result.trialCalibrationNanoseconds.map { .number($0) })),
            ("clock_overhead_ns", .number(result.clockOverheadNanoseconds)),
            ("normalised_p50", .number(rounded(result.normalisedP50))),
            ("trial_normalised_p50", .array(result.trialNormalisedP50.map { .number(rounded($0)) })),
            ("trial_p50_ns", .array(result.trialP50Nanoseconds.map { .number($0) })),
            ("parley_version", .string(ParleyVersion.current)),
        ]
        if let verdict {
            members.append(("check", .object([
                ("baseline_normalised_p50", .number(verdict.baseline)),
                ("ratio", .number(rounded(verdict.ratio))),
                ("passed", .bool(verdict.passed)),
            ])))
        }
        return .object(members)
    }

    /// A few aligned lines for a person.
    package static func text(_ result: BenchResult, verdict: RegressionGate.Verdict?) -> String {
        let configuration = result.configuration
        var lines = [
            "\(BenchConfiguration.name(of: configuration.strategy)): \(configuration.agents) agents in "
                + "\(configuration.queues) queues, capacity \(configuration.capacity), seed \(configuration.seed)",
            "decisions      \(result.decisions) (\(configuration.trials) trials × \(configuration.decisions)), "
                + "\(percent(result.queuedFraction)) queued",
            "p50            \(nanoseconds(result.p50Nanoseconds))",
            "p90            \(nanoseconds(result.p90Nanoseconds))",
            "p99            \(nanoseconds(result.p99Nanoseconds))",
            "p99.9          \(nanoseconds(result.p999Nanoseconds))",
            "max            \(nanoseconds(result.maxNanoseconds))",
            "throughput     \(String(format: "%.2f", result.decisionsPerSecond / 1e6)) M decisions/s (time inside decisions)",
            "calibration    \(nanoseconds(result.calibrationNanoseconds)) per operation (fastest trial "
                + "\(nanoseconds(result.referenceCalibrationNanoseconds))); clock reads "
                + "\(nanoseconds(result.clockOverheadNanoseconds)) (included above)",
            "normalised p50 \(String(format: "%.3f", result.normalisedP50)) (trials "
                + result.trialNormalisedP50.map { String(format: "%.3f", $0) }.joined(separator: ", ")
                + "; \(result.trialNormalisedP50.count) of \(configuration.trials) trials undisturbed)",
        ]
        if let verdict { lines.append("check          " + verdict.reason) }
        return lines.joined(separator: "\n")
    }

    package static func rounded(_ value: Double) -> Double { (value * 10_000).rounded() / 10_000 }

    package static func nanoseconds(_ value: Double) -> String {
        value >= 10_000 ? String(format: "%.1f µs", value / 1000) : String(format: "%.0f ns", value)
    }

    package static func percent(_ fraction: Double) -> String { String(format: "%.1f %%", fraction * 100) }
}
