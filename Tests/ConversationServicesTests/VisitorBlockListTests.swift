// SPDX-License-Identifier: GPL-3.0-or-later

import ParleyTime
import RoutingCore
import Testing
@testable import ConversationServices

/// Blocking anonymous live-chat visitors by visitor id and IP, or by visitor id alone (SPEC §2.3, seeds 000, 002).
@Suite struct VisitorBlockListTests {
    let troll = ContactID(1), neighbour = ContactID(2), stranger = ContactID(3)
    let proxy = IPAddress("203.0.113.7"), home = IPAddress(v4: 0xC633_6401)    // 198.51.100.1

    func t(_ seconds: Double) -> SimTime { .zero + .seconds(seconds) }

    @Test func blockingByVisitorAndIPStopsBothAndWarnsAboutASharedAddress() throws {
        var list = VisitorBlockList()
        list.recordVisit(troll, ip: proxy)
        list.recordVisit(neighbour, ip: proxy)
        list.recordVisit(neighbour, ip: proxy)                        // counted once
        #expect(list.otherVisitors(at: proxy, besides: troll) == 1)
        let receipt = try list.block(troll, ip: proxy, channel: .liveChat, at: t(10))
        #expect(receipt.otherVisitorsOnIP == 1 && receipt.block.until == .never)
        #expect(list.isBlocked(visitor: troll, ip: home, at: t(11)))         // the visitor from anywhere
        #expect(list.isBlocked(visitor: neighbour, ip: proxy, at: t(11)))    // anyone from the address
        #expect(list.isBlocked(visitor: stranger, ip: proxy, at: t(11)))
        #expect(!list.isBlocked(visitor: neighbour, ip: home, at: t(11)))
    }

    @Test func blockingByVisitorIdAloneSparesTheProxy() throws {
        var list = VisitorBlockList()
        list.recordVisit(troll, ip: proxy)
        list.recordVisit(neighbour, ip: proxy)
        let receipt = try list.block(troll, ip: nil, channel: .liveChat, at: t(10))
        #expect(receipt.otherVisitorsOnIP == 0 && receipt.block.ip == nil)
        #expect(list.isBlocked(visitor: troll, ip: proxy, at: t(11)))
        #expect(!list.isBlocked(visitor: neighbour, ip: proxy, at: t(11)))
    }

    @Test func aBlockMayExpire() throws {
        var list = VisitorBlockList()
        _ = try list.block(troll, ip: proxy, channel: .liveChat, until: t(3600), at: t(0))
        #expect(list.isBlocked(visitor: stranger, ip: proxy, at: t(3599)))
        #expect(!list.isBlocked(visitor: troll, ip: proxy, at: t(3600)))
        #expect(list.block(of: troll, at: t(3600)) == nil)
        #expect(list.storedBlockCount == 1)
        list.removeExpired(at: t(3600))
        #expect(list.storedBlockCount == 0)
    }

    @Test func aNewBlockReplacesTheVisitorsPreviousOne() throws {
        var list = VisitorBlockList()
        _ = try list.block(troll, ip: proxy, channel: .liveChat, until: t(60), at: t(0))
        _ = try list.block(troll, ip: home, channel: .liveChat, at: t(1))
        #expect(!list.isBlocked(visitor: stranger, ip: proxy, at: t(2)))
        #expect(list.isBlocked(visitor: stranger, ip: home, at: t(100)))
    }

    @Test func unblockingLiftsTheVisitorAndItsAddress() throws {
        var list = VisitorBlockList()
        _ = try list.block(troll, ip: proxy, channel: .liveChat, at: t(0))
        try list.unblock(troll, at: t(5))
        #expect(!list.isBlocked(visitor: troll, ip: proxy, at: t(6)))
        #expect(throws: BlockingError.notBlocked(troll)) { try list.unblock(troll, at: t(7)) }
    }

    @Test func onlyLiveChatVisitorsCanBeBlockedAndRefusalsChangeNothing() throws {
        var list = VisitorBlockList()
        list.recordVisit(troll, ip: proxy)
        let before = list
        for channel in [Channel.whatsapp, .facebook, .sms, .internal] {
            #expect(throws: BlockingError.notLiveChat(channel)) {
                try list.block(troll, ip: proxy, channel: channel, at: t(0))
            }
        }
        #expect(throws: BlockingError.expiryNotInFuture(until: t(5), now: t(5))) {
            try list.block(troll, ip: proxy, channel: .liveChat, until: t(5), at: t(5))
        }
        #expect(list == before)
        #expect(!list.isBlocked(visitor: troll, ip: proxy, at: t(1)))
    }

    @Test func forgettingAVisitorsVisits() {
        var list = VisitorBlockList()
        list.recordVisit(troll, ip: proxy)
        list.recordVisit(neighbour, ip: proxy)
        list.forgetVisits(of: neighbour)
        #expect(list.otherVisitors(at: proxy, besides: troll) == 0)
    }

    @Test func addressesCompareAsTrimmedLowercaseText() {
        #expect(IPAddress(" 2001:DB8::1 ") == IPAddress("2001:db8::1"))
        #expect(IPAddress(v4: 0x0A00_0001).text == "10.0.0.1")
    }
}
