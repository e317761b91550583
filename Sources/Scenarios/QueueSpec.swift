// SPDX-License-Identifier: GPL-3.0-or-later

import ConversationServices
import Foundation
import ParleyTime

/// A queue (team) of the scenario.
public struct QueueSpec: Sendable, Equatable {
    /// The queue's id, referenced by agent groups and customer streams.
    public var id: String
    public var strategy: StrategyName
    /// Higher first when a freed agent chooses among its queues (default 0).
    public var priority: Int
    /// Answered within this wait counts toward the service level; nil takes the scenario's.
    public var serviceLevelThreshold: SimDuration?
    /// For `most_experienced`: the size of the fixed set of most experienced members (default 3).
    public var top: Int
    public var claim: ClaimName
    /// Under the `take` claim rule, how long taking a chat costs the agent before it owns it (default 0).
    public var takeDelay: SimDuration = .zero
    /// A single-agent offer unanswered this long is RONA (default 30 s).
    public var offerTimeout: SimDuration
    /// A chat unanswered this long alerts the available members (default 60 s).
    public var alertAfter: SimDuration
    /// How long a returning contact's chat waits for its previous owner (default 60 s).
    public var stickyWait: SimDuration
    /// The language of chats that arrive without one.
    public var language: String?
    /// Live-chat visitors who find no available member get the offline form (default false).
    public var offlineForm: Bool
    /// Automatic messages, templates, PCI, attachments, wrap-up reasons and the post-chat form.
    public var services = QueueServices()
    /// How long a silent customer's waiting chat stays open before it is closed as `inactive` (default 10 m).
    public var inactivityTimeout: SimDuration = .minutes(10)
    /// The queue's own business hours (`calendar`); nil: the scenario's calendar.
    public var calendar: BusinessCalendar?
    /// What `parley staff` must achieve in every interval; nil: the queue has no targets.
    public var targets: QueueTargets?
    /// What happens to a chat that waits (`overflow`): steps in time order; empty: none.
    public var overflow: [OverflowStepSpec] = []

    public init(id: String, strategy: StrategyName, priority: Int = 0, serviceLevelThreshold: SimDuration? = nil,
                top: Int = 3, claim: ClaimName = .firstReply, offerTimeout: SimDuration = .seconds(30),
                alertAfter: SimDuration = .seconds(60), stickyWait: SimDuration = .seconds(60),
                language: String? = nil, offlineForm: Bool = false) {
        self.id = id
        self.strategy = strategy
        self.priority = priority
        self.serviceLevelThreshold = serviceLevelThreshold
        self.top = top
        self.claim = claim
        self.offerTimeout = offerTimeout
        self.alertAfter = alertAfter
        self.stickyWait = stickyWait
        self.language = language
        self.offlineForm = offlineForm
    }
}
