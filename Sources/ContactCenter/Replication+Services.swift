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
        if channel == .liveChat && createsTicketOutOfHours(intake) { return false }
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
    ///
    /// `collateral`: the visitor is not blocked itself, but another visitor's block covers the
    /// shared proxy it writes from (counted apart, as `rejected_collateral`).
    mutating func reject(stream s: Int, contact: ContactID?, inWindow: Bool, open: Bool, collateral: Bool = false) {
        var intake = Intake(stream: s, arrival: now, inWindow: inWindow, measured: inWindow && open)
        intake.number = simulatedChats - 1
        recordRow(of: intake, outcome: collateral ? .rejectedCollateral : .rejected)
        if inWindow && !open { tallies[s].outOfHours += 1 }
        if inWindow && open {
            tallies[s].arrivals += 1
            if collateral { tallies[s].rejectedCollateral += 1 } else { tallies[s].rejected += 1 }
        }
        if let contact { releaseContact(contact) }
    }

    /// Whether a block covers stream `s`'s shared proxy address now.
    func isProxyBlocked(stream s: Int) -> Bool {
        guard let proxy = services.proxyAddresses[s] else { return false }
        // No visitor has a negative id, so only blocks by address can match.
        return services.blockList.isBlocked(visitor: ContactID(-1), ip: proxy, at: now)
    }

    /// Remembers whether the visitor with id `contact` writes from its stream's shared proxy.
    mutating func noteProxy(_ behindProxy: Bool, of contact: ContactID) {
        let i = Int(contact.index)
        if i >= services.behindProxy.count { services.behindProxy += Array(repeating: false, count: i + 1 - services.behindProxy.count) }
        services.behindProxy[i] = behindProxy
    }

    /// The address a blocked visitor of stream `s` writes from: its stream's proxy, or one of its own.
    func address(of contact: ContactID, stream s: Int) -> IPAddress? {
        guard let proxy = services.proxyAddresses[s] else { return nil }
        if services.behindProxy[Int(contact.index)] { return proxy }
        return IPAddress(v4: 0x6440_0000 + UInt32(truncatingIfNeeded: contact.index) & 0x003F_FFFF)
    }

    // MARK: - Unknown WhatsApp senders

    /// Whether a WhatsApp chat comes from a sender the address book does not know (SPEC §2.1): a
    /// first-time sender is unknown with the stream's probability; a returning one is flagged
    /// again unless an agent added it or replied to it.
    mutating func isUnknownSender(stream s: Int, contact: ContactID?, returning: ContactID?, _ stream: RandomStream) -> Bool {
        if let returning { return services.contactDirectory.receive(from: returning, on: .whatsapp) }
        let unknown = stream.uniform() < model.services.streams[s].unknownContactProbability
        if let contact {
            if unknown { _ = services.contactDirectory.receive(from: contact, on: .whatsapp) }
            else { services.contactDirectory.add(contact) }
        }
        return unknown
    }

    /// The agent opening a flagged chat adds its sender, replies, or ignores it, by the stream's
    /// shares (SPEC §3.3); returns false when it ignores the chat.
    mutating func decidesOnUnknownSender(_ c: Int) -> Bool {
        let s = Int(chats[c].stream)
        guard let stream = services.unknownContactStreams[s] else { return true }
        let action = pick(UnknownContactAction.allCases, shares: model.services.streams[s].unknownContactActions, stream)
        if let contact = chats[c].contact { try? services.contactDirectory.resolve(contact, with: action) }
        if chats[c].measured {
            tallies[s].unknownContacts += 1
            switch action {
            case .add: tallies[s].unknownContactsAdded += 1
            case .reply: tallies[s].unknownContactsReplied += 1
            case .ignore: break
            }
        }
        return action != .ignore
    }

    /// The owner blocks an abusive live-chat visitor when its chat ends; the visitor tries again
    /// later and is rejected then. Returns whether the chat's visitor was blocked.
    ///
    /// Without `shared_ip_probability` synthetic visitors have no IP address, so the block is by
    /// visitor id alone (the variant SPEC §2.3 offers for visitors behind a shared proxy); with it,
    /// the block is by visitor id and address. It lasts the stream's `block_expiry`, else for good.
    mutating func blockAbusiveVisitor(_ c: Int) -> Bool {
        guard chats[c].abusive, let contact = chats[c].contact else { return false }
        let s = Int(chats[c].stream)
        let expiry = model.services.streams[s].blockExpiry
        let until = expiry == .forever ? SimTime.never : now + expiry
        do { _ = try services.blockList.block(contact, ip: address(of: contact, stream: s), channel: .liveChat, until: until, at: now) } catch {
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
        if model.services.flagsUnknownContacts { services.contactDirectory.forget(id) }
        if model.services.blocksVisitors { forgetBlock(of: id) }
        if model.services.keepsHistory { forgetHistory(of: id) }
        if model.services.remembersOutOfHours {
            for q in services.replyServices.indices { services.replyServices[q].forget(id) }
        }
    }

    /// Lifts the block of a contact whose id is released. A block on a shared proxy address stays
    /// in force for the others behind the proxy: it moves to the stream's own placeholder id, which
    /// no visitor ever has (one per stream, so the blocks on a proxy stay few).
    mutating func forgetBlock(of id: ContactID) {
        guard let block = services.blockList.block(of: id, at: now) else { return }
        _ = try? services.blockList.unblock(id, at: now)
        guard let ip = block.ip, let s = services.proxyAddresses.firstIndex(of: ip) else { return }
        let holder = ContactID(-2 - s)
        if let held = services.blockList.block(of: holder, at: now), held.until >= block.until { return }
        _ = try? services.blockList.block(holder, ip: ip, channel: .liveChat, until: block.until, at: now)
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
