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
package struct BaselineCheck {
    /// A mean and its half-width, as in the `--json` output.
    package struct Estimate: Equatable {
        package var mean: Double?
        package var ci95: Double?
    }

    /// One metric that moved.
    package struct Drift: Equatable {
        package var scope: MetricScope
        package var metric: Metric
        package var old: Estimate
        package var new: Estimate
    }

    /// A malformed baseline file: `FILE:LINE:COLUMN: error: …`.
    package struct FileError: Error, CustomStringConvertible {
        package var description: String
    }

    /// The metrics compared; every other metric is a count.
    package static let checkedMetrics: [Metric] = Metric.allCases.filter { !$0.isCount }

    package let path: String
    /// The baseline's estimates by scope, then metric name.
    package let estimates: [MetricScope: [String: Estimate]]

    /// Reads and checks the shape of a saved `parley run --json` output.
    package init(path: String) throws(FileError) {
        self.path = path
        do { estimates = try Self.read(try JSONFile(path: path)) } catch {
            throw FileError(description: error.description)
        }
    }

    /// The estimates of every scope; a value of the wrong shape is an error located where it starts.
    private static func read(_ file: JSONFile) throws(JSONFile.Error) -> [MetricScope: [String: Estimate]] {
        let expected = " (expected the output of `parley run --json`)"
        let top = file.top
        guard top.value.members != nil else { throw top.error("not a JSON object" + expected) }
        guard let metrics = try top.optional("metrics"), metrics.value.members != nil else {
            throw file.error(at: "metrics", "missing or not an object" + expected)
        }
        guard let overall = try metrics.optional("overall") else { throw file.error(at: "metrics.overall", "missing" + expected) }
        var scopes: [(MetricScope, JSONNode)] = [(.overall, overall)]
        for (group, make) in [("queues", MetricScope.queue), ("channels", MetricScope.channel)] {
            guard let value = try metrics.optional(group) else { continue }
            guard value.value.members != nil else { throw value.error("not an object" + expected) }
            scopes += try value.members().map { (make($0.key), $0.node) }
        }
        var result: [MetricScope: [String: Estimate]] = [:]
        for (scope, node) in scopes {
            guard node.value.members != nil else { throw node.error("not an object" + expected) }
            var byMetric: [String: Estimate] = [:]
            for (name, estimate) in try node.members() {
                guard estimate.value.members != nil, let mean = estimate.value["mean"],
                      mean.isNull || mean.doubleValue != nil else {
                    throw estimate.error("expected {\"mean\": number or null, \"ci95\": number or null}" + expected)
                }
                let ci = try estimate.optional("ci95")
                guard ci == nil || ci!.value.isNull || (ci!.value.doubleValue ?? -1) >= 0 else {
                    throw ci!.error("expected a non-negative number or null" + expected)
                }
                byMetric[name] = Estimate(mean: mean.doubleValue, ci95: ci?.value.doubleValue)
            }
            result[scope] = byMetric
        }
        return result
    }

    /// The metrics of `summary` that drifted from the baseline, in report order.
    package func drifts(in summary: RunSummary) -> [Drift] {
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
    package func unmatchedScopes(in summary: RunSummary) -> [String] {
        let current = summary.summaries.map(\.scope)
        let onlyNew = current.filter { estimates[$0] == nil }.map { "\(Self.label($0)) (new run only)" }
        let onlyOld = estimates.keys.filter { !current.contains($0) }.map { "\(Self.label($0)) (baseline only)" }
        return onlyNew + onlyOld.sorted()
    }

    /// Whether `new` is outside what `old` and chance allow.
    package static func moved(from old: Estimate, to new: Estimate) -> Bool {
        switch (old.mean, new.mean) {
        case (nil, nil): return false
        case (nil, _), (_, nil): return true
        case let (a?, b?):
            let allowed = ((old.ci95 ?? 0) * (old.ci95 ?? 0) + (new.ci95 ?? 0) * (new.ci95 ?? 0)).squareRoot()
            return abs(b - a) > allowed
        }
    }

    /// `overall`, `queue NAME` or `channel NAME`.
    package static func label(_ scope: MetricScope) -> String {
        switch scope {
        case .overall: "overall"
        case .queue(let name): "queue \(name)"
        case .channel(let name): "channel \(name)"
        }
    }

    /// One line naming the scope, the metric, and both estimates.
    package static func describe(_ drift: Drift) -> String {
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
    package static func number(_ value: Double) -> String { String(format: "%.4g", value) }
}
