// SPDX-License-Identifier: GPL-3.0-or-later

import ContactCenter
import Foundation
import Scenarios
import Statistics
import Testing

/// The behaviours of SPEC §3.3 beyond claiming, each shown to change what it should.
@Suite struct FidelitySimulationTests {
    /// A small team missing some offers (RONA), with room for extra keys.
    static func scenario(strategy: String = "longest_idle", queueExtra: String = "", agentExtra: String = "",
                         streamExtra: String = "", top: String = "", replications: Int = 10) throws -> Scenario {
        try ScenarioLoader.load(yaml: """
            name: fidelity
            seed: 3
            replications: \(replications)
            warmup: 30m
            duration: 4h
            \(top)
            queues:
              - {id: chat, strategy: \(strategy), offer_timeout: 10s\(queueExtra)}
            agents:
              - {group: team, count: 4, capacity: 1, queues: [chat], accept_delay: {dist: exponential, mean: 4s},
                 miss_probability: 0.3, rona_recovery: {dist: constant, value: 30s}\(agentExtra)}
            customers:
              - {id: web, channel: live_chat, queue: chat, arrivals: {rate_per_hour: 30},
                 patience: {dist: exponential, mean: 5m}, handle_time: {dist: exponential, mean: 4m}\(streamExtra)}
            """, file: "fidelity.yaml")
    }

    static func run(_ scenario: Scenario) throws -> (results: [ReplicationResult], summary: RunSummary) {
        let model = try CompiledScenario(scenario)
        let results = Simulation.run(model, replications: scenario.replications, jobs: 2)
        return (results, RunSummary(model: model, results: results))
    }

    static func difference(_ metric: Metric, _ baseline: (results: [ReplicationResult], summary: RunSummary),
                           _ other: (results: [ReplicationResult], summary: RunSummary)) throws -> StrategyComparison.Difference {
        try #require(StrategyComparison.differences(baseline: baseline, other: other, metrics: [metric]).first)
    }

    // MARK: After RONA

    /// An agent that sets itself away for 20 minutes after RONA is missing from the team meanwhile:
    /// customers wait longer and more of them leave (paired on common random numbers). Choosing
    /// `available` every time is the default and draws nothing.
    @Test func agentsAwayAfterRONALengthenWaits() throws {
        let base = try Self.run(Self.scenario())
        let available = try Self.run(Self.scenario(agentExtra: ", after_rona: {available: 1, away: 0}"))
        #expect(available.summary == base.summary)
        let away = try Self.run(Self.scenario(agentExtra: ", after_rona: {available: 0.2, away: 0.8, for: 20m}"))
        let asa = try Self.difference(.asaSeconds, base, away)
        let abandonRate = try Self.difference(.abandonRate, base, away)
        #expect(asa.isSignificant && asa.meanDiff! > 0)
        #expect(abandonRate.isSignificant && abandonRate.meanDiff! > 0)
    }

    // MARK: Calendars and company

    /// Each queue follows its own calendar: a queue open two hours a day sees most of its chats
    /// out of hours, while the queue on the scenario's round-the-clock calendar sees none; `company`
    /// fills `{company}` and the message is sent.
    @Test func eachQueueFollowsItsOwnCalendar() throws {
        let scenario = try ScenarioLoader.load(yaml: """
            name: calendars
            seed: 8
            replications: 2
            start: 2026-11-23T00:00
            duration: 2d
            company: Acme
            calendar: {timezone: Europe/Berlin, hours: {mon-sun: "00:00-24:00"}}
            queues:
              - {id: web, strategy: longest_idle, auto_replies: {first_message: {text: "Willkommen bei {company}"}}}
              - {id: sms, strategy: longest_idle, calendar: {timezone: Europe/Berlin, hours: {mon-sun: "10:00-12:00"}},
                 auto_replies: {out_of_hours: {text: "{company} ist ab 10 Uhr da."}}}
            agents:
              - {group: team, count: 3, queues: [web, sms]}
            customers:
              - {id: web, channel: live_chat, queue: web, arrivals: {rate_per_hour: 6}, handle_time: {dist: exponential, mean: 4m}}
              - {id: sms, channel: sms, queue: sms, arrivals: {rate_per_hour: 6}, handle_time: {dist: exponential, mean: 4m}}
            """, file: "calendars.yaml")
        let run = try Self.run(scenario)
        for replication in run.summary.perReplication {
            let web = try #require(replication.first { $0.scope == .queue("web") })
            let sms = try #require(replication.first { $0.scope == .queue("sms") })
            #expect(web[.outOfHours]! == 0)
            #expect(web[.autoRepliesFirstMessage]! == web[.arrivals]!)
            #expect(sms[.outOfHours]! > 5 * sms[.arrivals]!)
            #expect(sms[.autoRepliesOutOfHours]! > 0)
        }
    }

