// SPDX-License-Identifier: GPL-3.0-or-later

import ContactCenter
import Scenarios
import Testing

/// The engine's and the model's invariants checked after every event of whole replications,
/// over many seeds and every strategy, with every friction of the model and every conversation
/// service switched on.
@Suite struct ModelInvariantTests {
    static func scenario(strategy: StrategyName, seed: UInt64) throws -> Scenario {
        var scenario = try ScenarioLoader.load(yaml: """
            name: invariants
            seed: 1
            replications: 1
            start: 2026-11-23T00:00
            warmup: 20m
            duration: 2h
            drain_limit: 1h
            calendar: {timezone: Europe/Berlin, hours: {mon: "00:30-01:50"}, holidays: [2026-11-22]}
            queues:
              - {id: chat, strategy: \(strategy.rawValue)\(strategy == .mostExperienced ? ", top: 2" : ""), offer_timeout: 15s,
                 alert_after: 40s, sticky_wait: 2m, inactivity_timeout: 30s, offline_form: true, claim: \(seed % 2 == 0 ? "first_reply" : "take"),
                 post_chat_form: \(seed % 3 == 0), pci: drop, max_attachment_mb: 2, wrap_up_reasons: [solved, callback],
                 templates: [{category: billing, language: de, text: "Ihre Rechnung, {customer}."}],
                 auto_replies: {first_message: {text: "Hallo {customer}"}, offline_form: {text: "Wir melden uns."},
                                customer_left_waiting: {text: "Schade."}, missed_contact: {text: "Ticket.", create_ticket: true},
                                session_ended: {text: "Danke, {agent}."}, resolved: {text: "Erledigt."},
                                rating_request: {text: "Wie war {agent}?"}}}
              - {id: messages, strategy: least_busy, priority: 1, language: en, inactivity_timeout: 5m,
                 auto_replies: {out_of_hours: {text: "We are closed, {customer}."}, first_message: {text: "Hi", enabled: false}}}
            agents:
              - {group: a, count: 3, capacity: {live_chat: 2, whatsapp: 2, total: 3}, slowdown: [1, 1.3, 1.6],
                 languages: [de, en], queues: [chat, messages], shifts: ["mon 00:10-01:30", "mon 01:45-03:00"],
                 away: {every: 40m, for: 5m}, accept_delay: {dist: exponential, mean: 6s}, miss_probability: 0.1,
                 rona_recovery: {dist: exponential, mean: 1m}, wrap_up: {dist: exponential, mean: 20s},
                 transfer_probability: 0.2, transfer_queue: messages, conference_probability: 0.2,
                 conference_time: {dist: exponential, mean: 1m}, conference_leave_probability: 0.4, away_pick_probability: 0.3,
                 alert_reaction: {dist: exponential, mean: 10s},
                 unhandled_probability: 0.3, experience: 2, weight: 2}
              - {group: b, count: 2, capacity: 2, speed: 1.5, languages: [en], queues: [chat, messages], experience: 4,
                 accept_delay: {dist: uniform, min: 1s, max: 20s}, unhandled_probability: 0.2,
                 transfer_to_agent_probability: 0.2, decline_probability: 0.3}
            customers:
              - {id: web, channel: live_chat, queue: chat, arrivals: {rate_per_hour: 40}, languages: {de: 0.5, en: 0.5},
                 patience: {dist: exponential, mean: 3m}, handle_time: {dist: exponential, mean: 5m},
                 return: {probability: 0.3, after: {dist: exponential, mean: 10m}}, ends_chat_probability: 0.1,
                 bot: {deflection: 0.2, time: {dist: exponential, mean: 30s}, patience: {dist: exponential, mean: 1m}},
                 card_number_probability: 0.3, abusive_probability: 0.2, holiday_factor: 0.5,
                 block_expiry: 15m, shared_ip_probability: 0.2,
                 inactivity: {probability: 0.3, after: {dist: constant, value: 10s}},
                 retrial: {probability: 0.5, after: {dist: exponential, mean: 2m}, max_attempts: 3},
                 attachments: {probability: 0.3, types: {pdf: 0.5, exe: 0.2, png: 0.3}, size_mb: {dist: uniform, min: 0, max: 4}}}
              - {id: wa, channel: whatsapp, queue: messages, arrivals: {rate_per_hour: 20},
                 patience: {dist: exponential, mean: 30m}, handle_time: {dist: exponential, mean: 6m},
                 return: {probability: 0.3, after: {dist: exponential, mean: 10m}}, card_number_probability: 0.2,
                 unknown_contact_probability: 0.5, unknown_contact_actions: {add: 0.3, reply: 0.3, ignore: 0.4},
                 inactivity: {probability: 0.3, after: {dist: exponential, mean: 5m}},
                 retrial: {probability: 0.3, after: {dist: exponential, mean: 5m}}}
            """, file: "invariants.yaml")
        scenario.seed = seed
        return scenario
    }

    @Test(arguments: StrategyName.allCases)
    func invariantsHoldAfterEveryEvent(strategy: StrategyName) throws {
        var total = ChatTally()
        for seed in UInt64(0)..<6 {
            let model = try CompiledScenario(Self.scenario(strategy: strategy, seed: seed))
            let (violations, result) = Simulation.checkedReplication(model, index: Int(seed))
            #expect(violations.isEmpty, "\(strategy.rawValue) seed \(seed): \(violations.prefix(3))")
            let tally = try #require(result).tallies.reduce(into: ChatTally()) { $0.add($1) }
            #expect(tally.arrivals == tally.answered + tally.abandoned + tally.rejected + tally.rejectedCollateral
                        + tally.botResolved + tally.missedContacts + tally.offlineForms + tally.inactive + tally.ignored
                        + tally.unresolved,
                    "\(strategy.rawValue) seed \(seed)")
            #expect(tally.offered == tally.answered + tally.abandoned + tally.inactive + tally.ignored + tally.unresolved,
                    "\(strategy.rawValue) seed \(seed)")
            #expect(tally.unknownContacts == tally.unknownContactsAdded + tally.unknownContactsReplied + tally.ignored,
                    "\(strategy.rawValue) seed \(seed)")
            #expect(tally.abandoned + tally.missedContacts == tally.customersLost + tally.retried,
                    "\(strategy.rawValue) seed \(seed)")
            #expect(tally.answered > 0)
            #expect(tally.autoRepliesByTrigger.total == tally.autoReplies, "\(strategy.rawValue) seed \(seed)")
            total.add(tally)
        }
        // Every service is exercised, so the checks above ran through each of its paths.
        for (name, count) in [("rejected", total.rejected), ("bot_resolved", total.botResolved),
                              ("missed_contacts", total.missedContacts), ("out_of_hours", total.outOfHours),
                              ("auto_replies", total.autoReplies), ("pci_dropped", total.pciDropped),
                              ("attachments_refused", total.attachmentsRefused), ("tickets", total.tickets),
                              ("inactive", total.inactive), ("agent_transfers", total.agentTransfers),
                              ("conferences_left", total.conferenceHandovers), ("away_picks", total.awayPicks),
                              ("retrials", total.retrials), ("rejected_collateral", total.rejectedCollateral),
                              ("ignored", total.ignored), ("unknown_contacts_added", total.unknownContactsAdded)] {
            #expect(count > 0, "\(strategy.rawValue): no \(name)")
        }
    }
}
