// SPDX-License-Identifier: GPL-3.0-or-later

import ConversationServices
import ParleyTime

/// Business hours, a queue's conversation services and what customer streams bring to them
/// (SPEC §2.5–§2.7, §3.2).
///
/// The services are built here with the library that runs them, so every error that library
/// can find — an unknown placeholder, an unknown time zone, a day given twice — is reported
/// at the node it comes from, never later when the run starts.
extension ScenarioReader {
    // MARK: Calendar

    /// `calendar`: `{timezone, hours: {mon-fri: "08:00-20:00", sat: "09:00-14:00"}, holidays: [2026-12-25]}`.
    ///
    /// A calendar places the run in its time zone, so `start` must name a date; the horizon
    /// it is compiled for (warm-up + duration + drain limit) must fit ``BusinessCalendar/maximumHorizon``.
    static func calendar(_ field: Field, context: CalendarContext) throws(ScenarioError) -> BusinessCalendar {
        let (start, startValue, horizon) = (context.start, context.startValue, context.horizon)
        let map = try field.mapping(ScenarioKeys.calendar)
        let zoneField = try map.required("timezone")
        let zone = try zoneField.string()
        do { _ = try BusinessCalendar(timeZone: zone, weeklyHours: [:]) } catch { throw zoneField.error("\(error)") }
        let hoursField = try map.required("hours")
        guard case .mapping(let entries) = hoursField.node.content, !entries.isEmpty else {
            throw hoursField.error("expected a mapping of days to hours such as {mon-fri: \"08:00-20:00\"}, "
                                       + "found \(hoursField.node.summary)")
        }
        var hours: [(days: String, ranges: String)] = []
        for entry in entries {
            let days = try Field(node: entry.key, path: hoursField.path).string()
            let keyField = Field(node: entry.key, path: hoursField.path.key(days))
            let valueField = Field(node: entry.value, path: hoursField.path.key(days))
            hours.append((days, try valueField.string()))
            // Checking each entry with those before it finds a day given twice at its second key.
            do { _ = try BusinessCalendar(timeZone: zone, hours: hours) } catch {
                switch error {
                case .invalidDays, .dayGivenTwice: throw keyField.error("\(error)")
                default: throw valueField.error("\(error)")
                }
            }
        }
        var holidays: [String] = []
        if let holidaysField = map.optional("holidays") {
            for element in try holidaysField.list() {
                let text = try element.string()
                do { _ = try LocalDate(iso: text) } catch { throw element.error("\(error)") }
                holidays.append(text)
            }
        }
        guard let start else {
            throw field.error("a calendar needs 'start', a local date and time such as 2026-11-23T08:00, "
                                  + "to place the run in its time zone")
        }
        guard startValue.localDateTime != nil else {
            throw start.error("with a calendar, start must be a local date and time written YYYY-MM-DDTHH:MM, "
                                  + "found '\(startValue.text)'")
        }
        guard horizon <= BusinessCalendar.maximumHorizon else {
            throw field.error("a calendar covers at most ten years; warmup + duration + drain_limit is longer")
        }
        do { return try BusinessCalendar(timeZone: zone, hours: hours, holidays: holidays) } catch {
            throw field.error("\(error)")
        }
    }

    /// Checks that `holiday_factor` and `out_of_hours_ticket_probability` are only given when the stream's queue has a calendar.
    func checkHolidayFactors(_ streams: [Located<CustomerStreamSpec>], queues: [QueueSpec],
                             calendar: BusinessCalendar?) throws(ScenarioError) {
        for stream in streams {
            let queueCalendar = queues.first { $0.id == stream.value.queue }?.calendar ?? calendar
            if queueCalendar == nil, let field = stream.field.peek("holiday_factor") {
                throw field.error("holiday_factor scales arrivals on the calendar's holidays; the scenario has no calendar")
            }
            if queueCalendar == nil, let field = stream.field.peek("out_of_hours_ticket_probability") {
                throw field.error("visitors create tickets when queue \(stream.value.queue) is closed, but it has no "
                                      + "calendar and never closes")
            }
        }
    }

    /// Checks that every calendar uses one time zone: `start`, shifts and profiles are local time in it.
    static func checkQueueCalendarZones(_ queues: [Located<QueueSpec>], topLevel: BusinessCalendar?,
                                        at topField: Field?) throws(ScenarioError) {
        var zone = topLevel?.timeZone
        for queue in queues {
            guard let calendar = queue.value.calendar, let field = queue.field.peek("calendar") else { continue }
            guard let expected = zone else {
                zone = calendar.timeZone
                continue
            }
            guard calendar.timeZone == expected else {
                throw (field.peek("timezone") ?? field).error(
                    "every calendar must use the time zone of the run's start, \(expected): start, shifts and "
                        + "profiles are local time in it; found \(calendar.timeZone)")
            }
        }
    }
}

