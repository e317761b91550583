// SPDX-License-Identifier: GPL-3.0-or-later

import Histogram
import ParleyTime
import Testing
@testable import LoadDriver

/// The driver's checks on what the event streams show, on offers made up to break them or not.
@Suite struct DriveRecorderTests {
    /// A recorder with chats `c1`… created in `queues` (language nil, live chat unless said).
    static func recorder(_ chats: [(id: String, queue: String, language: String?)]) async -> DriveRecorder {
        let recorder = DriveRecorder(singleAgentQueues: ["sales": true, "support": true])
        await recorder.setSettleGrace(.zero)
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
        #expect(await recorder.fifo.entries.count == 2)
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

    /// The agents' streams are read apart: an agent busy with an earlier event may report a chat's
    /// first offer, and its RONA, after the next agent reported its own offer and after the chat
    /// finished. Judged once the grace has passed, that is neither FIFO broken nor an offer to two
    /// agents at once; judged at once (no grace) it looked like FIFO broken. An offer that really
    /// overlapped another is caught either way.
    @Test(arguments: [(Duration.seconds(2), false), (.zero, true)])
    func offersReportedLateByASlowStreamAreJudgedAfterTheGrace(grace: Duration, fifoLooksBroken: Bool) async {
        let recorder = DriveRecorder(singleAgentQueues: ["sales": true])
        await recorder.setSettleGrace(grace)
        for id in ["c1", "c2", "c3"] {
            await recorder.chatStarted(id, intended: .now, work: .seconds(60), queue: "sales", language: nil)
        }
        let t0 = ContinuousClock.now
        // c1 was offered to desk-1 at 100 µs, RONA at 1,100, then to desk-2; desk-1's stream lags.
        await recorder.offerStarted("c2", agent: "desk-3", at: 200, queue: "sales")
        await recorder.offerStarted("c1", agent: "desk-2", at: 1_100, queue: "sales")
        await recorder.chatFinished("c1", abandoned: false, at: t0)
        await recorder.chatFinished("c2", abandoned: false, at: t0 + .milliseconds(10))
        #expect(await recorder.unsettled == (fifoLooksBroken ? 0 : 2))
        await recorder.offerStarted("c1", agent: "desk-1", at: 100, queue: "sales")
        await recorder.offerEnded("c1", agent: "desk-1", at: 1_100)
        // c3 is offered to desk-2 while desk-1's offer is still open: a real violation.
        await recorder.offerStarted("c3", agent: "desk-1", at: 2_000, queue: "sales")
        await recorder.offerStarted("c3", agent: "desk-2", at: 2_500, queue: "sales")
        await recorder.offerEnded("c3", agent: "desk-1", at: 3_000)
        await recorder.chatFinished("c3", abandoned: false, at: t0 + .seconds(3))
        #expect(await recorder.unsettled == (fifoLooksBroken ? 0 : 1))   // c1 and c2 judged: finished over 2 s before
        let result = await recorder.finish(wallSeconds: 1, simulatedSeconds: 1, speed: 1)
        let overlap = "c3 offered to desk-1 and desk-2 at once under a single-agent strategy"
        let fifo = "FIFO broken in queue sales: c2 offered at 200 µs before c1, which entered the queue first (offered at 1100 µs)"
        #expect(result.violations == (fifoLooksBroken ? [overlap, fifo] : [overlap]))
        #expect(result.fifoChecked == 3)
    }

    /// A short chat on a busy driver can be accepted, worked and handled before its customer's
    /// create request returns: its finish is kept and counted once the create's records are in, so
    /// the chat is not left open (the drive would wait for it to its drain limit).
    @Test func aChatHandledBeforeItsCreateReturnedIsFinishedOnceItReturns() async {
        let recorder = DriveRecorder(singleAgentQueues: ["sales": true])
        await recorder.setSettleGrace(.zero)
        await recorder.offerReceived("c1", at: .now)
        await recorder.chatAccepted("c1", at: .now)
        await recorder.chatFinished("c1", abandoned: false)
        #expect(await recorder.openChats == 0)
        await recorder.chatStarted("c1", intended: .now, work: .seconds(60), queue: "sales")
        #expect(await recorder.openChats == 1)
        await recorder.finishIfEarly("c1")
        await recorder.finishIfEarly("c1")
        #expect(await recorder.openChats == 0)
        #expect(await recorder.early.isEmpty)
        #expect(await recorder.chats.isEmpty)
        let result = await recorder.finish(wallSeconds: 1, simulatedSeconds: 1, speed: 1)
        #expect(result.chatsStarted == 1 && result.chatsAccepted == 1 && result.chatsHandled == 1)
    }

    /// A chat accepted and replied to before its customer's create request returned: its first
    /// reply is timed once the create returns (it was dropped), and until then the chat counts as
    /// awaiting its create, so its agent waits for its planned work.
    @Test func aFirstReplyAnsweredBeforeTheCreateReturnedIsTimedOnceItReturns() async {
        let recorder = DriveRecorder(singleAgentQueues: ["sales": true])
        let intended = ContinuousClock.now
        #expect(await !recorder.awaitsCreate("c1"))
        await recorder.chatAccepted("c1", at: intended + .milliseconds(2))
        #expect(await recorder.awaitsCreate("c1"))
        await recorder.firstReply("c1", at: intended + .milliseconds(5))
        await recorder.firstReply("c1", at: intended + .milliseconds(9))
        await recorder.chatStarted("c1", intended: intended, work: .seconds(60), queue: "sales")
        #expect(await !recorder.awaitsCreate("c1"))
        #expect(await recorder.early.isEmpty)
        #expect(await recorder.work(of: "c1") == .seconds(60))
        // A reply for a chat neither started nor accepted (one already finished and dropped) is not kept.
        await recorder.firstReply("c9", at: .now)
        #expect(await recorder.early.isEmpty)
        let result = await recorder.finish(wallSeconds: 1, simulatedSeconds: 1, speed: 1)
        let replies = result.latencies["create_to_first_reply"]
        #expect(replies?.totalCount == 1)
        #expect(replies.map { $0.max >= 4_900 && $0.max <= 5_100 } == true, "timed from the intended start to the first answer")
    }

    /// A long drive's FIFO check runs in batches and keeps no entry per chat: the same verdicts,
    /// with a bounded number of entries held.
    @Test func theFIFOCheckRunsInBatchesWithBoundedMemory() async {
        let count = 400
        let recorder = await Self.recorder((1...count).map { ("c\($0)", "sales", nil) })
        await recorder.setFIFOBatch(8, lag: 4)
        // Its storage is sized for the lag and a batch from the start and reused, not grown step by step.
        let capacity = await recorder.fifo.entries.capacity
        #expect(capacity >= 13)
        var held = 0
        var capacities: Set<Int> = []
        for n in 1...count {
            // c100 and c300 are offered after the chat that entered next; every other chat in order.
            let at = Int64(n * 10) + (n == 100 || n == 300 ? 15 : 0)
            await recorder.offerStarted("c\(n)", agent: "desk-1", at: at, queue: "sales")
            await recorder.chatFinished("c\(n)", abandoned: false)
            held = max(held, await recorder.fifo.entries.count)
            capacities.insert(await recorder.fifo.entries.capacity)
        }
        #expect(held <= 13)   // at most the lag plus a batch, and the entry that starts a check
        #expect(capacities == [capacity])
        #expect(await recorder.fifo.checkedBelow > 300)
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

    /// The throughput series keeps a `create_to_offer` histogram only for its last seconds: older
    /// ones are reduced to their p50 and p99 (the same figures as a histogram of each second's
    /// values kept to the end), so a long drive holds two figures a second, not a histogram.
    @Test func theSeriesReducesOldSecondsToTheirPercentiles() async {
        let recorder = DriveRecorder(singleAgentQueues: [:])
        let origin = ContinuousClock.now
        await recorder.begin(at: origin)
        let seconds = 200
        var expected: [Histogram<UInt64>] = []
        var open = 0
        var opened: Set<Int> = [await recorder.held()["open_seconds"]!]
        for second in 0..<seconds {
            var histogram = DriveResult.histogram(upTo: 60_000_000, digits: .two)
            for n in 0..<(5 + second % 7) {
                let id = "c\(second * 100 + n)"
                let intended = origin + .seconds(second) + .milliseconds(n * 3)
                let latency = Int64(200 + (second * 37 + n * 911) % 9_000 + (n == 4 ? 40_000 * (second % 3) : 0))
                await recorder.chatStarted(id, intended: intended, work: .seconds(60), queue: "sales")
                await recorder.offerReceived(id, at: intended + .microseconds(latency))
                _ = histogram.record(UInt64(latency))
            }
            expected.append(histogram)
            open = max(open, await recorder.held()["open_seconds"]!)
            opened.insert(await recorder.held()["open_seconds"]!)
        }
        #expect(open <= 62)   // the 60 seconds of grace, the latest, and one being reduced
        #expect(opened == [62])   // all made at the start, then reused: the first minute does not grow them
        #expect(await recorder.offerSeries.sealedBelow == seconds - 1 - 60)
        // An offer recorded after its second was reduced: counted among its offers, not in its percentiles.
        await recorder.chatStarted("late", intended: origin + .seconds(10), work: .seconds(60), queue: "sales")
        await recorder.offerReceived("late", at: origin + .seconds(60))
        #expect(await recorder.offerSeries.late == 1)
        let result = await recorder.finish(wallSeconds: Double(seconds), simulatedSeconds: Double(seconds), speed: 1)
        #expect(result.series.count == seconds)
        for (second, histogram) in expected.enumerated() {
            let bucket = result.series[second]
            #expect(bucket.createToOfferP50 == histogram.valueAtPercentile(50), "second \(second)")
            #expect(bucket.createToOfferP99 == histogram.valueAtPercentile(99), "second \(second)")
            #expect(bucket.offered == Int(histogram.totalCount) + (second == 60 ? 1 : 0))
        }
        #expect(result.latencies["create_to_offer"]?.totalCount == UInt64(expected.reduce(0) { $0 + $1.totalCount } + 1))
    }

    /// A customer's patience timer is cancelled once an agent accepts its chat (a timer of a chat
    /// accepted already is cancelled at once): no task sleeps on for a customer who no longer waits.
    @Test(.timeLimit(.minutes(1))) func aPatienceTimerIsCancelledWhenTheChatIsAccepted() async {
        let recorder = await Self.recorder([("c1", "sales", nil), ("c2", "sales", nil)])
        let timer = Task<Void, Never> { try? await Task.sleep(for: .seconds(3600)) }
        await recorder.watchPatience("c1", timer)
        await recorder.chatAccepted("c1", at: .now)
        await timer.value   // an hour unless cancelled
        #expect(timer.isCancelled)
        let late = Task<Void, Never> { try? await Task.sleep(for: .seconds(3600)) }
        await recorder.watchPatience("c1", late)
        await late.value
        #expect(late.isCancelled)
        // A timer that woke is not cancelled by the accept that follows: its end request runs to its answer.
        let woken = Task<Void, Never> { try? await Task.sleep(for: .seconds(3600)) }
        await recorder.watchPatience("c2", woken)
        #expect(await recorder.patienceRanOut("c2"))
        await recorder.chatAccepted("c2", at: .now)
        #expect(!woken.isCancelled)
        woken.cancel()
        #expect(await recorder.held()["chats"] == 2)
    }

    /// An agent's status changes are counted by status; only the first ones of each agent are listed.
    @Test func statusChangesAreCountedAndTheFirstOnesListed() async {
        let recorder = DriveRecorder(singleAgentQueues: [:], speed: 10)
        let origin = ContinuousClock.now
        await recorder.begin(at: origin)
        for n in 0..<250 {
            await recorder.statusSeen(agent: "desk-1", status: n % 2 == 0 ? "rona" : "available", at: origin + .seconds(n))
        }
        await recorder.statusSeen(agent: "desk-2", status: "away", at: origin + .seconds(3))
        let result = await recorder.finish(wallSeconds: 250, simulatedSeconds: 2500, speed: 10)
        #expect(result.statusCounts == ["rona": 125, "available": 125, "away": 1])
        #expect(result.statusChanges["desk-1"]?.count == DriveResult.statusChangesKept)
        #expect(result.statusChanges["desk-1"]?[99] == DriveResult.StatusChange(status: "available", simulatedSeconds: 990))
        #expect(result.statusChanges["desk-2"] == [DriveResult.StatusChange(status: "away", simulatedSeconds: 30)])
        #expect(result.counts.filter { $0.0.hasPrefix("status_") }.map { "\($0.0)=\($0.1)" }
                == ["status_available=125", "status_away=1", "status_rona=125"])
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
