// SPDX-License-Identifier: GPL-3.0-or-later

import Testing
@testable import ResultStorage

/// Live runs (schema version 5): stored whole and read back; the schema refuses inconsistent rows.
@Suite struct LiveRunTests {
    static let drive = LiveRunRecord(
        kind: "drive", scenarioName: "quickstart", scenarioText: "name: quickstart\n", target: "http://127.0.0.1:8080",
        speed: 600, replication: 0, startedAt: "2026-12-06T06:00:00Z", endedAt: "2026-12-06T06:00:03Z", wallSeconds: 3.2,
        simulatedSeconds: 1800, parleyVersion: "test", counts: [("chats_started", 66), ("errors_409", 8)],
        latencies: [LiveRunRecord.Latency(name: "create_to_offer", count: 57, p50: 135, p90: 900, p99: 1200, p999: 1217,
                                          max: 1217, mean: 300.5)],
        thresholds: [LiveRunRecord.ThresholdOutcome(expression: "p99(create_to_offer)<1us", value: 1200, passed: false),
                     LiveRunRecord.ThresholdOutcome(expression: "invariant_violations==0", value: 0, passed: true)])

    @Test func aDriveAndASessionRoundTrip() throws {
        let file = TemporaryDatabase()
        let store = try ResultStore(path: file.path)
        let serve = LiveRunRecord(kind: "serve", scenarioName: "quickstart", scenarioText: "name: quickstart\n",
                                  startedAt: "2026-12-06T05:59:00Z", endedAt: "2026-12-06T06:01:00Z", wallSeconds: 120,
                                  parleyVersion: "test", counts: [("accepted", 57), ("created", 66)])
        _ = try store.recordLiveRun(serve)
        _ = try store.recordLiveRun(Self.drive)
        let read = try store.liveRuns()
        #expect(read.count == 2)
        #expect(read[0] == serve)
        #expect(read[1].counts.map(\.0) == ["chats_started", "errors_409"])
        #expect(read[1] == Self.drive)
    }

    @Test func aDriveWithoutItsTargetIsRefusedAndNothingIsStored() throws {
        let file = TemporaryDatabase()
        let store = try ResultStore(path: file.path)
        var broken = Self.drive
        broken.target = nil
        #expect(throws: DatabaseError.self) { _ = try store.recordLiveRun(broken) }
        var badLatency = Self.drive
        badLatency.latencies[0].p90 = 1   // below p50
        #expect(throws: DatabaseError.self) { _ = try store.recordLiveRun(badLatency) }
        #expect(try store.liveRuns().isEmpty)
    }
}
