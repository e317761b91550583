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
    ]
    static let agents: [[String]] = [
        ["slowdown"], ["after_rona"], ["template_use"], ["requests"], ["transfer_to_agent_probability"],
        ["decline_probability"], ["conference_leave_probability"], ["away_pick_probability"], ["alert_reaction"],
        ["unhandled_probability"], ["transfer_probability"], ["conference_probability"], ["conference_time"],
    ]
    /// Holidays thin the arrivals (SPEC §3.3 `holiday_factor`), which the drive's schedule does not.
    static let topLevel: [[String]] = [["busyness"], ["calendar", "holidays"]]
    static let queues: [[String]] = [["calendar", "holidays"]]

    /// The first key of `scenario` the driver does not play, as an error at it; nil: it plays them all.
    public static func check(_ scenario: Scenario) -> ScenarioError? {
        let message = { (path: [String]) in "parley drive does not play '\(path.joined(separator: "."))'; drive a scenario without it" }
        return ScenarioLoader.firstKey(topLevel, in: nil, of: scenario, message: message)
            ?? ScenarioLoader.firstKey(queues, in: "queues", of: scenario, message: message)
            ?? ScenarioLoader.firstKey(customers, in: "customers", of: scenario, message: message)
            ?? ScenarioLoader.firstKey(agents, in: "agents", of: scenario, message: message)
    }
}
