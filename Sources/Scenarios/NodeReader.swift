// SPDX-License-Identifier: GPL-3.0-or-later

import ParleyTime

/// The key path of a node in a scenario, such as `agents[0].slowdown[2]`.
struct NodePath: Equatable, CustomStringConvertible {
    /// The path as shown in messages; empty for the document itself.
    private(set) var text: String

    /// The path of the whole document.
    static let root = NodePath(text: "")

    /// The path of the value under `key` in the mapping at this path.
    func key(_ key: String) -> NodePath { NodePath(text: text.isEmpty ? key : "\(text).\(key)") }

    /// The path of the element at `index` in the list at this path.
    func index(_ index: Int) -> NodePath { NodePath(text: "\(text)[\(index)]") }

    var description: String { text }
}

/// A node at a key path, with typed reads that fail with the node's location and path.
///
/// Every read either returns a value of the asked type and range or throws a
/// ``ScenarioError`` pointing at this node, so the loader never has to locate errors itself.
struct Field {
    let node: SourceNode
    let path: NodePath

    /// An error at this node.
    func error(_ message: String) -> ScenarioError {
        ScenarioError(file: node.location.file, line: node.location.line, column: node.location.column,
                      keyPath: path.text, message: message)
    }

    /// A non-empty single-line string; any scalar but null is read as its text (so `id: 7` is the id `7`).
    ///
    /// Names and ids reach terminals and reports as they are, so control characters (an
    /// escape sequence, a line break) and the bidirectional overrides are refused.
    func string() throws(ScenarioError) -> String {
        try text(allowingLineBreaks: false)
    }

    /// A non-empty string that may span lines (a message text): tabs and line breaks are allowed,
    /// other control characters are not.
    func text(allowingLineBreaks: Bool = true) throws(ScenarioError) -> String {
        guard let scalar = node.scalar, scalar.kind != .null else {
            throw error("expected a string, found \(node.summary)")
        }
        guard !scalar.text.isEmpty else { throw error("must not be empty") }
        let allowed: Set<Unicode.Scalar> = allowingLineBreaks ? ["\n", "\t"] : []
        if let bad = scalar.text.unicodeScalars.first(where: { $0.isUnsafeInText && !allowed.contains($0) }) {
            throw error("must not contain control characters, found U+\(bad.hexCode)")
        }
        return scalar.text
    }

    /// An integer from `minimum` to `maximum`; `limit` says why the maximum exists.
    func int(atLeast minimum: Int = .min, atMost maximum: Int = .max, limit: String = "") throws(ScenarioError) -> Int {
        guard let scalar = node.scalar, scalar.kind == .int else {
            throw error("expected an integer, found \(node.summary)")
        }
        guard let value = scalar.int else {
            guard maximum < .max else { throw error("expected an integer, found \(node.summary)") }
            throw error("must be at most \(maximum)\(limit.isEmpty ? "" : " (\(limit))"), found \(scalar.text)")
        }
        guard value >= minimum else { throw error("must be at least \(minimum), found \(value)") }
        guard value <= maximum else {
            throw error("must be at most \(maximum)\(limit.isEmpty ? "" : " (\(limit))"), found \(value)")
        }
        return value
    }

    /// An integer whose magnitude is at most ``ScenarioLimits/rank``.
    func rank() throws(ScenarioError) -> Int {
        let value = try int(atLeast: -ScenarioLimits.rank, atMost: ScenarioLimits.rank,
                            limit: "ranks are compared and kept small enough to add")
        return value
    }

    /// A finite number (an integer or a decimal), greater than 0 when `positive` is set, at most
    /// `maximum` when one is given; `limit` says why the maximum exists.
    func number(positive: Bool = false, atMost maximum: Double? = nil, limit: String = "") throws(ScenarioError) -> Double {
        guard let scalar = node.scalar, scalar.kind == .int || scalar.kind == .float,
              let value = scalar.number else {
            throw error("expected a number, found \(node.summary)")
        }
        guard value.isFinite else { throw error("expected a finite number, found \(node.summary)") }
        guard !positive || value > 0 else { throw error("must be greater than 0, found \(scalar.text)") }
        if let maximum, value > maximum {
            throw error("must be at most \(formatted(maximum))\(limit.isEmpty ? "" : " (\(limit))"), found \(scalar.text)")
        }
        return value
    }

    /// A boolean (`true` or `false`).
    func bool() throws(ScenarioError) -> Bool {
        guard let scalar = node.scalar, scalar.kind == .bool else {
            throw error("expected true or false, found \(node.summary)")
        }
        return ["true", "True", "TRUE", "yes", "on"].contains(scalar.text)
    }

    /// A probability: a number from 0 to 1.
    func probability() throws(ScenarioError) -> Double {
        let value = try number()
        guard (0...1).contains(value) else { throw error("a probability must be from 0 to 1, found \(formatted(value))") }
        return value
    }

