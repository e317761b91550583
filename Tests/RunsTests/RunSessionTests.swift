// SPDX-License-Identifier: GPL-3.0-or-later

import ContactCenter
import Foundation
import ResultStorage
import Scenarios
import Testing
@testable import Runs

/// A session compiles, runs and stores a scenario's replications without a terminal or an exit code.
@Suite struct RunSessionTests {
    static func quickstart(replications: Int = 3) throws -> Scenario {
        var scenario = try ScenarioLoader.load(contentsOf: PackageRoot.path("scenarios/examples/quickstart.yaml"),
                                               overrides: ["duration=1h", "warmup=0s"])
        scenario.replications = replications
        return scenario
    }

    static func options(_ database: String?, jobs: Int = 2) -> RunSession.Options {
        RunSession.Options(database: database, recordsChats: true, jobs: jobs, precisionTarget: nil, command: "run")
    }

    static func temporaryDatabase() -> String {
        FileManager.default.temporaryDirectory.appendingPathComponent("parley-runs-\(UUID().uuidString)/r.db").path
    }

    @Test func storesEveryReplicationAndItsSummaries() throws {
        let path = Self.temporaryDatabase()
        let session = RunSession(options: Self.options(path))
        let outcome = try session.execute([RunSession.Variant(scenario: try Self.quickstart())])
        #expect(!outcome.interrupted && outcome.replications == 3 && outcome.finishedReplications == 3)
        let run = try #require(outcome.runs.first)
        let store = try ResultStore(path: path)
        let stored = try store.run(id: try #require(run.runID))
        #expect(stored.status == .complete && stored.replications == 3)
        #expect(try store.replications(runID: stored.id).map(\.index) == [0, 1, 2])
        let summaries = try store.summaries(runID: stored.id)
        #expect(summaries == StoredRows.summaries(run.summary), "the stored summaries are the session's")
    }

    @Test func resultsDoNotDependOnJobsOrOnStoring() throws {
        let one = try RunSession(options: Self.options(nil, jobs: 1)).execute([.init(scenario: try Self.quickstart())])
        let two = try RunSession(options: Self.options(Self.temporaryDatabase(), jobs: 2))
            .execute([.init(scenario: try Self.quickstart())])
        #expect(StoredRows.summaries(one.runs[0].summary) == StoredRows.summaries(two.runs[0].summary))
        #expect(one.runs[0].runID == nil, "no database, no run id")
    }

    /// A run without a database keeps no per-interval series (nothing would read them, and they
    /// grow with simulated time); one with a database stores every series value, written as it
    /// is made, exactly as the rows sorted into the table's key order.
    @Test func seriesAreKeptOnlyToBeStoredAndStoredAsSorted() throws {
        var scenario = try Self.quickstart(replications: 2)
        scenario.interval = .init(microseconds: 600_000_000)
        #expect(scenario.queues.map(\.id) != scenario.queues.map(\.id).sorted(), "file order is not key order")
        let none = try RunSession(options: Self.options(nil)).execute([.init(scenario: scenario)])
        #expect(none.runs[0].results.allSatisfy { $0.intervals.count == 0 && $0.intervals.offered.isEmpty })
        let path = Self.temporaryDatabase()
        let stored = try RunSession(options: Self.options(path)).execute([.init(scenario: scenario)])
        let run = stored.runs[0]
        #expect(StoredRows.summaries(none.runs[0].summary) == StoredRows.summaries(run.summary))
        #expect(run.results.allSatisfy { $0.intervals.count == 6 })
        let rows = try ResultStore(path: path).intervalMetrics(runID: try #require(run.runID))
        let sorted = StoredRows.intervals(model: run.model, results: run.results).sorted { x, y in
            (x.replication, x.scopeID, x.metric, x.intervalStartSeconds) < (y.replication, y.scopeID, y.metric, y.intervalStartSeconds)
        }
        #expect(rows.count == 2 * scenario.queues.count * 6 * IntervalMetric.allCases.count)
        #expect(rows == sorted)
        #expect(Array(StoredRows.orderedIntervals(model: run.model, results: run.results)) == sorted)
    }

    @Test func aRaisedStopFlagEndsTheRunAsInterrupted() throws {
        let path = Self.temporaryDatabase()
        let stop = StopFlag()
        stop.raise()
        let outcome = try RunSession(options: Self.options(path), stop: stop).execute([.init(scenario: try Self.quickstart())])
        #expect(outcome.interrupted && outcome.finishedReplications < 3 && outcome.plannedReplications == 3)
        let stored = try ResultStore(path: path).run(id: try #require(outcome.runs[0].runID))
        #expect(stored.status == .interrupted)
    }

    @Test func progressIsReportedUpToThePlannedTotal() throws {
        final class Seen: @unchecked Sendable {
            let lock = NSLock()
            var calls: [(Int, Int)] = []
        }
        let seen = Seen()
        _ = try RunSession(options: Self.options(nil)) { done, total in
            seen.lock.lock(); seen.calls.append((done, total)); seen.lock.unlock()
        }.execute([.init(scenario: try Self.quickstart())])
        #expect(seen.calls.first.map { $0 == (0, 3) } == true)
        #expect(seen.calls.last.map { $0 == (3, 3) } == true)
    }

    @Test func anUnopenableDatabaseIsRefusedBeforeSimulating() throws {
        let session = RunSession(options: Self.options("/proc/parley-cannot-exist/r.db"))
        #expect {
            try session.execute([.init(scenario: try Self.quickstart())])
        } throws: { error in
            guard case .unusableDatabase(let path, _) = error as? RunError else { return false }
            return path == "/proc/parley-cannot-exist/r.db"
        }
    }
}
