// SPDX-License-Identifier: GPL-3.0-or-later

import ParleyTime
import RoutingCore
import SplitMix

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Runs the synthetic center against the real engine in virtual time, timing each routing decision.
///
/// A simple time-ordered loop of its own (``HarnessCalendar``) plays the customers and agents:
/// customers arrive (the timed `arrive` call: the engine offers the chat or queues it), abandon
/// when their patience runs out before an accept, and are handled for an exponential time;
/// agents accept offers after a short delay, now and then miss one (RONA, then come back),
/// take breaks (`away`) and return (`available`), and — under the pull strategies — pull the
/// next waiting chat whenever they have a free slot. The engine's own timers are fired when
/// they come due. Every draw comes from seeded streams, so a seed gives the same run on any
/// build; only the clock readings differ.
struct CenterDriver {
    private(set) var engine: RoutingEngine
    private let center: SyntheticCenter
    private let load: LoadModel
    private let capacity: Int32
    private let pulls: Bool
    private var calendar = HarnessCalendar()
    /// Customers: arrival times, queues, handle times, patience.
    private var customers: SplitMix64
    /// Agents: accept delays, missed offers, breaks, RONA recovery.
    private var agentDraws: SplitMix64
    /// Each live chat's handle time (µs), by chat slot; drawn at arrival.
    private var handleTime: [Int64] = []
    private let meanRatePerMicrosecond: Double
    private var now: Int64 = 0
    /// Pull strategies: available members with a free slot waiting for work, per queue (lazily cleaned).
    private var idleMembers: [[Int32]]
    private var isRegisteredIdle: [Bool]

    /// Arrivals so far, and how many of them the engine put in line rather than offering.
    private(set) var arrivals = 0
    private(set) var queuedArrivals = 0

    init(configuration: BenchConfiguration, center: SyntheticCenter) throws(EngineError) {
        self.center = center
        load = configuration.load
        capacity = Int32(configuration.capacity)
        pulls = configuration.strategy.offerKind == .pull
        engine = try RoutingEngine(configuration: center.engineConfiguration)
        customers = SplitMix64(seed: configuration.seed, stream: 1)
        agentDraws = SplitMix64(seed: configuration.seed, stream: 2)
        meanRatePerMicrosecond = load.meanArrivalRate(slots: configuration.agents * configuration.capacity) / 1e6
        idleMembers = Array(repeating: [], count: configuration.queues)
        isRegisteredIdle = Array(repeating: false, count: configuration.agents)
        for a in 0..<configuration.agents {
            calendar.schedule(.breakStart, at: microseconds(agentDraws.exponential(mean: load.breakIntervalSeconds)),
                              agent: Int32(a))
            if pulls { registerIdle(Int32(a)) }
        }
        scheduleNextArrival()
    }

    /// Runs untimed until simulated time `seconds`.
    mutating func warmUp(untilSeconds seconds: Double) {
        let end = microseconds(seconds)
        var ignored = LatencySamples()
        while nextTime() < end { step(timing: false, into: &ignored) }
    }

    /// Runs until `decisions` more arrivals were timed into `samples`.
    mutating func runTimed(decisions: Int, into samples: inout LatencySamples) {
        let target = arrivals + decisions
        while arrivals < target { step(timing: true, into: &samples) }
    }

    // MARK: - The loop

    private mutating func nextTime() -> Int64 {
        min(calendar.nextTime, engine.nextDeadline().microseconds)
    }

    /// Does the next thing: fires the engine's due timers, or the next customer or agent action.
    private mutating func step(timing: Bool, into samples: inout LatencySamples) {
        let deadline = engine.nextDeadline().microseconds
        if deadline <= calendar.nextTime {
            now = deadline
            engine.fireDeadlines(at: SimTime(microseconds: now))
            handleEngineEvents()
            return
        }
        let event = calendar.removeFirst()
        now = event.time
        switch event.kind {
        case .arrival: arrive(timing: timing, into: &samples)
        case .accept:
            _ = try? engine.accept(ChatID(packed: event.chat), by: AgentID(Int(event.agent)), at: simNow)
        case .finish:
            _ = try? engine.markHandled(ChatID(packed: event.chat), by: AgentID(Int(event.agent)), at: simNow)
            if pulls { schedulePull(event.agent) }
        case .patience:
            let chat = ChatID(packed: event.chat)
            if let state = try? engine.state(of: chat), state != .active { _ = try? engine.customerLeft(chat, at: simNow) }
        case .breakStart: startBreak(event.agent)
        case .backToWork: backToWork(event.agent, fromBreak: event.chat == 1)
        case .pull: pull(event.agent)
        }
        handleEngineEvents()
    }

