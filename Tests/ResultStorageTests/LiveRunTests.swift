// SPDX-License-Identifier: GPL-3.0-or-later

import Testing
@testable import ResultStorage

/// Live runs (schema versions 8 and 9): stored whole and read back; the schema refuses inconsistent rows.
@Suite struct LiveRunTests {
    static let drive = {
        var record = plainDrive
        record.predictions = [
            LiveRunRecord.PredictionRow(metric: "service_level", replications: 30, windowStart: 600, windowEnd: 4200,
                                        observed: 0.74, mean: 0.745, halfWidth95: 0.041, low: 0.34, high: 1.15),
            LiveRunRecord.PredictionRow(metric: "asa_s", replications: 30, windowStart: 600, windowEnd: 4200,
                                        observed: 12, mean: 14, halfWidth95: 1.5, low: 2, high: 26),
            LiveRunRecord.PredictionRow(metric: "abandon_rate", replications: 30, windowStart: 600, windowEnd: 4200,
                                        observed: nil, mean: 0.1, halfWidth95: 0.01, low: 0.02, high: 0.18),
        ]
        record.throughput = [
            LiveRunRecord.ThroughputRow(second: 0, created: 3, offered: 2, accepted: 1, requests: 9, errors: 1,
                                        createToOfferP50: 800, createToOfferP99: 1900),
            LiveRunRecord.ThroughputRow(second: 1, created: 0, offered: 0, accepted: 0, requests: 0, errors: 0,
                                        createToOfferP50: nil, createToOfferP99: nil),
        ]
        return record
    }()

    static let plainDrive = LiveRunRecord(
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
        #expect(read[1].predictions.map(\.metric) == ["service_level", "asa_s", "abandon_rate"])
        #expect(read[1].throughput.count == 2)
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
        var badInterval = Self.drive
        badInterval.predictions[0].high = 0.1   // below its low end
        #expect(throws: DatabaseError.self) { _ = try store.recordLiveRun(badInterval) }
        var badSecond = Self.drive
        badSecond.throughput[0].errors = 10   // more errors than requests
        #expect(throws: DatabaseError.self) { _ = try store.recordLiveRun(badSecond) }
        #expect(try store.liveRuns().isEmpty)
    }
}
