// SPDX-License-Identifier: GPL-3.0-or-later

import Histogram
import ParleyTime
import Synchronization

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
        /// What, besides its queue, decides who may take it: its language (nil: any) and channel.
        let language: String?
        let channel: String
        /// Whether the chat arrived in the measured window, and its queue's service-level threshold (µs).
        let measured: Bool
        let threshold: Int64
        /// A returning customer's chat: routed to its previous owner first (sticky), so not in the FIFO check.
        var returning = false
        var offered = false
        var accepted = false
        var finished = false
        /// The customer's patience timer while it sleeps: cancelled once the chat is accepted or
        /// finished, so that no task is left sleeping for a customer who no longer waits.
        var patience: Task<Void, Never>?
    }

    /// One agent's offer of a single-agent chat, in engine time (µs), for the "offered to two agents at once" check.
    struct OfferSpan {
        let agent: String
        let start: Int64
        var end: Int64?
    }

    var result = DriveResult()
    var chats: [String: Chat] = [:]
    /// Every agent's `websocket_delivery_lag`, recorded as events arrive (one histogram for the drive).
    nonisolated let deliveryLag = SharedHistogram()
    /// The requests answered, their errors and latencies (counted without a hop onto the recorder).
    nonisolated let requests = RequestTally()
    /// Customers' patience timers made and not yet ended (asleep, or sending the customer's end request).
    nonisolated let patienceTimersAlive = Atomic<Int>(0)
    /// The throughput series' open `create_to_offer` histograms, by second.
    private(set) var offerSeries = OfferSeries()
    /// A chat whose customer writes again once it is handled: the customer's stream, contact and `returnAfter`.
    struct ReturnTicket: Sendable {
        let stream: Int
        let contact: Int
        let after: SimDuration
        /// When the chat was handled; the customer writes again `after` (simulated) later.
        var handled = ContinuousClock.Instant.now
    }
    private(set) var returnTickets: [String: ReturnTicket] = [:]
    /// Where handled chats' tickets go, and the simulated time (from `origin`) after which no customer writes.
    private var returns: AsyncStream<ReturnTicket>.Continuation?
    private var horizonSeconds = Double.infinity
    /// Re-contacts due and not yet written.
    private(set) var pendingReturns = 0
    /// What was seen of a chat before its customer's create request returned (a short chat on a
    /// busy driver), each the first time: its first offer, its accept (an accept delay of zero), its
    /// first reply answered, and its finish. All but the finish are applied when the create returns;
    /// the finish by ``finishIfEarly(_:)`` once the create's records are in.
    struct Early {
        var offer: ContinuousClock.Instant?
        var accept: ContinuousClock.Instant?
        var reply: ContinuousClock.Instant?
        var finish: (abandoned: Bool, at: ContinuousClock.Instant)?
    }
    /// Chats with something seen before their create request returned.
    var early: [String: Early] = [:]
    var offerSpans: [String: [OfferSpan]] = [:]
    /// Each chat's first offer: its engine time (µs) and the queue it was offered from.
    var firstOffers: [String: (at: Int64, queue: String)] = [:]
    /// The FIFO check's entries of finished chats (FIFO within a priority, SPEC §2.4).
    var fifo = FIFOCheck()
    /// Chats started and not yet finished.
    private(set) var openChats = 0
    /// A finished chat waiting to be judged, with when it finished. Each agent's stream comes in
    /// engine order, but the streams are read apart: an agent still busy with an earlier event
    /// (its reply request, say) may report this chat's first offer after another agent reported a
    /// later one, or its RONA after the chat was handled by the next agent. So a finished chat's
    /// offers are judged `settleGrace` later, in the order the chats finished.
    struct Finished {
        let id: String
        let chat: Chat?
        let at: ContinuousClock.Instant
    }
    private(set) var finished: [Finished] = []
    private var finishedHead = 0
    var settleGrace: Duration = .seconds(2)
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
    func begin(at instant: ContinuousClock.Instant) {
        origin = instant
        requests.begin(at: instant)
    }

    /// Sends the tickets of handled chats whose customers write again before `horizonSeconds` (simulated) to `returns`.
    func expectReturns(_ returns: AsyncStream<ReturnTicket>.Continuation, horizonSeconds: Double) {
        self.returns = returns
        self.horizonSeconds = horizonSeconds
    }

    /// Chat `id`'s customer writes again `ticket.after` after it is handled (not when it is abandoned).
    func expectReturn(of id: String, _ ticket: ReturnTicket) {
        returnTickets[id] = ticket
    }

    /// A returning customer's chat was created: it is not held to FIFO order (sticky routing).
    func markReturning(_ id: String) { chats[id]?.returning = true }

    /// A due re-contact was written (or dropped at the drive's end).
    func returnWritten() { pendingReturns -= 1 }

    /// Counts a re-contact written, a chat the bot resolved and one whose customer left the bot.
    func countReturn() { result.returns += 1 }
    func countBot(resolved: Bool) {
        if resolved { result.botResolved += 1 } else { result.botLeft += 1 }
    }

    /// Whether chats are open or re-contacts still due: the drive's drain waits for both.
    var isBusy: Bool { openChats > 0 || pendingReturns > 0 }

    /// The throughput series' bucket of `instant` (nil before the start).
    private func second(of instant: ContinuousClock.Instant) -> Int? {
        guard let origin, instant >= origin else { return nil }
        let index = Int((instant - origin).components.seconds)
        if result.series.count <= index {
            while result.series.count <= index { result.series.append(DriveResult.Second()) }
            offerSeries.seal(below: index - offerSeries.grace, into: &result.series)
        }
        return index
    }

    func record(_ name: String, from intended: ContinuousClock.Instant, to end: ContinuousClock.Instant) {
        result.record(name, microseconds: Self.microseconds(end - intended))
    }

    /// Takes the requests' counts, errors and latencies (``RequestTally``) into the result.
    private func takeRequests() {
        let tally = requests.value
        result.requests += tally.requests
        result.errorsByStatus.merge(tally.errorsByStatus, uniquingKeysWith: +)
        for (name, histogram) in tally.latencies {
            if result.latencies[name] == nil { result.latencies[name] = histogram } else { result.latencies[name]!.add(histogram) }
        }
        while result.series.count < tally.perSecond.count { result.series.append(DriveResult.Second()) }
        for (index, second) in tally.perSecond.enumerated() {
            result.series[index].requests += second.requests
            result.series[index].errors += second.errors
        }
    }

    func countLateStart() { result.lateStarts += 1 }

    /// The service told agent `agent` its status changed to `status` (received at `instant`).
    func statusSeen(agent: String, status: String, at instant: ContinuousClock.Instant) {
        guard let origin else { return }
        let simulated = Double(Self.microseconds(instant - origin)) / 1e6 * speed
        result.statusCounts[status, default: 0] += 1
        if (result.statusChanges[agent]?.count ?? 0) < DriveResult.statusChangesKept {
            result.statusChanges[agent, default: []].append(DriveResult.StatusChange(status: status, simulatedSeconds: simulated))
        }
    }

    /// A customer's chat was created.
    func chatStarted(_ id: String, intended: ContinuousClock.Instant, work: SimDuration, queue: String,
                     language: String? = nil, channel: String = "live_chat", measured: Bool = false,
                     threshold: SimDuration = .zero) {
        result.chatsStarted += 1
        openChats += 1
        chats[id] = Chat(intended: intended, work: work, queue: queue, language: language, channel: channel, measured: measured,
                         threshold: threshold.microseconds)
        if measured { result.observed.offered += 1 }
        if let s = second(of: intended) { result.series[s].created += 1 }
        if let seen = early.removeValue(forKey: id) {
            if let finish = seen.finish { early[id] = Early(finish: finish) }
            if let at = seen.offer { offerReceived(id, at: at) }
            if let at = seen.accept { chatAccepted(id, at: at) }
            if let at = seen.reply { firstReply(id, at: at) }
        }
    }

    /// The first offer of a chat reached an agent at `instant`.
    func offerReceived(_ id: String, at instant: ContinuousClock.Instant) {
        guard var chat = chats[id] else {
            early[id, default: Early()].offer = early[id]?.offer ?? instant
            return
        }
        guard !chat.offered else { return }
        chat.offered = true
        chats[id] = chat
        result.chatsOffered += 1
        record("create_to_offer", from: chat.intended, to: instant)
        if let s = second(of: instant) {
            result.series[s].offered += 1
            offerSeries.record(Self.microseconds(instant - chat.intended), second: s)
        }
    }

    /// An offer or invitation reached `agent` at `instant` (engine time `at`): its first offer's
    /// latency, and its span for the single-agent and FIFO checks (one hop for both).
    func offerSeen(_ id: String, agent: String, at: Int64, queue: String?, receivedAt instant: ContinuousClock.Instant) {
        offerReceived(id, at: instant)
        offerStarted(id, agent: agent, at: at, queue: queue)
    }

    /// `agent` accepted chat `id` (engine time `at`, seen at `instant`): its offer span ends and the
    /// customer's wait ends; returns the chat's work and queue for the agent to work it.
    func acceptSeen(_ id: String, agent: String, at: Int64, receivedAt instant: ContinuousClock.Instant) -> (work: SimDuration?, queue: String?) {
        offerEnded(id, agent: agent, at: at)
        chatAccepted(id, at: instant)
        return (chats[id]?.work, chats[id]?.queue)
    }

    /// Notes an offer span for the single-agent check (engine time `at`), and the chat's first offer
    /// (from `queue`; nil: a conference invitation, not an offer from a queue) for the FIFO check.
    func offerStarted(_ id: String, agent: String, at: Int64, queue: String? = nil) {
        offerSpans[id, default: []].append(OfferSpan(agent: agent, start: at))
        // The earliest in engine time: streams read apart may report a later offer first.
        if let queue, firstOffers[id].map({ at < $0.at }) ?? true { firstOffers[id] = (at, queue) }
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
            early[id, default: Early()].accept = early[id]?.accept ?? instant
            return
        }
        guard !chat.accepted else { return }
        result.chatsAccepted += 1
        chats[id]?.accepted = true
        chats[id]?.patience?.cancel()
        chats[id]?.patience = nil
        if let s = second(of: instant) { result.series[s].accepted += 1 }
        guard chat.measured else { return }
        let wait = Int64((Double(Self.microseconds(instant - chat.intended)) * speed).rounded())
        result.observed.answered += 1
        result.observed.waitAnsweredMicros += wait
        if wait <= chat.threshold { result.observed.answeredWithinThreshold += 1 }
    }

    /// The agent's first reply to chat `id` was answered at `instant`. One answered before the
    /// customer's create request returned (the chat was accepted first) is timed once it returns.
    func firstReply(_ id: String, at instant: ContinuousClock.Instant) {
        if let chat = chats[id] {
            record("create_to_first_reply", from: chat.intended, to: instant)
        } else if early[id]?.accept != nil {
            early[id]!.reply = early[id]!.reply ?? instant
        }
    }

    /// Whether chat `id` was accepted before its customer's create request returned, which has not
    /// returned yet: its planned work and queue are not known yet.
    func awaitsCreate(_ id: String) -> Bool { chats[id] == nil && early[id]?.accept != nil }

    func chatFinished(_ id: String, abandoned: Bool, at instant: ContinuousClock.Instant = .now) {
        guard let chat = chats[id] else {
            early[id, default: Early()].finish = early[id]?.finish ?? (abandoned, instant)
            return
        }
        guard !chat.finished else { return }
        chats[id]?.finished = true
        chats[id]?.patience?.cancel()
        openChats -= 1
        if abandoned { result.chatsAbandoned += 1 } else { result.chatsHandled += 1 }
        if abandoned, chats[id]?.measured == true { result.observed.abandoned += 1 }
        if var ticket = returnTickets.removeValue(forKey: id), !abandoned, let returns, let origin {
            // As the simulator: a handled chat's customer writes again after `returnAfter`, if before the end.
            ticket.handled = .now
            let due = Double(Self.microseconds(ticket.handled - origin)) / 1e6 * speed + ticket.after.seconds
            if due < horizonSeconds {
                pendingReturns += 1
                returns.yield(ticket)
            }
        }
        finished.append(Finished(id: id, chat: chats[id], at: instant))
        chats[id] = nil
        settleFinished(before: instant - settleGrace)
    }

    /// Finishes chat `id` if it was handled before its create request returned; called once the
    /// create's records (its start, re-contact ticket) are in, so the drive does not wait for it.
    func finishIfEarly(_ id: String) {
        guard let finish = early.removeValue(forKey: id)?.finish else { return }
        chatFinished(id, abandoned: finish.abandoned, at: finish.at)
    }

    /// Judges the chats that finished at `limit` or before (nil: all), in the order they finished.
    private func settleFinished(before limit: ContinuousClock.Instant?) {
        while finishedHead < finished.count, limit.map({ finished[finishedHead].at <= $0 }) ?? true {
            settle(finished[finishedHead].id, chat: finished[finishedHead].chat)
            finishedHead += 1
        }
        if finishedHead >= 1_024, finishedHead * 2 >= finished.count {
            finished.removeFirst(finishedHead)
            finishedHead = 0
        }
    }

    /// Finished chats not yet judged.
    var unsettled: Int { finished.count - finishedHead }

    /// Judges what a chat's records show on their own (its offers to single agents) and keeps
    /// what the FIFO check needs; its records can then be dropped.
    private func settle(_ id: String, chat: Chat?) {
        if let spans = offerSpans.removeValue(forKey: id), let queue = chat?.queue, singleAgentQueues[queue] == true {
            let sorted = spans.sorted { $0.start < $1.start }
            for (earlier, later) in zip(sorted, sorted.dropFirst()) where later.start < (earlier.end ?? .max) {
                violation("\(id) offered to \(earlier.agent) and \(later.agent) at once under a single-agent strategy")
            }
        }
        if let offer = firstOffers.removeValue(forKey: id), let chat, !chat.returning, chat.queue == offer.queue, id.first == "c",
           let number = UInt64(id.dropFirst()) {
            let group = FIFOCheck.Group(queue: chat.queue, language: chat.language, channel: chat.channel)
            fifo.add(number: number, group: group, at: offer.at).forEach(violation)
        }
    }

    /// Sets how long a finished chat waits before its offers are judged.
    func setSettleGrace(_ grace: Duration) { settleGrace = grace }

    /// Sets how many new entries start a FIFO check and how far below the highest finished chat it stops.
    func setFIFOBatch(_ batch: Int, lag: UInt64) { fifo.setBatch(batch, lag: lag) }

    func countRONA() { result.rona += 1 }

    /// Counts an invariant violation; the first 100 are described.
    func violation(_ text: String) {
        result.violationCount += 1
        if result.violations.count < 100 { result.violations.append(text) }
    }

    /// Checks the FIFO entries of chats numbered below `limit` (all of them by default) and counts what it found.
    func checkFIFO(below limit: UInt64 = .max) {
        fifo.check(below: limit).forEach(violation)
        result.fifoChecked = fifo.checked
    }

    /// Chat ids in creation order (`c2` before `c10`).
    static func idOrder(_ a: String, _ b: String) -> Bool { (a.count, a) < (b.count, b) }

    /// The chat's planned work, if it was created by this drive.
    func work(of id: String) -> SimDuration? { chats[id]?.work }
    func queue(of id: String) -> String? { chats[id]?.queue }
    /// Ends the drive: checks that no single-agent chat was offered to two agents at once, and returns the result.
    func finish(wallSeconds: Double, simulatedSeconds: Double, speed: Double) -> DriveResult {
        // The chats still open (and offers of chats the drive did not start) are settled now.
        settleFinished(before: nil)
        for id in Set(offerSpans.keys).union(firstOffers.keys).sorted(by: Self.idOrder) { settle(id, chat: chats[id]) }
        checkFIFO()
        takeRequests()
        offerSeries.seal(below: result.series.count, into: &result.series)
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
