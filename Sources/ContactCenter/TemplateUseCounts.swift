// SPDX-License-Identifier: GPL-3.0-or-later

import ConversationServices
import Statistics

/// How many quick-reply templates owners inserted, per queue, category, chat language and the
/// language-fallback step that found the template (SPEC §2.6, §3.3 `template_use`).
///
/// Categories and languages are names from the scenario, so like ``WrapUpReasonCounts`` they
/// travel as labelled counts beside the metrics, are stored as metric rows named
/// ``metricPrefix`` + `<category>/<language>/<step>` in their queue's scope, and come back from
/// those rows. A chat without a language takes its queue's default language (SPEC §2.4) and is
/// counted under it; in a queue without one it is counted under ``noLanguage``. Labels are the
/// combinations the queue's chats can reach (their streams' languages, the queue's templates);
/// their counts add up to the metric `template_uses`.
public struct TemplateUseCounts: Sendable, Equatable {
    /// One counted combination of one queue.
    public struct Label: Sendable, Equatable {
        public var queue: String
        public var category: String
        public var language: String
        /// `exact`, `prefix` or `queue_default` (``QuickReplyFallback``'s raw values).
        public var step: String

        public init(queue: String, category: String, language: String, step: String) {
            self.queue = queue
            self.category = category
            self.language = language
            self.step = step
        }

        /// The stored metric name: ``TemplateUseCounts/metricPrefix`` + `<category>/<language>/<step>`.
        public var metricName: String { TemplateUseCounts.metricPrefix + category + "/" + language + "/" + step }

        /// The label of a stored metric name in `queue`'s scope; nil for another name.
        ///
        /// Language tags and steps hold no `/`, so they are read from the end and the category
        /// keeps any `/` of its own.
        public init?(queue: String, metricName: String) {
            guard metricName.hasPrefix(TemplateUseCounts.metricPrefix) else { return nil }
            let parts = metricName.dropFirst(TemplateUseCounts.metricPrefix.count).split(separator: "/", omittingEmptySubsequences: false)
            guard parts.count >= 3 else { return nil }
            self.init(queue: queue, category: parts.dropLast(2).joined(separator: "/"),
                      language: String(parts[parts.count - 2]), step: String(parts[parts.count - 1]))
        }
    }

    /// The stored metric name prefix of a label's count: `template_use/`.
    public static let metricPrefix = "template_use/"
    /// The language label of chats without a language in a queue without a default language.
    public static let noLanguage = "none"

    /// Sorted by queue id, category, language, step: one order for a run and for its stored rows.
    public var labels: [Label]
    /// Per replication (in the order of the results), one count per label.
    public var perReplication: [[Double]]

    public init(labels: [Label], perReplication: [[Double]]) {
        self.labels = labels
        self.perReplication = perReplication
    }

    /// The counts of every queue with templates, from the replications' results; empty when no
    /// agent group uses templates, so the outputs of such a run keep their shape.
    public init(model: CompiledScenario, results: [ReplicationResult]) {
        guard model.usesTemplates else {
            labels = []
            perReplication = results.map { _ in [] }
            return
        }
        // Each counter slot of the model maps to one label; two slots may share a label.
        var found: [Label] = []
        var labelOfSlot = Array(repeating: -1, count: model.services.templateUseSlots)
        let languages = model.scenario.languages
        for (q, queue) in model.services.queues.enumerated() {
            // The languages chats of the queue can have: their streams' languages; a stream without
            // any gives its chats the queue's default (the engine's rule), else none (slot 0).
            let defaultSlot = model.scenario.queues[q].language.flatMap { languages.firstIndex(of: $0) }.map { $0 + 1 } ?? 0
            var reached = Array(repeating: false, count: languages.count + 1)
            for stream in model.streams where stream.queue == q {
                if stream.languages.isEmpty { reached[defaultSlot] = true }
                for language in stream.languages { reached[Int(language.index) + 1] = true }
            }
            for (k, category) in queue.templateCategories.enumerated() {
                for (l, step) in queue.templateSteps[k].enumerated() {
                    guard let step, reached[l] else { continue }
                    let label = Label(queue: model.queueNames[q], category: category,
                                      language: l == 0 ? Self.noLanguage : languages[l - 1], step: step.rawValue)
                    let slot = model.services.templateUseSlot(queue: q, category: k, language: l)
                    if let known = found.firstIndex(of: label) { labelOfSlot[slot] = known } else {
                        labelOfSlot[slot] = found.count
                        found.append(label)
                    }
                }
            }
        }
        let order = found.indices.sorted { Self.precedes(found[$0], found[$1]) }
        var position = Array(repeating: 0, count: found.count)
        for (p, l) in order.enumerated() { position[l] = p }
        labels = order.map { found[$0] }
        perReplication = results.map { result in
            var counts = Array(repeating: 0.0, count: found.count)
            for (slot, count) in result.templateUses.enumerated() where labelOfSlot[slot] >= 0 {
                counts[position[labelOfSlot[slot]]] += Double(count)
            }
            return counts
        }
    }

    /// The order of ``labels``: by queue id, category, language, then step.
    public static func precedes(_ a: Label, _ b: Label) -> Bool {
        (a.queue, a.category, a.language, a.step) < (b.queue, b.category, b.language, b.step)
    }

    /// Whether nothing is counted (no agent group uses templates).
    public var isEmpty: Bool { labels.isEmpty }

    /// Mean and confidence half-width of each label's count over the replications.
    public func summaries(confidence: Double = 0.95) -> [ReplicationSummary] {
        labels.indices.map { l in ReplicationSummary(perReplication.map { $0[l] }, confidence: confidence) }
    }
}
