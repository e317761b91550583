// SPDX-License-Identifier: GPL-3.0-or-later

import ContactCenter
import ResultStorage
import RoutingBench
import Statistics

/// The rows a simulation stores: the one place the model's results become ``ResultStore`` rows.
package enum StoredRows {
    /// Every metric of every scope of each finished replication.
    ///
    /// The counts of each queue's wrap-up reasons follow, as metrics named
    /// ``WrapUpReasonCounts/metricPrefix`` + reason in the queue's scope, and the template uses
    /// per category, language and fallback step, as ``TemplateUseCounts/Label/metricName``, and
    /// the ``ServiceCounts`` the scenario switches on, named after them in the overall and queue scopes.
    package static func replications(model: CompiledScenario, results: [ReplicationResult]) -> [ReplicationRecord] {
        let summary = RunSummary(model: model, results: results)
        let reasons = WrapUpReasonCounts(model: model, results: results)
        let templateUses = TemplateUseCounts(model: model, results: results)
        let serviceCounts = ServiceCounts(model: model, results: results)
        return zip(results, summary.perReplication).enumerated().map { position, pair in
            let (result, scopes) = pair
            let reasonRows = zip(reasons.labels, reasons.perReplication[position]).map { label, count in
                MetricValue(scope: .queue, scopeID: label.queue, name: WrapUpReasonCounts.metricPrefix + label.reason,
                            value: count)
            } + zip(templateUses.labels, templateUses.perReplication[position]).map { label, count in
                MetricValue(scope: .queue, scopeID: label.queue, name: label.metricName, value: count)
            } + serviceCounts.scopes.enumerated().flatMap { scope, id in
                zip(serviceCounts.names, serviceCounts.perReplication[position][scope]).map { name, count in
                    MetricValue(scope: scope == 0 ? .overall : .queue, scopeID: id, name: name.rawValue, value: count)
                }
            }
            return ReplicationRecord(index: result.index, simulatedChats: result.simulatedChats, events: result.events,
                                     metrics: scopes.flatMap { scope in
                                         zip(Metric.allCases, scope.values).map { metric, value in
                                             MetricValue(scope: storedScope(scope.scope), scopeID: scope.scope.name,
                                                         name: metric.rawValue, value: value)
                                         }
                                     } + reasonRows)
        }
    }

    /// The across-replication summary of every metric of every scope.
    package static func summaries(_ summary: RunSummary) -> [MetricSummary] {
        summary.summaries.flatMap { scope in
            zip(Metric.allCases, scope.summaries).map { metric, s in
                MetricSummary(scope: storedScope(scope.scope), scopeID: scope.scope.name, name: metric.rawValue,
                              mean: s.mean, ci95: s.halfWidth, n: s.count)
            }
        }
    }

    /// What each agent did in each replication.
    package static func agents(model: CompiledScenario, results: [ReplicationResult]) -> [AgentStatisticsRow] {
        results.flatMap { result in
            zip(model.engineConfiguration.agents, result.agents).enumerated().map { a, pair in
                AgentStatisticsRow(replication: result.index, group: model.agentGroupName(of: a), agent: pair.0.name,
                                   capacity: pair.0.capacity, staffedSeconds: Double(pair.1.staffedMicros) / 1e6,
                                   busySeconds: Double(pair.1.busySlotMicros) / 1e6, chats: pair.1.chats, rona: pair.1.rona)
            }
        }
    }

    /// The per-chat rows of each replication (empty unless the model records chats).
    package static func chats(_ results: [ReplicationResult]) -> [StoredChat] {
        results.flatMap { result in
            result.chats.map { chat in
                StoredChat(replication: result.index, chat: chat.number, arrivalSeconds: chat.arrivalSeconds,
                           queue: chat.queue, channel: chat.channel, acceptedSeconds: chat.acceptedSeconds,
                           agent: chat.agent, waitSeconds: chat.waitSeconds, outcome: chat.outcome.rawValue,
                           transfers: chat.transfers, ronaCount: chat.ronaCount, wrapUpReason: chat.wrapUpReason)
            }
        }
    }

    /// The rows of ``intervals(model:results:)`` in the table's key order (replication, queue
    /// name, metric name, interval start), made one at a time as they are read.
    package static func orderedIntervals(model: CompiledScenario, results: [ReplicationResult])
        -> some Sequence<IntervalMetricRow> {
        let queues = model.queueNames.enumerated().sorted { $0.element < $1.element }
        let metrics = IntervalMetric.allCases.sorted { $0.rawValue < $1.rawValue }
        return results.sorted { $0.index < $1.index }.lazy.flatMap { result in
            queues.lazy.flatMap { q, name in
                metrics.lazy.flatMap { metric in
                    (0..<model.intervalCount).lazy.map { i in
                        let (start, length) = model.intervalBounds(i)
                        return IntervalMetricRow(replication: result.index, scope: .queue, scopeID: name,
                                                 intervalStartSeconds: start, metric: metric.rawValue,
                                                 value: metric.value(in: result.intervals, queue: q, interval: i,
                                                                     lengthMicros: length))
                    }
                }
            }
        }
    }

    /// The per-interval series of every queue of each replication.
    package static func intervals(model: CompiledScenario, results: [ReplicationResult]) -> [IntervalMetricRow] {
        results.flatMap { result in
            model.intervalValues(of: result).map { value in
                IntervalMetricRow(replication: result.index, scope: .queue, scopeID: value.queue,
                                  intervalStartSeconds: value.startSeconds, metric: value.metric.rawValue, value: value.value)
            }
        }
    }

    /// The non-empty wait-time buckets of every scope, summed over the replications, in seconds.
    package static func histograms(model: CompiledScenario, results: [ReplicationResult]) -> [WaitHistogramBucket] {
        WaitHistograms.perScope(model: model, results: results).flatMap { scope, waits in
            waits.nonEmptyBuckets.map { bucket in
                WaitHistogramBucket(scope: storedScope(scope), scopeID: scope.name,
                                    lowerSeconds: Double(bucket.lowerBound) / 1e6,
                                    upperSeconds: Double(bucket.upperBound) / 1e6, count: Int(bucket.count))
            }
        }
    }

    /// One `staffing_results` row per queue, interval and group serving the queue.
    package static func staffing(_ result: StaffingResult) -> [StaffingRecord] {
        result.intervals.flatMap { interval in
            interval.groups.map { group in
                StaffingRecord(queue: interval.queue, intervalStartSeconds: interval.startSeconds, agentGroup: group.group,
                               agents: group.agents, serviceLevel: interval.outcome.serviceLevel.mean,
                               serviceLevelCI95: interval.outcome.serviceLevel.halfWidth,
                               abandonRate: interval.outcome.abandonRate.mean,
                               abandonRateCI95: interval.outcome.abandonRate.halfWidth, meetsTargets: interval.meetsTargets)
            }
        }
    }

    /// One `comparisons` row per compared variant and metric, against the baseline run.
    package static func comparisons(_ compared: [(run: RunSession.Run, differences: [StrategyComparison.Difference])],
                                    baselineRunID: Int64, baselineStrategy: String) -> [ComparisonRecord] {
        compared.flatMap { run, differences in
            differences.compactMap { d -> ComparisonRecord? in
                guard let runID = run.runID else { return nil }
                return ComparisonRecord(baselineRunID: baselineRunID, runID: runID, baselineStrategy: baselineStrategy,
                                        strategy: run.variant.label, scope: .overall, scopeID: "",
                                        metric: d.metric.rawValue, meanDiff: d.meanDiff, ci95: d.ci95,
                                        significant: d.isSignificant, n: d.n)
            }
        }
    }

    /// The store's scope kind for a model scope.
    package static func storedScope(_ scope: ContactCenter.MetricScope) -> ScopeKind {
        switch scope {
        case .overall: .overall
        case .queue: .queue
        case .channel: .channel
        }
    }
}

extension StoredRows {
    /// The `benchmark_results` row of a `parley bench` result.
    package static func benchmark(_ result: BenchResult) -> BenchmarkRecord {
        let configuration = result.configuration
        return BenchmarkRecord(parleyVersion: ParleyVersion.current, gitRevision: ParleyVersion.gitRevision,
                               startedAt: RunSession.timestamp(), agents: configuration.agents,
                               queues: configuration.queues, capacity: configuration.capacity,
                               strategy: BenchConfiguration.name(of: configuration.strategy), seed: configuration.seed,
                               decisions: result.decisions, p50Nanoseconds: result.p50Nanoseconds,
                               p90Nanoseconds: result.p90Nanoseconds, p99Nanoseconds: result.p99Nanoseconds,
                               maxNanoseconds: result.maxNanoseconds, decisionsPerSecond: result.decisionsPerSecond)
    }
}
