// SPDX-License-Identifier: GPL-3.0-or-later

import ConversationServices
import Testing
@testable import Scenarios

/// The keys of the conversation services (SPEC §2.5–§2.7, §3.2): read into their values, and
/// each error at its exact line, column and key path (lines of ``Fixture/minimal``).
@Suite("Conversation service keys")
struct ServiceKeyTests {
    private let minimal = Fixture.minimal

    /// The minimal scenario with a calendar, every queue service and every stream service.
    private var full: YAMLText {
        minimal
            .inserting("""
                  bot: {deflection: 0.3, time: {dist: constant, value: 1m}, patience: {dist: exponential, mean: 2m}}
                  card_number_probability: 0.05
                  attachments: {probability: 0.1, types: {pdf: 0.5, png: 0.4, exe: 0.1}, size_mb: {dist: uniform, min: 0.1, max: 12}}
                  abusive_probability: 0.01
                  holiday_factor: 0.5
              """, after: 21)
            .inserting("""
                  language: de
                  offline_form: true
                  post_chat_form: true
                  pci: drop
                  max_attachment_mb: 5
                  wrap_up_reasons: [solved, callback]
                  auto_replies:
                    first_message: {text: "Hallo {customer}, {team} ist gleich da.", enabled: true}
                    missed_contact: {text: "Wir melden uns.", create_ticket: true}
                    rating_request: {text: "Wie war {agent}?", enabled: false}
                  templates:
                    - {category: billing, language: de, text: "Ihre Rechnung, {customer}."}
              """, after: 9)
            .inserting("""
              start: 2026-11-23T00:00
              calendar:
                timezone: Europe/Berlin
                hours: {mon-fri: "08:00-20:00", sat: "09:00-14:00"}
                holidays: [2026-12-25]
              """, after: 6)
    }

