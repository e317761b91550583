// SPDX-License-Identifier: GPL-3.0-or-later

@testable import ContactCenter
import Scenarios
import Statistics
import Testing

/// `parley staff` on M/M/n+M queues: the simulated search must land on Erlang A's exact answer.
///
/// Each case is a constant-rate queue with one group of capacity 1, no breaks, no accept
/// delay, exponential work and patience — the model Erlang A solves exactly — and one 12-hour
/// interval (a plan of two values per day). The targets sit well between the figures of
/// n* − 1 and n* agents (at least 0.015 apart, over two half-widths of the 10 replications'
/// intervals), so the mean rule must give n* exactly; the CI rule may ask for one more when
/// the lower bound at n* falls below the target.
@Suite("Staffing search")
struct StaffingSearchTests {
    struct Case: Sendable, CustomStringConvertible {
        var ratePerHour: Double
        var handle: String
        var patience: String
        var threshold: String
        var targets: String
        var exact: Int
        var description: String { "\(ratePerHour)/h, AHT \(handle), patience \(patience), \(targets) → \(exact)" }
    }

    /// Erlang A figures (`parley erlang a`) around each answer: service level 0.736 / 0.825 with
    /// 9 / 10 agents; 0.709 / 0.857 with 4 / 5; abandonment 0.1055 / 0.0743 with 13 / 14.
    static let cases = [
        Case(ratePerHour: 120, handle: "4m", patience: "2m", threshold: "20s", targets: "{service_level: 0.78}", exact: 10),
        Case(ratePerHour: 30, handle: "6m", patience: "5m", threshold: "30s", targets: "{service_level: 0.78}", exact: 5),
        Case(ratePerHour: 240, handle: "3m", patience: "1m", threshold: "15s", targets: "{abandon_rate: 0.09}", exact: 14),
    ]

    static func scenario(_ c: Case) throws -> Scenario {
        try ScenarioLoader.load(yaml: """
            name: mmn-staffing
            seed: 11
            replications: 10
            warmup: 1h
            duration: 12h
            interval: 12h
            service_level_threshold: \(c.threshold)
            queues:
              - {id: support, strategy: longest_idle, targets: \(c.targets)}
            agents:
              - {group: team, count: 1, staffable: {min: 1, max: 60}, queues: [support]}
            customers:
              - {id: web, channel: live_chat, queue: support, arrivals: {rate_per_hour: \(c.ratePerHour)},
                 patience: {dist: exponential, mean: \(c.patience)}, handle_time: {dist: exponential, mean: \(c.handle)}}
            """, file: "mmn.yaml")
    }

    @Test("the mean rule finds Erlang A's minimum", arguments: cases)
    func meanRuleIsExact(_ c: Case) throws {
        let result = try #require(try StaffingSearch(scenario: Self.scenario(c), rule: .mean, jobs: 2).run())
        let interval = try #require(result.intervals.first)
        #expect(result.intervals.count == 1)
        #expect(interval.groups == [.init(group: "team", agents: c.exact, staffable: true)])
        #expect(interval.erlangA == c.exact && interval.estimate == c.exact)
        #expect(interval.meetsTargets)
        #expect(result.plans[0].plan.counts == [c.exact, c.exact])
    }

    @Test("the CI rule finds Erlang A's minimum or one more", arguments: cases)
    func ciRuleIsExactOrOneMore(_ c: Case) throws {
        let result = try #require(try StaffingSearch(scenario: Self.scenario(c), rule: .ci, jobs: 2).run())
        let agents = try #require(result.intervals.first?.groups.first?.agents)
        #expect(agents == c.exact || agents == c.exact + 1, "found \(agents)")
        #expect(result.meetsAllTargets)
    }
}
