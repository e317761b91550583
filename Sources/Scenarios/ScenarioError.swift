// SPDX-License-Identifier: GPL-3.0-or-later

/// A problem in a scenario file, located by file, line, column and key path (SPEC §3.2).
///
/// Every check of ``ScenarioLoader`` ends in this one error type, so the CLI can print it
/// the way compilers do and editors can jump to the spot. Lines and columns are 1-based
/// and counted as libyaml counts them (columns in Unicode scalars); 0 means "no position",
/// as for an unreadable file or a `--set` override.
public struct ScenarioError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The scenario file, another file it refers to (an empirical sample), or `--set` for an override.
    public var file: String
    /// The 1-based line of the offending node, or 0 when there is none.
    public var line: Int
    /// The 1-based column of the offending node, or 0 when there is none.
    public var column: Int
    /// Where in the scenario the problem is, such as `agents[0].capacity`; empty for the whole file.
    public var keyPath: String
    /// What is wrong, in words a scenario author can act on.
    public var message: String

    public init(file: String, line: Int, column: Int, keyPath: String, message: String) {
        self.file = file
        self.line = line
        self.column = column
        self.keyPath = keyPath
        self.message = message
    }

    /// The error in the compiler style `file:line:column: error: keyPath: message`.
    ///
    /// The `keyPath: ` part is left out when the key path is empty.
    public var description: String {
        let location = "\(Self.escaped(file)):\(line):\(column): error: "
        return keyPath.isEmpty ? location + Self.escaped(message)
            : location + "\(Self.escaped(keyPath)): \(Self.escaped(message))"
    }

    /// `text` with control characters and bidirectional overrides written as `\u{1B}`, so that
    /// a value echoed from a scenario (an unknown key, say) cannot drive the terminal.
    static func escaped(_ text: String) -> String {
        guard text.unicodeScalars.contains(where: \.isUnsafeInText) else { return text }
        var result = ""
        for scalar in text.unicodeScalars {
            if scalar.isUnsafeInText {
                result += "\\u{\(String(scalar.value, radix: 16, uppercase: true))}"
            } else {
                result.unicodeScalars.append(scalar)
            }
        }
        return result
    }
}
