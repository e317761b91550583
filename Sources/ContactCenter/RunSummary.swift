// SPDX-License-Identifier: GPL-3.0-or-later

import Statistics

/// The metric values of one scope in one replication, aligned with ``Metric/allCases``.
public struct ScopeValues: Sendable, Equatable {
    public var scope: MetricScope
    public var values: [Double?]

    public init(scope: MetricScope, values: [Double?]) {
        self.scope = scope
        self.values = values
    }

    /// The value of `metric`.
    public subscript(metric: Metric) -> Double? { values[Metric.allCases.firstIndex(of: metric)!] }
}

/// The summaries of one scope over all replications, aligned with ``Metric/allCases``.
public struct ScopeSummary: Sendable, Equatable {
    public var scope: MetricScope
    public var summaries: [ReplicationSummary]

    /// The summary of `metric`.
    public subscript(metric: Metric) -> ReplicationSummary { summaries[Metric.allCases.firstIndex(of: metric)!] }
}

/// Metrics per scope (overall, each queue, each channel) per replication, and their summaries (SPEC §4).
public struct RunSummary: Sendable, Equatable {
    /// Scopes in report order: overall, queues in file order, channels in a fixed order.
    public let scopes: [MetricScope]
    /// Per replication (by position in the results), per scope.
    public let perReplication: [[ScopeValues]]
    /// Per scope: mean and 95 % half-width over replications.
    public let summaries: [ScopeSummary]

    /// Computes every metric of every scope from the replications' tallies.
    public init(model: CompiledScenario, results: [ReplicationResult], confidence: Double = 0.95) {
        let scopes = [MetricScope.overall] + model.queueNames.map(MetricScope.queue) + model.channelNames.map(MetricScope.channel)
        let perReplication = results.map { result in
            scopes.map { scope in
                let (tally, staffed) = Self.aggregate(scope, of: result, model: model)
                return ScopeValues(scope: scope,
                                   values: Metric.allCases.map { $0.value(of: tally, staffedSlotMicros: staffed) })
            }
        }
        self.init(scopes: scopes, perReplication: perReplication, confidence: confidence)
    }

    /// Summarises metric values already computed per replication — as stored ones, read back.
    ///
    /// The one place summaries are made, so a run summarised from its stored replication
    /// values (`parley show`, `parley merge`) has the same bytes as the run that computed them.
    /// Each row of `perReplication` holds one ``ScopeValues`` per scope, in the order of
    /// `scopes`; rows are in replication order, since the floating-point sums depend on it.
    public init(scopes: [MetricScope], perReplication: [[ScopeValues]], confidence: Double = 0.95) {
        self.scopes = scopes
        self.perReplication = perReplication
        summaries = scopes.indices.map { s in
            ScopeSummary(scope: scopes[s], summaries: Metric.allCases.indices.map { m in
                ReplicationSummary(perReplication.map { $0[s].values[m] }, confidence: confidence)
            })
        }
    }

    /// The summary of `scope`, if it exists.
    public func summary(of scope: MetricScope) -> ScopeSummary? { summaries.first { $0.scope == scope } }

    /// The stream tallies and staffed slot-time that make up `scope`.
    ///
    /// A queue's staffed time is its members'; a channel's is that of every agent serving a
    /// queue the channel's streams enter.
    static func aggregate(_ scope: MetricScope, of result: ReplicationResult,
                          model: CompiledScenario) -> (ChatTally, Int64) {
        var tally = ChatTally()
        var servedQueues = Set<Int>()
        for (s, stream) in model.streams.enumerated() {
            let included: Bool
            switch scope {
            case .overall: included = true
            case .queue(let name): included = model.queueNames[stream.queue] == name
            case .channel(let name): included = model.scenario.customerStreams[s].channel.rawValue == name
            }
            if included {
                tally.add(result.tallies[s])
                servedQueues.insert(stream.queue)
            }
        }
        if case .queue(let name) = scope, let q = model.queueNames.firstIndex(of: name) { servedQueues = [q] }
        var staffed: Int64 = 0
        for (a, agent) in model.agents.enumerated() {
            if case .overall = scope { staffed += result.staffedSlotMicros[a] }
            else if agent.queues.contains(where: servedQueues.contains) { staffed += result.staffedSlotMicros[a] }
        }
        return (tally, staffed)
    }
}
