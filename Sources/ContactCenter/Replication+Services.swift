// SPDX-License-Identifier: GPL-3.0-or-later

import ConversationServices
import ParleyTime
import RoutingCore
import Statistics

/// The conversation services in the event loop: business hours, automatic messages, the
/// chatbot, PCI screening, attachment checks and blocked visitors (SPEC §2.3, §2.5–§2.7, §3).
///
/// Counting follows SPEC §4: outcomes (`rejected`, `bot_resolved`, `missed_contacts`, offline
/// forms) count chats arriving in the window during business hours, like every service metric;
/// chats arriving in the window out of hours count only as `out_of_hours`. Messages
/// (`auto_replies`, `pci_redacted`, `pci_dropped`, `attachments_refused`, `tickets`) count
/// for every chat arriving in the window, in hours or not: an out-of-hours reply is sent
/// precisely to such chats.
extension Replication {
    /// Draws what the services need to know about a new chat, each from its own sub-stream of
    /// the chat's customer stream, and screens what the customer sends: a message with a card
    /// number by the queue's PCI policy, a file by its attachment rules.
    ///
    /// The card number exists only in this function's memory: only the screening's count leaves it.
    mutating func drawServices(_ intake: inout Intake) {
        let s = intake.stream
        guard model.services.drawsAtArrival[s] else { return }
        let compiled = model.services.streams[s]
        let queue = model.services.queues[model.streams[s].queue]
        if let stream = services.botStreams[s], let botTime = compiled.botTime {
            let resolves = stream.uniform() < compiled.botDeflection
            let talk = SimDuration(seconds: botTime.sample(stream))
            let stay = compiled.botPatience.map { SimDuration(seconds: $0.sample(stream)) } ?? .forever
            intake.bot = stay < talk ? .leaves : resolves ? .resolves : .handsOver
            intake.botDelay = min(stay, talk)
        }
        if let stream = services.cardStreams[s], stream.uniform() < compiled.cardNumberProbability {
            let screening = queue.pci.screen(message: TestCardNumbers.sampleMessage { stream.uniform() })
            if intake.inWindow {
                switch screening {
                case .clean: break
                case .redacted: tallies[s].pciRedacted += 1
                case .dropped: tallies[s].pciDropped += 1
                }
            }
        }
        if let stream = services.attachmentStreams[s], stream.uniform() < compiled.attachmentProbability {
            let name = pick(compiled.attachmentNames, shares: compiled.attachmentShares, stream)
            let megabytes = compiled.attachmentSizeMB?.sample(stream) ?? 0
            let bytes = Int(min(max(megabytes, 0) * 1_048_576, 9e18).rounded())
            do { _ = try queue.attachments.check(fileName: name, sizeBytes: bytes) } catch {
                if intake.inWindow { tallies[s].attachmentsRefused += 1 }
            }
        }
        if let stream = services.abuseStreams[s], stream.uniform() < compiled.abusiveProbability {
            intake.abusive = true
            intake.retryAfter = SimDuration(seconds: compiled.retryAfter.sample(stream))
        }
    }

    // MARK: - Business hours

    /// A chat written while its queue is closed; returns whether it goes on to the bot or the queue.
    ///
    /// A live-chat visitor gets the offline form when the queue has one (the message is kept;
    /// nothing is lost), otherwise it waits. SMS and WhatsApp chats wait and get the
    /// `out_of_hours` reply at most once per contact per local day (SPEC §2.3, §2.5).
    mutating func continuesOutOfHours(_ intake: Intake) -> Bool {
        let s = intake.stream
        let queue = model.streams[s].queue
        let channel = model.streams[s].channel
        if channel == .liveChat && model.services.queues[queue].offlineForm {
            if intake.inWindow { sendAutoReply(.offlineForm, stream: s, queue: queue) }
            if let contact = intake.contact { releaseContact(contact) }
            return false
        }
        // A customer who never writes again has no contact id; any id of its own serves the daily rule.
        let contact = intake.contact ?? ContactID(-1 - (simulatedChats & 0x3FFF_FFFF))
        let reply = services.replyServices[queue].outOfHoursReply(to: contact, on: channel,
                                                                  customer: model.services.streams[s].customerName, at: now)
        if reply != nil && intake.inWindow {
            tallies[s].autoReplies += 1
            tallies[s].autoRepliesByTrigger.outOfHours += 1
        }
        return true
    }

    /// Whether a first-contact arrival at `time` is kept (the thinning of ``scheduleNextArrival(of:after:)``).
    mutating func keepsArrival(of s: Int, at time: Int64) -> Bool {
        guard model.services.hasHolidays else { return true }
        let compiled = model.services.streams[s]
        let factor = model.services.isHoliday(queue: model.streams[s].queue, at: SimTime(microseconds: time)) ? compiled.holidayFactor : 1
        if factor >= compiled.arrivalMajorant { return true }
        if factor == 0 { return false }
        guard let stream = services.holidayStreams[s] else { preconditionFailure("thinning without a holiday stream") }
        return stream.uniform() * compiled.arrivalMajorant < factor
    }

    // MARK: - Chatbot

    /// The customer talks to the chatbot first; what happens after its bot time was drawn at arrival.
    mutating func enterBot(_ intake: Intake) {
        if intake.measured { measuredOpen += 1 }
        let slot = services.parkInBot(intake)
        calendar.schedule(.botEnds(botSlot: slot), at: now + intake.botDelay)
    }

