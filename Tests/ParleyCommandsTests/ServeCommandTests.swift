// SPDX-License-Identifier: GPL-3.0-or-later

import AsyncHTTPClient
import Foundation
import NIOCore
import ResultStorage
import Testing

/// `parley serve` as a user runs it: tokens written to a file, the port printed, SIGTERM drains and exits 0.
@Suite struct ServeCommandTests {
    /// A `parley serve` child process and what it printed so far.
    final class Server: @unchecked Sendable {
        let process = Process()
        private let lock = NSLock()
        private var output = ""
        private var errors = ""

        init(_ arguments: [String]) throws {
            process.executableURL = ParleyProcess.executable
            process.arguments = ["serve"] + arguments
            process.currentDirectoryURL = ParleyProcess.packageRoot
            let out = Pipe(), err = Pipe()
            process.standardOutput = out
            process.standardError = err
            out.fileHandleForReading.readabilityHandler = { [weak self] handle in
                let text = String(decoding: handle.availableData, as: UTF8.self)
                self?.lock.withLock { self?.output += text }
            }
            err.fileHandleForReading.readabilityHandler = { [weak self] handle in
                let text = String(decoding: handle.availableData, as: UTF8.self)
                self?.lock.withLock { self?.errors += text }
            }
            try process.run()
        }

        var stdout: String { lock.withLock { output } }
        var stderr: String { lock.withLock { errors } }

        /// The port from the `listening on` line, waiting for it (bounded).
        func port() async throws -> Int {
            for _ in 0..<600 {
                if let line = stdout.split(separator: "\n").first(where: { $0.contains("listening on http://127.0.0.1:") }),
                   let port = Int(line.split(separator: ":").last ?? "") {
                    return port
                }
                if !process.isRunning { break }
                try await Task.sleep(for: .milliseconds(50))
            }
            throw CocoaError(.fileReadUnknown, userInfo: [NSLocalizedDescriptionKey: "no port: \(stdout) \(stderr)"])
        }

        /// Waits (bounded) for the process to exit and returns its status.
        func waitForExit() async throws -> Int32 {
            for _ in 0..<600 where process.isRunning { try await Task.sleep(for: .milliseconds(50)) }
            #expect(!process.isRunning)
            if process.isRunning { process.terminate() }
            process.waitUntilExit()
            try await Task.sleep(for: .milliseconds(100))   // the last output
            return process.terminationStatus
        }
    }

    static func post(_ port: Int, _ path: String, token: String? = nil, body: String) async throws -> (Int, String) {
        var request = HTTPClientRequest(url: "http://127.0.0.1:\(port)\(path)")
        request.method = .POST
        if let token { request.headers.add(name: "Authorization", value: "Bearer \(token)") }
        request.body = .bytes(ByteBuffer(string: body))
        let response = try await HTTPClient.shared.execute(request, timeout: .seconds(10))
        return (Int(response.status.code), String(buffer: try await response.body.collect(upTo: 1 << 20)))
    }

