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

    /// A stream with a chatbot: which chats the bot resolves or loses are the simulator's.
    static let botYAML = """
        name: workload-bot
        seed: 4
        duration: 2h
        queues:
          - id: sales
            strategy: longest_idle
        agents:
          - group: desk
            count: 3
            capacity: 2
            queues: [sales]
        customers:
          - id: web
            channel: live_chat
            queue: sales
            arrivals: {rate_per_hour: 60}
            patience: {dist: exponential, mean: 3m}
            handle_time: {dist: exponential, mean: 5m}
            bot: {deflection: 0.4, time: {dist: exponential, mean: 1m}, patience: {dist: exponential, mean: 2m}}
        """

    @Test func theChatbotsOutcomesAreTheSimulators() throws {
        var model = try CompiledScenario(ScenarioLoader.load(yaml: Self.botYAML, file: "workload-bot.yaml"))
        model.recordsChats = true
        let simulated = Simulation.run(model, replications: 1, first: 0, jobs: 1)[0].chats
        let played = LiveWorkload(model).arrivals(replication: 0, until: SimTime.zero + .hours(2))
        func times(_ outcome: LiveWorkload.Bot.Outcome) -> [Double] {
            played.filter { $0.bot?.outcome == outcome }.map(\.time.seconds).sorted()
        }
        func rows(_ outcome: ChatRow.Outcome) -> [Double] { simulated.filter { $0.outcome == outcome }.map(\.arrivalSeconds).sorted() }
        #expect(times(.resolves).count > 10 && times(.leaves).count > 10 && times(.handsOver).count > 10)
        #expect(times(.resolves) == rows(.botResolved))
        #expect(times(.leaves) == rows(.missedContact))
        #expect(played.count == simulated.count)
        #expect(played.allSatisfy { $0.bot.map { $0.delay > .zero } ?? false })
    }

    @Test func aCustomerWhoWritesAgainHasAContactAndItsReContactIsDrawnWhenDue() throws {
        let yaml = Self.yaml.replacingOccurrences(of: "    handle_time: {dist: exponential, mean: 5m}\n",
                                                  with: "    handle_time: {dist: exponential, mean: 5m}\n"
                                                      + "    return: {probability: 0.5, after: {dist: exponential, mean: 10m}}\n")
        let model = try CompiledScenario(ScenarioLoader.load(yaml: yaml, file: "workload.yaml"))
        let workload = LiveWorkload(model)
        let played = workload.arrivals(replication: 0, until: SimTime.zero + .hours(2))
        let returning = played.filter { $0.returnAfter != .forever }
        #expect(returning.count > 10 && returning.count < played.count - 10)
        // Contacts are numbered in arrival order, only for customers who write again.
        #expect(returning.map(\.contact) == returning.indices.map { $0 })
        #expect(played.allSatisfy { ($0.contact != nil) == ($0.returnAfter != .forever) && !$0.isReturning })
        // A re-contact draws from the stream's streams when it is due: the next first contact's draws move on.
        var draws = workload.draws(replication: 0)
        let firsts = workload.firstContacts(replication: 0, until: SimTime.zero + .hours(2))
        let first = draws.arrival(firsts[0])
        let again = draws.returning(7, stream: first.stream, at: first.time + .minutes(1))
        #expect(again.contact == 7 && again.isReturning && again.queue == first.queue)
        let i = try #require(firsts.indices.dropFirst().first { firsts[$0].stream == first.stream })
        let next = draws.arrival(firsts[i])
        #expect(next.time == played[i].time)
        #expect(next.work != played[i].work)
        // Without the re-contact, the same chat's draws are those of the planned list.
        var plain = workload.draws(replication: 0)
        _ = plain.arrival(firsts[0])
        #expect(plain.arrival(firsts[i]).work == played[i].work)
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
