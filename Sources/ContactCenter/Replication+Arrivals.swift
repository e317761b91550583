// SPDX-License-Identifier: GPL-3.0-or-later

import ParleyTime
import RoutingCore
import SimKernel

/// Customers writing: the arrival processes, what is drawn for each chat, and its entry into its queue.
extension Replication {
    /// A customer of stream `s` writes: a first contact (`contact` nil), a re-contact, or attempt
    /// number `attempt` > 1 of a customer who gave up (a retrial, with or without a contact).
    ///
    /// Everything about the chat is drawn here. Then a blocked visitor is rejected, a live-chat
    /// visitor of a closed queue gets the offline form when the queue has one, a chat with a
    /// chatbot talks to it first, and every other chat enters its queue (SPEC §2.3, §3). A chat
    /// written out of business hours is counted as `out_of_hours` and kept out of the service
    /// metrics; it is still simulated, and still gets its automatic messages.
    mutating func arrive(stream s: Int, contact returning: ContactID?, attempt: Int = 1) {
        if returning == nil && attempt == 1 && plainArrivals[s] { return arrivePlain(stream: s) }
        simulatedChats += 1
        let inWindow = now >= model.windowStart && now < model.windowEnd
        let open = model.services.isOpen(queue: model.streams[s].queue, at: now)
        if attempt > 1 && inWindow && open { tallies[s].retrials += 1 }
        if let returning, model.services.blocksVisitors && isBlocked(returning) {
            return reject(stream: s, contact: returning, inWindow: inWindow, open: open)
        }
        var behindProxy = false
        if let stream = services.ipStreams[s] {
            behindProxy = returning.map { services.behindProxy[Int($0.index)] }
                ?? (stream.uniform() < (model.services.streams[s].sharedIPProbability ?? 0))
            if behindProxy && isProxyBlocked(stream: s) {
                if returning == nil && attempt == 1 { scheduleNextArrival(of: s, after: now) }
                return reject(stream: s, contact: returning, inWindow: inWindow, open: open, collateral: true)
            }
        }
        var intake = Intake(stream: s, arrival: now, inWindow: inWindow, measured: inWindow && open)
        intake.number = simulatedChats - 1
        if let patience = patienceSamplers[s] {
            intake.patience = SimDuration(seconds: patience.sample(patienceGenerators[s], tables: samplerTables))
        }
        intake.work = Double(SimDuration(seconds: handleTimeSamplers[s].sample(workGenerators[s], tables: samplerTables)).microseconds)
        if model.streams[s].isTrace, returning == nil, attempt == 1, case .trace(_, let rows) = model.streams[s].arrivals,
           let seconds = rows[arrivals.traceCursor[s] - 1] {
            intake.work = (seconds * 1e6).rounded()
        }
        if model.streams[s].endsChatProbability > 0 && workStreams[s].uniform() < model.streams[s].endsChatProbability {
            intake.endsAt = workStreams[s].uniform()
        }
        if let stream = languageStreams[s] {
            intake.language = pick(model.streams[s].languages, shares: model.streams[s].languageShares, stream)
        }
        if let stream = returnStreams[s], stream.uniform() < model.streams[s].returnProbability {
            intake.returnAfter = SimDuration(seconds: model.streams[s].returnAfter.sample(stream))
        }
        if let stream = inactivityStreams[s], stream.uniform() < model.streams[s].inactivityProbability {
            intake.silentAfter = SimDuration(seconds: model.streams[s].inactivityAfter.sample(stream))
        }
        drawServices(&intake)
        if retrials.isActive { intake.retrial = retrials.draw(stream: s, attempt: attempt) }
        var contact = returning
        if contact == nil && (intake.returnAfter != .forever || intake.abusive) { contact = newContact() }
        intake.contact = contact
        if let contact, services.ipStreams[s] != nil { noteProxy(behindProxy, of: contact) }
        if let stream = services.unknownContactStreams[s] { intake.unknownSender = isUnknownSender(stream: s, contact: contact, returning: returning, stream) }
        if let returning, model.services.keepsHistory { unarchive(contactOf: returning, stream: s, measured: intake.measured) }
        if returning == nil && attempt == 1 { scheduleNextArrival(of: s, after: now) }
        if inWindow && !open { tallies[s].outOfHours += 1 }
        if intake.measured { tallies[s].arrivals += 1 }
        if !open && !continuesOutOfHours(intake) { return recordRow(of: intake, outcome: .outOfHours) }
        if intake.bot != .none { return enterBot(intake) }
        enterQueue(intake)
    }

    /// Whether a first contact of stream `s` needs none of the optional steps of
    /// ``arrive(stream:contact:attempt:)``: no shared IP addresses, no trace, no draws of a chat
    /// ending, a language, a return, silence or a service, no retrials, no unknown senders, and
    /// business hours always open. Such an arrival takes ``arrivePlain(stream:)``.
    func isPlainArrival(stream s: Int) -> Bool {
        services.ipStreams[s] == nil && !model.streams[s].isTrace && model.streams[s].endsChatProbability == 0
            && languageStreams[s] == nil && returnStreams[s] == nil && inactivityStreams[s] == nil
            && !model.services.drawsAtArrival[s] && !retrials.isActive && services.unknownContactStreams[s] == nil
            && model.services.alwaysOpen
    }

