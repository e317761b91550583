// SPDX-License-Identifier: GPL-3.0-or-later

import ParleyTime
import Statistics

/// What an attempt carries about trying again (SPEC §3.3 `retrial`): its number and, drawn when
/// the customer wrote, how long after giving up the customer writes again.
struct RetrialTicket {
    /// The delay from giving up to the next attempt (``SimDuration/forever``: the customer does not try again).
    var after = SimDuration.forever
    /// The attempt's number: 1 for the first, 2 for the first retrial, and so on.
    var attempt: Int32 = 1
}

/// A replication's retrial plans by customer stream, and the ticket of each queued attempt by chat slot.
///
/// Empty (and never read on the hot path) when no stream has `retrial`. The decision to try again
/// is drawn when the customer writes, from the stream's own `customers/<id>/retrial` sub-stream,
/// so every attempt consumes the same draws whatever happens to it and whatever the strategy.
struct RetrialState {
    /// One stream's `retrial`, compiled.
    struct Plan {
        let probability: Double
        let after: Distribution
        /// The most attempts, the first included (`Int.max`: no limit).
        let maxAttempts: Int
        let stream: RandomStream
    }

    /// By customer stream (nil: the stream's customers never try again).
    var plans: [Plan?]
    /// Whether any stream has a plan.
    let isActive: Bool
    /// The ticket of the attempt in each engine chat slot (only while active).
    private var tickets: [RetrialTicket] = []

    init(model: CompiledScenario, replication index: Int) {
        plans = model.scenario.customerStreams.map { spec in
            spec.retrial.map { retrial in
                Plan(probability: retrial.probability, after: Distribution(retrial.after),
                     maxAttempts: retrial.maxAttempts ?? .max,
                     stream: RandomStream(seed: model.scenario.seed, replication: index, name: "customers/\(spec.id)/retrial"))
            }
        }
        isActive = plans.contains { $0 != nil }
    }

    /// The ticket of attempt number `attempt` of a customer of stream `s`: whether, and after how
    /// long, the customer will try again if this attempt gives up.
    ///
    /// The last allowed attempt draws nothing.
    func draw(stream s: Int, attempt: Int) -> RetrialTicket {
        var ticket = RetrialTicket(attempt: Int32(attempt))
        guard let plan = plans[s], attempt < plan.maxAttempts else { return ticket }
        if plan.stream.uniform() < plan.probability { ticket.after = SimDuration(seconds: plan.after.sample(plan.stream)) }
        return ticket
    }

    /// Keeps the ticket of the attempt that entered chat slot `slot`.
    ///
    /// - Complexity: amortised O(1).
    mutating func keep(_ ticket: RetrialTicket, slot: Int) {
        if slot >= tickets.count { tickets += Array(repeating: RetrialTicket(), count: max(slot + 1, 2 * tickets.count) - tickets.count) }
        tickets[slot] = ticket
    }

    /// The ticket of the attempt in chat slot `slot` (a ticket that never tries again when inactive).
    ///
    /// - Complexity: O(1).
    func ticket(ofSlot slot: Int) -> RetrialTicket {
        slot < tickets.count ? tickets[slot] : RetrialTicket()
    }
}
