// SPDX-License-Identifier: GPL-3.0-or-later

import ParleyTime

/// Writes staffing plans into a scenario's YAML text, keeping everything else as written.
///
/// `parley staff --plan-out` uses it so that the plan it found can be run with `parley run`:
/// each planned group's `count` becomes `{interval, values}` (one line of values per day) and
/// its `shifts`, which a plan replaces, are removed. The text is edited line by line — the
/// author's comments, key order and formatting survive — which needs the group written in
/// block style (`key: value` lines, the usual form); a group written as one flow mapping
/// (`- {group: a, count: 3}`) is refused with an error at its `count`.
public enum StaffingPlanWriter {
    /// The scenario `yaml` with each group of `plans` (by group name) given its plan.
    ///
    /// - Parameters:
    ///   - header: Lines written first as comments (where the plan came from).
    ///   - note: A comment after each rewritten `count:`.
    /// - Throws: ``ScenarioError`` when the text does not parse, a group is not found, or a
    ///   key to rewrite is not in block style.
    /// - Complexity: O(lines of the text + values of the plans).
    public static func text(_ yaml: String, file: String, plans: [(group: String, plan: StaffingPlan)],
                            header: [String] = [], note: String = "") throws(ScenarioError) -> String {
        guard let root = try SourceNode.parse(yaml: yaml, file: file),
              case .mapping(let top) = root.content,
              let agents = top.first(where: { $0.key.scalar?.text == "agents" }),
              case .sequence(let elements) = agents.value.content else {
            throw ScenarioError(file: file, line: 1, column: 1, keyPath: "agents", message: "no agents list to write a plan into")
        }
        var lines = yaml.components(separatedBy: "\n")
        var edits: [(range: ClosedRange<Int>, replacement: [String])] = []
        for (group, plan) in plans {
            guard let (index, element) = elements.enumerated().first(where: { groupName($0.element) == group }),
                  case .mapping(let entries) = element.content else {
                throw ScenarioError(file: file, line: agents.key.location.line, column: agents.key.location.column,
                                    keyPath: "agents", message: "no agent group '\(group)' to write a plan into")
            }
            let path = "agents[\(index)]"
            guard let count = entries.first(where: { $0.key.scalar?.text == "count" }) else {
                throw ScenarioError(file: file, line: element.location.line, column: element.location.column,
                                    keyPath: path, message: "missing required key 'count'")
            }
            let (countLines, prefix) = try extent(of: count.key, in: lines, path: "\(path).count")
            edits.append((countLines, planLines(plan, prefix: prefix, note: note)))
            if let shifts = entries.first(where: { $0.key.scalar?.text == "shifts" }) {
                let (shiftLines, shiftPrefix) = try extent(of: shifts.key, in: lines, path: "\(path).shifts")
                guard !shiftPrefix.contains("-") else {
                    throw error(at: shifts.key, "\(path).shifts", "cannot remove the first key of a list item; put 'group:' first")
                }
                edits.append((shiftLines, []))
            }
        }
        for edit in edits.sorted(by: { $0.range.lowerBound > $1.range.lowerBound }) {
            lines.replaceSubrange((edit.range.lowerBound - 1)...(edit.range.upperBound - 1), with: edit.replacement)
        }
        return (header.map { "# " + $0 } + lines).joined(separator: "\n")
    }

    /// A duration as the shortest text the loader reads back exactly: `30m`, `1h`, `1h30m`, `90s`.
    public static func durationText(_ duration: SimDuration) -> String {
        let micros = duration.microseconds
        guard micros % 1_000_000 == 0 else { return "\(micros / 1000)ms" }
        var seconds = micros / 1_000_000
        var text = ""
        for (unit, length) in [("d", Int64(86_400)), ("h", 3_600), ("m", 60), ("s", 1)] where seconds >= length {
            text += "\(seconds / length)\(unit)"
            seconds %= length
        }
        return text.isEmpty ? "0s" : text
    }

    /// The `group:` of a list element, if it is a mapping that has one.
    static func groupName(_ node: SourceNode) -> String? {
        guard case .mapping(let entries) = node.content else { return nil }
        return entries.first { $0.key.scalar?.text == "group" }?.value.scalar?.text
    }

    /// The 1-based lines a block-style `key: value` entry spans, and the text before its key.
    ///
    /// The value continues on every following line indented deeper than the key (YAML's rule
    /// for block mappings, which also holds for a flow value spread over lines); blank and
    /// comment lines after the last such line are not part of it.
    static func extent(of key: SourceNode, in lines: [String],
                               path: String) throws(ScenarioError) -> (ClosedRange<Int>, String) {
        let line = key.location.line, column = key.location.column
        guard line >= 1, line <= lines.count else { throw error(at: key, path, "the key has no position in the file") }
        let prefix = String(lines[line - 1].unicodeScalars.prefix(column - 1))
        guard prefix.allSatisfy({ $0 == " " || $0 == "-" }) else {
            throw error(at: key, path, "cannot rewrite a key inside a flow mapping; write the agent group in block style")
        }
        var last = line
        var next = line
        while next < lines.count {
            let text = lines[next]
            let content = text.drop { $0 == " " }
            if !content.isEmpty && !content.hasPrefix("#") {
                guard text.count - content.count > column - 1 else { break }
                last = next + 1
            }
            next += 1
        }
        return (line...last, prefix)
    }

    /// The lines of `count: {interval, values}` at the given key prefix, one day of values per line.
    static func planLines(_ plan: StaffingPlan, prefix: String, note: String) -> [String] {
        let indent = String(repeating: " ", count: prefix.count)
        let perLine = max(1, Int(86_400_000_000 / max(plan.interval.microseconds, 1)))
        var lines = [prefix + "count:" + (note.isEmpty ? "" : "  # " + note),
                     indent + "  interval: " + durationText(plan.interval)]
        var start = 0
        while start < plan.counts.count {
            let end = min(start + perLine, plan.counts.count)
            let values = plan.counts[start..<end].map(String.init).joined(separator: ", ")
            let opening = start == 0 ? indent + "  values: [" : indent + "    "
            lines.append(opening + values + (end == plan.counts.count ? "]" : ","))
            start = end
        }
        return lines
    }

    static func error(at node: SourceNode, _ path: String, _ message: String) -> ScenarioError {
        ScenarioError(file: node.location.file, line: node.location.line, column: node.location.column,
                      keyPath: path, message: message)
    }
}
