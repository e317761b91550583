// SPDX-License-Identifier: GPL-3.0-or-later

import Foundation
import Testing
@testable import Scenarios

/// Every scenario shipped in `scenarios/` loads: a scenario is documentation that runs (STYLE.md).
@Suite("Shipped scenario files")
struct ScenarioFilesTests {
    /// The `scenarios/` directory of the repository this test file is in.
    static let directory: String? = {
        var url = URL(fileURLWithPath: #filePath).resolvingSymlinksInPath().deletingLastPathComponent()
        while url.path != "/" {
            let candidate = url.appendingPathComponent("scenarios").path
            if FileManager.default.fileExists(atPath: url.appendingPathComponent("Package.swift").path),
               FileManager.default.fileExists(atPath: candidate) {
                return candidate
            }
            url.deleteLastPathComponent()
        }
        return nil
    }()

    /// Every `.yaml` file below `scenarios/`, sorted.
    static let files: [String] = {
        guard let directory,
              let enumerator = FileManager.default.enumerator(atPath: directory) else { return [] }
        return enumerator.compactMap { $0 as? String }
            .filter { $0.hasSuffix(".yaml") || $0.hasSuffix(".yml") }
            .sorted()
            .map { "\(directory)/\($0)" }
    }()

    @Test("the scenarios directory holds scenario files")
    func found() {
        #expect(!Self.files.isEmpty)
    }

    @Test("each shipped scenario loads", arguments: files)
    func loads(path: String) throws {
        let scenario = try ScenarioLoader.load(contentsOf: path)
        #expect(scenario.sourceFile == path)
        #expect(!scenario.queues.isEmpty)
    }
}
