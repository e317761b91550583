// SPDX-License-Identifier: GPL-3.0-or-later

import ConversationServices
import ParleyTime
import RoutingCore
import Scenarios
import Statistics

/// A scenario's conversation services made ready for the replications (SPEC §2.5–§2.7, §3).
///
/// Built once per run with the ``CompiledScenario`` and shared read-only: the calendar is
/// compiled onto simulated time here (warm-up, window and drain limit), so no replication
/// touches a time-zone database, and every queue's and stream's settings sit in arrays by index.
struct CompiledServices: Sendable {
    /// The business hours of each queue (its own calendar, else the scenario's), on simulated
    /// time; nil: always open. Queues on the scenario's calendar share one compiled schedule.
    let schedules: [OpeningSchedule?]
    /// The calendar each schedule was compiled from, for its holidays.
    let calendars: [BusinessCalendar?]
    /// Whether any queue's calendar has holidays, so arrivals must be checked against them.
    let hasHolidays: Bool
    /// One per queue, in file order.
    let queues: [CompiledQueueServices]
    /// One per customer stream, in file order.
    let streams: [CompiledCustomerServices]
    /// Whether any stream has abusive visitors, so contacts may be blocked.
    let blocksVisitors: Bool
    /// Whether any stream flags unknown WhatsApp senders, whose address-book entries must be forgotten with their contacts.
    let flagsUnknownContacts: Bool
    /// Whether any queue sends the out-of-hours message, whose daily ledger must forget released contacts.
    let remembersOutOfHours: Bool
    /// Whether no queue ever closes (no calendar anywhere).
    let alwaysOpen: Bool
    /// Per stream: whether a new chat draws anything for the services (chatbot, card number, attachment, abuse).
    /// Flat copies of fields read on every chat, so the event loop never copies a whole record.
    let drawsAtArrival: [Bool]
    /// Per queue: its ``CompiledQueueServices/enabledTriggers``.
    let enabledTriggers: [UInt64]
    /// Per queue: its ``CompiledQueueServices/postChatForm``.
    let postChatForms: [Bool]
    /// Per queue: the first of its counter slots for template uses, one slot per category and chat
    /// language (index + 1 into the scenario's languages; 0: none); and the number of slots in all.
    let templateUseBases: [Int]
    let templateUseSlots: Int
    /// Whether any stream keeps its returning customers' contact history (`return.history_saves`).
    let keepsHistory: Bool
    /// The counts of ``ServiceCounts`` the scenario switches on.
    let serviceCountNames: [ServiceCounts.Name]

    init(_ scenario: Scenario) {
        let windowStart = SimTime.zero + scenario.warmup
        let horizon = windowStart + scenario.duration + scenario.drainLimit
        func compile(_ calendar: BusinessCalendar?) -> OpeningSchedule? {
            guard let calendar else { return nil }
            guard let start = scenario.start.localDateTime else {
                preconditionFailure("the loader accepts a calendar only with a dated start")
            }
            do { return try calendar.compile(start: start, at: windowStart, until: horizon) } catch {
                preconditionFailure("the loader checked the calendar, yet it does not compile: \(error)")
            }
        }
        let shared = compile(scenario.calendar)
        calendars = scenario.queues.indices.map { scenario.calendar(ofQueue: $0) }
        schedules = scenario.queues.map { $0.calendar == nil ? shared : compile($0.calendar) }
        let queueHasHolidays = calendars.map { !($0?.holidays.isEmpty ?? true) }
        hasHolidays = queueHasHolidays.contains(true)
        queues = scenario.queues.map { CompiledQueueServices($0, languages: scenario.languages) }
        let queueIDs = scenario.queues.map(\.id)
        streams = scenario.customerStreams.map { stream in
            CompiledCustomerServices(stream, thinsOnHolidays: queueHasHolidays[queueIDs.firstIndex(of: stream.queue) ?? 0])
        }
        blocksVisitors = streams.contains { $0.abusiveProbability > 0 }
        flagsUnknownContacts = streams.contains { $0.unknownContactProbability > 0 }
        remembersOutOfHours = zip(schedules, queues).contains { $0 != nil && $1.replies.isEnabled(.outOfHours) }
        alwaysOpen = schedules.allSatisfy { $0 == nil }
        drawsAtArrival = streams.map { $0.hasBot || $0.cardNumberProbability > 0 || $0.attachmentProbability > 0
            || $0.abusiveProbability > 0 }
        enabledTriggers = queues.map(\.enabledTriggers)
        postChatForms = queues.map(\.postChatForm)
        var base = 0
        templateUseBases = queues.map { queue in
            defer { base += queue.templateSteps.reduce(0) { $0 + $1.count } }
            return base
        }
        templateUseSlots = base
        keepsHistory = streams.contains { $0.historySaves != nil }
        let ticketsOutOfHours = streams.contains { $0.outOfHoursTicketProbability > 0 }
        let deletes = streams.contains { $0.deleteProbability > 0 }
        let ticketsFromChats = scenario.agentGroups.contains { $0.ticketProbability > 0 }
        let calls = scenario.agentGroups.contains { $0.callProbability > 0 }
        let internalChats = scenario.agentGroups.contains { $0.internalChatProbability > 0 }
        serviceCountNames = (keepsHistory ? [.historyLookups, .archived, .unarchived] : [])
            + (ticketsOutOfHours ? [.outOfHoursTickets] : []) + (deletes ? [.deleted] : [])
            + (ticketsFromChats ? [.chatTickets] : []) + (calls ? [.calls] : [])
            + (internalChats ? [.internalChats] : [])
            + (scenario.agentGroups.contains { $0.templateSearchProbability > 0 } ? [.templateSearches] : [])
    }

