// SPDX-License-Identifier: GPL-3.0-or-later

import Scenarios

/// The scenario keys `parley drive` does not play: a drive of a scenario that uses one is refused
/// with an error at the key, never run as if the key were absent (the service would then be held
/// against a prediction of another workload).
///
/// Each stands for behaviour of a customer or an agent that the simulator plays and the driver's
/// synthetic clients do not: customers ending or going silent in a chat, trying again after giving
/// up, sending card numbers or attachments, abuse and blocking, shared addresses, unknown senders,
/// history of earlier chats, holidays' thinning and busyness of the arrivals; agents' transfers,
/// conferences, declines, requests, templates, alert reactions, slowdown and choices after RONA.
public enum UnplayedKeys {
    static let customers: [[String]] = [
        ["ends_chat_probability"], ["inactivity"], ["retrial"], ["card_number_probability"], ["attachments"],
        ["abusive_probability"], ["block_expiry"], ["shared_ip_probability"], ["unknown_contact_probability"],
        ["unknown_contact_actions"], ["holiday_factor"], ["out_of_hours_ticket_probability"], ["return", "history_saves"],
        ["return", "delete_probability"],
    ]
    static let agents: [[String]] = [
        ["slowdown"], ["after_rona"], ["template_use"], ["requests"], ["transfer_to_agent_probability"],
        ["decline_probability"], ["conference_leave_probability"], ["away_pick_probability"], ["alert_reaction"],
        ["unhandled_probability"], ["transfer_probability"], ["conference_probability"], ["conference_time"],
        ["transfer_queue"], ["ticket_probability"], ["ticket_time"], ["call_probability"], ["call_time"], ["internal_chats"],
    ]
    /// The keys the driver plays, or hands to the service as its configuration, by their path in
    /// the scenario schema (`customers.return.after`); an entry ending in `.*` takes every key under
    /// it (a distribution's parameters, an automatic reply's fields). With the unplayed keys it
    /// accounts for every key of `scenarios/scenario.schema.json` (`UnplayedKeysTests` holds the two
    /// lists against it), so a key added to the scenario format must be put in one of them.
    public static let played: [String] = [
        "name", "seed", "duration", "interval", "drain_limit", "replications", "start", "warmup",
        "service_level_threshold", "company", "calendar", "calendar.hours", "calendar.timezone",
        "queues", "queues.id", "queues.strategy", "queues.priority", "queues.claim", "queues.language",
        "queues.offer_timeout", "queues.sticky_wait", "queues.post_chat_form", "queues.offline_form",
        "queues.alert_after", "queues.inactivity_timeout", "queues.max_attachment_mb", "queues.pci", "queues.top",
        "queues.service_level_threshold", "queues.targets.*", "queues.overflow.*", "queues.auto_replies.*",
        "queues.templates.*", "queues.wrap_up_reasons", "queues.call_from_chat",
        "queues.calendar", "queues.calendar.hours", "queues.calendar.timezone",
        "agents", "agents.group", "agents.count.*", "agents.names", "agents.extensions", "agents.queues",
        "agents.languages", "agents.capacity.*", "agents.speed", "agents.experience", "agents.weight",
        "agents.accept_delay.*", "agents.miss_probability", "agents.rona_recovery.*", "agents.wrap_up.*",
        "agents.away.*", "agents.shifts", "agents.staffable.*", "agents.shift_rules.*", "agents.cost_per_hour",
        "customers", "customers.id", "customers.channel", "customers.queue", "customers.arrivals.*",
        "customers.languages", "customers.handle_time.*", "customers.patience.*",
        "customers.return", "customers.return.probability", "customers.return.after.*",
        "customers.bot.*",
    ]

    /// The refused keys as schema paths (`agents.transfer_probability`), each taking everything under it.
    public static var unplayed: [String] {
        func paths(_ keys: [[String]], _ section: String?) -> [String] {
            keys.map { ([section].compactMap { $0 } + $0).joined(separator: ".") }
        }
        return paths(topLevel, nil) + paths(queues, "queues") + paths(customers, "customers") + paths(agents, "agents")
    }

    /// Holidays thin the arrivals (SPEC §3.3 `holiday_factor`), which the drive's schedule does not.
    static let topLevel: [[String]] = [["busyness"], ["calendar", "holidays"]]
    /// A take costs the queue's `take_delay` in the simulator; the driver's agents take at once.
    static let queues: [[String]] = [["calendar", "holidays"], ["take_delay"]]

    /// The first key of `scenario` the driver does not play, as an error at it; nil: it plays them all.
    public static func check(_ scenario: Scenario) -> ScenarioError? {
        let message = { (path: [String]) in "parley drive does not play '\(path.joined(separator: "."))'; drive a scenario without it" }
        return ScenarioLoader.firstKey(topLevel, in: nil, of: scenario, message: message)
            ?? ScenarioLoader.firstKey(queues, in: "queues", of: scenario, message: message)
            ?? ScenarioLoader.firstKey(customers, in: "customers", of: scenario, message: message)
            ?? ScenarioLoader.firstKey(agents, in: "agents", of: scenario, message: message)
    }
}