    /// The first contact of a stream with no optional steps (``isPlainArrival(stream:)``): the same
    /// draws, counts and engine commands as ``arrive(stream:contact:attempt:)`` and
    /// ``enterQueue(_:)`` make for it, without building and copying an ``Intake`` or looking at
    /// each step's switch (the common case of a plain scenario).
    mutating func arrivePlain(stream s: Int) {
        simulatedChats += 1
        let inWindow = now >= model.windowStart && now < model.windowEnd
        var patience = SimDuration.forever
        if let sampler = patienceSamplers[s] {
            patience = SimDuration(seconds: sampler.sample(patienceGenerators[s], tables: samplerTables))
        }
        let work = Double(SimDuration(seconds: handleTimeSamplers[s].sample(workGenerators[s], tables: samplerTables)).microseconds)
        scheduleNextArrival(of: s, after: now)
        if inWindow { tallies[s].arrivals += 1 }
        let queue = model.streams[s].queue
        let chat: ChatID
        do {
            chat = try engine.arrive(channel: model.streams[s].channel, queue: QueueID(queue), at: now)
        } catch {
            preconditionFailure("engine refused an arrival: \(error)")
        }
        if case .offlineForm = engine.event(at: 0) {
            var intake = Intake(stream: s, arrival: now, inWindow: inWindow, measured: inWindow)
            intake.number = simulatedChats - 1
            intake.patience = patience
            intake.work = work
            return takeOfflineForm(intake)
        }
        let c = Int(chat.slot)
        if c >= chats.count { growChatStorage(to: c + 1) }
        var record = ModelChat()
        record.stream = Int32(s)
        record.phase = .waiting
        record.measured = inWindow
        record.inWindow = inWindow
        record.number = simulatedChats - 1
        record.arrival = now
        record.intake = now
        record.patience = patience
        record.remainingWork = work
        chats[c] = record
        if inWindow {
            measuredOpen += 1
            tallies[s].offered += 1
            IntervalTally.count(&intervals.offered, queue: queue, intervals: intervals.count, at: now.microseconds, in: intervalWindow)
            switch engine.event(at: 0) {
            case .queued, .stickyWaiting: tallies[s].foundNoAgent += 1
            default: break
            }
            sendAutoReply(.firstMessage, stream: s, queue: queue)
        }
        handleEngineEvents()
        if chats[c].phase == .waiting && patience != .forever {
            chats[c].timer = calendar.scheduleCancellable(.abandonment(chat), at: now + patience)
        }
    }

    /// A live-chat visitor of a queue with nobody available gets the offline form instead of a place in line.
    mutating func takeOfflineForm(_ intake: Intake) {
        let s = intake.stream
        let queue = model.streams[s].queue
        if intake.measured { tallies[s].offlineForms += 1 }
        recordRow(of: intake, outcome: .offlineForm)
        if intake.inWindow { sendAutoReply(.offlineForm, stream: s, queue: queue) }
        engine.removeAllEvents()
        if let contact = intake.contact { releaseContact(contact) }
    }

    /// The chat enters its queue: the engine offers it, queues it, or gives a live-chat visitor the offline form.
    mutating func enterQueue(_ intake: Intake) {
        let s = intake.stream
        let contact = intake.contact
        let queue = model.streams[s].queue
        let chat: ChatID
        do {
            chat = try engine.arrive(channel: model.streams[s].channel, queue: QueueID(queue), language: intake.language,
                                     contact: contact, at: now)
        } catch {
            preconditionFailure("engine refused an arrival: \(error)")
        }
        if case .offlineForm = engine.event(at: 0) { return takeOfflineForm(intake) }
        let c = Int(chat.slot)
        if c >= chats.count { growChatStorage(to: c + 1) }
        // One store of a whole record: the fields not set here keep a new chat's defaults.
        var record = ModelChat()
        record.stream = Int32(s)
        record.contact = contact
        record.phase = .waiting
        record.measured = intake.measured
        record.inWindow = intake.inWindow
        record.endsAt = intake.endsAt
        record.number = intake.number
        record.arrival = now
        record.intake = intake.arrival
        record.abusive = intake.abusive
        record.retryAfter = intake.retryAfter
        record.unknownSender = intake.unknownSender
        record.fromBot = intake.bot == .handsOver
        record.patience = intake.patience
        record.returnAfter = intake.returnAfter
        record.remainingWork = intake.work
        chats[c] = record
        if retrials.isActive { retrials.keep(intake.retrial, slot: c) }
        if intake.measured {
            measuredOpen += 1
            tallies[s].offered += 1
            IntervalTally.count(&intervals.offered, queue: queue, intervals: intervals.count, at: intake.arrival.microseconds, in: intervalWindow)
            switch engine.event(at: 0) {
            case .queued, .stickyWaiting: tallies[s].foundNoAgent += 1
            default: break
            }
        }
        if intake.inWindow { sendAutoReply(.firstMessage, stream: s, queue: queue) }
        handleEngineEvents()
        if intake.silentAfter != .forever {
            // A customer who goes silent before its patience runs out is closed as inactive instead of abandoning.
            let closes = intake.silentAfter + SimDuration(microseconds: model.inactivityTimeouts[queue])
            if closes < intake.patience {
                chats[c].goesSilent = true
                if chats[c].phase == .waiting { chats[c].timer = calendar.scheduleCancellable(.abandonment(chat), at: now + closes) }
                return
            }
        }
        if chats[c].phase == .waiting && intake.patience != .forever {
            chats[c].timer = calendar.scheduleCancellable(.abandonment(chat), at: now + intake.patience)
        }
    }

