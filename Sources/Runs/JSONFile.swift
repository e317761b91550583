// SPDX-License-Identifier: GPL-3.0-or-later

import Foundation

/// A JSON file read for its shape: every error says `FILE:LINE:COLUMN: error: …` (SPEC §6).
///
/// The one JSON reader of the project — run baselines (`--baseline`), bench baselines and the
/// theory case file all read through it. A syntax error is located by ``JSONParser``; a value
/// of the wrong shape at the line and column where that value starts (or, for a missing key,
/// where its object starts), so a file edited by hand is fixed where the message points.
/// Chosen over `Codable`, whose errors carry a coding path but no place in the file.
package struct JSONFile {
    /// A file that cannot be read, or whose JSON or shape is wrong.
    package struct Error: Swift.Error, CustomStringConvertible {
        package var description: String
    }

    package let path: String
    package let root: JSONValue
    let starts: [String: (line: Int, column: Int)]

    /// Reads and parses the file at `path`.
    package init(path: String) throws(Error) {
        let text: String
        do { text = try String(contentsOfFile: path, encoding: .utf8) } catch {
            throw Error(description: "\(path):0:0: error: cannot read the file")
        }
        try self.init(path: path, text: text)
    }

    /// Parses `text` as the contents of `path`.
    package init(path: String, text: String) throws(Error) {
        self.path = path
        do { (root, starts) = try JSONParser.parseLocated(text) } catch {
            throw Error(description: "\(path):\(error.line):\(error.column): error: \(error.message)")
        }
    }

    /// The top-level value, for reading by key path.
    package var top: JSONNode { JSONNode(file: self, keyPath: "", value: root) }

    /// An error about the value at `keyPath`, located where it (or its nearest enclosing value) starts.
    package func error(at keyPath: String, _ message: String) -> Error {
        var place = keyPath
        while starts[place] == nil && !place.isEmpty {
            place = String(place[..<(place.lastIndex { $0 == "." || $0 == "[" } ?? place.startIndex)])
        }
        let (line, column) = starts[place] ?? (1, 1)
        return Error(description: "\(path):\(line):\(column): error: \(keyPath.isEmpty ? "(top level)" : keyPath): \(message)")
    }
}

/// One value of a ``JSONFile`` with its key path, read with located shape errors.
package struct JSONNode {
    package let file: JSONFile
    /// `metrics.overall.service_level`, `cases[2].name`; empty for the top level.
    package let keyPath: String
    package let value: JSONValue

    func child(_ key: String) -> String { keyPath.isEmpty ? key : "\(keyPath).\(key)" }

    /// An error about this value.
    package func error(_ message: String) -> JSONFile.Error { file.error(at: keyPath, message) }

    /// The member `key`, or nil when it is missing; an error when this is not an object.
    package func optional(_ key: String) throws(JSONFile.Error) -> JSONNode? {
        guard value.members != nil else { throw error("expected an object") }
        return value[key].map { JSONNode(file: file, keyPath: child(key), value: $0) }
    }

    /// The member `key`; an error when it is missing or this is not an object.
    package func required(_ key: String) throws(JSONFile.Error) -> JSONNode {
        guard let node = try optional(key) else { throw file.error(at: child(key), "missing") }
        return node
    }

    /// The members of an object, in file order.
    package func members() throws(JSONFile.Error) -> [(key: String, node: JSONNode)] {
        guard let members = value.members else { throw error("expected an object") }
        return members.map { (key: $0.0, node: JSONNode(file: file, keyPath: child($0.0), value: $0.1)) }
    }

    /// The items of an array, in order.
    package func items() throws(JSONFile.Error) -> [JSONNode] {
        guard case .array(let items) = value else { throw error("expected an array") }
        return items.enumerated().map { JSONNode(file: file, keyPath: "\(keyPath)[\($0.offset)]", value: $0.element) }
    }

    package func string() throws(JSONFile.Error) -> String {
        guard case .string(let text) = value else { throw error("expected a string") }
        return text
    }

    /// A finite number.
    package func number() throws(JSONFile.Error) -> Double {
        guard let number = value.doubleValue, number.isFinite else { throw error("expected a number") }
        return number
    }

    /// A number, or nil for `null`.
    package func optionalNumber() throws(JSONFile.Error) -> Double? {
        value.isNull ? nil : try number()
    }

    /// A whole number.
    package func integer() throws(JSONFile.Error) -> Int {
        guard case .integer(let whole) = value, let integer = Int(exactly: whole) else { throw error("expected an integer") }
        return integer
    }
}
