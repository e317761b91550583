// SPDX-License-Identifier: GPL-3.0-or-later

import ContactCenter
import Scenarios
import Statistics
import Testing

/// Customers who give up and try again (SPEC §3.3 `retrial`).
///
/// Nobody is on duty in the window, so every attempt abandons after exactly 1 minute of patience
/// and, when it tries again, comes back exactly 1 minute later (10 minutes without `max_attempts`). First contacts arrive during the
/// first 22 hours of the 24-hour window only, so every retrial of a measured attempt lands in the
/// window too (unless a customer keeps trying for two hours, which `max_attempts` or a
/// probability below 1 makes vanishingly rare): `retrials` then counts exactly the measured
/// attempts that were tried again.
@Suite struct RetrialSimulationTests {
    static func run(_ retrial: String) throws -> [ScopeValues] {
        let rates = (Array(repeating: "20", count: 22) + ["0", "0"]).joined(separator: ", ")
        let scenario = try ScenarioLoader.load(yaml: """
            name: retrial
            seed: 9
            replications: 8
            duration: 1d
            drain_limit: 3h
            queues:
              - {id: chat, strategy: longest_idle}
            agents:
              - {group: night, count: 2, queues: [chat], shifts: ["sun 22:00-23:00"]}
            customers:
              - {id: web, channel: live_chat, queue: chat, arrivals: {profile: {interval: 1h, rates_per_hour: [\(rates)]}},
                 patience: {dist: constant, value: 1m}, handle_time: {dist: exponential, mean: 4m}\(retrial)}
            """, file: "retrial.yaml")
        let model = try CompiledScenario(scenario)
        let summary = RunSummary(model: model, results: Simulation.run(model, replications: scenario.replications, jobs: 2))
        return summary.perReplication.map { $0[0] }
    }

    /// With probability 1, `max_attempts` caps each customer's attempts: 1 means nobody tries again
    /// (every abandon loses its customer, as without the key), 3 means each customer abandons
    /// exactly three times and is lost once; without a cap nobody is lost. First contacts — arrivals
    /// less retrials — are the same customers in every variant (retrials draw from their own stream).
    @Test func maxAttemptsCapsTheAttemptsOfEachCustomer() throws {
        let without = try Self.run("")
        let once = try Self.run(", retrial: {probability: 1, after: {dist: constant, value: 1m}, max_attempts: 1}")
        let thrice = try Self.run(", retrial: {probability: 1, after: {dist: constant, value: 1m}, max_attempts: 3}")
        let unlimited = try Self.run(", retrial: {probability: 1, after: {dist: constant, value: 10m}}")
        for (i, plain) in without.enumerated() {
            let firstContacts = plain[.arrivals]!
            #expect(firstContacts > 0 && plain[.retrials]! == 0)
            #expect(plain[.customersLost]! == plain[.abandoned]! && plain[.abandoned]! == firstContacts)
            #expect(once[i][.retrials]! == 0 && once[i][.customersLost]! == once[i][.abandoned]!)
            #expect(once[i][.arrivals]! == firstContacts)

            let three = thrice[i]
            #expect(three[.arrivals]! - three[.retrials]! == firstContacts)
            #expect(three[.customersLost]! == firstContacts)
            #expect(three[.abandoned]! == 3 * firstContacts && three[.retrials]! == 2 * firstContacts)
            #expect(three[.arrivals]! == three[.abandoned]! + three[.unresolved]!)

            let forever = unlimited[i]
            #expect(forever[.customersLost]! == 0)
            #expect(forever[.arrivals]! - forever[.retrials]! == firstContacts)
            // Attempts keep coming back every 11 minutes past the window's end: the retrials of
            // the abandons of its last 10 minutes are not measured.
            #expect(forever[.retrials]! <= forever[.abandoned]! && forever[.retrials]! > 2 * firstContacts)
        }
    }

    /// Each abandoned attempt tries again with probability 0.6: over all replications the
    /// retrials are a binomial share of the abandons, inside the 99.9 % interval, and every
    /// abandon is either retried or loses its customer (abandoned = retrials + customers_lost).
    @Test func retrialsAreTheirProbabilityTimesTheAbandons() throws {
        let p = 0.6
        var retrials = 0.0, abandoned = 0.0
        for replication in try Self.run(", retrial: {probability: \(p), after: {dist: constant, value: 1m}}") {
            #expect(replication[.abandoned]! == replication[.retrials]! + replication[.customersLost]!)
            #expect(replication[.arrivals]! == replication[.abandoned]! + replication[.unresolved]!)
            retrials += replication[.retrials]!
            abandoned += replication[.abandoned]!
        }
        let halfWidth = 3.29 * (p * (1 - p) / abandoned).squareRoot()
        #expect(abs(retrials / abandoned - p) < halfWidth, "retried share \(retrials / abandoned) of \(abandoned) abandons")
    }

    /// A missed contact — a customer who leaves during the chatbot — tries again like an abandon:
    /// with every customer leaving the bot after 10 s and trying twice in all, each first contact
    /// makes two missed contacts, one retrial, and is lost once.
    @Test func missedContactsTryAgain() throws {
        let bot = ", bot: {deflection: 0, time: {dist: constant, value: 1m}, patience: {dist: constant, value: 10s}}"
        for replication in try Self.run(bot + ", retrial: {probability: 1, after: {dist: constant, value: 1m}, max_attempts: 2}") {
            let firstContacts = replication[.arrivals]! - replication[.retrials]!
            #expect(firstContacts > 0 && replication[.abandoned]! == 0)
            #expect(replication[.missedContacts]! == 2 * firstContacts)
            #expect(replication[.retrials]! == firstContacts && replication[.customersLost]! == firstContacts)
        }
    }
}
