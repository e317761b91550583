// SPDX-License-Identifier: GPL-3.0-or-later

@testable import ContactCenter
import ParleyTime
import Scenarios
import Statistics
import Testing

/// The pieces of the staffing search that need no simulation: the decision rule, the plan
/// grid, the folding of the chat model into one server, and the analytic load of an interval.
@Suite("Staffing search parts")
struct StaffingPartsTests {
    /// A summary with the given values (its half-width from GSL's Student t).
    static func summary(_ values: [Double?]) -> ReplicationSummary { ReplicationSummary(values) }

    @Test("the CI rule judges by the unfavourable bound, the mean rule by the mean")
    func rules() throws {
        let s = Self.summary([0.78, 0.82, 0.86, 0.84, 0.80])   // mean 0.82
        let halfWidth = try #require(s.halfWidth)
        #expect(StaffingRule.mean.meets(s, atLeast: 0.8))
        #expect(!StaffingRule.ci.meets(s, atLeast: 0.8))
        #expect(StaffingRule.ci.meets(s, atLeast: 0.82 - halfWidth - 1e-9))
        #expect(StaffingRule.mean.meets(s, atMost: 0.83) && !StaffingRule.ci.meets(s, atMost: 0.83))
        #expect(StaffingRule.ci.meets(s, atMost: 0.82 + halfWidth + 1e-9))
        // No chats: nothing to miss. One value: no interval, so the mean decides.
        #expect(StaffingRule.ci.meets(Self.summary([nil, nil]), atLeast: 0.99))
        #expect(StaffingRule.ci.meets(Self.summary([nil, 0.9]), atLeast: 0.85))
        #expect(!StaffingRule.ci.meets(Self.summary([nil, 0.8]), atLeast: 0.85))
    }

    static func scenario(_ extra: String = "", start: String = "2026-11-23T00:00", duration: String = "7d",
                         interval: String = "30m") throws -> Scenario {
        try ScenarioLoader.load(yaml: """
            name: grid
            seed: 1
            start: \(start)
            duration: \(duration)
            interval: \(interval)
            queues:
              - {id: q, strategy: longest_idle, targets: {service_level: 0.8}}
            agents:
              - {group: g, count: 2, staffable: {max: 9}, queues: [q]\(extra)}
            customers:
              - {id: c, channel: live_chat, queue: q, handle_time: {dist: exponential, mean: 4m},
                 arrivals: {profile: {interval: 1h, rates_per_hour: [0, 0, 0, 0, 0, 0, 0, 0, 10, 20, 20, 20,
                                                                    20, 20, 20, 20, 20, 20, 10, 0, 0, 0, 0, 0]}}}
            """, file: "grid.yaml")
    }

