// SPDX-License-Identifier: GPL-3.0-or-later

import Foundation
@testable import Scenarios

/// A YAML text edited line by line, so a test can state the exact line an error is on.
struct YAMLText {
    var lines: [String]

    init(_ text: String) { lines = text.components(separatedBy: "\n") }

    /// The text with 1-based line `line` replaced by `text` (which may hold several lines).
    func replacing(_ line: Int, with text: String) -> YAMLText {
        var copy = self
        copy.lines.replaceSubrange((line - 1)..<line, with: text.components(separatedBy: "\n"))
        return copy
    }

    /// The text without 1-based line `line`.
    func removing(_ line: Int) -> YAMLText {
        var copy = self
        copy.lines.remove(at: line - 1)
        return copy
    }

    /// The text with `text` inserted after 1-based line `line`.
    func inserting(_ text: String, after line: Int) -> YAMLText {
        var copy = self
        copy.lines.insert(contentsOf: text.components(separatedBy: "\n"), at: line)
        return copy
    }

    var text: String { lines.joined(separator: "\n") }
}

enum Fixture {
    /// The minimal scenario of SPEC §3.1, word for word.
    static let minimalText = """
        name: erlang-a-bench
        seed: 7
        replications: 10
        warmup: 2h                  # durations: 20s, 4m, 2h, 1h30m, 7d, or a number of seconds
        duration: 100h
        service_level_threshold: 20s
        queues:
          - id: support
            strategy: longest_idle   # any name of §2.4
        agents:
          - group: team
            count: 10
            capacity: 1
            queues: [support]
        customers:
          - id: web
            channel: live_chat
            queue: support
            arrivals: {rate_per_hour: 120}
            patience: {dist: exponential, mean: 2m}     # omit for infinitely patient customers
            handle_time: {dist: exponential, mean: 4m}
        """

    /// ``minimalText`` for line edits. Lines: 8 queue id, 9 strategy, 11 group, 12 count,
    /// 13 capacity, 14 agent queues, 16 stream id, 17 channel, 18 queue, 19 arrivals,
    /// 20 patience, 21 handle_time.
    static var minimal: YAMLText { YAMLText(minimalText) }

    /// A fresh empty directory for files a test writes.
    static func temporaryDirectory() throws -> String {
        let path = NSTemporaryDirectory() + "parley-scenarios-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }
}

/// The error loading `yaml` gives, or nil if it loads.
func loadError(_ yaml: YAMLText, overrides: [String] = []) -> ScenarioError? {
    loadError(yaml.text, overrides: overrides)
}

/// The error loading `yaml` gives, or nil if it loads.
func loadError(_ yaml: String, file: String = "test.yaml", overrides: [String] = []) -> ScenarioError? {
    do {
        _ = try ScenarioLoader.load(yaml: yaml, file: file, overrides: overrides)
        return nil
    } catch {
        return error
    }
}

/// Shorthand for an error in `test.yaml`.
func error(_ line: Int, _ column: Int, _ keyPath: String, _ message: String) -> ScenarioError {
    ScenarioError(file: "test.yaml", line: line, column: column, keyPath: keyPath, message: message)
}

/// Shorthand for an error in a `--set` override.
func overrideError(_ keyPath: String, _ message: String) -> ScenarioError {
    ScenarioError(file: "--set", line: 0, column: 0, keyPath: keyPath, message: message)
}
