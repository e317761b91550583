// SPDX-License-Identifier: GPL-3.0-or-later

import ContactCenter
import ResultStorage

/// A stored run with its summaries recomputed from its stored per-replication metric values.
///
/// The values are the doubles the run computed (SQLite's REAL keeps all 64 bits), and the
/// summaries go through the run's own code (``RunSummary/init(scopes:perReplication:confidence:)``)
/// in replication order, so they have the run's bytes — also for a run merged from shards,
/// whose replications were never summarised together before.
package struct StoredRunSummary {
    package var run: StoredRun
    /// Replications stored for the run (those the summary is over).
    package var replications: Int
    package var summary: RunSummary
    /// The counts of each queue's wrap-up reasons, from the stored rows (empty when the run had none).
    package var wrapUpReasons: WrapUpReasonCounts
    /// The template uses per queue, category, language and step, from the stored rows (empty when the run had none).
    package var templateUses: TemplateUseCounts
    /// The service counts the run's scenario switched on, from the stored rows (empty when none).
    package var serviceCounts: ServiceCounts

    /// Reads run `runID`, or the newest run in the file when it is nil.
    ///
    /// - Throws: ``DatabaseError/unknownRun(id:)`` for an id not in the file, or when the file has no run.
    package init(store: ResultStore, runID: Int64?) throws(DatabaseError) {
        if let runID {
            run = try store.run(id: runID)
        } else {
            guard let newest = try store.runs().last else { throw .unknownRun(id: 0) }
            run = newest
        }
        let records = try store.replications(runID: run.id)
        replications = records.count
        summary = Self.summary(scopes: Self.scopes(try store.summaries(runID: run.id), records), of: records)
        wrapUpReasons = Self.wrapUpReasons(of: records)
        templateUses = Self.templateUses(of: records)
        serviceCounts = Self.serviceCounts(of: records, queues: summary.summaries.compactMap { scope in
            if case .queue(let id) = scope.scope { id } else { nil }
        })
    }

    /// The service counts stored as metric rows: the names found in the overall scope, for the
    /// `queues` (in the run's report order) that have rows.
    package static func serviceCounts(of records: [ReplicationRecord], queues: [String]) -> ServiceCounts {
        let sorted = records.sorted { $0.index < $1.index }
        let first = sorted.first?.metrics ?? []
        let names = ServiceCounts.Name.allCases.filter { name in
            first.contains { $0.scope == .overall && $0.name == name.rawValue }
        }
        guard let name = names.first else { return ServiceCounts(names: [], scopes: [], perReplication: sorted.map { _ in [] }) }
        let scopes = [""] + queues.filter { id in first.contains { $0.scope == .queue && $0.scopeID == id && $0.name == name.rawValue } }
        let perReplication = sorted.map { record in
            scopes.enumerated().map { s, id in
                names.map { name in
                    record.metrics.first { $0.scope == (s == 0 ? .overall : .queue) && $0.scopeID == id
                        && $0.name == name.rawValue }?.value ?? 0
                }
            }
        }
        return ServiceCounts(names: names, scopes: scopes, perReplication: perReplication)
    }

    /// The template-use counts stored as metric rows, labels in their run's order.
    package static func templateUses(of records: [ReplicationRecord]) -> TemplateUseCounts {
        let sorted = records.sorted { $0.index < $1.index }
        var labels: [TemplateUseCounts.Label] = []
        for metric in sorted.first?.metrics ?? [] where metric.scope == .queue {
            if let label = TemplateUseCounts.Label(queue: metric.scopeID, metricName: metric.name) { labels.append(label) }
        }
        labels.sort(by: TemplateUseCounts.precedes)
        let perReplication = sorted.map { record in
            labels.map { label in
                record.metrics.first { $0.scope == .queue && $0.scopeID == label.queue && $0.name == label.metricName }?.value ?? 0
            }
        }
        return TemplateUseCounts(labels: labels, perReplication: perReplication)
    }

    /// The wrap-up reason counts stored as metric rows, labels in their run's order (queue, then reason).
    package static func wrapUpReasons(of records: [ReplicationRecord]) -> WrapUpReasonCounts {
        let sorted = records.sorted { $0.index < $1.index }
        let prefix = WrapUpReasonCounts.metricPrefix
        var labels: [WrapUpReasonCounts.Label] = []
        for metric in sorted.first?.metrics ?? [] where metric.scope == .queue && metric.name.hasPrefix(prefix) {
            labels.append(.init(queue: metric.scopeID, reason: String(metric.name.dropFirst(prefix.count))))
        }
        labels.sort(by: WrapUpReasonCounts.precedes)
        let perReplication = sorted.map { record in
            labels.map { label in
                record.metrics.first { $0.scope == .queue && $0.scopeID == label.queue
                    && $0.name == prefix + label.reason }?.value ?? 0
            }
        }
        return WrapUpReasonCounts(labels: labels, perReplication: perReplication)
    }

    /// The summary of `records` (in index order) over `scopes`.
    ///
    /// A metric missing from a replication, or one this version does not know, counts as undefined.
    ///
    /// - Complexity: O(r · m) for r replications of m metric rows each.
    package static func summary(scopes: [MetricScope], of records: [ReplicationRecord]) -> RunSummary {
        let perReplication = records.sorted { $0.index < $1.index }.map { record in
            var values: [ScopeKey: [Double?]] = [:]
            for metric in record.metrics {
                guard let m = Metric.allCases.firstIndex(where: { $0.rawValue == metric.name }) else { continue }
                let key = ScopeKey(kind: metric.scope, id: metric.scopeID)
                values[key, default: Array(repeating: nil, count: Metric.allCases.count)][m] = metric.value
            }
            return scopes.map { scope in
                ScopeValues(scope: scope, values: values[ScopeKey(scope)] ?? Array(repeating: nil, count: Metric.allCases.count))
            }
        }
        return RunSummary(scopes: scopes, perReplication: perReplication)
    }

    /// The run's scopes in report order: that of its recorded summaries, which were written
    /// scope by scope in the model's order; without summaries (a failed run), overall, then
    /// queues and channels by id.
    static func scopes(_ summaries: [MetricSummary], _ records: [ReplicationRecord]) -> [MetricScope] {
        var keys: [ScopeKey] = []
        let stored = summaries.isEmpty
            ? (records.first?.metrics ?? []).map { ScopeKey(kind: $0.scope, id: $0.scopeID) }
                .sorted { ($0.kind.order, $0.id) < ($1.kind.order, $1.id) }
            : summaries.map { ScopeKey(kind: $0.scope, id: $0.scopeID) }
        for key in stored where !keys.contains(key) { keys.append(key) }
        return keys.map(\.scope)
    }

    /// A stored scope: its kind and id.
    struct ScopeKey: Hashable {
        var kind: ScopeKind
        var id: String

        init(kind: ScopeKind, id: String) {
            self.kind = kind
            self.id = id
        }

        init(_ scope: MetricScope) {
            self.init(kind: StoredRows.storedScope(scope), id: scope.name)
        }

        var scope: MetricScope {
            switch kind {
            case .overall: .overall
            case .queue: .queue(id)
            case .channel: .channel(id)
            }
        }
    }
}

extension ScopeKind {
    /// Overall first, then queues, then channels, as reports list them.
    fileprivate var order: Int {
        switch self {
        case .overall: 0
        case .queue: 1
        case .channel: 2
        }
    }
}
