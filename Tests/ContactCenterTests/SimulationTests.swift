// SPDX-License-Identifier: GPL-3.0-or-later

import ContactCenter
import Scenarios
import Testing

@Suite struct SimulationTests {
    static let twoQueues = """
        name: two-queues
        seed: 1
        replications: 4
        warmup: 30m
        duration: 6h
        drain_limit: 10m
        queues:
          - {id: sales, strategy: longest_idle, priority: 1, service_level_threshold: 30s}
          - {id: support, strategy: least_busy}
        agents:
          - {group: a, count: 2, capacity: 2, slowdown: [1, 1.3], queues: [sales, support]}
          - {group: b, count: 3, capacity: 3, speed: 1.2, slowdown: [1, 1.2, 1.5], queues: [support]}
        customers:
          - {id: web, channel: live_chat, queue: sales, arrivals: {rate_per_hour: 20},
             patience: {dist: lognormal, mean: 3m, sd: 2m}, handle_time: {dist: gamma, mean: 6m, sd: 4m}}
          - {id: wa, channel: whatsapp, queue: support, arrivals: {rate_per_hour: 60},
             patience: {dist: exponential, mean: 20m}, handle_time: {dist: exponential, mean: 9m}}
        """

    @Test func resultsDoNotDependOnTheNumberOfThreads() throws {
        let model = try CompiledScenario(ScenarioLoader.load(yaml: Self.twoQueues, file: "t.yaml"))
        let one = Simulation.run(model, replications: 4, jobs: 1)
        let two = Simulation.run(model, replications: 4, jobs: 2)
        #expect(one == two)
        #expect(one.map(\.index) == [0, 1, 2, 3])
        #expect(one[0] != one[1])   // replications are independent draws
    }

    /// arrivals = answered + abandoned + unresolved for every scope and replication (SPEC §4,
    /// for the outcomes this version models), over many seeds.
    @Test(arguments: 0..<40) func chatsAreConserved(seed: UInt64) throws {
        var scenario = try ScenarioLoader.load(yaml: Self.twoQueues, file: "t.yaml")
        scenario.seed = seed
        scenario.replications = 2
        let model = try CompiledScenario(scenario)
        let summary = RunSummary(model: model, results: Simulation.run(model, replications: 2, jobs: 1))
        for replication in summary.perReplication {
            for scope in replication {
                let arrivals = scope[.arrivals]!
                #expect(arrivals > 0)
                #expect(arrivals == scope[.answered]! + scope[.abandoned]! + scope[.unresolved]!, "seed \(seed) \(scope.scope)")
                #expect(scope[.offered] == arrivals)
                #expect((0...1).contains(scope[.occupancy]!))
            }
            let queues = replication.filter { if case .queue = $0.scope { true } else { false } }
            #expect(queues.map { $0[.arrivals]! }.reduce(0, +) == replication[0][.arrivals]!)
        }
    }

    @Test func sameSeedSameResultsOtherSeedOtherResults() throws {
        var scenario = try ScenarioLoader.load(yaml: Self.twoQueues, file: "t.yaml")
        let model = try CompiledScenario(scenario)
        let first = Simulation.run(model, replications: 2, jobs: 2)
        #expect(first == Simulation.run(model, replications: 2, jobs: 2))
        scenario.seed = 2
        #expect(first != Simulation.run(try CompiledScenario(scenario), replications: 2, jobs: 2))
    }

    @Test func aRaisedStopFlagEndsTheRunWithCompleteReplicationsOnly() throws {
        let model = try CompiledScenario(ScenarioLoader.load(yaml: Self.twoQueues, file: "t.yaml"))
        let stop = StopFlag()
        stop.raise()
        #expect(Simulation.run(model, replications: 4, jobs: 2, stop: stop).isEmpty)
    }
}
