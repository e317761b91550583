// SPDX-License-Identifier: GPL-3.0-or-later

import ContactCenter
import Foundation
import Statistics

/// The drift check of `parley run … --baseline FILE --check`: did a metric move beyond what chance explains?
///
/// A metric drifted when its means differ by more than the two runs' 95 % half-widths
/// combined, |new − old| > √(ci_old² + ci_new²) (a missing half-width counts as 0), or when
/// it is defined in one run and undefined in the other. With independent runs each mean's
/// error is about normal, so the difference's half-width is the root of the sum of squares.
///
/// Checked: the ratios, times and quantiles of SPEC §4 in every scope present in both runs.
/// Not checked: the counts (`arrivals`, `offered`, `answered`, `abandoned`, `unresolved`),
/// which scale with the run's length, so a baseline of a shorter run would flag them all —
/// their rates are checked through `abandon_rate` and `service_level`. Scopes in only one
/// of the runs (a queue added or removed) are named on standard error and not checked.
struct BaselineCheck {
    /// A mean and its half-width, as in the `--json` output.
    struct Estimate: Equatable {
        var mean: Double?
        var ci95: Double?
    }

    /// One metric that moved.
    struct Drift: Equatable {
        var scope: MetricScope
        var metric: Metric
        var old: Estimate
        var new: Estimate
    }

    /// A malformed baseline file: `FILE:LINE:COLUMN: error: …`.
    struct FileError: Error, CustomStringConvertible {
        var description: String
    }

    /// The metrics compared; every other metric is a count.
    static let checkedMetrics: [Metric] = Metric.allCases.filter { !$0.isCount }

    let path: String
    /// The baseline's estimates by scope, then metric name.
    let estimates: [MetricScope: [String: Estimate]]

    /// Reads and checks the shape of a saved `parley run --json` output.
    init(path: String) throws(FileError) {
        self.path = path
        let text: String
        do { text = try String(contentsOfFile: path, encoding: .utf8) } catch {
            throw FileError(description: "\(path):0:0: error: cannot read the baseline file")
        }
        let root: JSONValue
        do { root = try JSONParser.parse(text) } catch {
            throw FileError(description: "\(path):\(error.line):\(error.column): error: \(error.message)")
        }
        estimates = try Self.read(root, path: path)
    }

    private static func read(_ root: JSONValue, path: String) throws(FileError) -> [MetricScope: [String: Estimate]] {
        func shape(_ keyPath: String, _ what: String) -> FileError {
            FileError(description: "\(path):1:1: error: \(keyPath): \(what) (expected the output of `parley run --json`)")
        }
        guard root.members != nil else { throw shape("(top level)", "not a JSON object") }
        guard let metrics = root["metrics"], metrics.members != nil else { throw shape("metrics", "missing or not an object") }
        guard let overall = metrics["overall"] else { throw shape("metrics.overall", "missing") }
        var scopes: [(MetricScope, String, JSONValue)] = [(.overall, "metrics.overall", overall)]
        for (group, make) in [("queues", MetricScope.queue), ("channels", MetricScope.channel)] {
            guard let value = metrics[group] else { continue }
            guard let members = value.members else { throw shape("metrics.\(group)", "not an object") }
            scopes += members.map { (make($0.0), "metrics.\(group).\($0.0)", $0.1) }
        }
        var result: [MetricScope: [String: Estimate]] = [:]
        for (scope, keyPath, value) in scopes {
            guard let members = value.members else { throw shape(keyPath, "not an object") }
            var byMetric: [String: Estimate] = [:]
            for (name, estimate) in members {
                guard estimate.members != nil,
                      let mean = estimate["mean"], mean.isNull || mean.doubleValue != nil else {
                    throw shape("\(keyPath).\(name)", "expected {\"mean\": number or null, \"ci95\": number or null}")
                }
                let ci = estimate["ci95"] ?? .null
                guard ci.isNull || (ci.doubleValue ?? -1) >= 0 else {
                    throw shape("\(keyPath).\(name).ci95", "expected a non-negative number or null")
                }
                byMetric[name] = Estimate(mean: mean.doubleValue, ci95: ci.doubleValue)
            }
            result[scope] = byMetric
        }
        return result
    }

    /// The metrics of `summary` that drifted from the baseline, in report order.
    func drifts(in summary: RunSummary) -> [Drift] {
        var found: [Drift] = []
        for scope in summary.summaries {
            guard let baseline = estimates[scope.scope] else { continue }
            for metric in Self.checkedMetrics {
                guard let old = baseline[metric.rawValue] else { continue }
                let s = scope[metric]
                let new = Estimate(mean: s.mean, ci95: s.halfWidth)
                if Self.moved(from: old, to: new) { found.append(Drift(scope: scope.scope, metric: metric, old: old, new: new)) }
            }
        }
        return found
    }

    /// Scopes in only one of the two runs, as text for a note.
    func unmatchedScopes(in summary: RunSummary) -> [String] {
        let current = summary.summaries.map(\.scope)
        let onlyNew = current.filter { estimates[$0] == nil }.map { "\(Self.label($0)) (new run only)" }
        let onlyOld = estimates.keys.filter { !current.contains($0) }.map { "\(Self.label($0)) (baseline only)" }
        return onlyNew + onlyOld.sorted()
    }

    /// Whether `new` is outside what `old` and chance allow.
    static func moved(from old: Estimate, to new: Estimate) -> Bool {
        switch (old.mean, new.mean) {
        case (nil, nil): return false
        case (nil, _), (_, nil): return true
        case let (a?, b?):
            let allowed = ((old.ci95 ?? 0) * (old.ci95 ?? 0) + (new.ci95 ?? 0) * (new.ci95 ?? 0)).squareRoot()
            return abs(b - a) > allowed
        }
    }

    /// `overall`, `queue NAME` or `channel NAME`.
    static func label(_ scope: MetricScope) -> String {
        switch scope {
        case .overall: "overall"
        case .queue(let name): "queue \(name)"
        case .channel(let name): "channel \(name)"
        }
    }

    /// One line naming the scope, the metric, and both estimates.
    static func describe(_ drift: Drift) -> String {
        func text(_ e: Estimate) -> String {
            guard let mean = e.mean else { return "undefined" }
            return e.ci95.map { "\(number(mean)) ± \(number($0))" } ?? number(mean)
        }
        var line = "drift: \(label(drift.scope)) \(drift.metric.rawValue): \(text(drift.old)) -> \(text(drift.new))"
        if let a = drift.old.mean, let b = drift.new.mean {
            let allowed = ((drift.old.ci95 ?? 0) * (drift.old.ci95 ?? 0) + (drift.new.ci95 ?? 0) * (drift.new.ci95 ?? 0))
                .squareRoot()
            line += " (moved \(number(b - a)), allowed ±\(number(allowed)))"
        }
        return line
    }

    /// A number with four significant digits.
    static func number(_ value: Double) -> String { String(format: "%.4g", value) }
}
