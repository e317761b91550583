// SPDX-License-Identifier: GPL-3.0-or-later

import ParleyTime
import RoutingCore
import SimKernel

/// What the model keeps about one chat: who wrote, when, how patient, and its work in progress.
///
/// Each optional id sits before one-byte fields, which fill the rest of its word.
struct ModelChat {
    var stream: Int32 = 0
    /// The agent in conversation with the chat (nil: none).
    var agent: AgentID?
    var phase: Replication.ChatPhase = .done
    var measured = false
    /// Whether an agent has accepted the chat once (later accepts follow transfers).
    var answered = false
    /// The chat's contact (nil: a customer who never writes again).
    var contact: ContactID?
    /// What ends the current owner's part of the work early.
    var interruption: Replication.Interruption = .none
    /// Whether the owner invited someone to a conference (an invitation may still be pending).
    var invited = false
    /// Arrived inside the window, in or out of business hours: its messages are counted.
    var inWindow = false
    /// A conference participant (nil: none), and the timer ending its stay.
    var participant: AgentID?
    /// An abusive visitor, blocked when its chat ends; it tries again after `retryAfter`.
    var abusive = false
    /// The customer goes silent before its patience runs out: its waiting timer closes the chat as `inactive`.
    var goesSilent = false
    /// The chat is offered to an agent by a transfer (which that agent may decline).
    var transferOffered = false
    /// From a WhatsApp sender the address book does not know (`unknown_contact_probability`).
    var unknownSender = false
    /// Its agent ignored it: the chat ends unanswered, as the outcome `ignored`.
    var ignored = false
    /// Its first owner created a request (ticket) from it (`ticket_probability`).
    var ticketed = false
    /// The chatbot handed it to the queue, with its transcript (from `intake` to `arrival`).
    var fromBot = false
    /// The agent who first accepted the chat (nil: not answered).
    var firstAgent: AgentID?
    var conferenceTimer: TimerHandle = .none
    var conferenceSince = SimTime.zero
    /// The work carried past an interruption.
    var carriedWork: Double = 0
    /// Where in its work (0–1) the customer leaves the chat (nil: it stays to the end).
    var endsAt: Double?
    /// The chat's number in its replication, and what happened to it on the way (for ``ChatRow``).
    var number = 0
    var transfers = 0
    var ronaCount = 0
    /// When the current stretch of conversation began (for busy time).
    var segmentStart = SimTime.zero
    var timer: TimerHandle = .none
    /// When the chat entered its queue (its wait starts here).
    var arrival = SimTime.zero
    /// When the customer wrote (before any chatbot): the interval the chat is counted in.
    var intake = SimTime.zero
    var retryAfter = SimDuration.zero
    var patience = SimDuration.zero
    var accepted = SimTime.zero
    /// How long after this chat the customer writes again (``SimDuration/forever``: never).
    var returnAfter = SimDuration.forever
    /// Work content left, in microseconds of work at rate 1, as of `progressAt`.
    var remainingWork: Double = 0
    var progressAt = SimTime.zero

    /// The index of the agent in conversation with the chat; only for a chat in conversation or wrap-up.
    var agentIndex: Int {
        guard let agent else { preconditionFailure("a chat without an agent has no agent index") }
        return Int(agent.index)
    }
}
