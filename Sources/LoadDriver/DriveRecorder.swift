// SPDX-License-Identifier: GPL-3.0-or-later

import ParleyTime

/// The drive's shared book: each chat's intended start, the latencies and counts, the invariant checks.
///
/// Latencies run from the *intended* time of the action that starts them (no coordinated
/// omission): a customer who starts late because the driver fell behind is measured from when
/// it should have written.
actor DriveRecorder {
    struct Chat {
        let intended: ContinuousClock.Instant
        let work: SimDuration
        let queue: String
        var offered = false
        var accepted = false
        var finished = false
    }

    /// One agent's offer of a single-agent chat, in engine time (µs), for the "offered to two agents at once" check.
    struct OfferSpan {
        let agent: String
        let start: Int64
        var end: Int64?
    }

    var result = DriveResult()
    var chats: [String: Chat] = [:]
    /// Offers seen on an agent's stream before the customer's create request returned.
    var earlyOffers: [String: ContinuousClock.Instant] = [:]
    var offerSpans: [String: [OfferSpan]] = [:]
    let singleAgentQueues: [String: Bool]

    init(singleAgentQueues: [String: Bool]) { self.singleAgentQueues = singleAgentQueues }

    func record(_ name: String, from intended: ContinuousClock.Instant, to end: ContinuousClock.Instant) {
        result.record(name, microseconds: Self.microseconds(end - intended))
    }

    func countRequest(status: Int) {
        result.requests += 1
        if !(200..<300).contains(status) { result.errorsByStatus[status, default: 0] += 1 }
    }

    func countLateStart() { result.lateStarts += 1 }

    /// A customer's chat was created.
    func chatStarted(_ id: String, intended: ContinuousClock.Instant, work: SimDuration, queue: String) {
        result.chatsStarted += 1
        chats[id] = Chat(intended: intended, work: work, queue: queue)
        if let seen = earlyOffers.removeValue(forKey: id) { offerReceived(id, at: seen) }
    }

    /// The first offer of a chat reached an agent at `instant`.
    func offerReceived(_ id: String, at instant: ContinuousClock.Instant) {
        guard var chat = chats[id] else {
            earlyOffers[id] = earlyOffers[id] ?? instant
            return
        }
        guard !chat.offered else { return }
        chat.offered = true
        chats[id] = chat
        result.chatsOffered += 1
        record("create_to_offer", from: chat.intended, to: instant)
    }

    /// Notes an offer span for the single-agent check (engine time `at`).
    func offerStarted(_ id: String, agent: String, at: Int64) {
        offerSpans[id, default: []].append(OfferSpan(agent: agent, start: at))
    }

    /// Ends agent `agent`'s open offer span of chat `id`.
    func offerEnded(_ id: String, agent: String, at: Int64) {
        guard var spans = offerSpans[id], let i = spans.lastIndex(where: { $0.agent == agent && $0.end == nil }) else { return }
        spans[i].end = at
        offerSpans[id] = spans
    }

    func chatAccepted(_ id: String, at instant: ContinuousClock.Instant) {
        result.chatsAccepted += 1
        chats[id]?.accepted = true
    }

    func firstReply(_ id: String, at instant: ContinuousClock.Instant) {
        if let chat = chats[id] { record("create_to_first_reply", from: chat.intended, to: instant) }
    }

    func chatFinished(_ id: String, abandoned: Bool) {
        guard chats[id]?.finished == false else { return }
        chats[id]?.finished = true
        if abandoned { result.chatsAbandoned += 1 } else { result.chatsHandled += 1 }
    }

    func countRONA() { result.rona += 1 }

    func violation(_ text: String) {
        if result.violations.count < 100 { result.violations.append(text) }
    }

    /// The chat's planned work, if it was created by this drive.
    func work(of id: String) -> SimDuration? { chats[id]?.work }
    func queue(of id: String) -> String? { chats[id]?.queue }
    func isAccepted(_ id: String) -> Bool { chats[id]?.accepted ?? false }

    /// Chats started and not yet finished.
    var openChats: Int { chats.values.filter { !$0.finished }.count }

    /// Ends the drive: checks that no single-agent chat was offered to two agents at once, and returns the result.
    func finish(wallSeconds: Double, simulatedSeconds: Double, speed: Double) -> DriveResult {
        for id in offerSpans.keys.sorted() {
            guard let queue = chats[id]?.queue, singleAgentQueues[queue] == true else { continue }
            let spans = offerSpans[id]!.sorted { $0.start < $1.start }
            for (earlier, later) in zip(spans, spans.dropFirst()) where later.start < (earlier.end ?? .max) {
                violation("\(id) offered to \(earlier.agent) and \(later.agent) at once under a single-agent strategy")
            }
        }
        result.wallSeconds = wallSeconds
        result.simulatedSeconds = simulatedSeconds
        result.speed = speed
        return result
    }

    static func microseconds(_ duration: Duration) -> Int64 {
        let (seconds, attoseconds) = duration.components
        return seconds * 1_000_000 + attoseconds / 1_000_000_000_000
    }
}
