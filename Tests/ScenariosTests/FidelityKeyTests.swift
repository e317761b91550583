// SPDX-License-Identifier: GPL-3.0-or-later

import ParleyTime
import Testing
@testable import Scenarios

/// The keys of SPEC §3.3 that drive every engine behaviour from a scenario: read, defaulted and
/// refused with their exact location (lines of ``Fixture/minimal``).
@Suite("Fidelity keys")
struct FidelityKeyTests {
    private let minimal = Fixture.minimal

    @Test("take_delay is read under the take rule and refused elsewhere or negative")
    func takeDelay() throws {
        let scenario = try ScenarioLoader.load(yaml: minimal.inserting("    claim: take\n    take_delay: 5s", after: 9).text,
                                               file: "test.yaml")
        #expect(scenario.queues[0].claim == .take)
        #expect(scenario.queues[0].takeDelay == .seconds(5))
        #expect(try ScenarioLoader.load(yaml: minimal.text, file: "test.yaml").queues[0].takeDelay == .zero)
        #expect(loadError(minimal.inserting("    take_delay: 5s", after: 9)) == error(
            10, 17, "queues[0].take_delay", "'take_delay' applies only to the take claim rule, not first_reply"))
        #expect(loadError(minimal.inserting("    claim: take\n    take_delay: -5", after: 9)) == error(
            11, 17, "queues[0].take_delay", "a duration must not be negative, found '-5'"))
    }

    @Test("after_rona takes shares summing to 1 and an optional time away")
    func afterRONA() throws {
        let scenario = try ScenarioLoader.load(
            yaml: minimal.inserting("    after_rona: {available: 0.7, away: 0.3, for: 5m}", after: 13).text, file: "test.yaml")
        #expect(scenario.agentGroups[0].afterRonaAwayProbability == 0.3)
        #expect(scenario.agentGroups[0].afterRonaAwayFor == .constant(value: 300))
        let awayOnly = try ScenarioLoader.load(yaml: minimal.inserting("    after_rona: {away: 0.25}", after: 13).text,
                                               file: "test.yaml")
        #expect(awayOnly.agentGroups[0].afterRonaAwayProbability == 0.25)
        #expect(loadError(minimal.inserting("    after_rona: {available: 0.7, away: 0.7}", after: 13)) == error(
            14, 17, "agents[0].after_rona", "the shares 'available' and 'away' must sum to 1, found 1.4"))
        #expect(loadError(minimal.inserting("    after_rona: {away: 1.5}", after: 13)) == error(
            14, 24, "agents[0].after_rona.away", "a probability must be from 0 to 1, found 1.5"))
        #expect(loadError(minimal.inserting("    after_rona: {}", after: 13)) == error(
            14, 17, "agents[0].after_rona", "give the shares 'available' and 'away'"))
    }

    @Test("company fills {company}; without it {company} is refused at the text")
    func company() throws {
        let reply = "    auto_replies:\n      first_message: {text: \"Willkommen bei {company}\"}"
        let scenario = try ScenarioLoader.load(yaml: minimal.inserting(reply, after: 9).inserting("company: Acme", after: 1).text,
                                               file: "test.yaml")
        #expect(scenario.company == "Acme")
        #expect(scenario.queues[0].services.autoReplies?.company == "Acme")
        #expect(loadError(minimal.inserting(reply, after: 9)) == error(
            11, 29, "queues[0].auto_replies.first_message.text",
            "{company} is used but no company name is configured; give the scenario a 'company' or use {team}"))
    }

    @Test("a queue's calendar replaces the scenario's for that queue and shares its time zone")
    func queueCalendar() throws {
        let dated = minimal.replacing(4, with: "start: 2026-11-23T08:00")
        let own = "    calendar: {timezone: Europe/Berlin, hours: {mon-fri: \"09:00-17:00\"}, holidays: [2026-12-24]}"
        let scenario = try ScenarioLoader.load(yaml: dated.inserting(own, after: 9).text, file: "test.yaml")
        #expect(scenario.calendar == nil)
        #expect(scenario.calendar(ofQueue: 0)?.holidays.count == 1)
        let both = dated.inserting(own, after: 9)
            .inserting("calendar: {timezone: Europe/London, hours: {mon-fri: \"08:00-20:00\"}}", after: 6)
        #expect(loadError(both) == error(
            11, 26, "queues[0].calendar.timezone",
            "every calendar must use the time zone of the run's start, Europe/London: start, shifts and profiles "
                + "are local time in it; found Europe/Berlin"))
        #expect(loadError(minimal.inserting(own, after: 9)) == error(
            10, 15, "queues[0].calendar",
            "a calendar needs 'start', a local date and time such as 2026-11-23T08:00, to place the run in its time zone"))
    }

    @Test("inactivity per stream and inactivity_timeout per queue, with their impossible values refused")
    func inactivity() throws {
        let keys = minimal.inserting("    inactivity: {probability: 0.2, after: {dist: exponential, mean: 5m}}", after: 21)
            .inserting("    inactivity_timeout: 3m", after: 9)
        let scenario = try ScenarioLoader.load(yaml: keys.text, file: "test.yaml")
        #expect(scenario.queues[0].inactivityTimeout == .minutes(3))
        #expect(scenario.customerStreams[0].inactivityProbability == 0.2)
        #expect(scenario.customerStreams[0].inactivityAfter == .exponential(mean: 300))
        #expect(try ScenarioLoader.load(yaml: minimal.text, file: "test.yaml").queues[0].inactivityTimeout == .minutes(10))
        #expect(loadError(minimal.inserting("    inactivity_timeout: 0s", after: 9)) == error(
            10, 25, "queues[0].inactivity_timeout", "must be longer than 0s, found '0s'"))
        #expect(loadError(minimal.inserting("    inactivity: {probability: 2, after: {dist: constant, value: 1m}}", after: 21)) == error(
            22, 31, "customers[0].inactivity.probability", "a probability must be from 0 to 1, found 2"))
        #expect(loadError(minimal.inserting("    inactivity: {probability: 0.5}", after: 21)) == error(
            22, 17, "customers[0].inactivity", "missing required key 'after'"))
    }

    @Test("wrap_up_reasons take a list (equal shares) or weights, each above 0")
    func wrapUpReasonWeights() throws {
        let list = try ScenarioLoader.load(yaml: minimal.inserting("    wrap_up_reasons: [solved, callback]", after: 9).text,
                                           file: "test.yaml")
        #expect(list.queues[0].services.conversation.wrapUpReasons == ["solved", "callback"])
        #expect(list.queues[0].services.wrapUpShares == [0.5, 0.5])
        let weighted = try ScenarioLoader.load(
            yaml: minimal.inserting("    wrap_up_reasons: {solved: 6, callback: 3, escalated: 1}", after: 9).text, file: "test.yaml")
        #expect(weighted.queues[0].services.conversation.wrapUpReasons == ["solved", "callback", "escalated"])
        #expect(weighted.queues[0].services.wrapUpShares == [0.6, 0.3, 0.1])
        #expect(loadError(minimal.inserting("    wrap_up_reasons: {solved: 0, callback: 1}", after: 9)) == error(
            10, 31, "queues[0].wrap_up_reasons.solved", "must be greater than 0, found 0"))
        #expect(loadError(minimal.inserting("    wrap_up_reasons: {}", after: 9)) == error(
            10, 22, "queues[0].wrap_up_reasons", "must list at least one entry"))
    }

    @Test("template_use needs templates in one of the group's queues")
    func templateUse() throws {
        let templates = "    templates: [{category: billing, language: de, text: Rechnung}]"
        let use = "    template_use: {probability: 0.4, saves: {dist: constant, value: 30s}}"
        let scenario = try ScenarioLoader.load(yaml: minimal.inserting(use, after: 13).inserting(templates, after: 9).text,
                                               file: "test.yaml")
        #expect(scenario.agentGroups[0].templateUseProbability == 0.4)
        #expect(scenario.agentGroups[0].templateSaves == .constant(value: 30))
        #expect(loadError(minimal.inserting(use, after: 13)) == error(
            14, 19, "agents[0].template_use", "template_use needs templates in one of the group's queues (support)"))
        #expect(loadError(minimal.inserting("    template_use: {probability: -1, saves: {dist: constant, value: 30s}}", after: 13)
                              .inserting(templates, after: 9)) == error(
            15, 33, "agents[0].template_use.probability", "a probability must be from 0 to 1, found -1"))
    }

    @Test("requests give probabilities of media, payment and approval and a response time")
    func requests() throws {
        let keys = "    requests: {media: 0.1, approval: 0.05, response: {dist: exponential, mean: 2m}}"
        let scenario = try ScenarioLoader.load(yaml: minimal.inserting(keys, after: 13).text, file: "test.yaml")
        #expect(scenario.agentGroups[0].requestProbabilities == RequestProbabilities(media: 0.1, approval: 0.05))
        #expect(scenario.agentGroups[0].requestResponse == .exponential(mean: 120))
        #expect(loadError(minimal.inserting("    requests: {media: 0, response: {dist: constant, value: 1m}}", after: 13)) == error(
            14, 15, "agents[0].requests", "give the probability of at least one of media, payment or approval above 0"))
        #expect(loadError(minimal.inserting("    requests: {payment: 0.2}", after: 13)) == error(
            14, 15, "agents[0].requests", "missing required key 'response'"))
        #expect(loadError(minimal.inserting("    requests: {media: 1.2, response: {dist: constant, value: 1m}}", after: 13)) == error(
            14, 23, "agents[0].requests.media", "a probability must be from 0 to 1, found 1.2"))
    }

    @Test("bot.transcript_saves is a distribution of the work a transcript saves")
    func transcriptSaves() throws {
        let bot = "    bot: {deflection: 0.2, time: {dist: exponential, mean: 1m}, transcript_saves: {dist: constant, value: 40s}}"
        let scenario = try ScenarioLoader.load(yaml: minimal.inserting(bot, after: 21).text, file: "test.yaml")
        #expect(scenario.customerStreams[0].services.bot?.transcriptSaves == .constant(value: 40))
        #expect(loadError(minimal.inserting("    bot: {deflection: 0.2, time: {dist: exponential, mean: 1m}, transcript_saves: 40s}",
                                            after: 21)) == error(
            22, 83, "customers[0].bot.transcript_saves",
            "expected a distribution such as {dist: exponential, mean: 4m}, found '40s'"))
    }

    @Test("names and extensions give one per agent, unique across the scenario")
    func namesAndExtensions() throws {
        let small = minimal.replacing(12, with: "    count: 2")
        let scenario = try ScenarioLoader.load(
            yaml: small.inserting("    names: [ada, ben]\n    extensions: ['11', '12']\n    transfer_to_agent_probability: 0.1\n"
                                    + "    decline_probability: 0.2", after: 13).text, file: "test.yaml")
        #expect(scenario.agentGroups[0].names == ["ada", "ben"] && scenario.agentGroups[0].extensions == ["11", "12"])
        #expect(scenario.agentGroups[0].transferToAgentProbability == 0.1 && scenario.agentGroups[0].declineProbability == 0.2)
        #expect(loadError(small.inserting("    names: [ada]", after: 13)) == error(
            14, 12, "agents[0].names", "expected 2 names (one per agent of the group), found 1"))
        #expect(loadError(small.inserting("    names: [ada, ada]", after: 13)) == error(
            14, 12, "agents[0].names", "agent name 'ada' is used twice"))
        #expect(loadError(small.inserting("    decline_probability: 1.5", after: 13)) == error(
            14, 26, "agents[0].decline_probability", "a probability must be from 0 to 1, found 1.5"))
    }

    @Test("conference_leave_probability needs conferences")
    func conferenceLeave() throws {
        let scenario = try ScenarioLoader.load(
            yaml: minimal.inserting("    conference_probability: 0.1\n    conference_leave_probability: 0.5", after: 13).text,
            file: "test.yaml")
        #expect(scenario.agentGroups[0].conferenceLeaveProbability == 0.5)
        #expect(loadError(minimal.inserting("    conference_leave_probability: 0.5", after: 13)) == error(
            14, 35, "agents[0].conference_leave_probability", "conference_leave_probability needs conference_probability above 0"))
    }

    @Test("away_pick_probability is a probability")
    func awayPick() throws {
        let scenario = try ScenarioLoader.load(yaml: minimal.inserting("    away_pick_probability: 0.3", after: 13).text,
                                               file: "test.yaml")
        #expect(scenario.agentGroups[0].awayPickProbability == 0.3)
        #expect(loadError(minimal.inserting("    away_pick_probability: -0.1", after: 13)) == error(
            14, 28, "agents[0].away_pick_probability", "a probability must be from 0 to 1, found -0.1"))
    }

    @Test("alert_reaction is a distribution")
    func alertReaction() throws {
        let scenario = try ScenarioLoader.load(
            yaml: minimal.inserting("    alert_reaction: {dist: exponential, mean: 10s}", after: 13).text, file: "test.yaml")
        #expect(scenario.agentGroups[0].alertReaction == .exponential(mean: 10))
        #expect(loadError(minimal.inserting("    alert_reaction: 10s", after: 13)) == error(
            14, 21, "agents[0].alert_reaction", "expected a distribution such as {dist: exponential, mean: 4m}, found '10s'"))
    }

    @Test("return.history_saves is a distribution of the work a contact's history saves")
    func historySaves() throws {
        let keys = "    return: {probability: 0.2, after: {dist: constant, value: 1h}, history_saves: {dist: constant, value: 30s}}"
        let scenario = try ScenarioLoader.load(yaml: minimal.inserting(keys, after: 21).text, file: "test.yaml")
        #expect(scenario.customerStreams[0].services.historySaves == .constant(value: 30))
        #expect(try ScenarioLoader.load(yaml: minimal.text, file: "test.yaml").customerStreams[0].services.historySaves == nil)
        #expect(loadError(minimal.inserting("    return: {probability: 0.2, after: {dist: constant, value: 1h}, history_saves: 30s}",
                                            after: 21)) == error(
            22, 83, "customers[0].return.history_saves",
            "expected a distribution such as {dist: exponential, mean: 4m}, found '30s'"))
        #expect(loadError(minimal.inserting("    return: {probability: 0, after: {dist: constant, value: 1h}, history_saves: {dist: constant, value: 30s}}",
                                            after: 21)) == error(
            22, 81, "customers[0].return.history_saves",
            "history_saves is the work a returning customer's history saves; with a return probability of 0 nobody returns"))
    }

    @Test("out_of_hours_ticket_probability is a probability of live-chat visitors of a queue with a calendar")
    func outOfHoursTickets() throws {
        let dated = minimal.inserting("start: 2026-11-23T00:00\ncalendar: {timezone: UTC, hours: {mon-fri: \"08:00-18:00\"}}",
                                      after: 5)
        let scenario = try ScenarioLoader.load(yaml: dated.inserting("    out_of_hours_ticket_probability: 0.4", after: 23).text,
                                               file: "test.yaml")
        #expect(scenario.customerStreams[0].services.outOfHoursTicketProbability == 0.4)
        #expect(loadError(dated.inserting("    out_of_hours_ticket_probability: 1.5", after: 23)) == error(
            24, 38, "customers[0].out_of_hours_ticket_probability", "a probability must be from 0 to 1, found 1.5"))
        #expect(loadError(dated.replacing(19, with: "    channel: whatsapp")
                            .inserting("    out_of_hours_ticket_probability: 0.4", after: 23)) == error(
            24, 38, "customers[0].out_of_hours_ticket_probability",
            "tickets are created in the web form or the app by live-chat visitors; out_of_hours_ticket_probability "
                + "applies to live_chat streams, not whatsapp"))
        #expect(loadError(minimal.inserting("    out_of_hours_ticket_probability: 0.4", after: 21)) == error(
            22, 38, "customers[0].out_of_hours_ticket_probability",
            "visitors create tickets when queue support is closed, but it has no calendar and never closes"))
    }

    @Test("return.delete_probability is a probability that needs history_saves")
    func deleteProbability() throws {
        let kept = "    return: {probability: 0.2, after: {dist: constant, value: 1h}, history_saves: {dist: constant, value: 30s}"
        let scenario = try ScenarioLoader.load(yaml: minimal.inserting(kept + ", delete_probability: 0.3}", after: 21).text,
                                               file: "test.yaml")
        #expect(scenario.customerStreams[0].services.deleteProbability == 0.3)
        #expect(try ScenarioLoader.load(yaml: minimal.text, file: "test.yaml").customerStreams[0].services.deleteProbability == 0)
        #expect(loadError(minimal.inserting(kept + ", delete_probability: 1.5}", after: 21)) == error(
            22, 133, "customers[0].return.delete_probability", "a probability must be from 0 to 1, found 1.5"))
        #expect(loadError(minimal.inserting("    return: {probability: 0.2, after: {dist: constant, value: 1h}, delete_probability: 0.3}",
                                            after: 21)) == error(
            22, 88, "customers[0].return.delete_probability",
            "delete_probability deletes conversations from the contact history; it needs history_saves, which keeps that history"))
    }

    @Test("ticket_probability and ticket_time come together")
    func ticketsFromChats() throws {
        let scenario = try ScenarioLoader.load(
            yaml: minimal.inserting("    ticket_probability: 0.25\n    ticket_time: {dist: constant, value: 1m}", after: 13).text,
            file: "test.yaml")
        #expect(scenario.agentGroups[0].ticketProbability == 0.25)
        #expect(scenario.agentGroups[0].ticketTime == .constant(value: 60))
        #expect(try ScenarioLoader.load(yaml: minimal.text, file: "test.yaml").agentGroups[0].ticketProbability == 0)
        #expect(loadError(minimal.inserting("    ticket_probability: 1.5\n    ticket_time: {dist: constant, value: 1m}", after: 13))
                    == error(14, 25, "agents[0].ticket_probability", "a probability must be from 0 to 1, found 1.5"))
        #expect(loadError(minimal.inserting("    ticket_probability: 0.25", after: 13)) == error(
            14, 25, "agents[0].ticket_probability", "ticket_probability needs ticket_time, the time the owner spends on it"))
        #expect(loadError(minimal.inserting("    ticket_time: {dist: constant, value: 1m}", after: 13)) == error(
            14, 18, "agents[0].ticket_time", "ticket_time needs ticket_probability above 0"))
        #expect(loadError(minimal.inserting("    ticket_probability: 0.25\n    ticket_time: 1m", after: 13)) == error(
            15, 18, "agents[0].ticket_time", "expected a distribution such as {dist: exponential, mean: 4m}, found '1m'"))
    }

    @Test("call_from_chat needs a live-chat stream, call_probability a queue with call_from_chat")
    func callsFromChats() throws {
        let calls = "    call_probability: 0.3\n    call_time: {dist: constant, value: 2m}"
        let enabled = minimal.inserting("    call_from_chat: true", after: 9)
        let scenario = try ScenarioLoader.load(yaml: enabled.inserting(calls, after: 14).text, file: "test.yaml")
        #expect(scenario.queues[0].services.conversation.callFromChat)
        #expect(scenario.agentGroups[0].callProbability == 0.3 && scenario.agentGroups[0].callTime == .constant(value: 120))
        #expect(try !ScenarioLoader.load(yaml: minimal.text, file: "test.yaml").queues[0].services.conversation.callFromChat)
        #expect(loadError(minimal.inserting(calls, after: 13)) == error(
            14, 23, "agents[0].call_probability", "call_probability needs call_from_chat: true on one of the group's queues (support)"))
        #expect(loadError(enabled.replacing(18, with: "    channel: whatsapp")) == error(
            10, 21, "queues[0].call_from_chat",
            "calls start from internal and live chats only; no live_chat stream comes to queue support "
                + "and no group of it has internal_chats"))
        #expect(loadError(enabled.inserting("    call_probability: -0.1\n    call_time: {dist: constant, value: 2m}", after: 14))
                    == error(15, 23, "agents[0].call_probability", "a probability must be from 0 to 1, found -0.1"))
        #expect(loadError(enabled.inserting("    call_time: {dist: constant, value: 2m}", after: 14)) == error(
            15, 16, "agents[0].call_time", "call_time needs call_probability above 0"))
    }

    @Test("internal_chats takes a probability and a time, and needs a colleague")
    func internalChats() throws {
        let chats = "    internal_chats: {probability: 0.2, time: {dist: constant, value: 3m}}"
        let scenario = try ScenarioLoader.load(yaml: minimal.inserting(chats, after: 13).text, file: "test.yaml")
        #expect(scenario.agentGroups[0].internalChatProbability == 0.2)
        #expect(scenario.agentGroups[0].internalChatTime == .constant(value: 180))
        #expect(try ScenarioLoader.load(yaml: minimal.text, file: "test.yaml").agentGroups[0].internalChatProbability == 0)
        #expect(loadError(minimal.inserting("    internal_chats: {probability: 1.2, time: {dist: constant, value: 3m}}", after: 13))
                    == error(14, 35, "agents[0].internal_chats.probability", "a probability must be from 0 to 1, found 1.2"))
        #expect(loadError(minimal.inserting("    internal_chats: {probability: 0.2}", after: 13)) == error(
            14, 21, "agents[0].internal_chats", "missing required key 'time'"))
        #expect(loadError(minimal.inserting("    internal_chats: {probability: 0.2, time: {dist: constant, value: 3m}, rate: 2}", after: 13))
                    == error(14, 75, "agents[0].internal_chats.rate", "unknown key 'rate'"))
        #expect(loadError(minimal.replacing(12, with: "    count: 1").inserting(chats, after: 13)) == error(
            14, 21, "agents[0].internal_chats", "internal_chats needs a colleague: no other agent serves the group's queues (support)"))
    }

    @Test("template_use.search_probability is a probability, 0 by default")
    func templateSearch() throws {
        let use = "    template_use: {probability: 0.5, saves: {dist: constant, value: 10s}, search_probability: "
        let templates = "    templates: [{category: billing, language: en, text: \"Your invoice.\"}]"
        let withTemplates = minimal.inserting(templates, after: 9)
        let scenario = try ScenarioLoader.load(yaml: withTemplates.inserting(use + "0.25}", after: 14).text, file: "test.yaml")
        #expect(scenario.agentGroups[0].templateSearchProbability == 0.25)
        let plain = try ScenarioLoader.load(
            yaml: withTemplates.inserting("    template_use: {probability: 0.5, saves: {dist: constant, value: 10s}}", after: 14).text,
            file: "test.yaml")
        #expect(plain.agentGroups[0].templateSearchProbability == 0)
        #expect(loadError(withTemplates.inserting(use + "2}", after: 14)) == error(
            15, 95, "agents[0].template_use.search_probability", "a probability must be from 0 to 1, found 2"))
    }
}
