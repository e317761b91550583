// SPDX-License-Identifier: GPL-3.0-or-later

import Foundation
import RoutingBench

/// A saved `parley bench --json` result, read back as the reference for `--check`.
package struct BenchBaseline: Equatable {
    package var strategy: String
    package var agents: Int
    package var queues: Int
    package var capacity: Int
    /// The median over trials of decision p50 / calibration time.
    package var normalisedP50: Double

    /// Reads and checks the file at `path`; errors are located `FILE:LINE:COLUMN: error: …`.
    package init(contentsOf path: String) throws(JSONFile.Error) {
        try self.init(file: try JSONFile(path: path))
    }

    /// Takes the keys the gate needs from a parsed `parley bench --json` object.
    package init(file: JSONFile) throws(JSONFile.Error) {
        let top = file.top
        strategy = try top.required("strategy").string()
        agents = try top.required("agents").integer()
        queues = try top.required("queues").integer()
        capacity = try top.required("capacity").integer()
        let normalised = try top.required("normalised_p50")
        guard let value = normalised.value.doubleValue, value.isFinite, value > 0 else {
            throw normalised.error("expected a positive number (was the file written by `parley bench --json`?)")
        }
        normalisedP50 = value
    }

    /// A description of the baseline's center when it is not the one `configuration` describes, else nil.
    package func mismatch(with configuration: BenchConfiguration) -> String? {
        let name = BenchConfiguration.name(of: configuration.strategy)
        guard strategy != name || agents != configuration.agents || queues != configuration.queues
                || capacity != configuration.capacity else { return nil }
        return "\(strategy) with \(agents) agents in \(queues) queues, capacity \(capacity); this run is \(name) "
            + "with \(configuration.agents) agents in \(configuration.queues) queues, capacity \(configuration.capacity)"
    }
}
