// SPDX-License-Identifier: GPL-3.0-or-later

extension ScenarioLoader {
    /// Applies one `--set key.path=value` override to the scenario tree, before validation.
    ///
    /// The path's segments name mapping keys; in a list they name the element whose `id`
    /// (or, for agent groups, `group`) is the segment, or else give a 0-based index, so
    /// `agents.tier1.count=14` and `customers.0.queue=support` both work. The value is read
    /// as YAML (`14`, `round_robin`, `[a, b]`, `{dist: constant, value: 3m}`), and every node
    /// of it is located at `--set`, so a bad value is reported there, under its key path,
    /// by the ordinary validation. A path may add a new key at its end only.
    ///
    /// - Throws: ``ScenarioError`` at file `--set`, line 0, column 0, with the override's
    ///   path as key path, for a malformed override, invalid YAML or a path that does not exist.
    static func apply(override: String, to root: inout SourceNode) throws(ScenarioError) {
        guard let equals = override.firstIndex(of: "=") else {
            throw overrideError(override, "an override has the form key.path=value, such as agents.team.count=12")
        }
        let path = String(override[..<equals])
        let valueText = String(override[override.index(after: equals)...])
        let segments = path.split(separator: ".", omittingEmptySubsequences: false).map(String.init)
        guard !segments.contains(where: \.isEmpty) else {
            throw overrideError(path, "an override path is keys separated by single dots, such as agents.team.count")
        }
        let value: SourceNode
        do {
            value = try SourceNode.parse(yaml: valueText, file: "--set", fixedLocation: .override)
                ?? SourceNode(content: .scalar(SourceScalar(text: "", kind: .null, int: nil, number: nil)),
                              location: .override)
        } catch {
            throw overrideError(path, "invalid value '\(valueText)': \(error.message)")
        }
        try set(value, at: segments[...], in: &root, walked: [], path: path)
    }

    /// Replaces the node at `segments` below `node` with `value`, adding a key if only the last segment is new.
    private static func set(_ value: SourceNode, at segments: ArraySlice<String>, in node: inout SourceNode,
                            walked: [String], path: String) throws(ScenarioError) {
        guard let segment = segments.first else {
            node = value
            return
        }
        let rest = segments.dropFirst()
        let here = walked.isEmpty ? "the scenario" : "'\(walked.joined(separator: "."))'"
        switch node.content {
        case .mapping(var entries):
            if let index = entries.firstIndex(where: { $0.key.scalar?.text == segment }) {
                try set(value, at: rest, in: &entries[index].value, walked: walked + [segment], path: path)
            } else if rest.isEmpty {
                entries.append(SourceEntry(key: .string(segment, at: .override), value: value))
            } else {
                throw overrideError(path, "\(here) has no key '\(segment)'")
            }
            node.content = .mapping(entries)
        case .sequence(var elements):
            guard let index = elementIndex(segment, in: elements) else {
                let names = elements.compactMap(elementName)
                let known = names.isEmpty ? "" : "; its elements are \(names.joined(separator: ", "))"
                let indices = elements.isEmpty ? "" : " (or use an index from 0 to \(elements.count - 1))"
                throw overrideError(path, "\(here) has no element '\(segment)'\(known)\(indices)")
            }
            try set(value, at: rest, in: &elements[index], walked: walked + [segment], path: path)
            node.content = .sequence(elements)
        case .scalar:
            throw overrideError(path, "\(here) is a single value, not a mapping or a list, so it has no '\(segment)'")
        }
    }

    /// The index of the list element named `segment` by its `id` or `group`, or at index `segment`.
    private static func elementIndex(_ segment: String, in elements: [SourceNode]) -> Int? {
        if let named = elements.firstIndex(where: { elementName($0) == segment }) { return named }
        guard let index = Int(segment), elements.indices.contains(index) else { return nil }
        return index
    }

    /// The `id` or `group` of a list element that is a mapping, if it has one.
    private static func elementName(_ element: SourceNode) -> String? {
        guard case .mapping(let entries) = element.content else { return nil }
        let named = entries.first { ["id", "group"].contains($0.key.scalar?.text ?? "") }
        return named?.value.scalar?.text
    }

    /// An error about an override as a whole: at `--set`, no line or column, under the override's path.
    private static func overrideError(_ path: String, _ message: String) -> ScenarioError {
        ScenarioError(file: "--set", line: 0, column: 0, keyPath: path, message: message)
    }
}