    @Test func serveWritesTokensListensAndStopsOnSIGTERMWithExit0() async throws {
        let tokens = try ParleyProcess.temporaryFile("tokens.txt", "")
        try FileManager.default.removeItem(atPath: tokens)
        let server = try Server(["scenarios/examples/services-week.yaml", "--port", "0", "--tokens", tokens])
        let port = try await server.port()

        // The tokens file was written, private to its owner, one line per agent.
        let attributes = try FileManager.default.attributesOfItem(atPath: tokens)
        #expect((attributes[.posixPermissions] as? Int) == 0o600)
        let lines = try String(contentsOfFile: tokens, encoding: .utf8).split(separator: "\n").filter { !$0.hasPrefix("#") }
        let (agent, token) = (String(lines[0].split(separator: " ")[0]), String(lines[0].split(separator: " ")[1]))
        #expect(token.count == 32)

        // A chat whose customer sends the PCI test numbers: nothing of them reaches the output.
        let (status, created) = try await Self.post(port, "/v1/chats", body: #"{"queue":"support","channel":"whatsapp"}"#)
        #expect(status == 201)
        let chat = try JSONSerialization.jsonObject(with: Data(created.utf8)) as? [String: Any] ?? [:]
        let cards = ["4111 1111 1111 1111", "5555-5555-5555-4444", "4012888888881881", "3782 822463 10005", "6011 1111 1111 1117"]
        for card in cards {
            let (sent, _) = try await Self.post(port, "/v1/chats/\(chat["id"] as? String ?? "")/messages",
                                                token: chat["token"] as? String, body: #"{"text":"card \#(card)"}"#)
            #expect(sent == 202)
        }
        var statusRequest = HTTPClientRequest(url: "http://127.0.0.1:\(port)/v1/agents/\(agent)/status")
        statusRequest.method = .PUT
        statusRequest.headers.add(name: "Authorization", value: "Bearer \(token)")
        statusRequest.body = .bytes(ByteBuffer(string: #"{"status":"available"}"#))
        #expect(try await HTTPClient.shared.execute(statusRequest, timeout: .seconds(10)).status.code == 200)

        kill(server.process.processIdentifier, SIGTERM)
        #expect(try await server.waitForExit() == 0)
        #expect(server.stdout.contains("parley serve: stopped; created 1"))
        let everything = server.stdout + server.stderr
        for card in cards {
            let digits = card.filter(\.isNumber)
            #expect(!everything.filter(\.isNumber).contains(digits))
            #expect(!everything.contains(card))
        }
        #expect(!everything.contains(token))

        // The file is read on the next start: the same tokens.
        let again = try Server(["scenarios/examples/services-week.yaml", "--port", "0", "--tokens", tokens])
        let secondPort = try await again.port()
        statusRequest.url = "http://127.0.0.1:\(secondPort)/v1/agents/\(agent)/status"
        #expect(try await HTTPClient.shared.execute(statusRequest, timeout: .seconds(10)).status.code == 200)
        kill(again.process.processIdentifier, SIGINT)
        #expect(try await again.waitForExit() == 0)
    }

    @Test func driveAgainstServeExitsOneOnABreachedThreshold() async throws {
        let tokens = try ParleyProcess.temporaryFile("tokens.txt", "")
        try FileManager.default.removeItem(atPath: tokens)
        let database = try ParleyProcess.temporaryFile("live.db", "")
        try FileManager.default.removeItem(atPath: database)
        let server = try Server(["scenarios/examples/live-drive.yaml", "--port", "0", "--tokens", tokens, "--db", database])
        let port = try await server.port()
        // A scenario with a key the driver does not play is refused at the key, before any request.
        let quickstart = try ParleyProcess.run(["drive", "scenarios/examples/quickstart.yaml", "--target", "http://127.0.0.1:\(port)",
                                                "--tokens", tokens])
        #expect(quickstart.status == 2)
        #expect(quickstart.stderr == "scenarios/examples/quickstart.yaml:25:5: error: agents[0].slowdown: parley drive does not "
                                   + "play 'slowdown'; drive a scenario without it\n")
        let arguments = ["drive", "scenarios/examples/live-drive.yaml", "--target", "http://127.0.0.1:\(port)",
                         "--tokens", tokens, "--speed", "600", "--duration", "10m", "--db", database]
        let breached = try ParleyProcess.run(arguments + ["--threshold", "p99(create_to_offer)<1us",
                                                          "--threshold", "invariant_violations==0"])
        #expect(breached.status == 1)
        let lines = breached.stdout.split(separator: "\n")
        #expect(lines.first?.hasPrefix("played 600 simulated s in ") == true)
        #expect(lines.filter { $0.hasPrefix("threshold breached:") }.count == 1)
        #expect(lines.last?.hasPrefix("threshold breached: p99(create_to_offer)<1us (") == true)

        let passed = try ParleyProcess.run(arguments + ["--json", "--threshold", "invariant_violations==0"])
        #expect(passed.status == 0, "\(passed.stderr)")
        let json = try passed.json()
        let thresholds = json["thresholds"] as? [[String: Any]] ?? []
        #expect(thresholds.first?["passed"] as? Bool == true)
        #expect((json["latencies"] as? [String: Any])?["create_to_offer"] != nil)

        let bad = try ParleyProcess.run(arguments + ["--threshold", "p99(create_to_offer)"])
        #expect(bad.status == 2)
        #expect(bad.stderr == "--threshold 'p99(create_to_offer)': expected a comparison: <, <=, >, >=, == or !=\n")
        kill(server.process.processIdentifier, SIGTERM)
        #expect(try await server.waitForExit() == 0)

        // Both drives and the session are in the results database.
        let runs = try ResultStore(readingAt: database).liveRuns()
        #expect(runs.map(\.kind) == ["drive", "drive", "serve"])
        #expect(runs[0].thresholds.map(\.passed) == [false, true])
        #expect(runs[0].target == "http://127.0.0.1:\(port)")
        #expect(runs[0].latencies.contains { $0.name == "create_to_offer" && $0.count > 0 })
        let started = runs[0].counts.first { $0.0 == "chats_started" }?.1 ?? 0
        #expect(started > 0)
        let created = runs[2].counts.first { $0.0 == "chats_created" }?.1 ?? 0
        #expect(created == 2 * started)
    }

    @Test func aTokensFileWithAnUnknownAgentIsRefused() throws {
        let tokens = try ParleyProcess.temporaryFile("tokens.txt", "nobody 0123456789abcdef\n")
        let result = try ParleyProcess.run(["serve", "scenarios/examples/quickstart.yaml", "--port", "0", "--tokens", tokens])
        #expect(result.status == 2)
        #expect(result.stderr == "\(tokens): line 1: no agent 'nobody' in the scenario\n")
    }
}