    /// The chat's time in the bot is over: the customer left (a missed contact, with a ticket when
    /// the queue creates them), the bot resolved it, or it hands the chat to the queue.
    mutating func botEnds(slot: Int) {
        let intake = services.leaveBot(slot)
        let s = intake.stream
        let queue = model.streams[s].queue
        if intake.measured { measuredOpen -= 1 }
        switch intake.bot {
        case .leaves:
            if intake.measured { tallies[s].missedContacts += 1 }
            recordRow(of: intake, outcome: .missedContact)
            if intake.inWindow {
                sendAutoReply(.missedContact, stream: s, queue: queue)
                if model.services.queues[queue].replies.createsTicketForMissedContact { tallies[s].tickets += 1 }
            }
            giveUp(stream: s, contact: intake.contact, ticket: intake.retrial, measured: intake.measured)
        case .resolves:
            if intake.measured { tallies[s].botResolved += 1 }
            recordRow(of: intake, outcome: .botResolved)
            if let contact = intake.contact { releaseContact(contact) }
        case .handsOver:
            // The chat goes to the queue with the bot's transcript: its agent need not ask again what
            // the bot learnt, which saves the stream's `transcript_saves` of the work (SPEC §3.3).
            var handed = intake
            if intake.measured { tallies[s].botHandovers += 1 }
            if let stream = services.transcriptStreams[s], let saves = model.services.streams[s].transcriptSaves {
                handed.work = max(0, handed.work - saves.sample(stream) * 1e6)
            }
            enterQueue(handed)
        case .none:
            enterQueue(intake)
        }
    }

    // MARK: - Blocked visitors

    /// Whether the visitor `contact` is blocked now.
    func isBlocked(_ contact: ContactID) -> Bool {
        services.blockList.isBlocked(visitor: contact, ip: nil, at: now)
    }

    /// A blocked visitor's chat is rejected at intake; the visitor gives up, and its id is free again.
    mutating func reject(stream s: Int, contact: ContactID, inWindow: Bool, open: Bool) {
        var intake = Intake(stream: s, arrival: now, inWindow: inWindow, measured: inWindow && open)
        intake.number = simulatedChats - 1
        recordRow(of: intake, outcome: .rejected)
        if inWindow && !open { tallies[s].outOfHours += 1 }
        if inWindow && open {
            tallies[s].arrivals += 1
            tallies[s].rejected += 1
        }
        releaseContact(contact)
    }

    /// The owner blocks an abusive live-chat visitor when its chat ends; the visitor tries again
    /// later and is rejected then. Returns whether the chat's visitor was blocked.
    ///
    /// Synthetic visitors have no meaningful IP address, so the block is by visitor id alone
    /// (the variant SPEC §2.3 offers for visitors behind a shared proxy).
    mutating func blockAbusiveVisitor(_ c: Int) -> Bool {
        guard chats[c].abusive, let contact = chats[c].contact else { return false }
        do { _ = try services.blockList.block(contact, ip: nil, channel: .liveChat, at: now) } catch {
            preconditionFailure("blocking a live-chat visitor was refused: \(error)")
        }
        let at = now + chats[c].retryAfter
        guard at <= model.drainEnd else {
            releaseContact(contact)
            return true
        }
        calendar.schedule(.arrival(stream: Int(chats[c].stream), contact: contact), at: at)
        return true
    }

    /// Forgets a released contact's block and out-of-hours record, so its id can serve another customer.
    mutating func forgetServices(of id: ContactID) {
        if model.services.blocksVisitors { _ = try? services.blockList.unblock(id, at: now) }
        if model.services.remembersOutOfHours {
            for q in services.replyServices.indices { services.replyServices[q].forget(id) }
        }
    }

    // MARK: - Automatic messages

    /// Sends the queue's message for `trigger` when it is switched on, and counts it for stream `s`.
    @inline(__always)
    mutating func sendAutoReply(_ trigger: AutoReplyTrigger, stream s: Int, queue: Int, agent: Int = -1) {
        guard model.services.enabledTriggers[queue] & (1 << UInt64(trigger.position)) != 0 else { return }
        countAutoReply(trigger, stream: s, queue: queue, agent: agent)
    }

    /// Counts an enabled automatic message when it renders (a template needing an agent's name renders only with one).
    mutating func countAutoReply(_ trigger: AutoReplyTrigger, stream s: Int, queue: Int, agent: Int) {
        let message = try? model.services.queues[queue].replies.message(
            trigger, customer: model.services.streams[s].customerName, agent: agent >= 0 ? model.agents[agent].name : nil)
        if message != nil {
            tallies[s].autoReplies += 1
            tallies[s].autoRepliesByTrigger[trigger] += 1
        }
    }

    /// The messages that follow a chat's end: `session_ended` when the owner ended a live-chat
    /// session, `resolved` and `rating_request` when it marked the chat handled.
    mutating func sendClosingReplies(stream s: Int, queue: Int, agent a: Int, endsSession: Bool, handled: Bool) {
        if endsSession {
            sendAutoReply(.sessionEnded, stream: s, queue: queue, agent: a)
        } else if handled {
            sendAutoReply(.resolved, stream: s, queue: queue, agent: a)
            sendAutoReply(.ratingRequest, stream: s, queue: queue, agent: a)
        }
    }
}
