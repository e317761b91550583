// SPDX-License-Identifier: GPL-3.0-or-later

import ContactCenter
import Foundation
import ParleyTime
import Statistics

/// One of the scenario's agents as a client of the service: it reads its WebSocket and reacts
/// to offers with its accept delay (or misses them: RONA), answers, works its chats, wraps up and
/// comes back from RONA after its recovery time; it logs on and off with its shifts and takes its
/// breaks (away, then available again), all through the API in time compressed by the drive's speed.
///
/// Its random draws come from its own stream, as in the simulator; its breaks' from a sub-stream
/// `…/breaks` of it, so that a scenario without breaks draws as before. It also checks, from its event
/// stream, that the service never holds more of its slots than its capacity.
actor SyntheticAgent {
    let plan: LiveWorkload.Agent
    let token: String
    let client: DriveClient
    let speed: Double
    /// The first wrap-up reason of each queue that requires one.
    let wrapUpReasons: [String: String]
    private let stream: RandomStream
    private let breakStream: RandomStream
    /// Whether a shift of the agent's is on, and its status as the service last told it.
    private var onDuty = false
    private var status = "offline"
    /// When the played span ends: no break starts after it.
    private var dutyEnd = ContinuousClock.Instant.now
    private var offers: Set<String> = []
    private var owned: Set<String> = []
    private var pending: [Int: Task<Void, Never>] = [:]
    private var nextTask = 0
    private var stopped = false
    /// Whether its WebSocket is open, and how many status events it has brought.
    private var streamOpen = false
    private var statusEventsSeen = 0
    /// The service's clock, to time each event from its `at` to its receipt into the drive's
    /// `websocket_delivery_lag` (nil: the service did not tell it).
    let serverClock: ServerClock?

    init(plan: LiveWorkload.Agent, token: String, client: DriveClient, speed: Double, wrapUpReasons: [String: String],
         seed: UInt64, replication: Int, serverClock: ServerClock? = nil) {
        self.plan = plan
        self.serverClock = serverClock
        self.token = token
        self.client = client
        self.speed = speed
        self.wrapUpReasons = wrapUpReasons
        stream = RandomStream(seed: seed, replication: replication, name: plan.streamName)
        breakStream = RandomStream(seed: seed, replication: replication, name: plan.streamName + "/breaks")
    }

    /// A simulated duration in seconds, compressed by the speed.
    private func wall(_ seconds: Double) -> Duration { .microseconds(Int64((seconds / speed * 1e6).rounded())) }

    /// Runs `action` after `delay` unless the drive stops first.
    private func later(_ delay: Duration, _ action: @escaping @Sendable () async -> Void) {
        at(.now + delay, action)
    }

    /// Runs `action` at `instant` unless the drive stops first.
    private func at(_ instant: ContinuousClock.Instant, _ action: @escaping @Sendable () async -> Void) {
        guard !stopped else { return }
        nextTask += 1
        let id = nextTask
        pending[id] = Task {
            try? await Task.sleep(until: instant, clock: .continuous)
            if !Task.isCancelled { await action() }
            await self.done(id)
        }
    }

    private func done(_ id: Int) { pending[id] = nil }

    /// Whether `chat` is still offered to this agent (not withdrawn, timed out or accepted).
    private func isOffered(_ chat: String) -> Bool { offers.contains(chat) }

    /// What the agent holds per chat: its pending actions (accepts, closes, recoveries, breaks), its offers and chats.
    var held: (pending: Int, offers: Int, owned: Int) { (pending.count, offers.count, owned.count) }

    /// Whether the drive has ended for this agent.
    var isStopped: Bool { stopped }

    /// Stops reacting: pending actions are cancelled.
    func stop() {
        stopped = true
        for task in pending.values { task.cancel() }
        pending = [:]
    }

    /// Sets its status through the API and keeps what the service answered.
    private func setStatus(_ wanted: String) async {
        let reply = await client.send(.PUT, "/v1/agents/\(plan.name)/status", route: "/v1/agents/{name}/status", token: token,
                                      body: #"{"status":"\#(wanted)"}"#)
        if reply.status == 200, let now = FlatJSON(reply.body)?.string("status") { status = now }
    }

    /// Its WebSocket is open (the upgrade is done).
    func streamOpened() { streamOpen = true }

    /// Logs in if a shift of its is on at the start of the drive (as the simulator's initial status),
    /// once its event stream is open and seen to carry what follows: the service registers a stream
    /// just after the upgrade, so a status change made in between would not be on it, nor the first
    /// offers. If the `available` event does not come, it goes offline and available again (each
    /// change is an event); no chat exists yet, so this changes nothing else.
    func start(waitingForStream wait: Duration = .seconds(10), statusEcho: Duration = .milliseconds(500)) async {
        onDuty = plan.duty.contains { $0.start <= .zero && SimTime.zero < $0.end }
        guard onDuty else { return }
        let opened = ContinuousClock.now + wait
        while !streamOpen, !stopped, ContinuousClock.now < opened { try? await Task.sleep(for: .milliseconds(2)) }
        for attempt in 0..<3 {
            if attempt > 0 { await setStatus("offline") }
            let seen = statusEventsSeen
            await setStatus("available")
            let echoed = ContinuousClock.now + statusEcho
            while statusEventsSeen == seen, ContinuousClock.now < echoed { try? await Task.sleep(for: .milliseconds(1)) }
            if statusEventsSeen > seen || !streamOpen { return }
        }
    }

    /// How many status events its stream has brought.
    var statusEvents: Int { statusEventsSeen }

    /// Plays its shifts and breaks from `start`, the instant of simulated time zero, until `horizon`.
    func playDuty(from start: ContinuousClock.Instant, until horizon: SimTime) {
        func instant(_ time: SimTime) -> ContinuousClock.Instant { start + wall(Double(time.microseconds) / 1e6) }
        dutyEnd = instant(horizon)
        for span in plan.duty {
            if SimTime.zero < span.start && span.start < horizon { at(instant(span.start)) { await self.logOn() } }
            if SimTime.zero < span.end && span.end < horizon { at(instant(span.end)) { await self.logOff() } }
        }
        switch plan.breaks {
        case .scheduled(let every, _)?:
            nextBreak(at: start + wall(breakStream.uniform() * every.seconds))
        case .atRandom(let rate, _)?:
            nextBreak(at: start + wall(breakStream.exponential(mean: 1 / rate)))
        case nil:
            break
        }
    }

    /// A shift starts: available.
    private func logOn() async {
        onDuty = true
        await setStatus("available")
    }

    /// A shift ends: offline; the chats it holds go on until they are done.
    private func logOff() async {
        onDuty = false
        await setStatus("offline")
    }

    /// A break is due: the next one is planned; an available agent on duty turns away for the break's length.
    private func breakDue() async {
        let length: Double
        switch plan.breaks {
        case .scheduled(let every, let duration)?:
            nextBreak(at: .now + wall(every.seconds))
            length = duration.seconds
        case .atRandom(let rate, let duration)?:
            nextBreak(at: .now + wall(breakStream.exponential(mean: 1 / rate)))
            length = duration.sample(breakStream)
        case nil:
            return
        }
        guard onDuty, status == "available" else { return }
        await setStatus("away")
        later(wall(length)) { await self.endBreak() }
    }

    private func nextBreak(at instant: ContinuousClock.Instant) {
        if instant < dutyEnd { at(instant) { await self.breakDue() } }
    }

    private func endBreak() async {
        guard onDuty, status == "away" else { return }
        await setStatus("available")
    }

    /// Back from RONA after the recovery time, if still on duty and still in RONA.
    private func recover() async {
        guard onDuty, status == "rona" else { return }
        await setStatus("available")
    }

    /// Logs out at the end of the drive; the status event this sends wakes its stream reader, which then
    /// closes. An agent already offline (its shift ended) turns away first, since an unchanged status sends no event.
    func logOut() async {
        if status == "offline" {
            _ = await client.send(.PUT, "/v1/agents/\(plan.name)/status", route: "/v1/agents/{name}/status", token: token,
                                  body: #"{"status":"away"}"#)
        }
        _ = await client.send(.PUT, "/v1/agents/\(plan.name)/status", route: "/v1/agents/{name}/status", token: token,
                              body: #"{"status":"offline"}"#)
    }

    /// Reacts to one event of its stream.
    func handle(_ text: String, receivedAt received: ContinuousClock.Instant) async {
        guard !stopped, let event = FlatJSON(text), let type = event.string("type") else { return }
        let stamp = event.int64("at")
        let at = stamp ?? 0
        if let serverClock, let stamp {
            client.recorder.deliveryLag.record(DriveRecorder.microseconds(received - serverClock.instant(ofEngineTime: stamp)))
        }
        let chat = event.string("chat") ?? event.string("offer") ?? ""
        switch type {
        case "offer", "invitation":
            offers.insert(chat)
            checkCapacity()
            await client.recorder.offerSeen(chat, agent: plan.name, at: at, queue: type == "offer" ? event.string("queue") : nil,
                                            receivedAt: received)
            reactToOffer(chat, received: received)
        case "offer_withdrawn":
            offers.remove(chat)
            await client.recorder.offerEnded(chat, agent: plan.name, at: at)
        case "rona":
            offers.remove(chat)
            await client.recorder.offerEnded(chat, agent: plan.name, at: at)
            await client.recorder.countRONA()
            status = "rona"
            later(wall(plan.ronaRecovery.sample(stream))) { await self.recover() }
        case "accepted":
            offers.remove(chat)
            owned.insert(chat)
            checkCapacity()
            let known = await client.recorder.acceptSeen(chat, agent: plan.name, at: at, receivedAt: received)
            // The reply and the work go on apart: the stream is read on meanwhile, so the events that
            // follow (other offers, RONAs) are seen, and timed, when they come, not after the reply.
            later(.zero) { await self.work(chat, work: known.work, queue: known.queue) }
        case "customer_ended", "transferred":
            owned.remove(chat)
        case "status":
            if let now = event.string("status") {
                statusEventsSeen += 1
                status = now
                await client.recorder.statusSeen(agent: plan.name, status: now, at: received)
            }
        default:
            break
        }
    }

    private func checkCapacity() {
        if offers.count + owned.count > plan.capacity {
            let held = offers.count + owned.count
            Task { await client.recorder.violation("\(plan.name) holds \(held) chats over its capacity \(plan.capacity)") }
        }
    }

    /// Accepts after the accept delay, or misses the offer (the service's timeout makes it RONA).
    private func reactToOffer(_ chat: String, received: ContinuousClock.Instant) {
        if plan.missProbability > 0 && stream.uniform() < plan.missProbability { return }
        let delay = wall(plan.acceptDelay.sample(stream))
        let intended = ContinuousClock.now + delay
        later(delay) {
            // An offer withdrawn meanwhile (its customer left) is not accepted: the request would be 404.
            guard await self.isOffered(chat) else { return }
            let accepted = await self.client.send(.POST, "/v1/offers/\(chat)/accept", route: "/v1/offers/{id}/accept",
                                                  token: self.token, intended: intended)
            if accepted.status == 204 { self.client.recorder.requests.record("offer_to_accept", from: received, to: .now) }
        }
    }

    /// Answers at once, works the chat for its work content at the agent's speed, wraps up, closes it.
    private func work(_ chat: String, work: SimDuration?, queue: String?) async {
        let intended = ContinuousClock.now
        let reply = await client.send(.POST, "/v1/chats/\(chat)/reply", route: "/v1/chats/{id}/reply", token: token,
                                      body: #"{"text":"Hello, how can I help?"}"#, intended: intended)
        if reply.status == 202 { await client.recorder.firstReply(chat, at: .now) }
        // An accept seen before the create request returned knows neither yet: asked again after the
        // reply, once the create has returned (a short chat on a busy driver), else it would be worked for nothing.
        var (work, queue) = (work, queue)
        if work == nil {
            let limit = ContinuousClock.now + .seconds(30)   // a request's timeout (DriveClient)
            while await client.recorder.awaitsCreate(chat), ContinuousClock.now < limit, !stopped {
                try? await Task.sleep(for: .milliseconds(1))
            }
            (work, queue) = (await client.recorder.work(of: chat), await client.recorder.queue(of: chat))
        }
        let workSeconds = (work?.seconds ?? 0) / plan.speed
        let wrapUpSeconds = plan.wrapUp.map { $0.sample(stream) } ?? 0
        let reasons = wrapUpReasons[queue ?? ""].map { #"{"reasons":["\#($0)"]}"# }
        later(wall(workSeconds + wrapUpSeconds)) { await self.close(chat, reasons: reasons) }
    }

    /// Marks the chat handled (also one its customer left); its slot is counted free before the
    /// request, as the service frees it on receipt.
    private func close(_ chat: String, reasons: String?) async {
        owned.remove(chat)
        let closed = await client.send(.POST, "/v1/chats/\(chat)/handled", route: "/v1/chats/{id}/handled",
                                       token: token, body: reasons)
        if closed.status == 204 { await client.recorder.chatFinished(chat, abandoned: false) }
    }
}
