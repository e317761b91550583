// SPDX-License-Identifier: GPL-3.0-or-later

import ConversationServices
import Foundation
import ParleyTime

/// The probabilities of the requests an owner sends a customer (`requests: {media, payment, approval}`).
public struct RequestProbabilities: Sendable, Equatable {
    public var media: Double = 0
    public var payment: Double = 0
    public var approval: Double = 0

    public init(media: Double = 0, payment: Double = 0, approval: Double = 0) {
        self.media = media
        self.payment = payment
        self.approval = approval
    }

    /// Whether any request is ever sent.
    public var sendsAny: Bool { media > 0 || payment > 0 || approval > 0 }
}

/// A group of identical synthetic agents.
public struct AgentGroupSpec: Sendable, Equatable {
    /// The group's name (`group:` key).
    public var name: String
    /// Agents in the group (≥ 1).
    public var count: Int
    /// Concurrent chats per agent (≥ 1, default 1).
    public var capacity: Int
    /// Work rate; an agent of speed 2 finishes a chat's work content in half the time (default 1).
    public var speed: Double
    /// Slowdown factor per number of concurrent chats; `capacity` values, non-decreasing, positive (default all 1).
    public var slowdown: [Double]
    /// Ids of the queues the group serves, in file order.
    public var queues: [String]
    /// When the group works, as ranges of the week; empty: always on.
    public var shifts: [WeeklyRange] = []
    /// A staffing plan: agents on duty per interval, repeating daily or weekly; replaces `count` and `shifts`.
    public var plan: StaffingPlan?
    /// Breaks: scheduled (`every`, `for`) or random (`rate_per_hour`, `for`).
    public var away: AwaySpec?
    /// After-chat work that keeps the slot busy (default none).
    public var wrapUp: DistributionSpec?
    /// Probability that the owner transfers a chat, after a uniform fraction of its work.
    public var transferProbability: Double = 0
    /// The queue transfers go to (default: the chat's own queue).
    public var transferQueue: String?
    /// Probability that the owner invites an eligible member to a conference, after a uniform fraction of the work.
    public var conferenceProbability: Double = 0
    /// How long an available member takes to react to an unanswered-chat alert by opening the
    /// chat (`alert_reaction`); nil: alerts change nothing.
    public var alertReaction: DistributionSpec?
    /// Probability that an `away` agent with a free slot opens a newly waiting chat of its queues
    /// from the list and answers it (`away_pick_probability`, SPEC §2.2).
    public var awayPickProbability: Double = 0
    /// Probability that the owner leaves a conference once its invitee joined, so the invitee takes
    /// the chat over (`conference_leave_probability`, SPEC §2.3).
    public var conferenceLeaveProbability: Double = 0
    /// How long an invitee stays in a conference (default exponential, mean 3 m).
    public var conferenceTime: DistributionSpec = .exponential(mean: 180)
    /// Slots per channel within `capacity`; empty: any channel up to `capacity`. A channel
    /// missing from a non-empty map is not served.
    public var channelCapacity: [ChannelName: Int]
    /// Higher is more experienced (default 0).
    public var experience: Int
    /// Languages spoken; empty: every language.
    public var languages: [String]
    /// For `weighted_random` (default 1).
    public var weight: Double
    /// Time to accept an offer or react to a visible chat (default 0 s).
    public var acceptDelay: DistributionSpec
    /// Probability that an offer is never answered (default 0).
    public var missProbability: Double
    /// Time after RONA until the agent sets itself available again (default 0 s).
    public var ronaRecovery: DistributionSpec
    /// Probability that an owner starting on a chat inserts a quick-reply template of the chat's
    /// queue, and the work each use saves (`template_use: {probability, saves}`, SPEC §3.3).
    public var templateUseProbability: Double = 0
    public var templateSaves: DistributionSpec = .constant(value: 0)
    /// Probability that a use finds its template by searching the templates' text instead of
    /// listing the category (`template_use.search_probability`, SPEC §2.6 "searched by text").
    public var templateSearchProbability: Double = 0
    /// Probabilities that an owner, on accepting a chat, asks the customer for a photo or video,
    /// a payment and an approval, and how long the customer takes to respond (`requests`, SPEC §3.3).
    public var requestProbabilities = RequestProbabilities()
    public var requestResponse: DistributionSpec = .constant(value: 0)
    /// Probability that the owner, on accepting a chat, creates a request (ticket) from it, and
    /// the time writing the request adds to the chat's work (`ticket_probability`,
    /// `ticket_time`; SPEC §2.3 "create request", seed 001).
    public var ticketProbability: Double = 0
    public var ticketTime: DistributionSpec = .constant(value: 0)
    /// Probability that the owner, on accepting a live chat of a queue with `call_from_chat`,
    /// starts a call from it, and how long the call lasts: the chat and its slot stay busy that
    /// much longer (`call_probability`, `call_time`; SPEC §2.3 "call from chat", seed 000).
    public var callProbability: Double = 0
    public var callTime: DistributionSpec = .constant(value: 0)
    /// Probability that the owner, on accepting a chat, consults a colleague of its queues in an
    /// internal (agent-to-agent) chat, and how long the internal chat lasts: the owner's customer
    /// chat and its slot stay busy that much longer (`internal_chats: {probability, time}`; SPEC
    /// §2.1 channel `internal`: never queued, never handled, no automatic messages).
    public var internalChatProbability: Double = 0
    public var internalChatTime: DistributionSpec = .constant(value: 0)
    /// The agents' names and extension numbers, one per agent (`names:`, `extensions:`); empty:
    /// generated (`<group>-<n>`, and 1001, 1002, … in member order).
    public var names: [String] = []
    public var extensions: [String] = []
    /// Probability that the owner transfers a chat to another agent of its queue, found by name or
    /// extension, after a uniform fraction of its work (`transfer_to_agent_probability`).
    public var transferToAgentProbability: Double = 0
    /// Probability that an agent declines a chat transferred to it (`decline_probability`).
    public var declineProbability: Double = 0
    /// After RONA and its recovery time, the agent sets itself `away` with this probability (else
    /// `available`: the default), and stays away for `afterRonaAwayFor` (`after_rona: {available, away, for}`).
    public var afterRonaAwayProbability: Double = 0
    /// How long an agent that set itself away after RONA stays away (default: another `rona_recovery`).
    public var afterRonaAwayFor: DistributionSpec?
    /// Probability that the agent leaves a finished chat without marking it handled (default 0):
    /// the contact's next chat is then routed to this agent first (sticky routing).
    public var unhandledProbability: Double = 0
    /// The bounds within which `parley staff` may set the group's count per interval; nil: not staffable.
    public var staffable: StaffableRange?
    /// What an agent of the group costs per hour on duty; `parley staff` adds the cheapest first.
    /// nil: not given (every staffable group then costs the same).
    public var costPerHour: Double?
    /// The shifts `parley roster` may give the group (staffable groups only); nil: none given.
    public var shiftRules: ShiftRules?

    public init(name: String, count: Int, capacity: Int = 1, speed: Double = 1,
                slowdown: [Double]? = nil, queues: [String], channelCapacity: [ChannelName: Int] = [:],
                experience: Int = 0, languages: [String] = [], weight: Double = 1,
                acceptDelay: DistributionSpec = .constant(value: 0), missProbability: Double = 0,
                ronaRecovery: DistributionSpec = .constant(value: 0)) {
        self.name = name
        self.count = count
        self.capacity = capacity
        self.speed = speed
        self.slowdown = slowdown ?? Array(repeating: 1, count: capacity)
        self.queues = queues
        self.channelCapacity = channelCapacity
        self.experience = experience
        self.languages = languages
        self.weight = weight
        self.acceptDelay = acceptDelay
        self.missProbability = missProbability
        self.ronaRecovery = ronaRecovery
    }

    /// Whether agents of the group can hold a chat on `channel`.
    public func serves(_ channel: ChannelName) -> Bool {
        channelCapacity.isEmpty || (channelCapacity[channel] ?? 0) > 0
    }
}
