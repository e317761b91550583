// SPDX-License-Identifier: GPL-3.0-or-later

import AsyncHTTPClient
import ContactCenter
import Foundation
@testable import LoadDriver
import Scenarios
import Testing

/// A TCP port on 127.0.0.1 that takes connections (into the kernel's backlog) and never answers.
final class SilentPort {
    let descriptor: Int32
    let port: Int

    init() throws {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = 0
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { generic in
                bind(fd, generic, length) == 0 && listen(fd, 64) == 0 && getsockname(fd, generic, &length) == 0
            }
        }
        guard fd >= 0, bound else { close(fd); throw POSIXError(.EADDRNOTAVAIL) }
        descriptor = fd
        port = Int(UInt16(bigEndian: address.sin_port))
    }

    deinit { close(descriptor) }
}

@Suite struct SyntheticAgentTests {
    /// An agent's stream is read on while its reply to an accepted chat is on its way: handling the
    /// accept returns at once, so the next event (here an offer) is seen when it comes, not after the
    /// reply (which never comes from this port; the request would wait out its 30 s timeout).
    @Test(.timeLimit(.minutes(1))) func anAgentReadsOnWhileItsReplyIsOnItsWay() async throws {
        let silent = try SilentPort()
        let model = try CompiledScenario(ScenarioLoader.load(yaml: DriveTests.yaml, file: "drive-test.yaml"))
        let plan = try #require(LiveWorkload(model).agents.first)
        let http = HTTPClient(eventLoopGroupProvider: .singleton)
        let client = DriveClient(http: http, base: "http://127.0.0.1:\(silent.port)", recorder: DriveRecorder(singleAgentQueues: [:]))
        let agent = SyntheticAgent(plan: plan, token: "token", client: client, speed: 1, wrapUpReasons: [:], seed: 1, replication: 0)
        let began = ContinuousClock.now
        await agent.handle(#"{"type":"accepted","chat":"c1","at":1}"#, receivedAt: .now)
        await agent.handle(#"{"type":"offer","chat":"c2","queue":"sales","at":2}"#, receivedAt: .now)
        let handled = ContinuousClock.now - began
        #expect(handled < .seconds(5), "\(handled) to handle an accept and an offer")
        let held = await agent.held
        #expect(held.owned == 1 && held.offers == 1 && held.pending >= 1)
        await agent.stop()
        try? await http.shutdown()
    }
}