    /// The counter slot of template uses in queue `q`, category `k`, chat language `l` (0: none).
    func templateUseSlot(queue q: Int, category k: Int, language l: Int) -> Int {
        templateUseBases[q] + k * (queues[q].templateSteps.first?.count ?? 0) + l
    }

    /// Whether queue `q` is within business hours at `time` (always, without a calendar).
    ///
    /// - Complexity: O(log n) in the schedule's open intervals.
    func isOpen(queue q: Int, at time: SimTime) -> Bool { alwaysOpen || schedules[q]?.isOpen(at: time) != false }

    /// Whether `time` falls on one of the holidays of queue `q`'s calendar, in its time zone.
    ///
    /// - Complexity: O(log s + log h) in the zone's offset changes and the holidays.
    func isHoliday(queue q: Int, at time: SimTime) -> Bool {
        guard hasHolidays, let schedule = schedules[q], let calendar = calendars[q] else { return false }
        return calendar.isHoliday(schedule.localDate(at: time))
    }
}

/// One queue's services: its automatic messages and its checks of what customers send.
struct CompiledQueueServices: Sendable {
    let replies: AutoReplySet
    /// Bit i set: the i-th trigger of ``AutoReplyTrigger/allCases`` is on (checked per chat without copying `replies`).
    let enabledTriggers: UInt64
    let pci: PCIFilter
    let attachments: AttachmentPolicy
    /// Live-chat visitors of a closed queue (or one without available members) get the offline form.
    let offlineForm: Bool
    /// Live-chat sessions end instead of being marked handled, so a returning visitor reactivates the chat.
    let postChatForm: Bool
    /// The queue's conversation settings (wrap-up reasons, post-chat form, calls from chats), for
    /// the ``ConversationRecord``s that tickets and calls are made on.
    let policy: ConversationPolicy
    /// The queue's quick-reply categories, and per category and chat language (index + 1 into the
    /// scenario's languages; 0: none) the fallback step that finds its templates (nil: none found).
    let templateCategories: [String]
    let templateSteps: [[QuickReplyFallback?]]
    /// Per category and chat language (as ``templateSteps``), whether searching by text for the
    /// word that marks the category's template (``searchWord(_:)`` of the first one listed) finds a
    /// template of that category, through the same language fallback.
    let templateSearchFinds: [[Bool]]
    /// The reasons an agent closes a chat with, and the share of each (empty: closing takes no reason).
    let wrapUpReasons: [String]
    let wrapUpShares: [Double]

    init(_ queue: QueueSpec, languages: [String]) {
        replies = queue.services.autoReplies ?? .none(team: queue.id)
        var enabled: UInt64 = 0
        for trigger in AutoReplyTrigger.allCases where replies.isEnabled(trigger) { enabled |= 1 << UInt64(trigger.position) }
        enabledTriggers = enabled
        pci = PCIFilter(policy: queue.services.pci)
        attachments = queue.services.attachments
        offlineForm = queue.offlineForm
        postChatForm = queue.services.conversation.postChatForm
        policy = queue.services.conversation
        let library = queue.services.templates
        templateCategories = library?.categories ?? []
        templateSteps = templateCategories.map { category in
            ([nil] + languages).map { language in library?.fallbackStep(category: category, language: language) }
        }
        templateSearchFinds = templateCategories.map { category in
            ([nil] + languages).map { language in
                guard let library, let listed = library.templates(category: category, language: language).first,
                      let word = Self.searchWord(listed.text) else { return false }
                return library.search(word, language: language).contains { $0.category == category }
            }
        }
        wrapUpReasons = queue.services.conversation.wrapUpReasons
        wrapUpShares = queue.services.wrapUpShares
    }
}

