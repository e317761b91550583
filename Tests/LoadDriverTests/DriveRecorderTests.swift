// SPDX-License-Identifier: GPL-3.0-or-later

import ParleyTime
import Testing
@testable import LoadDriver

/// The driver's checks on what the event streams show, on offers made up to break them or not.
@Suite struct DriveRecorderTests {
    /// A recorder with chats `c1`… created in `queues` (language nil, live chat unless said).
    static func recorder(_ chats: [(id: String, queue: String, language: String?)]) async -> DriveRecorder {
        let recorder = DriveRecorder(singleAgentQueues: ["sales": true, "support": true])
        for chat in chats {
            await recorder.chatStarted(chat.id, intended: .now, work: .seconds(60), queue: chat.queue, language: chat.language)
        }
        return recorder
    }

    @Test func offersInQueueEntryOrderKeepFIFO() async {
        let recorder = await Self.recorder([("c1", "sales", nil), ("c2", "sales", nil), ("c3", "sales", nil), ("c4", "support", nil)])
        await recorder.offerStarted("c4", agent: "desk-2", at: 50, queue: "support")
        await recorder.offerStarted("c1", agent: "desk-1", at: 100, queue: "sales")
        await recorder.offerStarted("c2", agent: "desk-2", at: 100, queue: "sales")   // the same decision: a tie is in order
        await recorder.offerStarted("c3", agent: "desk-1", at: 300, queue: "sales")
        await recorder.offerEnded("c1", agent: "desk-1", at: 350)                     // RONA
        await recorder.offerStarted("c1", agent: "desk-2", at: 400, queue: "sales")   // offered again: not a first offer
        // A finished chat's records are judged and dropped: the driver's memory does not grow with every chat.
        await recorder.chatFinished("c1", abandoned: false)
        await recorder.chatFinished("c4", abandoned: true)
        #expect(await recorder.openChats == 2)
        #expect(await recorder.chats.keys.sorted() == ["c2", "c3"])
        #expect(await recorder.offerSpans.keys.sorted() == ["c2", "c3"])
        #expect(await recorder.fifoEntries.count == 2)
        let result = await recorder.finish(wallSeconds: 1, simulatedSeconds: 1, speed: 1)
        #expect(result.chatsHandled == 1 && result.chatsAbandoned == 1)
        #expect(result.violationCount == 0)
        #expect(result.violations == [])
        #expect(result.fifoChecked == 4)
    }

    @Test func aChatOfferedBeforeOneThatEnteredEarlierBreaksFIFO() async {
        let recorder = await Self.recorder([("c1", "sales", nil), ("c2", "sales", nil), ("c3", "sales", "fr"),
                                            ("c4", "sales", nil), ("c5", "support", nil), ("c6", "sales", nil)])
        await recorder.offerStarted("c2", agent: "desk-1", at: 100, queue: "sales")
        await recorder.offerStarted("c3", agent: "desk-3", at: 150, queue: "sales")  // French: other agents, not compared
        await recorder.offerStarted("c1", agent: "desk-2", at: 200, queue: "sales")  // c2 passed it
        await recorder.offerStarted("c4", agent: "desk-2", at: 250, queue: "sales")
        await recorder.offerStarted("c5", agent: "desk-4", at: 10, queue: "sales")   // moved from support: not compared
        await recorder.offerStarted("c6", agent: "desk-1", at: 240, queue: "sales")  // c4 entered before it, offered after
        let result = await recorder.finish(wallSeconds: 1, simulatedSeconds: 1, speed: 1)
        #expect(result.violationCount == 2)
        #expect(result.violations == [
            "FIFO broken in queue sales: c2 offered at 100 µs before c1, which entered the queue first (offered at 200 µs)",
            "FIFO broken in queue sales: c6 offered at 240 µs before c4, which entered the queue first (offered at 250 µs)",
        ])
        #expect(result.fifoChecked == 5)
        #expect(result.value(of: .invariantViolations) == 2)
    }

    /// A long drive's FIFO check runs in batches and keeps no entry per chat: the same verdicts,
    /// with a bounded number of entries held.
    @Test func theFIFOCheckRunsInBatchesWithBoundedMemory() async {
        let count = 400
        let recorder = await Self.recorder((1...count).map { ("c\($0)", "sales", nil) })
        await recorder.setFIFOBatch(8, lag: 4)
        var held = 0
        for n in 1...count {
            // c100 and c300 are offered after the chat that entered next; every other chat in order.
            let at = Int64(n * 10) + (n == 100 || n == 300 ? 15 : 0)
            await recorder.offerStarted("c\(n)", agent: "desk-1", at: at, queue: "sales")
            await recorder.chatFinished("c\(n)", abandoned: false)
            held = max(held, await recorder.fifoEntries.count)
        }
        #expect(held <= 13)   // at most the lag plus a batch, and the entry that starts a check
        #expect(await recorder.fifoCheckedBelow > 300)
        let result = await recorder.finish(wallSeconds: 1, simulatedSeconds: 1, speed: 1)
        #expect(result.fifoChecked == count)
        #expect(result.violations == [
            "FIFO broken in queue sales: c101 offered at 1010 µs before c100, which entered the queue first (offered at 1015 µs)",
            "FIFO broken in queue sales: c301 offered at 3010 µs before c300, which entered the queue first (offered at 3015 µs)",
        ])
        // A chat that comes back below what was already checked is left out, not compared out of order.
        let late = await Self.recorder([("c2", "sales", nil)])
        await late.setFIFOBatch(8, lag: 0)
        await late.chatStarted("c50", intended: .now, work: .seconds(60), queue: "sales", language: nil)
        await late.offerStarted("c50", agent: "desk-1", at: 500, queue: "sales")
        await late.chatFinished("c50", abandoned: false)
        await late.checkFIFO(below: 51)
        await late.offerStarted("c2", agent: "desk-1", at: 10, queue: "sales")
        await late.chatFinished("c2", abandoned: false)
        let lateResult = await late.finish(wallSeconds: 1, simulatedSeconds: 1, speed: 1)
        #expect(lateResult.fifoChecked == 1)
        #expect(lateResult.violations == [])
    }

    @Test func theServiceClockIsTakenFromTheShortestRoundTrip() throws {
        let t = ContinuousClock.now
        let probes = [
            ServerClock.Probe(sent: t, answered: t + .milliseconds(10), engineMicros: 1_000_000),
            ServerClock.Probe(sent: t + .milliseconds(20), answered: t + .milliseconds(22), engineMicros: 1_021_500),
            ServerClock.Probe(sent: t + .milliseconds(30), answered: t + .milliseconds(35), engineMicros: 1_032_000),
        ]
        let clock = try #require(ServerClock(probes: probes))
        #expect(clock.uncertaintyMicros == 1_000)
        // The second probe: engine time 1,021,500 µs at the driver's t + 21 ms.
        #expect(clock.origin == t + .milliseconds(21) - .microseconds(1_021_500))
        #expect(clock.instant(ofEngineTime: 1_021_500) == t + .milliseconds(21))
        #expect(ServerClock(probes: []) == nil)
    }
}
