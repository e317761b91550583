// SPDX-License-Identifier: GPL-3.0-or-later

import Statistics

/// The waiting-time distributions of a run: answered chats' waits per scope, summed over replications.
///
/// The same histograms the wait quantiles of SPEC §4 are read from, merged across the run's
/// replications for storing and plotting. Scopes are those of ``RunSummary`` (overall,
/// queues in file order, channels in a fixed order).
public enum WaitHistograms {
    /// One histogram per scope, in report order.
    public static func perScope(model: CompiledScenario,
                                results: [ReplicationResult]) -> [(scope: MetricScope, waits: LogLinearHistogram)] {
        let streams = model.scenario.customerStreams
        let scopes = [MetricScope.overall] + model.queueNames.map(MetricScope.queue)
            + model.channelNames.map(MetricScope.channel)
        return scopes.map { scope in
            var merged = LogLinearHistogram()
            for result in results {
                for (s, tally) in result.tallies.enumerated() where s < streams.count {
                    let included: Bool
                    switch scope {
                    case .overall: included = true
                    case .queue(let name): included = streams[s].queue == name
                    case .channel(let name): included = streams[s].channel.rawValue == name
                    }
                    if included { merged.merge(tally.waits) }
                }
            }
            return (scope, merged)
        }
    }
}
