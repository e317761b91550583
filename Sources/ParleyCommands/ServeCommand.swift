// SPDX-License-Identifier: GPL-3.0-or-later

import ArgumentParser
import Foundation
import LiveService
import ResultStorage
import Runs
import Scenarios

/// `parley serve CONFIG.yaml`: the routing engine and its conversation services as an HTTP and WebSocket service (SPEC §8).
struct ServeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Run the routing engine as an HTTP + WebSocket service configured from a scenario.",
        discussion: """
            The scenario's queues, agents and conversation services configure the service; its customers \
            are ignored. Every agent starts offline and needs its bearer token: with --tokens FILE the \
            tokens are read from FILE ('NAME TOKEN' lines), or issued and written there when FILE does not \
            exist; without --tokens they are issued and printed. Stops gracefully on SIGINT or SIGTERM (exit 0).
            """)

    @Argument(help: "The scenario file (YAML) whose queues and agents the service runs.")
    var config: String

    @Option(help: "The address to listen on (loopback by default).")
    var host = "127.0.0.1"

    @Option(help: "The port to listen on (0: any free port, printed at start).")
    var port = 8080

    @Option(help: ArgumentHelp("Read agent tokens from FILE, or write the issued ones there when it does not exist.",
                               valueName: "FILE"))
    var tokens: String?

    @Option(help: ArgumentHelp("Store the session's summary in this results database at shutdown.", valueName: "FILE"))
    var db: String?

    @Option(help: ArgumentHelp("The largest request body accepted, in bytes (larger: 413).", valueName: "BYTES"))
    var maxBody = 64 * 1024

    @Option(help: ArgumentHelp("Requests per second one connection may send (more: 429).", valueName: "N"))
    var rateLimit = 1000

    func validate() throws {
        guard (1...1_000_000).contains(rateLimit) else {
            throw ValidationError("--rate-limit must be 1…1000000 requests per second, got \(rateLimit)")
        }
        guard (0...65535).contains(port) else { throw ValidationError("--port must be 0…65535, got \(port)") }
        guard (256...16 * 1024 * 1024).contains(maxBody) else {
            throw ValidationError("--max-body must be 256…16777216 bytes, got \(maxBody)")
        }
    }

    func run() throws {
        let scenario: Scenario
        do { scenario = try ScenarioLoader.load(contentsOf: config) } catch { throw CommandError.usage(error.description) }
        let agentNames: [String]
        do { agentNames = try LiveCenter.agentNames(of: scenario) } catch { throw CommandError.usage("\(config): \(error)") }
        var agentTokens: AgentTokens?
        var writeTokens = false
        if let tokens {
            if FileManager.default.fileExists(atPath: tokens) {
                let text: String
                do { text = try String(contentsOfFile: tokens, encoding: .utf8) } catch {
                    throw CommandError.usage("\(tokens): cannot read: \(error.localizedDescription)")
                }
                do { agentTokens = try AgentTokens.parse(text, agents: agentNames) } catch {
                    throw CommandError.usage("\(tokens): \(error)")
                }
            } else {
                writeTokens = true
            }
        }
        let center: LiveCenter
        do { center = try LiveCenter(scenario: scenario, tokens: agentTokens) } catch {
            throw CommandError.usage("\(config): \(error)")
        }
        let issued = center.tokens
        if writeTokens, let tokens {
            let created = FileManager.default.createFile(atPath: tokens, contents: Data(issued.fileText(agents: agentNames).utf8),
                                                         attributes: [.posixPermissions: 0o600])
            guard created else { throw CommandError.usage("\(tokens): cannot write the agent tokens") }
        } else if self.tokens == nil {
            FileHandle.standardOutput.write(Data(issued.fileText(agents: agentNames).utf8))
        }
        if let db {
            // Opened now so that an unusable file is refused before the service starts, not at its end.
            do { _ = try ResultStore(path: db) } catch { throw CommandError.usage("\(db): \(error)") }
        }
        let server = LiveServer(center: center, configuration: .init(host: host, port: port, maxBodyBytes: maxBody,
                                                                             requestsPerSecond: Double(rateLimit)))
        Self.unblockStopSignals()
        let host = self.host
        let outcome = AsyncBridge.wait {
            try await server.run { port in
                // Written unbuffered: a script waiting for this line learns the port at once.
                FileHandle.standardOutput.write(Data("parley serve: listening on http://\(host):\(port)\n".utf8))
            }
        }
        if case .failure(let error) = outcome { throw CommandError.failure("parley serve: \(error)") }
        let summary = AsyncBridge.wait { await center.sessionSummary() }
        if case .success(let summary) = summary {
            FileHandle.standardOutput.write(Data("parley serve: stopped; \(summary)\n".utf8))
        }
        if let db {
            let record = AsyncBridge.wait {
                await center.sessionRecord(scenario: scenario, parleyVersion: ParleyVersion.current,
                                           gitRevision: ParleyVersion.gitRevision)
            }
            guard case .success(let record) = record else { return }
            do { _ = try ResultStore(path: db).recordLiveRun(record) } catch {
                throw CommandError.failure("\(db): cannot store the session: \(error)")
            }
        }
    }

    /// A blocked signal mask is inherited through `exec`; the service must see SIGINT and SIGTERM.
    static func unblockStopSignals() {
        var signals = sigset_t()
        sigemptyset(&signals)
        sigaddset(&signals, SIGINT)
        sigaddset(&signals, SIGTERM)
        pthread_sigmask(SIG_UNBLOCK, &signals, nil)
    }
}