/// What every calendar of a scenario is read against: the run's `start` and its horizon.
struct CalendarContext {
    let start: Field?
    let startValue: LocalStart
    let horizon: SimDuration
}

extension ScenarioReader {

    // MARK: Queues

    /// A queue's `auto_replies`, `templates`, `pci`, `max_attachment_mb`, `wrap_up_reasons` and `post_chat_form`.
    static func queueServices(_ map: MappingReader, queue id: String,
                              company: String? = nil) throws(ScenarioError) -> QueueServices {
        var services = QueueServices()
        if let field = map.optional("auto_replies") { services.autoReplies = try autoReplies(field, team: id, company: company) }
        if let field = map.optional("templates") {
            services.templates = try templates(field, defaultLanguage: map.optional("language"))
        }
        if let field = map.optional("pci") {
            let text = try field.string()
            guard let policy = PCIPolicy(rawValue: text) else {
                throw field.error("unknown PCI policy '\(text)'; expected redact or drop")
            }
            services.pci = policy
        }
        if let field = map.optional("max_attachment_mb") {
            let megabytes = try field.number(positive: true, atMost: ScenarioLimits.attachmentMegabytes,
                                             limit: "a terabyte")
            do { services.attachments = try AttachmentPolicy(maxAttachmentMB: megabytes) } catch {
                throw field.error("\(error)")
            }
        }
        let postChatForm = try map.optional("post_chat_form")?.bool() ?? false
        let callFromChat = try map.optional("call_from_chat")?.bool() ?? false
        let (reasons, weights) = try map.optional("wrap_up_reasons").map { field throws(ScenarioError) in
            try wrapUpReasons(field)
        } ?? ([], [])
        let totalWeight = weights.reduce(0, +)
        services.wrapUpShares = weights.map { $0 / totalWeight }
        do {
            services.conversation = try ConversationPolicy(wrapUpReasons: reasons, postChatForm: postChatForm,
                                                           callFromChat: callFromChat)
        } catch {
            throw map.field.error("\(error)")
        }
        return services
    }

    /// `auto_replies`: a mapping of triggers (`first_message`, `out_of_hours`, …) to `{text, enabled, create_ticket}`.
    ///
    /// Each message is checked on its own, in file order, so the first error reported is the
    /// first in the file and points at the offending text or `create_ticket`.
    static func autoReplies(_ field: Field, team: String, company: String? = nil) throws(ScenarioError) -> AutoReplySet {
        let triggers = AutoReplyTrigger.allCases.map(\.rawValue)
        _ = try field.mapping(KeySet(accepted: triggers))
        guard case .mapping(let entries) = field.node.content else { return .none(team: team) }
        var replies: [AutoReplyTrigger: AutoReplyConfiguration] = [:]
        for entry in entries {
            let name = entry.key.scalar?.text ?? ""
            guard let trigger = AutoReplyTrigger(rawValue: name) else { continue }
            let replyField = Field(node: entry.value, path: field.path.key(name))
            let map = try replyField.mapping(ScenarioKeys.autoReply)
            let textField = try map.required("text")
            let ticketField = map.optional("create_ticket")
            let reply = AutoReplyConfiguration(text: try textField.text(),
                                               enabled: try map.optional("enabled")?.bool() ?? true,
                                               createTicket: try ticketField?.bool() ?? false)
            do { _ = try AutoReplySet(team: team, company: company, replies: [trigger: reply]) } catch {
                throw autoReplyError(error, text: textField, ticket: ticketField ?? replyField)
            }
            replies[trigger] = reply
        }
        do { return try AutoReplySet(team: team, company: company, replies: replies) } catch { throw field.error("\(error)") }
    }

    /// An automatic message's configuration error at the node it concerns.
    private static func autoReplyError(_ error: AutoReplyError, text: Field, ticket: Field) -> ScenarioError {
        switch error {
        case .invalidText(_, let problem): text.error("\(problem)")
        case .placeholderNotAvailable(_, let placeholder):
            text.error("\(placeholder) is not available: no agent is involved when this message is sent")
        case .missingCompanyName: text.error("{company} is used but no company name is configured; give the scenario a 'company' or use {team}")
        case .emptyText: text.error("an enabled message needs a text")
        case .ticketNotSupported: ticket.error("create_ticket is only an option of missed_contact")
        case .missingAgentName: text.error("\(error)")
        }
    }