    /// The timed decision: a customer's chat arrives and the engine offers or queues it.
    private mutating func arrive(timing: Bool, into samples: inout LatencySamples) {
        scheduleNextArrival()
        let queue = QueueID(center.queue(for: customers.uniform()))
        let handle = microseconds(customers.exponential(mean: load.handleSeconds))
        let patience = microseconds(customers.exponential(mean: load.patienceSeconds))
        let at = simNow
        let start = MonotonicClock.nanoseconds()
        let chat = try! engine.arrive(channel: .liveChat, queue: queue, at: at)
        let elapsed = MonotonicClock.nanoseconds() &- start
        if timing { samples.record(elapsed) }
        arrivals += 1
        if engine.eventCount > 0, case .queued = engine.event(at: 0) { queuedArrivals += 1 }
        let slot = Int(chat.slot)
        if slot >= handleTime.count { handleTime.append(contentsOf: repeatElement(0, count: slot + 1 - handleTime.count)) }
        handleTime[slot] = handle
        calendar.schedule(.patience, at: now + patience, chat: chat.packed)
    }

    /// Reacts to what the engine decided: accepts after a delay, work that starts, RONA recoveries, pulls.
    private mutating func handleEngineEvents() {
        for i in 0..<engine.eventCount {
            switch engine.event(at: i) {
            case .offered(let chat, let agent):
                guard agentDraws.uniform() >= load.missProbability else { continue }
                calendar.schedule(.accept, at: now + acceptDelay(), agent: agent.index, chat: chat.packed)
            case .accepted(let chat, let agent):
                calendar.schedule(.finish, at: now + handleTime[Int(chat.slot)], agent: agent.index, chat: chat.packed)
            case .rona(_, let agent):
                calendar.schedule(.backToWork, at: now + microseconds(agentDraws.exponential(mean: load.ronaRecoverySeconds)),
                                  agent: agent.index)
            case .queued(_, let queue) where pulls:
                dispatchIdleMember(of: Int(queue.index))
            default:
                break
            }
        }
        engine.removeAllEvents()
    }

    // MARK: - Agents

    private mutating func startBreak(_ agent: Int32) {
        let id = AgentID(Int(agent))
        guard (try? engine.status(of: id)) == .available else {
            calendar.schedule(.breakStart, at: now + microseconds(agentDraws.exponential(mean: load.breakIntervalSeconds)),
                              agent: agent)
            return
        }
        _ = try? engine.setStatus(id, to: .away, at: simNow)
        calendar.schedule(.backToWork, at: now + microseconds(agentDraws.exponential(mean: load.breakSeconds)),
                          agent: agent, chat: 1)
    }

    private mutating func backToWork(_ agent: Int32, fromBreak: Bool) {
        let id = AgentID(Int(agent))
        if (try? engine.status(of: id)) != .available { _ = try? engine.setStatus(id, to: .available, at: simNow) }
        if fromBreak {
            calendar.schedule(.breakStart, at: now + microseconds(agentDraws.exponential(mean: load.breakIntervalSeconds)),
                              agent: agent)
        }
        if pulls { schedulePull(agent) }
    }

    /// Pull strategies: the agent asks for the next waiting chat after its reaction delay.
    private mutating func schedulePull(_ agent: Int32) {
        calendar.schedule(.pull, at: now + acceptDelay(), agent: agent)
    }

    private mutating func pull(_ agent: Int32) {
        let id = AgentID(Int(agent))
        guard (try? engine.status(of: id)) == .available, let load = try? engine.load(of: id), load < capacity else { return }
        if (try? engine.getNext(agent: id, at: simNow)) != nil {
            if load + 1 < capacity { schedulePull(agent) }
        } else {
            registerIdle(agent)
        }
    }

    /// Puts an agent with nothing to pull on its queues' idle lists.
    private mutating func registerIdle(_ agent: Int32) {
        guard !isRegisteredIdle[Int(agent)] else { return }
        isRegisteredIdle[Int(agent)] = true
        for q in center.memberships[Int(agent)] { idleMembers[Int(q)].append(agent) }
    }

    /// A chat was queued in a pull queue: the most recently idle member able to take it pulls.
    private mutating func dispatchIdleMember(of queue: Int) {
        while let agent = idleMembers[queue].popLast() {
            guard isRegisteredIdle[Int(agent)] else { continue }
            isRegisteredIdle[Int(agent)] = false
            let id = AgentID(Int(agent))
            guard (try? engine.status(of: id)) == .available, let load = try? engine.load(of: id), load < capacity else {
                continue
            }
            schedulePull(agent)
            return
        }
    }

    // MARK: - Time and draws

    private var simNow: SimTime { SimTime(microseconds: now) }

    private func microseconds(_ seconds: Double) -> Int64 { Int64((seconds * 1e6).rounded()) }

    private mutating func acceptDelay() -> Int64 {
        microseconds(load.acceptDelaySeconds * (0.5 + agentDraws.uniform()))
    }

    /// Schedules the next arrival of the sinusoidally modulated Poisson process, by thinning
    /// (Lewis & Shedler 1979): candidates at the peak rate, each kept with probability rate(t) / peak.
    private mutating func scheduleNextArrival() {
        let peak = meanRatePerMicrosecond * (1 + load.swing)
        let period = load.swingPeriodSeconds * 1e6
        var t = Double(now)
        while true {
            t += customers.exponential(mean: 1 / peak)
            let rate = meanRatePerMicrosecond * (1 + load.swing * sin(2 * Double.pi * t / period))
            if customers.uniform() * peak < rate { break }
        }
        calendar.schedule(.arrival, at: max(Int64(t.rounded()), now))
    }
}
