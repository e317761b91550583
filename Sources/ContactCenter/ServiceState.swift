// SPDX-License-Identifier: GPL-3.0-or-later

import ConversationServices
import Statistics

/// What one replication keeps for the conversation services: the out-of-hours ledgers, the
/// blocked visitors, the chats talking to a chatbot, and the services' random streams.
///
/// The streams are sub-streams of each customer stream (`customers/<id>/bot`, `…/card`,
/// `…/attachment`, `…/abuse`, `…/holiday`), made only for streams that use the feature, so a
/// scenario without these keys draws exactly as before (SPEC §1).
struct ServiceState {
    /// One per queue: its automatic messages with the out-of-hours rule's daily ledger.
    var replyServices: [AutoReplyService]
    /// Visitors blocked by an agent; their next chat is rejected at intake.
    var blockList = VisitorBlockList()
    /// The address book, which flags unknown WhatsApp senders (`unknown_contact_probability`).
    var contactDirectory = ContactDirectory()
    /// Per contact id: the visitor is behind its stream's shared proxy (streams with `shared_ip_probability`).
    var behindProxy: [Bool] = []
    /// Per stream with `shared_ip_probability`: the address of its shared proxy.
    let proxyAddresses: [IPAddress?]
    /// Chats in a chatbot, by slot; a free slot holds nil.
    var botChats: [Intake?] = []
    var freeBotSlots: [Int] = []

    var botStreams: [RandomStream?]
    var cardStreams: [RandomStream?]
    var attachmentStreams: [RandomStream?]
    var abuseStreams: [RandomStream?]
    var holidayStreams: [RandomStream?]
    /// Per stream with `shared_ip_probability`, its `customers/<id>/ip` stream (whether a visitor is behind the proxy).
    var ipStreams: [RandomStream?]
    /// Per stream with `unknown_contact_probability`, its `customers/<id>/unknown_contact` stream
    /// (whether a sender is unknown, and what its agent does then).
    var unknownContactStreams: [RandomStream?]
    /// Per stream whose bot transcript saves work, its `customers/<id>/transcript` stream.
    var transcriptStreams: [RandomStream?]
    /// Per queue with wrap-up reasons, its `queues/<id>/wrap_up_reason` stream (the reason each close is given).
    var wrapUpStreams: [RandomStream?]
    /// Per stream with `return.history_saves`, its `customers/<id>/history` stream (the work the history saves).
    var historyStreams: [RandomStream?]
    /// Per stream with `out_of_hours_ticket_probability`, its `customers/<id>/ticket` stream.
    var ticketStreams: [RandomStream?]
    /// Per stream with `return.delete_probability`, its `customers/<id>/delete` stream.
    var deleteStreams: [RandomStream?]
    /// Every conversation of each returning customer (streams with `return.history_saves`), and
    /// by contact index the record of its latest one, which is archived or unarchived.
    var contactHistory = ContactHistory()
    var lastConversations: [ConversationRecord?] = []

    init(model: CompiledScenario, replication: Int) {
        let services = model.services
        replyServices = zip(services.queues, services.schedules).map { AutoReplyService(replies: $0.replies, schedule: $1) }
        func streams(_ part: String, when used: (CompiledCustomerServices) -> Bool) -> [RandomStream?] {
            zip(model.streams, services.streams).map { stream, compiled in
                used(compiled) ? RandomStream(seed: model.scenario.seed, replication: replication,
                                              name: "customers/\(stream.name)/\(part)") : nil
            }
        }
        botStreams = streams("bot") { $0.hasBot }
        cardStreams = streams("card") { $0.cardNumberProbability > 0 }
        attachmentStreams = streams("attachment") { $0.attachmentProbability > 0 }
        abuseStreams = streams("abuse") { $0.abusiveProbability > 0 }
        wrapUpStreams = zip(model.queueNames, services.queues).map { name, queue in
            queue.wrapUpReasons.isEmpty ? nil
                : RandomStream(seed: model.scenario.seed, replication: replication, name: "queues/\(name)/wrap_up_reason")
        }
        transcriptStreams = streams("transcript") { $0.transcriptSaves != nil }
        historyStreams = streams("history") { $0.historySaves != nil }
        ticketStreams = streams("ticket") { $0.outOfHoursTicketProbability > 0 }
        deleteStreams = streams("delete") { $0.deleteProbability > 0 }
        ipStreams = streams("ip") { $0.blocksByIP }
        unknownContactStreams = streams("unknown_contact") { $0.unknownContactProbability > 0 }
        // 10.0.0.0/8 holds the proxies, one per stream; a visitor's own address is in 100.64.0.0/10 (see `address(of:)`).
        proxyAddresses = services.streams.indices.map { s in
            services.streams[s].blocksByIP ? IPAddress(v4: 0x0A00_0000 + UInt32(s)) : nil
        }
        holidayStreams = streams("holiday") { $0.arrivalMajorant > 1 || ($0.thinsOnHolidays && $0.holidayFactor > 0) }
    }

    /// Parks a chat in the chatbot and returns its slot.
    ///
    /// - Complexity: O(1) amortised.
    mutating func parkInBot(_ intake: Intake) -> Int {
        if let slot = freeBotSlots.popLast() {
            botChats[slot] = intake
            return slot
        }
        botChats.append(intake)
        return botChats.count - 1
    }

    /// Takes the chat of `slot` out of the chatbot.
    mutating func leaveBot(_ slot: Int) -> Intake {
        guard let intake = botChats[slot] else { preconditionFailure("bot slot \(slot) holds no chat") }
        botChats[slot] = nil
        freeBotSlots.append(slot)
        return intake
    }
}
