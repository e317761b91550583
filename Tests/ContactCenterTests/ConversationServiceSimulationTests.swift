// SPDX-License-Identifier: GPL-3.0-or-later

import ContactCenter
import Foundation
import Scenarios
import Testing

/// The conversation services in the simulation (SPEC §2.3, §2.5–§2.7, §3): business hours and
/// holidays, the out-of-hours rule, the chatbot, PCI screening, attachment checks, blocked
/// visitors and the post-chat form, each with the counts of SPEC §4 it produces.
@Suite struct ConversationServiceSimulationTests {
    /// A day of live chat at 30 chats an hour in a queue open around the clock; `queue` and
    /// `stream` add keys to the queue and the stream, `top` to the scenario.
    static func scenario(top: String = "", queue: String = "", stream: String = "",
                         rate: Double = 30, days: Int = 1) -> String {
        """
        name: services
        seed: 5
        replications: 1
        start: 2026-11-23T00:00
        duration: \(days)d
        drain_limit: 2h
        \(top.isEmpty ? "calendar: {timezone: UTC, hours: {mon-sun: \"00:00-24:00\"}}" : top)
        queues:
          - {id: q, strategy: longest_idle\(queue)}
        agents:
          - {group: a, count: 4, capacity: 2, queues: [q]}
        customers:
          - {id: c, channel: live_chat, queue: q, arrivals: {rate_per_hour: \(rate)},
             patience: {dist: exponential, mean: 5m}, handle_time: {dist: exponential, mean: 4m}\(stream)}
        """
    }

    /// The summed tallies of every replication of `yaml`.
    static func tally(_ yaml: String, file: String = "services.yaml") throws -> ChatTally {
        let scenario = try ScenarioLoader.load(yaml: yaml, file: file)
        let model = try CompiledScenario(scenario)
        return Simulation.run(model, replications: scenario.replications, jobs: 1)
            .flatMap(\.tallies).reduce(into: ChatTally()) { $0.add($1) }
    }

    /// Whether a Poisson count is within z = 4.42 standard deviations (two-sided 10⁻⁵) of its mean.
    static func poissonCount(_ count: Int, near mean: Double) -> Bool {
        abs(Double(count) - mean) <= 4.42 * mean.squareRoot()
    }

    @Test func holidaysHaveNoArrivalsUnlessTheirFactorSaysSo() throws {
        // Monday to Wednesday at 60 an hour, Tuesday a holiday: closed all day, so whatever arrives
        // on it is counted out of hours, and nothing else is.
        func run(_ factor: String) throws -> ChatTally {
            try Self.tally(Self.scenario(top: "calendar: {timezone: UTC, hours: {mon-sun: \"00:00-24:00\"}, holidays: [2026-11-24]}",
                                         stream: factor, rate: 60, days: 3))
        }
        let none = try run("")
        #expect(none.outOfHours == 0)
        #expect(Self.poissonCount(none.arrivals, near: 2 * 24 * 60), "\(none.arrivals)")
        let half = try run(", holiday_factor: 0.5")
        #expect(Self.poissonCount(half.outOfHours, near: 0.5 * 24 * 60), "\(half.outOfHours)")
        let double = try run(", holiday_factor: 2")
        #expect(Self.poissonCount(double.outOfHours, near: 2 * 24 * 60), "\(double.outOfHours)")
        #expect(Self.poissonCount(double.arrivals, near: 2 * 24 * 60), "\(double.arrivals)")
    }

