// SPDX-License-Identifier: GPL-3.0-or-later

import Foundation
import ResultStorage
import Testing

/// Signals at the edges of a run: during start-up (while the scenario is still being read)
/// and in each phase of `parley staff`. Every one ends in exit 130 and an `interrupted` run,
/// and never in output that looks complete.
@Suite(.serialized) struct StaffInterruptionTests {
    /// Starts `parley arguments…` with its output captured.
    static func start(_ arguments: [String]) throws -> (Process, Pipe, Pipe) {
        let process = Process()
        process.executableURL = ParleyProcess.executable
        process.arguments = arguments
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        return (process, out, err)
    }

    /// Waits for the process to end and returns its stdout and stderr.
    static func finish(_ process: Process, _ out: Pipe, _ err: Pipe) -> (stdout: String, stderr: String) {
        let stdout = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        let stderr = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        return (stdout, stderr)
    }

    /// A field of `/proc/PID/FILE` (Linux), such as `SigCgt` of `status` or `rchar` of `io`.
    static func procField(_ pid: Int32, _ file: String, _ name: String) -> String? {
        guard let text = try? String(contentsOfFile: "/proc/\(pid)/\(file)", encoding: .utf8) else { return nil }
        return text.split(separator: "\n").first { $0.hasPrefix(name + ":") }
            .map { $0.dropFirst(name.count + 1).trimmingCharacters(in: .whitespaces) }
    }

    /// The scenario is a FIFO that nobody writes until SIGTERM has been sent, so the signal
    /// arrives before a byte of the scenario can have been read, whatever the machine's load.
    @Test func sigtermBeforeTheScenarioIsReadExits130() throws {
        let directory = (try ParleyProcess.temporaryFile("placeholder", "") as NSString).deletingLastPathComponent
        let fifo = directory + "/long.yaml"
        try #require(mkfifo(fifo, 0o600) == 0, "mkfifo failed: \(errno)")
        let (process, out, err) = try Self.start(["run", fifo, "--no-db", "--jobs", "1"])
        let pid = process.processIdentifier
        // Wait until SIGTERM is caught (bit 15 of the SigCgt mask), then send it at once.
        var caught = false
        let deadline = Date().addingTimeInterval(60)
        while !caught && process.isRunning && Date() < deadline {
            if let mask = Self.procField(pid, "status", "SigCgt").flatMap({ UInt64($0, radix: 16) }),
               mask & (1 << (UInt64(SIGTERM) - 1)) != 0 {
                caught = true
                kill(pid, SIGTERM)
            }
        }
        // Only now is the scenario written; the process was blocked opening the FIFO.
        // Opening without blocking fails until the reader has opened its end; retry until
        // then, or until the process has ended.
        var writer: Int32 = -1
        while writer < 0 && process.isRunning && Date() < deadline {
            writer = open(fifo, O_WRONLY | O_NONBLOCK)
            if writer < 0 { usleep(1_000) }
        }
        if writer >= 0 {
            let bytes = Array((InterruptionTests.long + "\n").utf8)
            _ = bytes.withUnsafeBytes { write(writer, $0.baseAddress, $0.count) }
            close(writer)
        }
        let (_, stderr) = Self.finish(process, out, err)
        #expect(caught, "SIGTERM was never caught: the handlers must come before the scenario is read")
        #expect(process.terminationReason == .exit, "SIGTERM must be handled, not kill the process")
        #expect(process.terminationStatus == 130, "\(stderr)")
        #expect(stderr.contains("interrupted after 0 of 20 replications"), "\(stderr)")
    }

    /// The morning of `StaffCommandTests` with more replications, so each phase lasts long
    /// enough to be interrupted.
    static let arguments = ["--replications", "60", "--jobs", "1", "--json"]

    @Test func sigintDuringTheSearchStoresAnInterruptedRun() throws {
        let file = try ParleyProcess.temporaryFile("morning.yaml", StaffCommandTests.morning)
        let db = (file as NSString).deletingLastPathComponent + "/search.db"
        let (process, out, err) = try Self.start(["staff", file, "--db", db] + Self.arguments)
        // The file is opened (and migrated) before the search begins; the run row comes only after it.
        #expect(InterruptionTests.waitFor(db) { database in
            try InterruptionTests.count("SELECT count(*) FROM schema_migrations", database) == Migration.all.count
        })
        Thread.sleep(forTimeInterval: 0.3)
        kill(process.processIdentifier, SIGINT)
        let (stdout, stderr) = Self.finish(process, out, err)
        #expect(process.terminationStatus == 130, "\(stderr)")
        #expect(stdout.isEmpty, "no plan is printed")
        #expect(stderr.contains("interrupted during the search; no plan found, run 1 stored as interrupted"), "\(stderr)")
        let stored = try DatabaseFile(path: db)
        #expect(try stored.texts("SELECT status || ' ' || command FROM runs") == ["interrupted staff"])
        #expect(try stored.integer("SELECT count(*) FROM staffing_results") == 0)
    }

    @Test func sigintWhileThePlanIsSimulatedPrintsNoPlan() throws {
        let file = try ParleyProcess.temporaryFile("morning.yaml", StaffCommandTests.morning)
        let db = (file as NSString).deletingLastPathComponent + "/plan.db"
        let (process, out, err) = try Self.start(["staff", file, "--db", db] + Self.arguments)
        // The plan's run begins once the search is over.
        #expect(InterruptionTests.waitFor(db, limit: 300) { database in
            try InterruptionTests.count("SELECT count(*) FROM runs WHERE status = 'running'", database) == 1
        })
        kill(process.processIdentifier, SIGINT)
        let (stdout, stderr) = Self.finish(process, out, err)
        #expect(process.terminationStatus == 130, "\(stderr)")
        #expect(stdout.isEmpty, "no complete-looking JSON: \(stdout)")
        #expect(stderr.contains("interrupted while simulating the plan found; run 1 stored as interrupted"), "\(stderr)")
        #expect(try DatabaseFile(path: db).text("SELECT status FROM runs") == "interrupted")
    }
}
