// SPDX-License-Identifier: GPL-3.0-or-later

import Yams

/// Where a node of a scenario was written: a position in a file, or a `--set` override.
struct SourceLocation: Equatable, Sendable {
    /// The file the node came from, or `--set` for an override.
    var file: String
    /// 1-based line, or 0 when there is no position.
    var line: Int
    /// 1-based column in Unicode scalars, or 0 when there is no position.
    var column: Int

    /// The location of every node that an override brought in: no line or column to point at.
    static let override = SourceLocation(file: "--set", line: 0, column: 0)
}

/// A YAML node together with the place it was written: the tree the loader validates.
///
/// Yams' `Node` carries marks but not the file, and its marks cannot be made by hand; an
/// override's nodes must point at `--set`, not at line 1 of the scenario. Copying the tree
/// into this small value type keeps every node's origin, whichever text it came from.
struct SourceNode {
    /// What the node holds.
    enum Content {
        case scalar(SourceScalar)
        case sequence([SourceNode])
        case mapping([SourceEntry])
    }

    var content: Content
    var location: SourceLocation

    /// A plain string scalar at `location`, used for keys an override adds.
    static func string(_ text: String, at location: SourceLocation) -> SourceNode {
        SourceNode(content: .scalar(SourceScalar(text: text, kind: .string, int: nil, number: nil)),
                   location: location)
    }

    /// The scalar, or nil for a list or a mapping.
    var scalar: SourceScalar? {
        if case .scalar(let scalar) = content { return scalar }
        return nil
    }

    /// How the node reads in a message: `'text'`, `nothing`, `a list` or `a mapping`.
    var summary: String {
        switch content {
        case .mapping: return "a mapping"
        case .sequence: return "a list"
        case .scalar(let scalar): return scalar.kind == .null ? "nothing" : "'\(scalar.text)'"
        }
    }
}

/// One `key: value` pair of a mapping, both with their locations.
struct SourceEntry {
    var key: SourceNode
    var value: SourceNode
}

/// A scalar's text and the type YAML's core schema resolves it to.
struct SourceScalar: Equatable {
    /// The type a YAML 1.1 resolver gives a scalar (quoted scalars are always strings).
    enum Kind: Equatable {
        case null, bool, int, float, string
    }

    /// The scalar as written (without quotes).
    var text: String
    var kind: Kind
    /// The value of an `int` scalar, nil if it is not one or does not fit in `Int`.
    var int: Int?
    /// The value of an `int` or `float` scalar.
    var number: Double?
}

extension SourceNode {
    /// Copies a Yams node, locating every node by its mark in `file`, or at `fixedLocation` when one is given.
    ///
    /// Yams shares an anchored node among its aliases, so a few lines of aliases of aliases can
    /// stand for billions of nodes ("billion laughs"); the copy stops at
    /// ``ScenarioLimits/yamlNodes`` nodes with an error at the node where it stopped.
    ///
    /// - Throws: ``ScenarioError`` for an alias that Yams left unresolved, or a tree too large.
    init(_ node: Node, file: String, fixedLocation: SourceLocation? = nil) throws(ScenarioError) {
        var budget = ScenarioLimits.yamlNodes
        try self.init(node, file: file, fixedLocation: fixedLocation, budget: &budget)
    }

    private init(_ node: Node, file: String, fixedLocation: SourceLocation?, budget: inout Int) throws(ScenarioError) {
        let location = fixedLocation
            ?? SourceLocation(file: file, line: node.mark?.line ?? 0, column: node.mark?.column ?? 0)
        budget -= 1
        guard budget >= 0 else {
            throw ScenarioError(file: location.file, line: location.line, column: location.column, keyPath: "",
                                message: "the scenario expands to more than \(ScenarioLimits.yamlNodes) YAML nodes "
                                    + "(an alias repeats every node of its anchor); write the values out or use fewer aliases")
        }
        switch node {
        case .scalar:
            self.init(content: .scalar(SourceScalar(node)), location: location)
        case .sequence(let sequence):
            var elements: [SourceNode] = []
            for element in sequence {
                elements.append(try SourceNode(element, file: file, fixedLocation: fixedLocation, budget: &budget))
            }
            self.init(content: .sequence(elements), location: location)
        case .mapping(let mapping):
            var entries: [SourceEntry] = []
            for (key, value) in mapping {
                let keyNode = try SourceNode(key, file: file, fixedLocation: fixedLocation, budget: &budget)
                let valueNode = try SourceNode(value, file: file, fixedLocation: fixedLocation, budget: &budget)
                entries.append(SourceEntry(key: keyNode, value: valueNode))
            }
            self.init(content: .mapping(entries), location: location)
        case .alias:
            throw ScenarioError(file: location.file, line: location.line, column: location.column,
                                keyPath: "", message: "an alias must refer to an anchor defined before it")
        }
    }
}

extension SourceScalar {
    /// Reads a Yams scalar node's text and resolved type.
    init(_ node: Node) {
        let name = Tag.Name(rawValue: node.tag.rawValue)
        let text = node.scalar?.string ?? ""
        switch name {
        case .null: self.init(text: text, kind: .null, int: nil, number: nil)
        case .bool: self.init(text: text, kind: .bool, int: nil, number: nil)
        case .int: self.init(text: text, kind: .int, int: node.int, number: node.int.map(Double.init) ?? node.float)
        case .float: self.init(text: text, kind: .float, int: nil, number: node.float)
        default: self.init(text: text, kind: .string, int: nil, number: nil)
        }
    }
}