    @Test("every service key is read into the scenario")
    func readsEveryKey() throws {
        let scenario = try ScenarioLoader.load(yaml: full.text, file: "test.yaml")
        let calendar = try #require(scenario.calendar)
        #expect(calendar.timeZone == "Europe/Berlin")
        #expect(calendar.holidays == [try LocalDate(iso: "2026-12-25")])
        #expect(calendar.weeklyHours[Weekday.saturday.rawValue] == [try OpeningRange(parsing: "09:00-14:00")])
        #expect(calendar.weeklyHours[Weekday.sunday.rawValue].isEmpty)

        let queue = scenario.queues[0].services
        let replies = try #require(queue.autoReplies)
        #expect(replies.isEnabled(.firstMessage) && replies.isEnabled(.missedContact))
        #expect(!replies.isEnabled(.ratingRequest) && !replies.isEnabled(.outOfHours))
        #expect(replies.createsTicketForMissedContact)
        #expect(try replies.message(.firstMessage, customer: "Ada")?.text == "Hallo Ada, support ist gleich da.")
        #expect(queue.templates?.templates.map(\.category) == ["billing"])
        #expect(queue.pci == .drop)
        #expect(queue.attachments.limitBytes == 5 * 1_048_576)
        #expect(queue.conversation.wrapUpReasons == ["solved", "callback"])
        #expect(queue.conversation.postChatForm)

        let stream = scenario.customerStreams[0].services
        #expect(stream.bot == BotSpec(deflection: 0.3, time: .constant(value: 60), patience: .exponential(mean: 120)))
        #expect(stream.cardNumberProbability == 0.05)
        #expect(stream.attachments == AttachmentMix(probability: 0.1, extensions: ["pdf", "png", "exe"],
                                                    shares: [0.5, 0.4, 0.1], sizeMB: .uniform(min: 0.1, max: 12)))
        #expect(stream.abusiveProbability == 0.01)
        #expect(stream.holidayFactor == 0.5)
    }

    @Test("a scenario without the keys has no calendar and the default services")
    func defaults() throws {
        let scenario = try ScenarioLoader.load(yaml: minimal.text, file: "test.yaml")
        #expect(scenario.calendar == nil)
        #expect(scenario.queues[0].services == QueueServices())
        #expect(scenario.queues[0].services.pci == .redact)
        #expect(scenario.queues[0].services.attachments.limitBytes == 10 * 1_048_576)
        #expect(scenario.customerStreams[0].services == CustomerServices())
    }

    @Test("an automatic message's error is reported at its text or its create_ticket")
    func autoReplyErrors() {
        let unknown = minimal.inserting("    auto_replies:\n      first_message: {text: \"Hallo {nme}\"}", after: 9)
        #expect(loadError(unknown) == error(
            11, 29, "queues[0].auto_replies.first_message.text",
            "unknown placeholder {nme} at character 6 (known: {company}, {team}, {customer}, {agent})"))
        let agentTooEarly = minimal.inserting("    auto_replies:\n      out_of_hours:\n        text: \"{agent} ist weg\"", after: 9)
        #expect(loadError(agentTooEarly) == error(
            12, 15, "queues[0].auto_replies.out_of_hours.text",
            "{agent} is not available: no agent is involved when this message is sent"))
        let ticket = minimal.inserting("    auto_replies:\n      first_message: {text: Hallo, create_ticket: true}", after: 9)
        #expect(loadError(ticket) == error(
            11, 51, "queues[0].auto_replies.first_message.create_ticket", "create_ticket is only an option of missed_contact"))
        let trigger = minimal.inserting("    auto_replies:\n      first_mesage: {text: Hallo}", after: 9)
        #expect(loadError(trigger) == error(
            11, 7, "queues[0].auto_replies.first_mesage", "unknown key 'first_mesage' (did you mean 'first_message'?)"))
    }

    @Test("a calendar's errors are reported at the zone, the day, the hours or the holiday")
    func calendarErrors() {
        func calendar(_ lines: String) -> YAMLText {
            minimal.inserting("start: 2026-11-23T00:00\ncalendar:\n" + lines, after: 6)
        }
        #expect(loadError(calendar("  timezone: Mars/Olympus\n  hours: {mon: \"08:00-20:00\"}")) == error(
            9, 13, "calendar.timezone", "unknown time zone 'Mars/Olympus' (use an IANA name such as Europe/Berlin)"))
        #expect(loadError(calendar("  timezone: UTC\n  hours: {mon-fri: \"08:00-20:00\", fri: \"09:00-12:00\"}")) == error(
            10, 35, "calendar.hours.fri", "fri is given twice"))
        #expect(loadError(calendar("  timezone: UTC\n  hours: {mon: \"8-20\"}")) == error(
            10, 16, "calendar.hours.mon", "'8-20' is not a list of HH:MM-HH:MM ranges"))
        #expect(loadError(calendar("  timezone: UTC\n  hours: {mon: \"08:00-20:00\"}\n  holidays: [2026-02-30]")) == error(
            11, 14, "calendar.holidays[0]", "'2026-02-30' is not a date (YYYY-MM-DD)"))
        let withoutStart = minimal.inserting("calendar:\n  timezone: UTC\n  hours: {mon: \"08:00-20:00\"}", after: 6)
        #expect(loadError(withoutStart) == error(
            8, 3, "calendar",
            "a calendar needs 'start', a local date and time such as 2026-11-23T08:00, to place the run in its time zone"))
    }

    @Test("queue service values are checked where they are written")
    func queueErrors() {
        #expect(loadError(minimal.inserting("    pci: mask", after: 9)) == error(
            10, 10, "queues[0].pci", "unknown PCI policy 'mask'; expected redact or drop"))
        #expect(loadError(minimal.inserting("    max_attachment_mb: 0", after: 9)) == error(
            10, 24, "queues[0].max_attachment_mb", "must be greater than 0, found 0"))
        #expect(loadError(minimal.inserting("    wrap_up_reasons: [solved, solved]", after: 9)) == error(
            10, 31, "queues[0].wrap_up_reasons[1]", "wrap-up reason 'solved' is listed twice"))
        #expect(loadError(minimal.inserting("    templates:\n      - {category: a, language: de, text: \"Hi {kunde}\"}", after: 9)) == error(
            11, 43, "queues[0].templates[0].text",
            "unknown placeholder {kunde} at character 3 (known: {company}, {team}, {customer}, {agent})"))
        #expect(loadError(minimal.inserting("    templates:\n      - {category: a, language: german, text: Hi}", after: 9)) == error(
            11, 33, "queues[0].templates[0].language", "'german' is not a language tag (de, de-AT)"))
    }

    @Test("stream service values are checked where they are written")
    func streamErrors() {
        #expect(loadError(minimal.inserting("    bot: {deflection: 1.5, time: {dist: constant, value: 1m}}", after: 21)) == error(
            22, 23, "customers[0].bot.deflection", "a probability must be from 0 to 1, found 1.5"))
        #expect(loadError(minimal.inserting("    bot: {deflection: 0.5}", after: 21)) == error(
            22, 10, "customers[0].bot", "missing required key 'time'"))
        #expect(loadError(minimal.inserting("    attachments: {probability: 0.1, types: {pdf: 0.5, png: 0.4}}", after: 21)) == error(
            22, 44, "customers[0].attachments.types", "type shares must sum to 1, found 0.9"))
        #expect(loadError(minimal.inserting("    attachments: {probability: 0.1, types: {\"p.df\": 1}}", after: 21)) == error(
            22, 45, "customers[0].attachments.types.p.df", "expected a file extension such as pdf, found 'p.df'"))
        #expect(loadError(minimal.replacing(17, with: "    channel: whatsapp").inserting("    abusive_probability: 0.1", after: 21)) == error(
            22, 26, "customers[0].abusive_probability",
            "only anonymous live-chat visitors can be blocked; abusive_probability applies to live_chat streams, not whatsapp"))
        #expect(loadError(minimal.inserting("    holiday_factor: 0.5", after: 21)) == error(
            22, 21, "customers[0].holiday_factor",
            "holiday_factor scales arrivals on the calendar's holidays; the scenario has no calendar"))
        #expect(loadError(minimal.inserting("    card_number_probability: -0.1", after: 21)) == error(
            22, 30, "customers[0].card_number_probability", "a probability must be from 0 to 1, found -0.1"))
    }

    @Test("blocks by address and unknown WhatsApp senders are read, and their errors located")
    func blockAndUnknownContactKeys() throws {
        let blocks = minimal.inserting("    abusive_probability: 0.1\n    block_expiry: 2h\n    shared_ip_probability: 0.25", after: 21)
        let services = try ScenarioLoader.load(yaml: blocks.text, file: "test.yaml").customerStreams[0].services
        #expect(services.blockExpiry == .hours(2))
        #expect(services.sharedIPProbability == 0.25)
        let plain = try ScenarioLoader.load(yaml: minimal.text, file: "test.yaml").customerStreams[0].services
        #expect(plain.blockExpiry == nil && plain.sharedIPProbability == nil && plain.unknownContactProbability == 0)

        let whatsapp = minimal.replacing(17, with: "    channel: whatsapp")
        let unknown = whatsapp.inserting("    unknown_contact_probability: 0.3\n    unknown_contact_actions: {add: 0.5, ignore: 0.5}", after: 21)
        let flagged = try ScenarioLoader.load(yaml: unknown.text, file: "test.yaml").customerStreams[0].services
        #expect(flagged.unknownContactProbability == 0.3)
        #expect(flagged.unknownContactActions == [0.5, 0, 0.5])

        #expect(loadError(minimal.inserting("    block_expiry: 1h", after: 21)) == error(
            22, 19, "customers[0].block_expiry",
            "block_expiry describes the blocks agents put on abusive visitors; give the stream an abusive_probability"))
        #expect(loadError(minimal.inserting("    abusive_probability: 0.1\n    block_expiry: 0s", after: 21)) == error(
            23, 19, "customers[0].block_expiry", "must be longer than 0s, found '0s'"))
        #expect(loadError(minimal.inserting("    abusive_probability: 0.1\n    shared_ip_probability: 1.5", after: 21)) == error(
            23, 28, "customers[0].shared_ip_probability", "a probability must be from 0 to 1, found 1.5"))
        #expect(loadError(minimal.inserting("    unknown_contact_probability: 0.1\n    unknown_contact_actions: {reply: 1}", after: 21)) == error(
            22, 34, "customers[0].unknown_contact_probability",
            "only WhatsApp senders are flagged as unknown contacts; unknown_contact_probability applies to whatsapp streams, "
                + "not live_chat"))
        #expect(loadError(whatsapp.inserting("    unknown_contact_probability: 0.1", after: 21)) == error(
            22, 34, "customers[0].unknown_contact_probability",
            "say what agents do with an unknown sender: unknown_contact_actions: {add: p, reply: p, ignore: p}"))
        #expect(loadError(whatsapp.inserting("    unknown_contact_probability: 0.1\n    unknown_contact_actions: {add: 0.5, reply: 0.2}", after: 21)) == error(
            23, 30, "customers[0].unknown_contact_actions", "the shares 'add', 'reply' and 'ignore' must sum to 1, found 0.7"))
        #expect(loadError(whatsapp.inserting("    unknown_contact_actions: {reply: 1}", after: 21)) == error(
            22, 30, "customers[0].unknown_contact_actions",
            "unknown_contact_actions says what agents do with unknown senders; give the stream an unknown_contact_probability"))
        #expect(loadError(whatsapp.inserting("    unknown_contact_probability: 0.1\n    unknown_contact_actions: {block: 1}", after: 21))?
            .description.contains("unknown_contact_actions.block") == true)
    }
}