    /// A duration in seconds: a number of seconds or a text such as `1h30m` (``DurationText``).
    func seconds(positive: Bool = false) throws(ScenarioError) -> Double {
        guard let scalar = node.scalar, scalar.kind != .null, scalar.kind != .bool else {
            throw error("expected a duration, found \(node.summary); \(DurationText.acceptedForms)")
        }
        let value: Double
        switch scalar.kind {
        case .int, .float:
            guard let number = scalar.number, number.isFinite else {
                throw error("a duration must be finite, found '\(scalar.text)'")
            }
            guard number >= 0 else { throw error("a duration must not be negative, found '\(scalar.text)'") }
            value = number
        default:
            guard let parsed = DurationText.seconds(from: scalar.text) else {
                throw error("invalid duration '\(scalar.text)'; \(DurationText.acceptedForms)")
            }
            value = parsed
        }
        guard !positive || value > 0 else { throw error("must be longer than 0s, found '\(scalar.text)'") }
        if let problem = durationProblem(value) { throw error("\(problem), found '\(scalar.text)'") }
        return value
    }

    /// A duration, longer than zero when `positive` is set.
    func duration(positive: Bool = false) throws(ScenarioError) -> SimDuration {
        SimDuration(seconds: try seconds(positive: positive))
    }

    /// The elements of a list, each at its indexed path; at least one when `nonEmpty` is set.
    func list(nonEmpty: Bool = false) throws(ScenarioError) -> [Field] {
        guard case .sequence(let elements) = node.content else {
            throw error("expected a list, found \(node.summary)")
        }
        guard !nonEmpty || !elements.isEmpty else { throw error("must list at least one entry") }
        return elements.enumerated().map { Field(node: $0.element, path: path.index($0.offset)) }
    }

    /// The mapping at this node, with its keys checked against `keys`.
    func mapping(_ keys: KeySet) throws(ScenarioError) -> MappingReader {
        try MappingReader(self, keys: keys)
    }

    /// The value under `key` if this node is a mapping that has it; no other check.
    func peek(_ key: String) -> Field? {
        guard case .mapping(let entries) = node.content,
              let entry = entries.first(where: { $0.key.scalar?.text == key }) else { return nil }
        return Field(node: entry.value, path: path.key(key))
    }
}

/// Why a duration of `seconds` cannot be simulated, or nil when it can (``ScenarioLimits``).
func durationProblem(_ seconds: Double) -> String? {
    if seconds > ScenarioLimits.longestDurationSeconds {
        return "a duration must be at most \(ScenarioLimits.longestDurationText), so that every sum of "
            + "durations fits the simulator's 64-bit microsecond clock"
    }
    if seconds > 0, seconds < ScenarioLimits.shortestDurationSeconds {
        return "a duration must be 0 or at least 1µs, the simulator's time step"
    }
    return nil
}

extension Unicode.Scalar {
    /// Whether the scalar is a control character or a bidirectional override, which can change
    /// what a terminal shows.
    var isUnsafeInText: Bool {
        properties.generalCategory == .control || (0x202A...0x202E).contains(value)
            || (0x2066...0x2069).contains(value)
    }

    /// The scalar's code as four or more uppercase hexadecimal digits (`001B`).
    var hexCode: String {
        let digits = String(value, radix: 16, uppercase: true)
        return String(repeating: "0", count: max(0, 4 - digits.count)) + digits
    }
}

/// The keys a mapping of the scenario may hold.
struct KeySet {
    /// Keys this version reads.
    var accepted: [String]
    /// Keys of the documented format (SPEC §3.2) that this version cannot honour yet: an error, never ignored.
    var pending: [String] = []
}

/// A mapping whose keys have been checked: every key is accepted, and values are read by name.
struct MappingReader {
    /// The mapping itself, for errors about the whole mapping.
    let field: Field
    private let entries: [SourceEntry]

    /// Checks that `field` is a mapping whose keys are all in `keys.accepted`.
    ///
    /// The first offending key, in file order, is reported at the key's own node: a pending
    /// key as not supported yet, any other as unknown, with the nearest accepted or pending
    /// key suggested when one is within edit distance 2.
    init(_ field: Field, keys: KeySet) throws(ScenarioError) {
        guard case .mapping(let entries) = field.node.content else {
            throw field.error("expected a mapping, found \(field.node.summary)")
        }
        for entry in entries {
            guard let name = entry.key.scalar?.text, entry.key.scalar?.kind != .null else {
                throw Field(node: entry.key, path: field.path).error("expected a key name, found \(entry.key.summary)")
            }
            if keys.accepted.contains(name) { continue }
            let key = Field(node: entry.key, path: field.path.key(name))
            if keys.pending.contains(name) {
                throw key.error("'\(name)' is not supported by this version of Parley yet")
            }
            throw key.error("unknown key '\(name)'\(KeySuggestion.hint(for: name, among: keys.accepted + keys.pending))")
        }
        self.field = field
        self.entries = entries
    }

    /// The value under `key`, or nil when the mapping does not have it.
    func optional(_ key: String) -> Field? {
        guard let entry = entries.first(where: { $0.key.scalar?.text == key }) else { return nil }
        return Field(node: entry.value, path: field.path.key(key))
    }

    /// The value under `key`; its absence is an error at the mapping.
    func required(_ key: String) throws(ScenarioError) -> Field {
        guard let value = optional(key) else { throw field.error("missing required key '\(key)'") }
        return value
    }
}
