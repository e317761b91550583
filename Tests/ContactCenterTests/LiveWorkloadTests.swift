// SPDX-License-Identifier: GPL-3.0-or-later

import ContactCenter
import ParleyTime
import Scenarios
import Testing

/// A drive plays the customers the simulator simulates: same arrival times, same queues, same order.
@Suite struct LiveWorkloadTests {
    static let yaml = """
        name: workload
        seed: 11
        duration: 2h
        queues:
          - id: sales
            strategy: longest_idle
          - id: chat
            strategy: ring_all
        agents:
          - group: desk
            count: 3
            capacity: 2
            accept_delay: {dist: exponential, mean: 5s}
            queues: [sales, chat]
        customers:
          - id: web
            channel: live_chat
            queue: sales
            arrivals: {rate_per_hour: 40}
            patience: {dist: exponential, mean: 3m}
            handle_time: {dist: exponential, mean: 5m}
          - id: app
            channel: whatsapp
            queue: chat
            arrivals: {profile: {interval: 1h, rates_per_hour: [10, 30, 20, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5]}}
            handle_time: {dist: lognormal, mean: 8m, sd: 3m}
        """

    @Test(arguments: [0, 3])
    func arrivalsAreTheSimulatorsFirstContacts(replication: Int) throws {
        var model = try CompiledScenario(ScenarioLoader.load(yaml: Self.yaml, file: "workload.yaml"))
        model.recordsChats = true
        let simulated = Simulation.run(model, replications: 1, first: replication, jobs: 1)[0].chats
        let played = LiveWorkload(model).arrivals(replication: replication, until: SimTime.zero + .hours(2))
        #expect(played.count > 50)
        #expect(played.count == simulated.count)
        for (planned, row) in zip(played, simulated) {
            #expect(planned.time.seconds == row.arrivalSeconds)
            #expect(planned.queue == row.queue)
        }
        #expect(played.map(\.time) == played.map(\.time).sorted())
    }

    @Test func agentsCarryTheirGroupsBehaviourAndServiceNames() throws {
        let model = try CompiledScenario(ScenarioLoader.load(yaml: Self.yaml, file: "workload.yaml"))
        let agents = LiveWorkload(model).agents
        #expect(agents.map(\.name) == ["desk-1", "desk-2", "desk-3"])
        #expect(agents.map(\.streamName) == ["agents/desk/1", "agents/desk/2", "agents/desk/3"])
        #expect(agents.allSatisfy { $0.capacity == 2 && $0.acceptDelay.mean == 5 })
        #expect(LiveWorkload(model).singleAgentQueues == ["sales": true, "chat": false])
    }
}
