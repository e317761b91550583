// SPDX-License-Identifier: GPL-3.0-or-later

import ContactCenter
import Foundation
import ResultStorage

/// `parley merge` (SPEC §9): the shard databases of one run checked and stored as one ordinary run.
///
/// A shard file of `parley compare --shard` or `parley sweep --shard` holds one shard run per
/// strategy or grid point (a variant): the k-th shard run of every file is then a shard of
/// variant k, each variant is merged into a run of its own, and the comparison of each
/// against the first is recomputed from them, or the sweep's grid points recorded.
///
/// The shards of a variant must be complete runs of one manifest (scenario text, `--set` overrides, seed,
/// replication count, strategy, shard count, Parley version and revision) that together hold
/// each replication index exactly once. Their per-replication rows — metrics, interval series,
/// agent statistics and chat rows — are copied, their wait histograms summed, and every
/// summary recomputed from the replication rows by the code a whole run uses
/// (``StoredRunSummary``), so the merged run has the bytes of the same run made on one
/// machine. Shards are opened one at a time, read-only (never attached), so their number
/// is not bounded by SQLite's limit on attached databases; the merged run is written in
/// one transaction, so a failed merge leaves the output as it was. The merged shards are
/// recorded (`merged_shards`): merging them again changes nothing.
package enum ShardMerge {
    /// A shard run of a file after the checks: its run, manifest and stored replication indexes.
    package struct ShardFile {
        package var path: String
        package var run: StoredRun
        package var manifest: ShardManifest
        package var indexes: [Int]
    }

    /// What a merge did.
    package enum Outcome: Equatable {
        /// The shards were stored as runs `runIDs` (one per variant), of `replications` replications each.
        case merged(runIDs: [Int64], replications: Int)
        /// Runs `runIDs` of the output already hold exactly these shards; nothing was written.
        case alreadyMerged(runIDs: [Int64])
    }

    /// Merges the shard files `shards` into the results database `output` (created if needed).
    ///
    /// - Throws: ``MergeError/refused(_:)`` for shards that are not one complete run (each
    ///   message names the file and, for missing or duplicated replications, the indexes) or an
    ///   output that cannot take them; ``MergeError/storage(_:)`` when writing fails. Nothing is
    ///   written in either case.
    package static func merge(into output: String, shards: [String]) throws(MergeError) -> Outcome {
        guard !shards.isEmpty else { throw .refused("give at least one shard database") }
        let outputFile = canonical(output)
        if let same = shards.first(where: { canonical($0) == outputFile }) {
            throw .refused("\(output): error: the output is one of the shards (\(same)); merge into a new file")
        }
        let files = try shards.map { path throws(MergeError) in try inspect(path) }
        for file in files.dropFirst() where file.count != files[0].count {
            throw .refused("\(file[0].path): error: it holds \(file.count) shard run\(file.count == 1 ? "" : "s") and "
                           + "\(files[0][0].path) \(files[0].count): not shards of the same runs")
        }
        let variants = files[0].indices.map { k in files.map { $0[k] } }
        for variant in variants {
            try checkOneRun(variant)
            try checkIndexes(variant)
        }
        let store: ResultStore
        do { store = try ResultStore.create(at: output) } catch {
            throw .refused("\(output): error: \(error)")
        }
        do {
            if !(try store.shardRunIDs()).isEmpty {
                throw MergeError.refused("\(output): error: it holds shard runs (it is a shard database); merge into "
                                         + "a file of its own")
            }
            let merged = try variants.map { try store.mergedShards(runIdentity: $0[0].manifest.runIdentity) }
            if merged.allSatisfy({ !$0.isEmpty }) {
                return try alreadyMerged(merged, variants: variants, output: output)
            }
            if let held = merged.first(where: { !$0.isEmpty }) {
                throw MergeError.refused("\(output): error: run \(held[0].runID) already holds some of these shards' runs "
                                         + "but not all; merge into a new file")
            }
            return try write(variants, into: store, output: output)
        } catch let error as MergeError {
            throw error
        } catch {
            throw .storage("\(output): error: \(error)")
        }
    }

    /// The file a path names, for telling the output from a shard.
    static func canonical(_ path: String) -> String {
        URL(fileURLWithPath: path).standardizedFileURL.resolvingSymlinksInPath().path
    }

    /// Opens the shard database at `path` read-only and reads each shard run's run, manifest
    /// and replication indexes, by run id.
    static func inspect(_ path: String) throws(MergeError) -> [ShardFile] {
        guard FileManager.default.fileExists(atPath: path) else { throw .refused("\(path): error: no such shard database") }
        do {
            let store: ResultStore
            do { store = try ResultStore(readingAt: path) } catch {
                throw MergeError.refused("\(path): error: not a shard database: \(error)")
            }
            let ids = try store.shardRunIDs()
            guard !ids.isEmpty else {
                throw MergeError.refused("\(path): error: not a shard database: it holds no shard manifest (runs "
                                         + "stored without --shard)")
            }
            var files: [ShardFile] = []
            for runID in ids {
                let run = try store.run(id: runID)
                guard let manifest = try store.shardManifest(runID: runID) else { throw DatabaseError.unknownRun(id: runID) }
                guard run.status == .complete else {
                    let why = run.status == .running ? "still running, or killed before it finished" : run.status.rawValue
                    throw MergeError.refused("\(path): error: shard \(manifest.shardIndex)/\(manifest.shardCount) is "
                                             + "half-written (run \(runID) is \(why)); run that shard again into a new file")
                }
                if let twin = files.first(where: { $0.manifest.runIdentity == manifest.runIdentity }) {
                    throw MergeError.refused("\(path): error: runs \(twin.run.id) and \(runID) are both shard "
                                             + "\(manifest.shardIndex)/\(manifest.shardCount) of one run; give each its own file")
                }
                files.append(ShardFile(path: path, run: run, manifest: manifest,
                                       indexes: try store.replicationIndexes(runID: runID)))
            }
            return files
        } catch let error as MergeError {
            throw error
        } catch {
            throw .refused("\(path): error: cannot read the shard: \(error)")
        }
    }

    /// Refuses shards whose manifests are not those of one run.
    static func checkOneRun(_ files: [ShardFile]) throws(MergeError) {
        let first = files[0]
        let lines = files.dropFirst().compactMap { file -> String? in
            let differences = first.manifest.differences(from: file.manifest)
            guard !differences.isEmpty else { return nil }
            return "\(file.path): error: not a shard of the same run as \(first.path): "
                + file.manifest.differences(from: first.manifest).joined(separator: ", ")
        }
        if !lines.isEmpty { throw .refused(lines.joined(separator: "\n")) }
    }

    /// Refuses shards that do not hold every replication index of the run exactly once,
    /// naming the missing indexes (and the shard that runs them) and the files holding an
    /// index twice.
    static func checkIndexes(_ files: [ShardFile]) throws(MergeError) {
        let manifest = files[0].manifest
        var holders: [Int: [String]] = [:]
        for file in files {
            for index in file.indexes { holders[index, default: []].append(file.path) }
        }
        var lines: [String] = []
        var duplicated: [[String]: [Int]] = [:]
        for (index, paths) in holders where paths.count > 1 { duplicated[paths, default: []].append(index) }
        for (paths, indexes) in duplicated.sorted(by: { $0.value.min()! < $1.value.min()! }) {
            let files = paths.reduce(into: [String]()) { if !$0.contains($1) { $0.append($1) } }
            let given = files.count == 1 ? "given \(paths.count) times" : "each is in \(paths.count) of the shards given"
            lines.append("\(files.joined(separator: ", ")): error: duplicated replication \(list(indexes.sorted())): \(given)")
        }
        let missing = (0 ..< manifest.replications).filter { holders[$0] == nil }
        for (shard, indexes) in Dictionary(grouping: missing, by: { $0 % manifest.shardCount }).sorted(by: { $0.key < $1.key }) {
            lines.append("error: missing replication \(list(indexes)) (shard \(shard)/\(manifest.shardCount)): "
                         + "give its database")
        }
        let outside = holders.keys.filter { $0 >= manifest.replications }.sorted()
        if !outside.isEmpty {
            let paths = Set(outside.flatMap { holders[$0] ?? [] }).sorted()
            lines.append("\(paths.joined(separator: ", ")): error: replication \(list(outside)) beyond the run's "
                         + "\(manifest.replications)")
        }
        if !lines.isEmpty { throw .refused(lines.joined(separator: "\n")) }
    }

    /// `index 3` or `indexes 1, 3, 5`.
    static func list(_ indexes: [Int]) -> String {
        (indexes.count == 1 ? "index " : "indexes ") + indexes.map(String.init).joined(separator: ", ")
    }

    /// The outcome when the output already holds every variant's shards: nothing to do when
    /// they are these shards' very rows, refused otherwise.
    static func alreadyMerged(_ merged: [[MergedShard]], variants: [[ShardFile]], output: String) throws -> Outcome {
        for (recordedShards, files) in zip(merged, variants) {
            let recorded = Dictionary(uniqueKeysWithValues: recordedShards.map { ($0.shardIndex, $0.contentHash) })
            let runID = recordedShards[0].runID
            for file in files {
                let store = try ResultStore(readingAt: file.path)
                let hash = ReplicationRecord.contentHash(of: try store.replications(runID: file.run.id))
                guard recorded[file.manifest.shardIndex] == hash else {
                    throw MergeError.refused("\(output): error: run \(runID) already holds shard \(file.manifest.shardIndex)/"
                                             + "\(file.manifest.shardCount) of this run with other results than \(file.path); "
                                             + "nothing merged")
                }
            }
        }
        return .alreadyMerged(runIDs: merged.map { $0[0].runID })
    }

    /// Writes every variant's merged run — and, for a comparison, its differences — in one
    /// transaction, reading the shards one at a time; a failure names the shard being read,
    /// if any, and leaves the output unchanged.
    static func write(_ variants: [[ShardFile]], into store: ResultStore, output: String) throws(MergeError) -> Outcome {
        var reading: String?
        let runIDs: [Int64]
        do {
            runIDs = try store.transaction { (writes: ResultTransaction) throws(DatabaseError) -> [Int64] in
                var runs: [(runID: Int64, indexes: [Int], summary: RunSummary)] = []
                for files in variants {
                    runs.append(try write(files, with: writes, reading: &reading))
                }
                let first = variants[0][0]
                if first.run.command == "compare", let baseline = runs.first {
                    try writes.recordComparisons(zip(runs, variants).dropFirst().flatMap { run, files in
                        StrategyComparison.differences(baseline: (baseline.indexes, baseline.summary),
                                                       other: (run.indexes, run.summary)).map { d in
                            ComparisonRecord(baselineRunID: baseline.runID, runID: run.runID,
                                             baselineStrategy: first.manifest.strategy ?? "",
                                             strategy: files[0].manifest.strategy ?? "", scope: .overall, scopeID: "",
                                             metric: d.metric.rawValue, meanDiff: d.meanDiff, ci95: d.ci95,
                                             significant: d.isSignificant, n: d.n)
                        }
                    })
                }
                if first.run.command == "sweep" {
                    reading = first.path
                    let points = try ResultStore(readingAt: first.path).sweepPoints(involving: first.run.id)
                    reading = nil
                    let settings = Dictionary(uniqueKeysWithValues: points.map { ($0.runID, $0.settings) })
                    try writes.recordSweepPoints(zip(runs, variants).compactMap { run, files in
                        settings[files[0].run.id].map { SweepPoint(runID: run.runID, sweepRunID: runs[0].runID, settings: $0) }
                    })
                }
                return runs.map(\.runID)
            }
        } catch {
            throw .storage((reading.map { "\($0): error: cannot read the shard: " } ?? "\(output): error: ")
                           + "\(error); nothing merged")
        }
        return .merged(runIDs: runIDs, replications: variants[0][0].manifest.replications)
    }

    /// Writes the merged run of one variant's shards `files` inside the caller's transaction
    /// and returns its id, replication indexes and summary; `reading` names the shard being read.
    static func write(_ files: [ShardFile], with writes: ResultTransaction, reading: inout String?)
        throws(DatabaseError) -> (runID: Int64, indexes: [Int], summary: RunSummary) {
        let manifest = files[0].manifest
        let first = files[0]
        reading = first.path
        let yaml = try ResultStore(readingAt: first.path).scenarioYAML(runID: first.run.id)
        reading = nil
        let runID = try writes.beginRun(RunRecord(
            scenarioName: first.run.scenarioName, scenarioYAML: yaml, command: first.run.command,
            parleyVersion: manifest.parleyVersion, gitRevision: manifest.gitRevision, seed: manifest.seed,
            replications: manifest.replications, strategy: manifest.strategy,
            startedAt: files.map(\.run.startedAt).min() ?? RunSession.timestamp()))
        var records: [ReplicationRecord] = []
        var scopes: [MetricScope] = []
        var histogram: [HistogramKey: WaitHistogramBucket] = [:]
        for file in files {
            reading = file.path
            let shard = try ResultStore(readingAt: file.path)
            let shardRecords = try shard.replications(runID: file.run.id)
            if scopes.isEmpty {
                scopes = StoredRunSummary.scopes(try shard.summaries(runID: file.run.id), shardRecords)
            }
            let intervals = try shard.intervalMetrics(runID: file.run.id)
            let chats = try shard.chats(runID: file.run.id)
            let agents = try shard.agentStatistics(runID: file.run.id)
            let buckets = try shard.waitHistograms(runID: file.run.id)
            reading = nil
            try writes.recordReplicationBatch(runID: runID, replications: shardRecords, intervals: intervals,
                                              chats: chats, agents: agents)
            for bucket in buckets {
                histogram[HistogramKey(bucket), default: WaitHistogramBucket(
                    scope: bucket.scope, scopeID: bucket.scopeID, lowerSeconds: bucket.lowerSeconds,
                    upperSeconds: bucket.upperSeconds, count: 0)].count += bucket.count
            }
            try writes.recordMergedShard(MergedShard(runIdentity: manifest.runIdentity, shardIndex: file.manifest.shardIndex,
                                                     shardCount: manifest.shardCount, runID: runID,
                                                     contentHash: ReplicationRecord.contentHash(of: shardRecords)))
            records += shardRecords
        }
        records.sort { $0.index < $1.index }
        let summary = StoredRunSummary.summary(scopes: scopes, of: records)
        let buckets = histogram.values.sorted {
            ($0.scope.rawValue, $0.scopeID, $0.lowerSeconds) < ($1.scope.rawValue, $1.scopeID, $1.lowerSeconds)
        }
        try writes.finishRun(runID: runID, status: .complete,
                             endedAt: files.compactMap(\.run.endedAt).max() ?? RunSession.timestamp(),
                             replications: records.count, summaries: StoredRows.summaries(summary),
                             waitHistograms: buckets)
        return (runID, records.map(\.index), summary)
    }

    /// A wait-histogram bucket's key: scope, scope id and lower bound.
    struct HistogramKey: Hashable {
        var scope: ScopeKind
        var scopeID: String
        var lowerSeconds: Double

        init(_ bucket: WaitHistogramBucket) {
            scope = bucket.scope
            scopeID = bucket.scopeID
            lowerSeconds = bucket.lowerSeconds
        }
    }
}

/// Why `parley merge` merged nothing.
package enum MergeError: Error, CustomStringConvertible {
    /// The shards are not one complete run, or the output cannot take them (bad usage).
    case refused(String)
    /// Reading or writing failed midway (a failed merge); the output is unchanged.
    case storage(String)

    package var description: String {
        switch self {
        case .refused(let message), .storage(let message): message
        }
    }
}
