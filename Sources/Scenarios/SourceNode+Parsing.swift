// SPDX-License-Identifier: GPL-3.0-or-later

import Yams

extension SourceNode {
    /// Parses YAML text into a located tree; nil when the text holds no document.
    ///
    /// Syntax errors become ``ScenarioError``s at the position libyaml reports. A duplicate
    /// key is reported at its second occurrence, with its key path, when that can be found.
    ///
    /// - Parameters:
    ///   - yaml: The text to parse.
    ///   - file: The file name that locations and errors carry.
    ///   - fixedLocation: When given, the location of every node (used for `--set` values).
    static func parse(yaml: String, file: String,
                      fixedLocation: SourceLocation? = nil) throws(ScenarioError) -> SourceNode? {
        let root: Node?
        do {
            root = try Yams.compose(yaml: yaml)
        } catch let error as YamlError {
            throw scenarioError(from: error, yaml: yaml, file: file)
        } catch {
            throw ScenarioError(file: file, line: 0, column: 0, keyPath: "", message: "invalid YAML: \(error)")
        }
        guard let root else { return nil }
        return try SourceNode(root, file: file, fixedLocation: fixedLocation)
    }

    /// Converts a Yams error into a located ``ScenarioError``.
    static func scenarioError(from error: YamlError, yaml: String, file: String) -> ScenarioError {
        func located(_ mark: Mark, _ message: String) -> ScenarioError {
            ScenarioError(file: file, line: mark.line, column: mark.column, keyPath: "", message: message)
        }
        switch error {
        case let .composer(_, problem, mark, _) where problem == "but found another document":
            return located(mark, "a scenario file holds one YAML document, but another one starts here")
        case let .scanner(context, problem, mark, _), let .parser(context, problem, mark, _),
             let .composer(context, problem, mark, _):
            let during = context.map { " (\($0.text) at line \($0.mark.line), column \($0.mark.column))" } ?? ""
            return located(mark, "invalid YAML: \(problem)\(during)")
        case let .reader(problem, offset, _, _):
            let (line, column) = offset.map { position(ofCharacterOffset: $0, in: yaml) } ?? (0, 0)
            return ScenarioError(file: file, line: line, column: column, keyPath: "",
                                 message: "invalid YAML: \(problem)")
        case let .duplicatedKeysInMapping(duplicates, context):
            return duplicateKeyError(key: duplicates.first ?? "", firstMark: context.mark, yaml: yaml, file: file)
        default:
            return ScenarioError(file: file, line: 0, column: 0, keyPath: "", message: "invalid YAML: \(error)")
        }
    }

    /// The 1-based line and column (in Unicode scalars) of the character at `offset`.
    private static func position(ofCharacterOffset offset: Int, in text: String) -> (line: Int, column: Int) {
        let end = text.index(text.startIndex, offsetBy: offset, limitedBy: text.endIndex) ?? text.endIndex
        var line = 1
        var column = 1
        for scalar in text[..<end].unicodeScalars {
            if scalar == "\n" { line += 1; column = 1 } else { column += 1 }
        }
        return (line, column)
    }
}

// MARK: - Duplicate keys

extension SourceNode {
    /// The private-use scalar that stands in for a duplicated key's first letter while it is located.
    private static let marker: Unicode.Scalar = "\u{E000}"

    /// Reports a duplicated key at its second occurrence, with its key path.
    ///
    /// Yams rejects a duplicate while composing and tells only the first occurrence's mark.
    /// Renaming that occurrence (same length, so no other position moves) lets the text
    /// compose, and the tree then shows where the second one is and under which path.
    /// If anything about that fails, the error points at the first occurrence instead.
    private static func duplicateKeyError(key: String, firstMark: Mark, yaml: String, file: String) -> ScenarioError {
        let message = "duplicate key '\(key)': a key may appear only once in a mapping"
        let fallback = ScenarioError(file: file, line: firstMark.line, column: firstMark.column,
                                     keyPath: "", message: message)
        guard let markedYAML = marking(key, atLine: firstMark.line, column: firstMark.column, in: yaml),
              let root = try? Yams.compose(yaml: markedYAML),
              let tree = try? SourceNode(root, file: file) else { return fallback }
        var markedKey = String.UnicodeScalarView()
        markedKey.append(marker)
        markedKey.append(contentsOf: key.unicodeScalars.dropFirst())
        guard let found = tree.findDuplicate(of: key, marked: String(markedKey), path: .root) else { return fallback }
        let (earlier, later) = found.marked.line < found.other.line
            || (found.marked.line == found.other.line && found.marked.column < found.other.column)
            ? (found.marked, found.other) : (found.other, found.marked)
        return ScenarioError(file: file, line: later.line, column: later.column, keyPath: found.path.text,
                             message: "duplicate key '\(key)' (first given at line \(earlier.line), "
                                + "column \(earlier.column)): a key may appear only once in a mapping")
    }

    /// The text with the first letter of `key`, written at `line`:`column`, replaced by ``marker``.
    private static func marking(_ key: String, atLine line: Int, column: Int, in text: String) -> String? {
        guard !key.isEmpty else { return nil }
        var scalars = Array(text.unicodeScalars)
        var index = 0
        var currentLine = 1
        while currentLine < line, index < scalars.count {
            if scalars[index] == "\n" { currentLine += 1 }
            index += 1
        }
        index += column - 1
        if index < scalars.count, scalars[index] == "\"" || scalars[index] == "'" { index += 1 }
        let keyScalars = Array(key.unicodeScalars)
        guard index >= 0, index + keyScalars.count <= scalars.count,
              Array(scalars[index..<(index + keyScalars.count)]) == keyScalars else { return nil }
        scalars[index] = marker
        var result = String.UnicodeScalarView()
        result.append(contentsOf: scalars)
        return String(result)
    }

    /// Finds the mapping holding both the marked key and `key`, and returns both keys' locations and the path.
    private func findDuplicate(of key: String, marked: String,
                               path: NodePath) -> (marked: SourceLocation, other: SourceLocation, path: NodePath)? {
        switch content {
        case .scalar:
            return nil
        case .sequence(let elements):
            for (index, element) in elements.enumerated() {
                if let found = element.findDuplicate(of: key, marked: marked, path: path.index(index)) { return found }
            }
            return nil
        case .mapping(let entries):
            if let markedEntry = entries.first(where: { $0.key.scalar?.text == marked }),
               let other = entries.first(where: { $0.key.scalar?.text == key }) {
                return (markedEntry.key.location, other.key.location, path.key(key))
            }
            for entry in entries {
                let name = entry.key.scalar?.text ?? "?"
                if let found = entry.value.findDuplicate(of: key, marked: marked, path: path.key(name)) { return found }
            }
            return nil
        }
    }
}
