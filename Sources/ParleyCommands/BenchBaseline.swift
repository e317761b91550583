// SPDX-License-Identifier: GPL-3.0-or-later

import Foundation
import RoutingBench

/// A saved `parley bench --json` result, read back as the reference for `--check`.
struct BenchBaseline: Equatable {
    var strategy: String
    var agents: Int
    var queues: Int
    var capacity: Int
    /// The median over trials of decision p50 / calibration time.
    var normalisedP50: Double

    /// Why a baseline file cannot be used.
    struct ReadError: Error {
        var message: String
    }

    /// Reads and checks the file at `path`.
    init(contentsOf path: String) throws(ReadError) {
        let data: Data
        do { data = try Data(contentsOf: URL(fileURLWithPath: path)) } catch {
            throw ReadError(message: "cannot read the baseline: \(error.localizedDescription)")
        }
        guard let object = try? JSONSerialization.jsonObject(with: data), let json = object as? [String: Any] else {
            throw ReadError(message: "the baseline is not a JSON object")
        }
        try self.init(json: json)
    }

    /// Takes the keys the gate needs from a parsed `parley bench --json` object.
    init(json: [String: Any]) throws(ReadError) {
        func integer(_ key: String) throws(ReadError) -> Int {
            guard let value = json[key] as? NSNumber else { throw ReadError(message: "the baseline has no '\(key)'") }
            return value.intValue
        }
        guard let strategy = json["strategy"] as? String else { throw ReadError(message: "the baseline has no 'strategy'") }
        guard let normalised = (json["normalised_p50"] as? NSNumber)?.doubleValue, normalised.isFinite, normalised > 0 else {
            throw ReadError(message: "the baseline has no positive 'normalised_p50' (was it written by `parley bench --json`?)")
        }
        self.strategy = strategy
        agents = try integer("agents")
        queues = try integer("queues")
        capacity = try integer("capacity")
        normalisedP50 = normalised
    }

    /// A description of the baseline's center when it is not the one `configuration` describes, else nil.
    func mismatch(with configuration: BenchConfiguration) -> String? {
        let name = BenchConfiguration.name(of: configuration.strategy)
        guard strategy != name || agents != configuration.agents || queues != configuration.queues
                || capacity != configuration.capacity else { return nil }
        return "\(strategy) with \(agents) agents in \(queues) queues, capacity \(capacity); this run is \(name) "
            + "with \(configuration.agents) agents in \(configuration.queues) queues, capacity \(configuration.capacity)"
    }
}
