// SPDX-License-Identifier: GPL-3.0-or-later

/// Where a key is written in a loaded scenario, for a command that cannot honour it.
extension ScenarioLoader {
    /// The first of `paths` written in an item of the list `section` (`customers`, `agents`) or,
    /// for `section` nil, at the top level of `scenario`'s file, as an error at that key with
    /// `message(path)`; nil when none is written.
    ///
    /// A path is the key and the keys under it, `["return", "history_saves"]`. The key path named
    /// is the file's (`customers[1].return.history_saves`); items are searched in file order, and
    /// within an item the paths in the order given.
    public static func firstKey(_ paths: [[String]], in section: String?, of scenario: Scenario,
                                message: ([String]) -> String) -> ScenarioError? {
        guard let root = try? SourceNode.parse(yaml: scenario.sourceText, file: scenario.sourceFile) else {
            return nil
        }
        func entry(_ key: String, of node: SourceNode) -> SourceEntry? {
            guard case .mapping(let entries) = node.content else { return nil }
            return entries.first { $0.key.scalar?.text == key }
        }
        func find(in node: SourceNode, prefix: String) -> ScenarioError? {
            for path in paths {
                var current = node
                var found: SourceEntry?
                for key in path {
                    guard let next = entry(key, of: current) else {
                        found = nil
                        break
                    }
                    found = next
                    current = next.value
                }
                if let found {
                    let location = found.key.location
                    return ScenarioError(file: location.file, line: location.line, column: location.column,
                                         keyPath: prefix + path.joined(separator: "."), message: message(path))
                }
            }
            return nil
        }
        guard let section else { return find(in: root, prefix: "") }
        guard let list = entry(section, of: root)?.value, case .sequence(let items) = list.content else { return nil }
        for (i, item) in items.enumerated() {
            if let error = find(in: item, prefix: "\(section)[\(i)].") { return error }
        }
        return nil
    }
}