    // MARK: Inactivity

    /// With nobody on duty in the window, every chat waits: a customer who goes silent 1 minute
    /// into its wait is closed as `inactive` exactly 2 minutes later (the queue's timeout), the
    /// others stay unresolved. The share of inactive chats is the silent probability, inside its
    /// 99.9 % binomial interval; the conservation identity holds with the new outcome.
    @Test func silentCustomersAreClosedAsInactiveAfterTheTimeout() throws {
        func scenario(_ inactivity: String) throws -> Scenario {
            try ScenarioLoader.load(yaml: """
                name: inactivity
                seed: 21
                replications: 20
                duration: 4h
                drain_limit: 30m
                queues:
                  - {id: sms, strategy: longest_idle, inactivity_timeout: 2m}
                agents:
                  - {group: night, count: 3, queues: [sms], shifts: ["mon 22:00-23:00"]}
                customers:
                  - {id: sms, channel: sms, queue: sms, arrivals: {rate_per_hour: 30},
                     handle_time: {dist: exponential, mean: 4m}\(inactivity)}
                """, file: "inactivity.yaml")
        }
        let quiet = try Self.run(scenario(""))
        #expect(quiet.summary.perReplication.allSatisfy { $0[0][.inactive]! == 0 })
        let silent = try Self.run(scenario(", inactivity: {probability: 0.4, after: {dist: constant, value: 1m}}"))
        var inactive = 0.0, arrivals = 0.0
        for replication in silent.summary.perReplication {
            let overall = replication[0]
            #expect(overall[.answered]! == 0)
            #expect(overall[.arrivals]! == overall[.inactive]! + overall[.unresolved]!)
            #expect(overall[.offered]! == overall[.answered]! + overall[.abandoned]! + overall[.inactive]! + overall[.unresolved]!)
            inactive += overall[.inactive]!
            arrivals += overall[.arrivals]!
        }
        let p = 0.4, halfWidth = 3.29 * (p * (1 - p) / arrivals).squareRoot()
        #expect(abs(inactive / arrivals - p) < halfWidth, "inactive share \(inactive / arrivals) of \(arrivals) chats")
        // The quiet run's chats of the same customers all stay unresolved: only the new outcome moved.
        #expect(zip(quiet.summary.perReplication, silent.summary.perReplication).allSatisfy {
            $0[0][.arrivals]! == $1[0][.arrivals]! && $0[0][.unresolved]! == $1[0][.unresolved]! + $1[0][.inactive]!
        })
    }

    // MARK: Wrap-up reasons

    /// Every chat an agent closes gets one reason of its queue's list, drawn by the weights: the
    /// reasons add up to the chats answered, and `solved` (weight 3 of 4) closes its share of
    /// them inside the 99.9 % binomial interval.
    @Test func wrapUpReasonsAreDrawnByTheirWeights() throws {
        let plain = try Self.run(Self.scenario())
        #expect(WrapUpReasonCounts(model: try CompiledScenario(Self.scenario()), results: plain.results).isEmpty)
        let scenario = try Self.scenario(queueExtra: ", wrap_up_reasons: {solved: 3, callback: 1}")
        let weighted = try Self.run(scenario)
        #expect(weighted.summary == plain.summary)   // the reasons draw from a stream of their own
        let counts = WrapUpReasonCounts(model: try CompiledScenario(scenario), results: weighted.results)
        #expect(counts.labels == [.init(queue: "chat", reason: "callback"), .init(queue: "chat", reason: "solved")])
        var solved = 0.0, total = 0.0
        for (values, replication) in zip(counts.perReplication, weighted.summary.perReplication) {
            #expect(values.reduce(0, +) == replication[0][.answered]!)
            solved += values[1]
            total += values.reduce(0, +)
        }
        let p = 0.75, halfWidth = 3.29 * (p * (1 - p) / total).squareRoot()
        #expect(abs(solved / total - p) < halfWidth, "solved share \(solved / total) of \(total) chats")
    }

    // MARK: Templates

    /// One agent at a time per chat, constant 5-minute work: a template saving 30 s, used with
    /// probability 0.5, makes every handle time 300 s or 270 s, so `handle_time_s` is 285 s in
    /// expectation, inside its 95 % interval over the replications. Each use is counted by the
    /// fallback step: German chats find the German template exactly.
    @Test func templatesShortenTheWorkByWhatTheySave() throws {
        func scenario(_ use: String) throws -> Scenario {
            try ScenarioLoader.load(yaml: """
                name: templates
                seed: 13
                replications: 12
                duration: 4h
                queues:
                  - {id: chat, strategy: longest_idle, language: de,
                     templates: [{category: billing, language: de, text: "Ihre Rechnung."}]}
                agents:
                  - {group: team, count: 4, queues: [chat]\(use)}
                customers:
                  - {id: web, channel: live_chat, queue: chat, arrivals: {rate_per_hour: 30},
                     handle_time: {dist: constant, value: 5m}}
                """, file: "templates.yaml")
        }
        let plain = try Self.run(scenario(""))
        #expect(plain.summary.summaries[0][.handleTimeSeconds].mean == 300)
        #expect(plain.summary.perReplication.allSatisfy { $0[0][.templateUses]! == 0 })
        let used = try Self.run(scenario(", template_use: {probability: 0.5, saves: {dist: constant, value: 30s}}"))
        let handle = used.summary.summaries[0][.handleTimeSeconds]
        #expect(abs(handle.mean! - 285) <= handle.halfWidth!, "handle time \(handle.mean!) ± \(handle.halfWidth!)")
        for replication in used.summary.perReplication {
            #expect(replication[0][.templateUses]! > 0)
            #expect(replication[0][.templateUses]! == replication[0][.templateUsesExact]!)
        }
    }

    /// The language fallback of SPEC §2.6, counted: an Austrian chat finds the German template by
    /// its prefix, a French chat only the queue's default (English) one.
    @Test func templateUsesAreCountedByTheirFallbackStep() throws {
        let scenario = try ScenarioLoader.load(yaml: """
            name: template-fallback
            seed: 2
            replications: 2
            duration: 4h
            queues:
              - {id: chat, strategy: longest_idle, language: en,
                 templates: [{category: billing, language: de, text: "Ihre Rechnung."},
                             {category: billing, language: en, text: "Your invoice."}]}
            agents:
              - {group: team, count: 4, queues: [chat], template_use: {probability: 1, saves: {dist: constant, value: 10s}}}
            customers:
              - {id: web, channel: live_chat, queue: chat, arrivals: {rate_per_hour: 30}, languages: {de-AT: 0.5, fr: 0.5},
                 handle_time: {dist: exponential, mean: 5m}}
            """, file: "fallback.yaml")
        for replication in try Self.run(scenario).summary.perReplication {
            let overall = replication[0]
            #expect(overall[.templateUsesExact]! == 0)
            #expect(overall[.templateUsesPrefix]! > 0 && overall[.templateUsesQueueDefault]! > 0)
            #expect(overall[.templateUses]! == overall[.answered]!)   // one use per accept, no transfers
        }
    }

    /// Searching templates by text (`template_use.search_probability`, SPEC §2.6): the agent
    /// types the longest word of the template the category lists and searches all categories
    /// through the same language fallback. For Austrian chats that fallback lists only the German
    /// billing text, so "Kundenkonto" finds billing but "parcel" (delivery, listed from the
    /// queue's English default) finds nothing there: those uses fall back to the category list.
    /// At probability 1 every other use is a search — `template_searches` equals the uses less
    /// delivery's Austrian ones exactly — and nothing else changes (the draws are on their own
    /// sub-stream); at 1/2 half the searchable uses are searches (99.9 % binomial interval).
    @Test func templateSearchesFindTemplatesThroughTheirText() throws {
        func scenario(_ search: String) throws -> Scenario {
            try ScenarioLoader.load(yaml: """
                name: template-search
                seed: 4
                replications: 4
                duration: 4h
                queues:
                  - {id: chat, strategy: longest_idle, language: en,
                     templates: [{category: billing, language: de, text: "Ihre Rechnung finden Sie im Kundenkonto."},
                                 {category: billing, language: en, text: "Your invoice is in your account."},
                                 {category: delivery, language: en, text: "Your parcel is on its way."}]}
                agents:
                  - {group: team, count: 4, queues: [chat],
                     template_use: {probability: 1, saves: {dist: constant, value: 10s}\(search)}}
                customers:
                  - {id: at, channel: live_chat, queue: chat, arrivals: {rate_per_hour: 20}, languages: {de-AT: 1},
                     handle_time: {dist: exponential, mean: 5m}}
                  - {id: en, channel: live_chat, queue: chat, arrivals: {rate_per_hour: 10}, languages: {en: 1},
                     handle_time: {dist: exponential, mean: 5m}}
                """, file: "search.yaml")
        }
        let listed = try Self.run(scenario(""))
        #expect(ServiceCounts(model: try CompiledScenario(scenario("")), results: listed.results).isEmpty)
        let all = try scenario(", search_probability: 1")
        let searched = try Self.run(all)
        #expect(searched.summary.perReplication == listed.summary.perReplication)
        let model = try CompiledScenario(all)
        let uses = TemplateUseCounts(model: model, results: searched.results)
        let counts = ServiceCounts(model: model, results: searched.results)
        #expect(counts.names == [.templateSearches])
        let unsearchable = try #require(uses.labels.firstIndex {
            $0.category == "delivery" && $0.language == "de-AT" && $0.step == "queue_default"
        })
        for (values, searches) in zip(uses.perReplication, counts.perReplication) {
            #expect(values[unsearchable] > 0)
            #expect(searches[0][0] == values.reduce(0, +) - values[unsearchable])
        }
        let half = try scenario(", search_probability: 0.5")
        let halfRun = try Self.run(half)
        let halfCounts = ServiceCounts(model: try CompiledScenario(half), results: halfRun.results)
        var searches = 0.0, searchable = 0.0
        for (values, counted) in zip(uses.perReplication, halfCounts.perReplication) {
            searches += counted[0][0]
            searchable += values.reduce(0, +) - values[unsearchable]
        }
        let p = 0.5, halfWidth = 3.29 * (p * (1 - p) / searchable).squareRoot()
        #expect(abs(searches / searchable - p) < halfWidth, "search share \(searches / searchable) of \(searchable)")
    }

    /// Template uses per category, chat language and fallback step (SPEC §3.3): Austrian chats
    /// (stream `at`) find the German billing text by its prefix and only the English delivery
    /// text of the queue's default; French chats (stream `fr`) find only the English texts. Every
    /// answered chat uses one template, so each language's labels add up exactly to its stream's
    /// answered chats, the steps add up to the step metrics, and billing (drawn uniformly among
    /// the two categories) takes its half inside the 99.9 % binomial interval. A queue without a
    /// default language counts chats without a language under `none`.
    @Test func templateUsesAreCountedPerCategoryLanguageAndStep() throws {
        let scenario = try ScenarioLoader.load(yaml: """
            name: template-labels
            seed: 5
            replications: 4
            duration: 4h
            queues:
              - {id: chat, strategy: longest_idle, language: en,
                 templates: [{category: billing, language: de, text: "Ihre Rechnung."},
                             {category: billing, language: en, text: "Your invoice."},
                             {category: delivery, language: en, text: "On its way."}]}
            agents:
              - {group: team, count: 4, queues: [chat], template_use: {probability: 1, saves: {dist: constant, value: 10s}}}
            customers:
              - {id: at, channel: live_chat, queue: chat, arrivals: {rate_per_hour: 20}, languages: {de-AT: 1},
                 handle_time: {dist: exponential, mean: 5m}}
              - {id: fr, channel: live_chat, queue: chat, arrivals: {rate_per_hour: 10}, languages: {fr: 1},
                 handle_time: {dist: exponential, mean: 5m}}
            """, file: "labels.yaml")
        let run = try Self.run(scenario)
        let counts = TemplateUseCounts(model: try CompiledScenario(scenario), results: run.results)
        typealias Label = TemplateUseCounts.Label
        #expect(counts.labels == [Label(queue: "chat", category: "billing", language: "de-AT", step: "prefix"),
                                  Label(queue: "chat", category: "billing", language: "fr", step: "queue_default"),
                                  Label(queue: "chat", category: "delivery", language: "de-AT", step: "queue_default"),
                                  Label(queue: "chat", category: "delivery", language: "fr", step: "queue_default")])
        var billing = 0.0, total = 0.0
        for ((values, result), replication) in zip(zip(counts.perReplication, run.results), run.summary.perReplication) {
            #expect(values[0] + values[2] == Double(result.tallies[0].answered))
            #expect(values[1] + values[3] == Double(result.tallies[1].answered))
            #expect(values[0] == replication[0][.templateUsesPrefix]!)
            #expect(values[1] + values[2] + values[3] == replication[0][.templateUsesQueueDefault]!)
            #expect(values.reduce(0, +) == replication[0][.templateUses]!)
            billing += values[0] + values[1]
            total += values.reduce(0, +)
        }
        let p = 0.5, halfWidth = 3.29 * (p * (1 - p) / total).squareRoot()
        #expect(abs(billing / total - p) < halfWidth, "billing share \(billing / total) of \(total) uses")
        // Stored as metric rows and read back as the same counts.
        #expect(counts.labels.map { Label(queue: $0.queue, metricName: $0.metricName) } == counts.labels)
        #expect(Label(queue: "q", metricName: "template_use/a/b/de/exact")
                    == Label(queue: "q", category: "a/b", language: "de", step: "exact"))
        // Without a default language, chats without one are counted under `none`; without `template_use`, nothing is.
        let bare = try ScenarioLoader.load(yaml: """
            name: template-none
            seed: 5
            replications: 2
            duration: 2h
            queues:
              - {id: chat, strategy: longest_idle, templates: [{category: billing, language: en, text: "Your invoice."}]}
            agents:
              - {group: team, count: 2, queues: [chat], template_use: {probability: 1, saves: {dist: constant, value: 10s}}}
            customers:
              - {id: web, channel: live_chat, queue: chat, arrivals: {rate_per_hour: 10}, handle_time: {dist: exponential, mean: 5m}}
            """, file: "none.yaml")
        let bareRun = try Self.run(bare)
        let bareCounts = TemplateUseCounts(model: try CompiledScenario(bare), results: bareRun.results)
        #expect(bareCounts.labels == [Label(queue: "chat", category: "billing", language: "none", step: "queue_default")])
        for (values, replication) in zip(bareCounts.perReplication, bareRun.summary.perReplication) {
            #expect(values == [replication[0][.answered]!] && values[0] > 0)
        }
        let unused = try ScenarioLoader.load(yaml: """
            name: template-unused
            seed: 5
            duration: 1h
            queues:
              - {id: chat, strategy: longest_idle, templates: [{category: billing, language: en, text: "Your invoice."}]}
            agents:
              - {group: team, count: 2, queues: [chat]}
            customers:
              - {id: web, channel: live_chat, queue: chat, arrivals: {rate_per_hour: 10}, handle_time: {dist: exponential, mean: 5m}}
            """, file: "unused.yaml")
        let model = try CompiledScenario(unused)
        #expect(TemplateUseCounts(model: model, results: Simulation.run(model, replications: 2, jobs: 1)).isEmpty)
    }

    // MARK: Requests

    /// Every chat's first owner asks for a photo (the automatic message goes out, counted under its
    /// trigger) and the customer takes exactly a minute to send it: constant 5-minute chats then
    /// last exactly 6 minutes. Payment requests at half the chats add half a minute on average.
    @Test func requestsExtendTheChatByTheCustomersResponse() throws {
        func scenario(_ requests: String) throws -> Scenario {
            try ScenarioLoader.load(yaml: """
                name: requests
                seed: 17
                replications: 4
                duration: 4h
                queues:
                  - {id: chat, strategy: longest_idle,
                     auto_replies: {request_media: {text: "{agent} bittet um ein Foto."}, payment_request: {text: "Bitte zahlen."}}}
                agents:
                  - {group: team, count: 4, queues: [chat], requests: \(requests)}
                customers:
                  - {id: web, channel: live_chat, queue: chat, arrivals: {rate_per_hour: 20},
                     handle_time: {dist: constant, value: 5m}}
                """, file: "requests.yaml")
        }
        let media = try Self.run(scenario("{media: 1, response: {dist: constant, value: 1m}}"))
        for replication in media.summary.perReplication {
            let overall = replication[0]
            #expect(overall[.handleTimeSeconds]! == 360)
            #expect(overall[.requests]! == overall[.answered]!)
            #expect(overall[.autoRepliesRequestMedia]! == overall[.answered]!)
            #expect(overall[.autoRepliesPaymentRequest]! == 0)
        }
        let payment = try Self.run(scenario("{payment: 0.5, response: {dist: constant, value: 1m}}"))
        let handle = payment.summary.summaries[0][.handleTimeSeconds]
        #expect(abs(handle.mean! - 330) <= handle.halfWidth!, "handle time \(handle.mean!) ± \(handle.halfWidth!)")
        #expect(payment.summary.perReplication.allSatisfy { $0[0][.autoRepliesPaymentRequest]! == $0[0][.requests]! })
    }

    // MARK: Bot transcripts

    /// Every chat talks to the bot for 30 s and is handed over with its transcript (counted); a
    /// transcript that saves a minute makes constant 5-minute chats exactly 4 minutes long.
    @Test func theBotTranscriptShortensTheAgentsWork() throws {
        func scenario(_ saves: String) throws -> Scenario {
            try ScenarioLoader.load(yaml: """
                name: transcripts
                seed: 19
                replications: 3
                duration: 4h
                queues:
                  - {id: chat, strategy: longest_idle}
                agents:
                  - {group: team, count: 4, queues: [chat]}
                customers:
                  - {id: web, channel: live_chat, queue: chat, arrivals: {rate_per_hour: 20},
                     handle_time: {dist: constant, value: 5m},
                     bot: {deflection: 0, time: {dist: constant, value: 30s}\(saves)}}
                """, file: "transcripts.yaml")
        }
        let plain = try Self.run(scenario(""))
        let saving = try Self.run(scenario(", transcript_saves: {dist: constant, value: 1m}"))
        for (without, with) in zip(plain.summary.perReplication, saving.summary.perReplication) {
            #expect(without[0][.handleTimeSeconds]! == 300 && with[0][.handleTimeSeconds]! == 240)
            #expect(without[0][.botHandovers]! == without[0][.arrivals]! && with[0][.botHandovers]! == with[0][.arrivals]!)
        }
    }

    // MARK: Transfers to agents

    /// Owners hand a third of their chats to a colleague found by name or extension; the colleague
    /// declines half of them (its share inside the 99.9 % binomial interval), which sends the chat
    /// back to the queue, and every chat is still answered exactly once.
    @Test func transfersToAgentsAreOfferedAndSometimesDeclined() throws {
        let scenario = try Self.scenario(agentExtra: ", names: [ada, ben, cleo, dora], extensions: ['201', '202', '203', '204'], "
                                             + "transfer_to_agent_probability: 0.3, decline_probability: 0.5")
        let run = try Self.run(scenario)
        let base = try Self.run(Self.scenario())
        var transfers = 0.0, declined = 0.0
        for (replication, plain) in zip(run.summary.perReplication, base.summary.perReplication) {
            let overall = replication[0]
            #expect(plain[0][.agentTransfers]! == 0)
            #expect(overall[.arrivals]! == plain[0][.arrivals]!)   // the same customers
            #expect(overall[.offered]! == overall[.answered]! + overall[.abandoned]! + overall[.unresolved]!)
            transfers += overall[.agentTransfers]!
            declined += overall[.transfersDeclined]!
        }
        #expect(transfers > 50)
        let p = 0.5, halfWidth = 3.29 * (p * (1 - p) / transfers).squareRoot()
        #expect(abs(declined / transfers - p) < halfWidth, "declined \(declined) of \(transfers)")
    }

    // MARK: Leaving a conference

    /// Owners invite a colleague to a fifth of their chats and, with probability 1, leave at once:
    /// every conference hands its chat to the invitee, and the chats still end once each.
    @Test func anOwnerLeavingAConferenceHandsTheChatToTheInvitee() throws {
        let conference = ", conference_probability: 0.2, conference_time: {dist: constant, value: 1m}"
        let staying = try Self.run(Self.scenario(agentExtra: conference))
        let leaving = try Self.run(Self.scenario(agentExtra: conference + ", conference_leave_probability: 1"))
        for (stay, leave) in zip(staying.summary.perReplication, leaving.summary.perReplication) {
            #expect(stay[0][.conferencesLeft]! == 0)
            #expect(leave[0][.conferences]! > 0)
            #expect(leave[0][.conferencesLeft]! == leave[0][.conferences]!)
            #expect(leave[0][.offered]! == leave[0][.answered]! + leave[0][.abandoned]! + leave[0][.unresolved]!)
        }
    }

    // MARK: Away agents opening chats

    /// Agents away half the time (10-minute breaks every 20 minutes) get no offers, but with
    /// `away_pick_probability` they open waiting chats from the list: those count as away picks,
    /// and customers wait significantly less (paired on common random numbers).
    @Test func awayAgentsOpeningChatsFromTheListShortenWaits() throws {
        let breaks = ", away: {every: 20m, for: 10m}"
        let base = try Self.run(Self.scenario(agentExtra: breaks))
        let picking = try Self.run(Self.scenario(agentExtra: breaks + ", away_pick_probability: 0.5"))
        #expect(base.summary.perReplication.allSatisfy { $0[0][.awayPicks]! == 0 })
        for replication in picking.summary.perReplication {
            let overall = replication[0]
            #expect(overall[.awayPicks]! > 0)
            #expect(overall[.offered]! == overall[.answered]! + overall[.abandoned]! + overall[.unresolved]!)
        }
        let asa = try Self.difference(.asaSeconds, base, picking)
        #expect(asa.isSignificant && asa.meanDiff! < 0)
    }

    // MARK: Alert reactions

    /// Under get next, agents look at the list a minute after a chat appears; alerted after 20 s,
    /// members who react to the alert within 5 s answer those chats much sooner (paired on common
    /// random numbers), and each such answer counts as an alert reaction.
    @Test func reactingToAlertsShortensWaits() throws {
        func scenario(_ reaction: String) throws -> Scenario {
            try ScenarioLoader.load(yaml: """
                name: alerts
                seed: 23
                replications: 10
                duration: 4h
                queues:
                  - {id: chat, strategy: manual, alert_after: 20s}
                agents:
                  - {group: team, count: 4, capacity: 2, queues: [chat], accept_delay: {dist: constant, value: 1m}\(reaction)}
                customers:
                  - {id: web, channel: live_chat, queue: chat, arrivals: {rate_per_hour: 30},
                     patience: {dist: exponential, mean: 10m}, handle_time: {dist: exponential, mean: 5m}}
                """, file: "alerts.yaml")
        }
        let base = try Self.run(scenario(""))
        let alert = try Self.run(scenario(", alert_reaction: {dist: constant, value: 5s}"))
        #expect(base.summary.perReplication.allSatisfy { $0[0][.alertReactions]! == 0 })
        #expect(alert.summary.perReplication.allSatisfy { $0[0][.alertReactions]! > 0 })
        let asa = try Self.difference(.asaSeconds, base, alert)
        #expect(asa.isSignificant && asa.meanDiff! < 0)
    }
}
