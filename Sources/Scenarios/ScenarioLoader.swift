// SPDX-License-Identifier: GPL-3.0-or-later

import Foundation

/// Reads scenario files (SPEC §3.1, §3.2) into validated ``Scenario`` values.
///
/// The YAML is composed with Yams into a tree that keeps every node's line and column;
/// `--set` overrides are applied to that tree; then one pass reads every key, so that
/// each problem — a YAML syntax error, an unknown or not-yet-supported key, a wrong type,
/// an impossible value, a broken reference, an unstable load — is a ``ScenarioError``
/// naming file, line, column and key path. Nothing is silently ignored or defaulted
/// away: a scenario that loads is one this version can run as written.
///
/// ```swift
/// let scenario = try ScenarioLoader.load(contentsOf: "scenarios/erlang-a.yaml",
///                                        overrides: ["agents.team.count=12"])
/// ```
public enum ScenarioLoader {
    /// Loads the scenario in the file at `path`, applying `overrides` (`key.path=value`) first.
    ///
    /// The file may be a pipe, such as the `/dev/fd/N` of a shell's process substitution
    /// (`parley run <(sed s/12/14/ base.yaml)`); it is read to its end, up to
    /// ``ScenarioLimits/fileBytes``.
    ///
    /// Relative file names inside the scenario (empirical samples) are resolved against the
    /// directory of `path`.
    ///
    /// - Throws: ``ScenarioError``; an unreadable file is reported at line 0, column 0.
    public static func load(contentsOf path: String, overrides: [String] = []) throws(ScenarioError) -> Scenario {
        let bytes = try readBytes(of: path)
        let text = try decodeUTF8(bytes, file: path)
        return try load(yaml: text, file: path, overrides: overrides)
    }

    /// Loads a scenario from YAML text, applying `overrides` (`key.path=value`) first.
    ///
    /// - Parameters:
    ///   - yaml: The scenario text; it is kept as the scenario's ``Scenario/sourceText``.
    ///   - file: The name errors carry and the scenario's ``Scenario/sourceFile``; relative
    ///     file names inside the scenario are resolved against its directory.
    ///   - overrides: Changes as given to `--set`, such as `agents.tier1.count=14`, applied in order.
    /// - Throws: ``ScenarioError`` for the first problem found.
    public static func load(yaml: String, file: String, overrides: [String] = []) throws(ScenarioError) -> Scenario {
        guard var root = try SourceNode.parse(yaml: yaml, file: file) else {
            throw ScenarioError(file: file, line: 1, column: 1, keyPath: "",
                                message: "the scenario is empty; it needs at least the keys name, seed, "
                                    + "duration, queues, agents and customers")
        }
        for override in overrides {
            try apply(override: override, to: &root)
        }
        var scenario = try ScenarioReader(directory: directory(of: file)).scenario(from: root)
        scenario.sourceText = yaml
        scenario.sourceFile = file
        return scenario
    }

    /// The text of `bytes` as UTF-8, or an error at the line and column of the first byte that is not UTF-8.
    ///
    /// - Complexity: O(n) in the number of bytes.
    static func decodeUTF8(_ bytes: [UInt8], file: String) throws(ScenarioError) -> String {
        var iterator = bytes.makeIterator()
        var decoder = UTF8()
        var line = 1
        var column = 1
        var scalars = String.UnicodeScalarView()
        while true {
            switch decoder.decode(&iterator) {
            case .scalarValue(let scalar):
                scalars.append(scalar)
                if scalar == "\n" { line += 1; column = 1 } else { column += 1 }
            case .emptyInput:
                return String(scalars)
            case .error:
                throw ScenarioError(file: file, line: line, column: column, keyPath: "",
                                    message: "the file is not UTF-8 text: an invalid byte sequence starts here")
            }
        }
    }

    /// The directory part of `file`, or `.` when it has none.
    static func directory(of file: String) -> String {
        guard let slash = file.lastIndex(of: "/") else { return "." }
        return slash == file.startIndex ? "/" : String(file[..<slash])
    }

    /// The bytes of the file at `path`, read to the end with plain reads so that pipes and
    /// FIFOs work as well as regular files.
    ///
    /// - Throws: ``ScenarioError`` at line 0, column 0 when the file cannot be opened or read,
    ///   or holds more than ``ScenarioLimits/fileBytes``.
    /// - Complexity: O(n) in the size of the file.
    static func readBytes(of path: String) throws(ScenarioError) -> [UInt8] {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else {
            throw ScenarioError(file: path, line: 0, column: 0, keyPath: "", message: unreadableReason(path))
        }
        defer { close(descriptor) }
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let count = chunk.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
            if count == 0 { return bytes }
            if count < 0 {
                if errno == EINTR { continue }
                throw ScenarioError(file: path, line: 0, column: 0, keyPath: "", message: unreadableReason(path))
            }
            guard bytes.count + count <= ScenarioLimits.fileBytes else {
                throw ScenarioError(file: path, line: 0, column: 0, keyPath: "",
                                    message: "the scenario is larger than \(ScenarioLimits.fileBytes >> 20) MiB; "
                                        + "a scenario that needs more should refer to its samples by file name")
            }
            bytes.append(contentsOf: chunk[..<count])
        }
    }

    /// Why the file at `path` could not be read, in words.
    private static func unreadableReason(_ path: String) -> String {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            return "cannot read the scenario: no such file"
        }
        if isDirectory.boolValue { return "cannot read the scenario: it is a directory" }
        return "cannot read the scenario: the file is not readable"
    }
}