    /// Schedules stream `s`'s next first-contact arrival after `time`.
    ///
    /// With a calendar that has holidays, a Poisson or profile stream runs at its rate times
    /// ``CompiledCustomerServices/arrivalMajorant`` and each candidate is kept with probability
    /// (factor at that time) / majorant — 1 on ordinary days, `holiday_factor` on holidays —
    /// which is exact thinning of a Poisson process (Lewis & Shedler 1979). Under `busyness` the rate
    /// is also multiplied by the replication's multiplier (``nextBusyArrival(of:after:busyness:majorant:)``).
    /// A trace is replayed as recorded.
    mutating func scheduleNextArrival(of s: Int, after time: SimTime) {
        var next: Int64
        if model.streams[s].isTrace, case .trace(let offsets, _) = model.streams[s].arrivals {
            guard arrivals.traceCursor[s] < offsets.count else { return }
            next = model.windowStart.microseconds + offsets[arrivals.traceCursor[s]]
            arrivals.traceCursor[s] += 1
            guard next <= model.drainEnd.microseconds else { return }
            scheduleArrival(of: s, at: SimTime(microseconds: next))
            return
        }
        if busyness == nil, let rate = model.streams[s].poissonRate, !model.services.hasHolidays {
            // The common case, kept out of the thinning loop (16 instructions a chat fewer by
            // callgrind): every arrival is kept, so there is no majorant and no acceptance test.
            guard rate > 0 else { return }
            next = (time + SimDuration(seconds: arrivalGenerators[s].exponential(mean: 1 / rate))).microseconds
            guard next <= model.drainEnd.microseconds else { return }
            scheduleArrival(of: s, at: SimTime(microseconds: next))
            return
        }
        let majorant = model.services.hasHolidays ? model.services.streams[s].arrivalMajorant : 1
        var from = time.microseconds
        repeat {
            if let busyness {
                guard let at = nextBusyArrival(of: s, after: from, busyness: busyness, majorant: majorant) else { return }
                next = at
            } else if let rate = model.streams[s].poissonRate {
                guard rate > 0 else { return }
                next = (SimTime(microseconds: from)
                        + SimDuration(seconds: arrivalGenerators[s].exponential(mean: 1 / (rate * majorant)))).microseconds
            } else if case .profile(let interval, let rates) = model.streams[s].arrivals {
                guard let at = model.nextProfileArrival(after: from, interval: interval, rates: rates,
                                                        unitExponential: arrivalGenerators[s].exponential(mean: 1) / majorant) else { return }
                next = at
            } else {
                return
            }
            guard next <= model.drainEnd.microseconds else { return }
            from = next
        } while !keepsArrival(of: s, at: next)
        scheduleArrival(of: s, at: SimTime(microseconds: next))
    }

    /// Schedules stream `s`'s next first-contact arrival: beside the calendar when there are few streams.
    mutating func scheduleArrival(of s: Int, at time: SimTime) {
        guard arrivals.besideCalendar else {
            return calendar.schedule(.arrival(stream: s, contact: nil), at: time)
        }
        assert(arrivals.next[s] == .never, "stream \(s) already has an arrival pending")
        let key = calendar.reserveKey(at: time, priority: EventKind.arrival.rawValue)
        arrivals.next[s] = key
        if key < arrivals.earliest {
            arrivals.earliest = key
            arrivals.earliestStream = s
        }
    }

    /// Takes the earliest pending arrival kept beside the calendar, as the calendar would have given
    /// it, and returns its stream.
    ///
    /// - Complexity: O(streams).
    mutating func takeEarliestArrival() -> Int {
        let s = arrivals.earliestStream
        arrivals.next[s] = .never
        arrivals.earliest = .never
        arrivals.earliestStream = -1
        for other in arrivals.next.indices where arrivals.next[other] < arrivals.earliest {
            arrivals.earliest = arrivals.next[other]
            arrivals.earliestStream = other
        }
        return s
    }
}