    @Test func theOutOfHoursReplyGoesOncePerContactPerLocalDay() throws {
        // One WhatsApp customer writes at 22:00 and, answered at once by an agent on duty, writes
        // again ten minutes after each one-minute chat: every eleven minutes until 08:00, when the
        // queue opens. All 55 chats are out of hours; the reply goes out on Monday and on Tuesday.
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("ooh-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        try "7200\n".write(to: directory.appendingPathComponent("night.csv"), atomically: true, encoding: .utf8)
        let tally = try Self.tally("""
            name: night-writer
            seed: 1
            replications: 1
            start: 2026-11-23T20:00
            duration: 12h
            drain_limit: 10m
            calendar: {timezone: UTC, hours: {mon-sun: "08:00-20:00"}}
            queues:
              - {id: m, strategy: longest_idle, auto_replies: {out_of_hours: {text: "Ab 8 Uhr, {customer}."}}}
            agents: [{group: night, count: 1, queues: [m]}]
            customers:
              - {id: w, channel: whatsapp, queue: m, arrivals: {trace: night.csv}, handle_time: {dist: constant, value: 1m},
                 return: {probability: 1, after: {dist: constant, value: 10m}}}
            """, file: directory.appendingPathComponent("night.yaml").path)
        #expect(tally.outOfHours == 55)
        #expect(tally.autoReplies == 2)
        #expect(tally.arrivals == 0 && tally.offered == 0)
    }

    @Test func theChatbotResolvesLosesOrHandsOverEveryChat() throws {
        let replies = ", auto_replies: {missed_contact: {text: \"Wir melden uns.\", create_ticket: true}}"
        let resolved = try Self.tally(Self.scenario(queue: replies, stream: ", bot: {deflection: 1, time: {dist: constant, value: 30s}}"))
        #expect(resolved.arrivals > 0 && resolved.botResolved == resolved.arrivals && resolved.offered == 0)
        #expect(resolved.autoReplies == 0)
        let missed = try Self.tally(Self.scenario(queue: replies, stream: """
            , bot: {deflection: 0.5, time: {dist: constant, value: 30s}, patience: {dist: constant, value: 10s}}
            """))
        #expect(missed.arrivals > 0 && missed.missedContacts == missed.arrivals && missed.offered == 0)
        #expect(missed.tickets == missed.missedContacts && missed.autoReplies == missed.missedContacts)
        let handed = try Self.tally(Self.scenario(stream: ", bot: {deflection: 0, time: {dist: exponential, mean: 30s}}"))
        #expect(handed.arrivals > 0 && handed.offered == handed.arrivals)
        #expect(handed.botResolved == 0 && handed.missedContacts == 0 && handed.tickets == 0)
    }

    @Test func cardNumbersAreRedactedOrDroppedByTheQueuesPolicy() throws {
        let redacted = try Self.tally(Self.scenario(stream: ", card_number_probability: 1"))
        #expect(redacted.arrivals > 0 && redacted.pciRedacted == redacted.arrivals && redacted.pciDropped == 0)
        let dropped = try Self.tally(Self.scenario(queue: ", pci: drop", stream: ", card_number_probability: 1"))
        #expect(dropped.pciDropped == dropped.arrivals && dropped.pciRedacted == 0)
    }

    @Test func attachmentsAreRefusedByTypeAndBySize() throws {
        let exe = try Self.tally(Self.scenario(stream: ", attachments: {probability: 1, types: {exe: 1}}"))
        #expect(exe.arrivals > 0 && exe.attachmentsRefused == exe.arrivals)
        let sized = ", attachments: {probability: 1, types: {pdf: 0.5, png: 0.5}, size_mb: {dist: constant, value: 20}}"
        let tooLarge = try Self.tally(Self.scenario(stream: sized))
        #expect(tooLarge.attachmentsRefused == tooLarge.arrivals)
        let withinLimit = try Self.tally(Self.scenario(queue: ", max_attachment_mb: 25", stream: sized))
        #expect(withinLimit.arrivals > 0 && withinLimit.attachmentsRefused == 0)
    }

    @Test func cardNumbersAndAttachmentsDrawFromTheirOwnStreams() throws {
        // Screening changes no outcome, and its draws come from sub-streams of their own: every
        // other count and sum of the run is exactly what it is without them (SPEC §1).
        var plain = try Self.tally(Self.scenario())
        var screened = try Self.tally(Self.scenario(stream: """
            , card_number_probability: 0.5, attachments: {probability: 0.5, types: {pdf: 0.5, exe: 0.5}}
            """))
        #expect(screened.pciRedacted > 0 && screened.attachmentsRefused > 0)
        screened.pciRedacted = 0
        screened.attachmentsRefused = 0
        #expect(screened == plain)
        plain.arrivals = 0
        #expect(screened != plain)
    }

    @Test func blockedVisitorsAreRejectedWhenTheyTryAgain() throws {
        let tally = try Self.tally(Self.scenario(stream: ", abusive_probability: 1"))
        #expect(tally.rejected > 0 && tally.rejected <= tally.answered)
        #expect(tally.arrivals == tally.answered + tally.abandoned + tally.rejected + tally.unresolved + tally.offlineForms)
        #expect(tally.offered == tally.arrivals - tally.rejected)
    }

    @Test func thePostChatFormBringsReturningVisitorsBackToTheirAgent() throws {
        let returns = ", return: {probability: 0.5, after: {dist: exponential, mean: 10m}}"
        let without = try Self.tally(Self.scenario(stream: returns))
        #expect(without.stickyRouted == 0)
        let with = try Self.tally(Self.scenario(queue: ", post_chat_form: true, auto_replies: {session_ended: {text: \"Bis bald, {customer}!\"}}",
                                                stream: returns))
        #expect(with.stickyRouted > 0)
        #expect(with.autoReplies > 0 && with.autoReplies <= with.answered)
    }

    @Test func theServicesWeekExampleExercisesEveryService() throws {
        let path = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("scenarios/examples/services-week.yaml").path
        let scenario = try ScenarioLoader.load(contentsOf: path, overrides: ["replications=2"])
        let model = try CompiledScenario(scenario)
        let results = Simulation.run(model, replications: 2, jobs: 2)
        let summary = RunSummary(model: model, results: results)
        let reasons = WrapUpReasonCounts(model: model, results: results)
        #expect(reasons.labels.map(\.reason) == ["callback", "escalated", "solved"])
        #expect(reasons.perReplication.allSatisfy { $0.allSatisfy { $0 > 0 } })
        // Template uses per category, language and fallback step: every reachable combination is used.
        let templateUses = TemplateUseCounts(model: model, results: results)
        #expect(templateUses.labels.map { "\($0.category)/\($0.language)/\($0.step)" }
                    == ["billing/de/exact", "billing/de-AT/prefix", "billing/en/exact",
                        "delivery/de/exact", "delivery/de-AT/prefix", "delivery/en/queue_default"])
        #expect(templateUses.perReplication.allSatisfy { $0.allSatisfy { $0 > 0 } })
        // Contact history, archive and unarchive, out-of-hours web tickets, permanent deletion, requests
        // and calls from chats, internal chats: every count is used.
        let serviceCounts = ServiceCounts(model: model, results: results)
        #expect(serviceCounts.names == ServiceCounts.Name.allCases)
        #expect(serviceCounts.perReplication.allSatisfy { $0[0].allSatisfy { $0 > 0 } })
        for metric in [Metric.autoReplies, .botResolved, .missedContacts, .outOfHours, .offlineForms, .pciRedacted,
                       .pciDropped, .attachmentsRefused, .rejected, .tickets, .stickyRouted, .rona, .inactive,
                       .templateUses, .templateUsesExact, .templateUsesPrefix, .templateUsesQueueDefault, .requests, .autoRepliesRequestMedia, .botHandovers,
                       .agentTransfers, .conferencesLeft, .awayPicks, .rejectedCollateral, .unknownContacts,
                       .unknownContactsAdded, .unknownContactsReplied, .ignored] {
            #expect(summary.perReplication.allSatisfy { $0[0][metric]! > 0 }, "\(metric.rawValue)")
        }
        // Each message the example switches on is counted under its trigger, and the triggers add up to the total.
        for metric in [Metric.autoRepliesFirstMessage, .autoRepliesOutOfHours, .autoRepliesOfflineForm,
                       .autoRepliesCustomerLeftWaiting, .autoRepliesMissedContact, .autoRepliesSessionEnded,
                       .autoRepliesResolved, .autoRepliesRequestMedia] {
            #expect(summary.perReplication.allSatisfy { $0[0][metric]! > 0 }, "\(metric.rawValue)")
        }
        #expect(summary.perReplication.allSatisfy { $0[0][.autoRepliesRatingRequest]! == 0 })   // switched off
        for replication in summary.perReplication {
            let overall = replication[0]
            let byTrigger = Metric.allCases.filter { $0.autoReplyTrigger != nil }.reduce(0) { $0 + overall[$1]! }
            #expect(byTrigger == overall[.autoReplies]!)
            #expect(overall[.arrivals]! == overall[.answered]! + overall[.abandoned]! + overall[.rejected]!
                        + overall[.rejectedCollateral]! + overall[.botResolved]! + overall[.missedContacts]!
                        + overall[.offlineForms]! + overall[.inactive]! + overall[.ignored]! + overall[.unresolved]!)
            #expect(overall[.unknownContacts]! == overall[.unknownContactsAdded]! + overall[.unknownContactsReplied]!
                        + overall[.ignored]!)
        }
    }
}
