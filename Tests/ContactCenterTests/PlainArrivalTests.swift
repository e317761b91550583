// SPDX-License-Identifier: GPL-3.0-or-later

import Foundation
@testable import ContactCenter
import Scenarios
import Testing

/// The plain arrival path (``Replication/arrivePlain(stream:)``) is a shortcut, not a behaviour:
/// a replication whose first contacts take it measures exactly what the same replication measures
/// when every arrival takes the general path (``Replication/arrive(stream:contact:attempt:)``).
@Suite("Plain arrivals")
struct PlainArrivalTests {
    static let scenarios = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("scenarios")

    /// Scenarios whose streams are all plain: the shortcut is taken by every first contact.
    static let plain = ["validation/erlang-a.yaml", "validation/mm1.yaml", "validation/chat-2x4.yaml",
                        "validation/erlang-a-overloaded.yaml"]
    /// Scenarios with business hours, returns, retrials or services: some or no streams are plain.
    static let mixed = ["examples/services-week.yaml", "examples/quickstart.yaml", "examples/retail-week.yaml"]

    static func model(_ file: String) throws -> CompiledScenario {
        try CompiledScenario(ScenarioLoader.load(contentsOf: scenarios.appendingPathComponent(file).path,
                                                 overrides: ["duration=6h", "warmup=1h"]))
    }

    /// Runs replication `index` with and without the shortcut and returns both results.
    static func bothWays(_ model: CompiledScenario, index: Int) -> (plain: ReplicationResult?, general: ReplicationResult?) {
        var plain = Replication(model: model, index: index)
        var general = Replication(model: model, index: index)
        general.plainArrivals = Array(repeating: false, count: general.plainArrivals.count)
        return (plain.run(), general.run())
    }

    @Test("every figure of a plain scenario is that of the general path", arguments: plain)
    func plainScenarioIsIdentical(_ file: String) throws {
        let model = try Self.model(file)
        #expect(Replication(model: model, index: 0).plainArrivals.allSatisfy { $0 }, "\(file) should take the shortcut")
        for index in 0..<3 {
            let (plain, general) = Self.bothWays(model, index: index)
            let result = try #require(plain)
            #expect(result.tallies.reduce(0) { $0 + $1.arrivals } > 0)
            #expect(result == general, "\(file) replication \(index)")
        }
    }

    @Test("scenarios with optional steps keep their results and take the shortcut only where nothing is optional",
          arguments: mixed)
    func mixedScenarioIsIdentical(_ file: String) throws {
        let model = try Self.model(file)
        let (plain, general) = Self.bothWays(model, index: 1)
        #expect(try #require(plain) == general, "\(file)")
        let replication = Replication(model: model, index: 1)
        for s in model.streams.indices {
            #expect(replication.plainArrivals[s] == replication.isPlainArrival(stream: s))
        }
    }

    @Test("a stream with a return, a language or business hours is not plain")
    func optionalStepsAreNotPlain() throws {
        let model = try Self.model("examples/services-week.yaml")
        #expect(!model.services.alwaysOpen)
        #expect(!Replication(model: model, index: 0).plainArrivals.contains(true))
    }
}