    /// `templates`: a list of `{category, language, text}`.
    static func templates(_ field: Field, defaultLanguage languageField: Field?) throws(ScenarioError) -> QuickReplyLibrary {
        var definitions: [QuickReplyDefinition] = []
        var maps: [MappingReader] = []
        for element in try field.list(nonEmpty: true) {
            let map = try element.mapping(ScenarioKeys.template)
            definitions.append(QuickReplyDefinition(category: try map.required("category").string(),
                                                    language: try map.required("language").string(),
                                                    text: try map.required("text").text()))
            maps.append(map)
        }
        let defaultLanguage = try languageField?.string()
        do { return try QuickReplyLibrary(definitions, defaultLanguage: defaultLanguage) } catch {
            func at(_ index: Int, _ key: String) -> Field { maps[index].optional(key) ?? maps[index].field }
            switch error {
            case .invalidText(let index, let problem): throw at(index, "text").error("\(problem)")
            case .emptyCategory(let index): throw at(index, "category").error("a template needs a category")
            case .invalidLanguage(let index, let tag): throw at(index, "language").error("'\(tag)' is not a language tag (de, de-AT)")
            case .emptyText(let index): throw at(index, "text").error("a template needs a text")
            case .invalidDefaultLanguage(let tag):
                throw (languageField ?? field).error("'\(tag)' is not a language tag (de, de-AT), which templates need")
            }
        }
    }

    /// `wrap_up_reasons`: a non-empty list of distinct names (equal weights), or a mapping of
    /// names to positive weights (`{solved: 6, callback: 3, escalated: 1}`).
    static func wrapUpReasons(_ field: Field) throws(ScenarioError) -> ([String], [Double]) {
        var reasons: [String] = []
        var weights: [Double] = []
        if case .mapping(let entries) = field.node.content {
            guard !entries.isEmpty else { throw field.error("must list at least one entry") }
            for entry in entries {
                let keyField = Field(node: entry.key, path: field.path)
                let reason = try keyField.string()
                let valueField = Field(node: entry.value, path: field.path.key(reason))
                guard !reason.allSatisfy(\.isWhitespace) else { throw keyField.error("a wrap-up reason needs a name") }
                guard !reasons.contains(reason) else { throw valueField.error("wrap-up reason '\(reason)' is listed twice") }
                let weight = try valueField.number(positive: true, atMost: ScenarioLimits.weight,
                                                   limit: "the weights of a queue's reasons are added")
                reasons.append(reason)
                weights.append(weight)
            }
            return (reasons, weights)
        }
        for element in try field.list(nonEmpty: true) {
            let reason = try element.string()
            guard !reason.allSatisfy(\.isWhitespace) else { throw element.error("a wrap-up reason needs a name") }
            guard !reasons.contains(reason) else { throw element.error("wrap-up reason '\(reason)' is listed twice") }
            reasons.append(reason)
            weights.append(1)
        }
        return (reasons, weights)
    }

    // MARK: Customer streams

    /// A stream's `bot`, `card_number_probability`, `attachments`, `abusive_probability` and `holiday_factor`.
    func customerServices(_ map: MappingReader, channel: ChannelName,
                          arrivals: ArrivalSpec) throws(ScenarioError) -> CustomerServices {
        var services = CustomerServices()
        if let field = map.optional("bot") {
            let bot = try field.mapping(ScenarioKeys.bot)
            services.bot = BotSpec(deflection: try bot.required("deflection").probability(),
                                   time: try distribution(bot.required("time")),
                                   patience: try bot.optional("patience").map { field throws(ScenarioError) in
                                       try distribution(field)
                                   })
            services.bot?.transcriptSaves = try bot.optional("transcript_saves").map { field throws(ScenarioError) in
                try distribution(field)
            }
        }
        services.cardNumberProbability = try map.optional("card_number_probability")?.probability() ?? 0
        if let field = map.optional("attachments") { services.attachments = try attachmentMix(field) }
        if let field = map.optional("abusive_probability") {
            services.abusiveProbability = try field.probability()
            guard channel == .liveChat else {
                throw field.error("only anonymous live-chat visitors can be blocked; abusive_probability applies "
                                      + "to live_chat streams, not \(channel.rawValue)")
            }
        }
        try readBlocks(map, channel: channel, into: &services)
        try readUnknownContacts(map, channel: channel, into: &services)
        if let field = map.optional("out_of_hours_ticket_probability") {
            services.outOfHoursTicketProbability = try field.probability()
            guard channel == .liveChat else {
                throw field.error("tickets are created in the web form or the app by live-chat visitors; "
                                      + "out_of_hours_ticket_probability applies to live_chat streams, not \(channel.rawValue)")
            }
        }
        if let field = map.optional("holiday_factor") {
            let factor = try field.number(atMost: ScenarioLimits.holidayFactor,
                                          limit: "it multiplies the arrival rates on holidays")
            guard factor >= 0 else { throw field.error("a factor must not be negative, found \(formatted(factor))") }
            if case .trace = arrivals {
                throw field.error("a trace is replayed as recorded, holidays included; holiday_factor applies "
                                      + "to rate_per_hour and profile arrivals")
            }
            services.holidayFactor = factor
        }
        return services
    }

