// SPDX-License-Identifier: GPL-3.0-or-later

import RoutingCore
import Statistics

/// The parts of a replication's start that `init` builds from the model.
extension Replication {
    /// The replication's engine: the scenario's configuration under the replication's own
    /// `engine/random` seed, with the agents who accept every offer at once marked so.
    static func makeEngine(model: CompiledScenario, replication index: Int) -> RoutingEngine {
        var configuration = model.engineConfiguration
        configuration.randomSeed = StreamSeed.derive(seed: model.scenario.seed, replication: index, name: "engine/random")
        do {
            var engine = try RoutingEngine(configuration: configuration)
            for a in model.agents.indices where model.agentAcceptsAtOnce[a] { try engine.acceptOffersAtOnce(by: AgentID(a), true) }
            return engine
        } catch {
            preconditionFailure("a compiled scenario's engine configuration was refused: \(error)")
        }
    }

    /// Each customer stream's sub-stream `customers/<name>/<part>`.
    static func customerStreams(_ part: String, model: CompiledScenario, replication index: Int) -> [RandomStream] {
        model.streams.map { RandomStream(seed: model.scenario.seed, replication: index, name: "customers/\($0.name)/\(part)") }
    }

    /// Each customer stream's sub-stream `customers/<name>/<part>` for the streams that `uses` it (nil for the others).
    static func customerStreams(_ part: String, model: CompiledScenario, replication index: Int,
                                where uses: (CompiledStream) -> Bool) -> [RandomStream?] {
        model.streams.map { stream in
            !uses(stream) ? nil
                : RandomStream(seed: model.scenario.seed, replication: index, name: "customers/\(stream.name)/\(part)")
        }
    }

    /// Each stream's patience (nil: infinitely patient) and handle-time samplers, and the values
    /// of the empirical ones, numbered in that order (every patience, then every handle time).
    static func samplers(of model: CompiledScenario) -> (patience: [Sampler?], handleTime: [Sampler], tables: [[Double]]) {
        var tables: [[Double]] = []
        func sampler(_ distribution: Distribution) -> Sampler {
            guard let values = distribution.empiricalValues else { return Sampler(distribution) }
            tables.append(values)
            return Sampler(distribution, table: tables.count - 1)
        }
        let patience = model.streams.map { $0.patience.map(sampler) }
        let handleTime = model.streams.map { sampler($0.handleTime) }
        return (patience, handleTime, tables)
    }

    /// The members of each pull queue, in agent order (empty for push queues).
    static func pullMembers(of model: CompiledScenario) -> [[Int]] {
        model.pullQueues.enumerated().map { q, isPull in
            isPull ? model.agents.indices.filter { model.agents[$0].queues.contains(q) } : []
        }
    }
}
