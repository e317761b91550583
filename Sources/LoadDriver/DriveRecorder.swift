// SPDX-License-Identifier: GPL-3.0-or-later

import Histogram
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
        /// Whether the chat arrived in the measured window, and its queue's service-level threshold (µs).
        let measured: Bool
        let threshold: Int64
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
    /// Accepts seen before the customer's create request returned (an accept delay of zero).
    var earlyAccepts: [String: ContinuousClock.Instant] = [:]
    var offerSpans: [String: [OfferSpan]] = [:]
    let singleAgentQueues: [String: Bool]
    /// Simulated seconds per wall second, to turn waits into simulated time.
    let speed: Double
    /// When the first customer was due; the throughput series counts wall seconds from it.
    var origin: ContinuousClock.Instant?

    init(singleAgentQueues: [String: Bool], speed: Double = 1) {
        self.singleAgentQueues = singleAgentQueues
        self.speed = speed
    }

    /// Starts the throughput series' clock.
    func begin(at instant: ContinuousClock.Instant) { origin = instant }

    /// The throughput series' bucket of `instant` (nil before the start).
    private func second(of instant: ContinuousClock.Instant) -> Int? {
        guard let origin, instant >= origin else { return nil }
        let index = Int((instant - origin).components.seconds)
        while result.series.count <= index { result.series.append(DriveResult.Second()) }
        return index
    }

    func record(_ name: String, from intended: ContinuousClock.Instant, to end: ContinuousClock.Instant) {
        result.record(name, microseconds: Self.microseconds(end - intended))
    }

    func countRequest(status: Int) {
        result.requests += 1
        if !(200..<300).contains(status) { result.errorsByStatus[status, default: 0] += 1 }
        if let s = second(of: .now) {
            result.series[s].requests += 1
            if !(200..<300).contains(status) { result.series[s].errors += 1 }
        }
    }

    func countLateStart() { result.lateStarts += 1 }

    /// A customer's chat was created.
    func chatStarted(_ id: String, intended: ContinuousClock.Instant, work: SimDuration, queue: String,
                     measured: Bool = false, threshold: SimDuration = .zero) {
        result.chatsStarted += 1
        chats[id] = Chat(intended: intended, work: work, queue: queue, measured: measured, threshold: threshold.microseconds)
        if measured { result.observed.offered += 1 }
        if let s = second(of: intended) { result.series[s].created += 1 }
        if let seen = earlyOffers.removeValue(forKey: id) { offerReceived(id, at: seen) }
        if let seen = earlyAccepts.removeValue(forKey: id) { chatAccepted(id, at: seen) }
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
        if let s = second(of: instant) {
            result.series[s].offered += 1
            result.series[s].recordCreateToOffer(Self.microseconds(instant - chat.intended))
        }
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

    /// An agent accepted the chat: the customer's wait ends at `instant` (counted once, in simulated time).
    func chatAccepted(_ id: String, at instant: ContinuousClock.Instant) {
        guard let chat = chats[id] else {
            earlyAccepts[id] = earlyAccepts[id] ?? instant
            return
        }
        guard !chat.accepted else { return }
        result.chatsAccepted += 1
        chats[id]?.accepted = true
        if let s = second(of: instant) { result.series[s].accepted += 1 }
        guard chat.measured else { return }
        let wait = Int64((Double(Self.microseconds(instant - chat.intended)) * speed).rounded())
        result.observed.answered += 1
        result.observed.waitAnsweredMicros += wait
        if wait <= chat.threshold { result.observed.answeredWithinThreshold += 1 }
    }

    func firstReply(_ id: String, at instant: ContinuousClock.Instant) {
        if let chat = chats[id] { record("create_to_first_reply", from: chat.intended, to: instant) }
    }

    func chatFinished(_ id: String, abandoned: Bool) {
        guard chats[id]?.finished == false else { return }
        chats[id]?.finished = true
        if abandoned { result.chatsAbandoned += 1 } else { result.chatsHandled += 1 }
        if abandoned, chats[id]?.measured == true { result.observed.abandoned += 1 }
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