    /// `block_expiry` and `shared_ip_probability`: how blocks of abusive visitors last, and the share
    /// of visitors behind a shared proxy address (both need `abusive_probability`: nobody else blocks).
    func readBlocks(_ map: MappingReader, channel: ChannelName, into services: inout CustomerServices) throws(ScenarioError) {
        for key in ["block_expiry", "shared_ip_probability"] {
            guard let field = map.optional(key) else { continue }
            guard map.optional("abusive_probability") != nil else {
                throw field.error("\(key) describes the blocks agents put on abusive visitors; give the stream "
                                      + "an abusive_probability")
            }
            if key == "block_expiry" { services.blockExpiry = try field.duration(positive: true) }
            else { services.sharedIPProbability = try field.probability() }
        }
    }

    /// `unknown_contact_probability` and `unknown_contact_actions: {add: p, reply: p, ignore: p}`
    /// (shares summing to 1; an omitted share is 0): WhatsApp senders missing from the address book.
    func readUnknownContacts(_ map: MappingReader, channel: ChannelName,
                             into services: inout CustomerServices) throws(ScenarioError) {
        let actionsField = map.optional("unknown_contact_actions")
        guard let field = map.optional("unknown_contact_probability") else {
            if let actionsField {
                throw actionsField.error("unknown_contact_actions says what agents do with unknown senders; "
                                             + "give the stream an unknown_contact_probability")
            }
            return
        }
        services.unknownContactProbability = try field.probability()
        guard channel == .whatsapp else {
            throw field.error("only WhatsApp senders are flagged as unknown contacts; unknown_contact_probability "
                                  + "applies to whatsapp streams, not \(channel.rawValue)")
        }
        guard let actionsField else {
            throw field.error("say what agents do with an unknown sender: unknown_contact_actions: {add: p, reply: p, ignore: p}")
        }
        let actions = try actionsField.mapping(ScenarioKeys.unknownContactActions)
        var shares: [Double] = []
        for key in ["add", "reply", "ignore"] { shares.append(try actions.optional(key)?.probability() ?? 0) }
        let total = shares.reduce(0, +)
        guard abs(total - 1) < 1e-6 else {
            throw actionsField.error("the shares 'add', 'reply' and 'ignore' must sum to 1, found \(formatted(total))")
        }
        services.unknownContactActions = shares
    }

    /// `attachments`: `{probability, types: {pdf: 0.5, png: 0.4, exe: 0.1}, size_mb: <dist>}`.
    ///
    /// Types are file extensions, allowed or not (a refused type is the point of listing it);
    /// their shares sum to 1.
    func attachmentMix(_ field: Field) throws(ScenarioError) -> AttachmentMix {
        let map = try field.mapping(ScenarioKeys.attachments)
        let probability = try map.required("probability").probability()
        let typesField = try map.required("types")
        guard case .mapping(let entries) = typesField.node.content, !entries.isEmpty else {
            throw typesField.error("expected a mapping of file types to shares, such as {pdf: 0.5, png: 0.4, exe: 0.1}, "
                                       + "found \(typesField.node.summary)")
        }
        var extensions: [String] = []
        var shares: [Double] = []
        for entry in entries {
            let name = try Field(node: entry.key, path: typesField.path).string()
            guard name.count <= 10, name.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber) }) else {
                throw Field(node: entry.key, path: typesField.path.key(name))
                    .error("expected a file extension such as pdf, found '\(name)'")
            }
            extensions.append(name)
            shares.append(try Field(node: entry.value, path: typesField.path.key(name)).probability())
        }
        let total = shares.reduce(0, +)
        guard abs(total - 1) < 1e-6 else { throw typesField.error("type shares must sum to 1, found \(formatted(total))") }
        let size = try map.optional("size_mb").map { field throws(ScenarioError) in try distribution(field) }
        return AttachmentMix(probability: probability, extensions: extensions, shares: shares, sizeMB: size)
    }
}

extension LocalStart {
    /// The start as a wall-clock reading for a calendar; nil for the default, which has no date.
    public var localDateTime: LocalDateTime? {
        if let reading = try? LocalDateTime(iso: text) { return reading }
        return try? LocalDateTime(iso: text + "T00:00")
    }
}
