// SPDX-License-Identifier: GPL-3.0-or-later

/// The keys each mapping of a scenario file may hold (SPEC §3.1, §3.2).
///
/// `accepted` keys are read by this version. `pending` is for keys of the documented format
/// that cannot be honoured yet: a scenario that uses one is refused with an error instead of
/// being run as if the key were absent. No set below has a pending key now; moving a key from
/// `pending` to `accepted` is the whole change to the key catalogue when a feature lands.
enum ScenarioKeys {
    static let topLevel = KeySet(
        accepted: ["name", "seed", "replications", "warmup", "duration", "drain_limit",
                   "service_level_threshold", "queues", "agents", "customers", "start", "interval",
                   "calendar", "company", "busyness"])

    static let queue = KeySet(
        accepted: ["id", "strategy", "priority", "service_level_threshold", "top", "claim", "take_delay", "offer_timeout", "inactivity_timeout",
                   "alert_after", "sticky_wait", "language", "offline_form",
                   "post_chat_form", "pci", "max_attachment_mb", "wrap_up_reasons", "auto_replies", "templates", "targets",
                   "calendar", "overflow", "call_from_chat"])

    /// One step of a queue's `overflow` (SPEC §3.3).
    static let overflowStep = KeySet(accepted: ["after", "add_groups", "to_queue"])

    static let agentGroup = KeySet(
        accepted: ["group", "count", "capacity", "speed", "slowdown", "queues", "experience", "weight", "languages",
                   "accept_delay", "miss_probability", "rona_recovery", "after_rona", "template_use", "requests",
                   "names", "extensions", "transfer_to_agent_probability", "decline_probability",
                   "conference_leave_probability", "away_pick_probability", "alert_reaction", "unhandled_probability", "shifts", "away",
                   "wrap_up", "transfer_probability", "transfer_queue", "conference_probability", "conference_time",
                   "staffable", "cost_per_hour", "shift_rules", "ticket_probability", "ticket_time",
                   "call_probability", "call_time", "internal_chats"])

    static let customerStream = KeySet(
        accepted: ["id", "channel", "queue", "arrivals", "patience", "handle_time", "languages", "return",
                   "ends_chat_probability", "inactivity", "retrial",
                   "bot", "card_number_probability", "attachments", "abusive_probability", "block_expiry",
                   "shared_ip_probability", "unknown_contact_probability", "unknown_contact_actions", "holiday_factor",
                   "out_of_hours_ticket_probability"])

    /// A group's internal chats with colleagues (SPEC §2.1, §3.3).
    static let internalChats = KeySet(accepted: ["probability", "time"])

    /// A stream's re-contacts.
    static let returns = KeySet(accepted: ["probability", "after", "history_saves", "delete_probability"])

    /// A stream's customers who try again after giving up (SPEC §3.3).
    static let retrial = KeySet(accepted: ["probability", "after", "max_attempts"])
    /// Forecast uncertainty: the arrival-rate multiplier (SPEC §3.3).
    static let busyness = KeySet(accepted: ["cv", "per"])

    /// What agents do with a chat from an unknown WhatsApp sender (SPEC §3.3).
    static let unknownContactActions = KeySet(accepted: ["add", "reply", "ignore"])
    /// A stream's silent customers.
    static let inactivity = KeySet(accepted: ["probability", "after"])
    /// A group's requests to customers.
    static let requests = KeySet(accepted: ["media", "payment", "approval", "response"])
    /// A group's use of quick-reply templates.
    static let templateUse = KeySet(accepted: ["probability", "saves", "search_probability"])
    /// A group's choice after RONA.
    static let afterRONA = KeySet(accepted: ["available", "away", "for"])

    /// A per-channel capacity mapping.
    static let channelCapacity = KeySet(accepted: ["live_chat", "whatsapp", "facebook", "sms", "total"])

    static let arrivals = KeySet(accepted: ["rate_per_hour", "profile", "trace"])
    static let profile = KeySet(accepted: ["interval", "rates_per_hour"])
    static let plan = KeySet(accepted: ["interval", "values"])
    static let away = KeySet(accepted: ["every", "for", "rate_per_hour"])
    /// A queue's `targets` for `parley staff`.
    static let targets = KeySet(accepted: ["service_level", "abandon_rate", "asa"])
    /// A group's `staffable` bounds.
    static let staffable = KeySet(accepted: ["min", "max"])
    /// A staffable group's `shift_rules` for `parley roster`, their start window and breaks.
    static let shiftRules = KeySet(accepted: ["lengths", "starts", "days", "breaks", "max_shifts_per_week"])
    static let shiftStarts = KeySet(accepted: ["from", "to", "every"])
    static let shiftBreak = KeySet(accepted: ["length", "after"])

    /// Business hours (SPEC §2.5, §3.2).
    static let calendar = KeySet(accepted: ["timezone", "hours", "holidays"])
    /// One automatic message of a queue's `auto_replies`.
    static let autoReply = KeySet(accepted: ["text", "enabled", "create_ticket"])
    /// One quick-reply template of a queue's `templates`.
    static let template = KeySet(accepted: ["category", "language", "text"])
    /// A stream's chatbot.
    static let bot = KeySet(accepted: ["deflection", "time", "patience", "transcript_saves"])
    /// A stream's attachments.
    static let attachments = KeySet(accepted: ["probability", "types", "size_mb"])

    /// The keys of a distribution mapping with the given `dist`.
    static func distribution(_ name: DistributionName) -> KeySet {
        KeySet(accepted: ["dist"] + name.parameters)
    }
}

/// The distribution families of SPEC §3.2, by their `dist:` names.
enum DistributionName: String, CaseIterable {
    case exponential, constant, uniform, lognormal, gamma, erlang, weibull, empirical

    /// The parameters the family takes (for `empirical`, exactly one of the two).
    var parameters: [String] {
        switch self {
        case .exponential: return ["mean"]
        case .constant: return ["value"]
        case .uniform: return ["min", "max"]
        case .lognormal, .gamma: return ["mean", "sd"]
        case .erlang: return ["k", "mean"]
        case .weibull: return ["shape", "scale"]
        case .empirical: return ["values", "file"]
        }
    }
}