extension CompiledQueueServices {
    /// The word an agent types to find a template by its text: the longest word of the text
    /// (letters and digits only, placeholders skipped; the first of equal length); nil when it has none.
    static func searchWord(_ text: String) -> String? {
        let words = text.split(whereSeparator: \.isWhitespace).filter { !$0.contains("{") }
            .map { String($0.filter { $0.isLetter || $0.isNumber }) }.filter { !$0.isEmpty }
        return words.reduce(nil as String?) { best, word in word.count > (best?.count ?? 0) ? word : best }
    }
}

/// What one customer stream brings to the services, with its samplers.
struct CompiledCustomerServices: Sendable {
    /// The chatbot: share resolved, talk time, and how long a customer stays (nil: until the bot is done).
    let botDeflection: Double
    let botTime: Distribution?
    let botPatience: Distribution?
    /// The work a handed-over chat's bot transcript saves its agent (seconds); nil: none.
    let transcriptSaves: Distribution?
    /// The work a returning customer's contact history saves its agent (seconds); nil: no history kept.
    let historySaves: Distribution?
    /// Probability that a live-chat visitor of a closed queue creates a web or app ticket instead.
    let outOfHoursTicketProbability: Double
    /// Probability that a returning customer's handled chat is deleted permanently (`return.delete_probability`).
    let deleteProbability: Double
    let cardNumberProbability: Double
    /// Attachments: probability, a file name per type, the types' shares and the size in megabytes.
    let attachmentProbability: Double
    let attachmentNames: [String]
    let attachmentShares: [Double]
    let attachmentSizeMB: Distribution?
    let abusiveProbability: Double
    /// How long a block lasts (``SimDuration/forever``: for good).
    let blockExpiry: SimDuration
    /// Share of visitors behind the stream's shared proxy address; nil: blocks are by visitor id alone.
    let sharedIPProbability: Double?
    /// Probability that a first-time WhatsApp sender is unknown, and the shares of add, reply, ignore.
    let unknownContactProbability: Double
    let unknownContactActions: [Double]
    /// How long a blocked visitor waits before trying again: the stream's `return.after`, else exponential with mean 1 h.
    let retryAfter: Distribution
    let holidayFactor: Double
    /// Whether the calendar of the stream's queue has holidays.
    let thinsOnHolidays: Bool
    /// The rate factor of the arrival process before thinning: max(1, holiday factor) when the
    /// calendar has holidays, else 1 (no thinning at all).
    let arrivalMajorant: Double
    /// The `{customer}` of automatic messages.
    let customerName: String

    init(_ stream: CustomerStreamSpec, thinsOnHolidays: Bool) {
        let services = stream.services
        botDeflection = services.bot?.deflection ?? 0
        botTime = services.bot.map { Distribution($0.time) }
        botPatience = services.bot?.patience.map(Distribution.init)
        transcriptSaves = services.bot?.transcriptSaves.map(Distribution.init)
        historySaves = services.historySaves.map(Distribution.init)
        outOfHoursTicketProbability = services.outOfHoursTicketProbability
        deleteProbability = services.deleteProbability
        cardNumberProbability = services.cardNumberProbability
        attachmentProbability = services.attachments?.probability ?? 0
        attachmentNames = services.attachments?.extensions.map { "attachment.\($0)" } ?? []
        attachmentShares = services.attachments?.shares ?? []
        attachmentSizeMB = services.attachments?.sizeMB.map(Distribution.init)
        abusiveProbability = services.abusiveProbability
        blockExpiry = services.blockExpiry ?? .forever
        sharedIPProbability = services.sharedIPProbability
        unknownContactProbability = services.unknownContactProbability
        unknownContactActions = services.unknownContactActions
        retryAfter = stream.returnProbability > 0 ? Distribution(stream.returnAfter) : .exponential(mean: 3600)
        holidayFactor = services.holidayFactor
        self.thinsOnHolidays = thinsOnHolidays
        var thins = thinsOnHolidays
        if case .trace = stream.arrivals { thins = false }
        arrivalMajorant = thins ? max(1, services.holidayFactor) : 1
        customerName = "\(stream.id) customer"
    }

    /// Whether the stream has a chatbot.
    var hasBot: Bool { botTime != nil }

    /// Whether the stream's visitors have IP addresses that blocks cover (`shared_ip_probability` given).
    var blocksByIP: Bool { sharedIPProbability != nil }
}