    @Test("a plan covers a day when the window fits in one, else a week; intervals must fit local time")
    func grid() throws {
        let week = try StaffingGrid(Self.scenario())
        #expect(week.planCount == 336 && week.windowCount == 336 && week.firstPlanIndex == 0)
        let tuesday = try StaffingGrid(Self.scenario(start: "2026-11-24T08:00", duration: "8h"))
        #expect(tuesday.planCount == 48 && tuesday.windowCount == 16 && tuesday.firstPlanIndex == 16)
        #expect(tuesday.planIndex(ofWindowInterval: 15) == 31 && tuesday.windowInterval(ofPlanIndex: 32) == nil)
        let crossing = try StaffingGrid(Self.scenario(start: "2026-11-24T20:00", duration: "10h"))
        #expect(crossing.planIndex(ofWindowInterval: 8) == 0 && crossing.windowInterval(ofPlanIndex: 3) == 11)
        #expect(throws: StaffingError("the interval (7m) must divide a day, such as 15m, 30m or 1h")) {
            try StaffingGrid(Self.scenario(interval: "7m"))
        }
        #expect(throws: StaffingError("the start (2026-11-24T08:10) must fall on an interval boundary of local time")) {
            try StaffingGrid(Self.scenario(start: "2026-11-24T08:10"))
        }
        #expect(throws: StaffingError("a staffing plan covers at most a week; shorten the duration to 7d or less")) {
            try StaffingGrid(Self.scenario(duration: "8d"))
        }
    }

    @Test("one agent of capacity 1 without delays, misses or breaks is Erlang A's server; each feature slows it")
    func folding() throws {
        let plain = try Self.scenario().agentGroups[0]
        #expect(EffectiveAgent(group: plain, meanWorkSeconds: 240, offerTimeoutSeconds: 30).meanServiceSeconds == 240)
        let chat = try Self.scenario(", capacity: 2, slowdown: [1, 1.25], speed: 1.25").agentGroups[0]
        #expect(EffectiveAgent(group: chat, meanWorkSeconds: 240, offerTimeoutSeconds: 30).meanServiceSeconds == 120)
        let busy = try Self.scenario(", wrap_up: {dist: constant, value: 30s}, accept_delay: {dist: constant, value: 10s}, "
                                     + "miss_probability: 0.2, rona_recovery: {dist: constant, value: 60s}, "
                                     + "away: {every: 2h, for: 12m}").agentGroups[0]
        let agent = EffectiveAgent(group: busy, meanWorkSeconds: 240, offerTimeoutSeconds: 30)
        // (240 + 30 + 10 + 0.25 × (30 + 60)) / (1 − 0.1)
        #expect(abs(agent.meanServiceSeconds - 302.5 / 0.9) < 1e-9)
        #expect(agent.acceptDelaySeconds == 10)
    }

    @Test("a run cut after interval i gives intervals 0…i exactly as the whole run does")
    func shortenedRunsAreExact() throws {
        let scenario = try Self.scenario(", capacity: 2, accept_delay: {dist: exponential, mean: 8s}, miss_probability: 0.1, "
                                         + "away: {every: 1h, for: 10m}", start: "2026-11-24T08:00", duration: "3h")
        let search = try StaffingSearch(scenario: scenario, rule: .mean, replications: 3)
        let counts = [(0..<48).map { [1, 2, 3][$0 % 3] }]
        let whole = Simulation.run(try CompiledScenario(search.planScenario(counts)), replications: 3, jobs: 2)
        let cut = Simulation.run(try CompiledScenario(search.planScenario(counts, through: 2)), replications: 3, jobs: 2)
        #expect(cut.map(\.intervals.count) == [3, 3, 3])
        for i in 0..<3 {
            let outcome = IntervalOutcome(results: whole, queue: 0, interval: i)
            #expect(outcome == IntervalOutcome(results: cut, queue: 0, interval: i), "interval \(i)")
            #expect((outcome.offered.mean ?? 0) > 2)
        }
        #expect(whole.map(\.simulatedChats) != cut.map(\.simulatedChats))
    }

    @Test("an interval's rate averages the profile over it; Erlang A matches the exact figures with capacity 1")
    func estimate() throws {
        let scenario = try Self.scenario(start: "2026-11-24T07:30", duration: "8h", interval: "1h")
        // 07:30–08:30: half an hour at 0/h and half at 10/h.
        #expect(StaffingEstimate.meanRatePerSecond(scenario.customerStreams[0].arrivals, localStart: 86_400 + 27_000,
                                                   windowOffset: 0, length: 3600) == 5.0 / 3600)
        let queue = scenario.queues[0]
        let e = StaffingEstimate(scenario: scenario, queue: queue, interval: 2, targets: queue.targets!,
                                 reference: scenario.agentGroups[0])
        let exact = try ErlangStaffing.fewestAgentsErlangC(arrivalRatePerSecond: 20.0 / 3600, meanServiceSeconds: 240,
                                                           thresholdSeconds: 20, targetServiceLevel: 0.8)
        #expect(e.ratePerSecond == 20.0 / 3600 && e.meanPatienceSeconds == nil)
        #expect(e.erlangC == exact && e.erlangA == exact && e.servers == exact)
    }
}
