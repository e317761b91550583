// SPDX-License-Identifier: GPL-3.0-or-later

import ParleyTime

/// One agent group a rostered group becomes: its agents all work the same shifts.
public struct ShiftGroupText: Sendable, Equatable {
    public var name: String
    /// Its agents, or nil for a group kept with a plan of zeros (a roster without shifts).
    public var count: Int?
    /// `shifts:` entries such as `tue 05:00-06:00` (the shift's on-duty parts, breaks left out).
    public var shifts: [String]

    public init(name: String, count: Int?, shifts: [String]) {
        self.name = name
        self.count = count
        self.shifts = shifts
    }
}

extension StaffingPlanWriter {
    /// The scenario `yaml` with each group of `splits` (by group name) replaced by the groups it
    /// lists, in place and in order: each a copy of the group's text with its `group`, `count` and
    /// `shifts` rewritten and the keys that only fit the whole group (`staffable`, `shift_rules`,
    /// `names`, `extensions`) removed. A copy without a count keeps the group's name and gets a
    /// plan of zeros at `interval` (its queues stay served).
    ///
    /// - Throws: ``ScenarioError`` as ``text(_:file:plans:header:note:)`` does.
    public static func text(_ yaml: String, file: String, splits: [(group: String, groups: [ShiftGroupText])],
                            interval: SimDuration, header: [String] = [], note: String = "") throws(ScenarioError) -> String {
        guard let root = try SourceNode.parse(yaml: yaml, file: file),
              case .mapping(let top) = root.content,
              let agents = top.first(where: { $0.key.scalar?.text == "agents" }),
              case .sequence(let elements) = agents.value.content else {
            throw ScenarioError(file: file, line: 1, column: 1, keyPath: "agents", message: "no agents list to write a roster into")
        }
        var lines = yaml.components(separatedBy: "\n")
        var edits: [(range: ClosedRange<Int>, replacement: [String])] = []
        for (group, copies) in splits {
            guard let (index, element) = elements.enumerated().first(where: { groupName($0.element) == group }),
                  case .mapping(let entries) = element.content,
                  let groupEntry = entries.first(where: { $0.key.scalar?.text == "group" }) else {
                throw ScenarioError(file: file, line: agents.key.location.line, column: agents.key.location.column,
                                    keyPath: "agents", message: "no agent group '\(group)' to write a roster into")
            }
            let path = "agents[\(index)]"
            let (groupLines, prefix) = try extent(of: groupEntry.key, in: lines, path: "\(path).group")
            let indent = String(repeating: " ", count: prefix.count)
            var removed: [ClosedRange<Int>] = []
            var last = groupLines.upperBound
            for entry in entries {
                guard let key = entry.key.scalar?.text else { continue }
                let (range, keyPrefix) = try extent(of: entry.key, in: lines, path: "\(path).\(key)")
                last = max(last, range.upperBound)
                guard ["count", "shifts", "staffable", "shift_rules", "names", "extensions"].contains(key) else { continue }
                guard !keyPrefix.contains("-") else {
                    throw error(at: entry.key, "\(path).\(key)", "cannot remove the first key of a list item; put 'group:' first")
                }
                removed.append(range)
            }
            let first = min(groupLines.lowerBound, entries.map(\.key.location.line).min() ?? groupLines.lowerBound)
            var block: [String] = []
            for copy in copies {
                for line in first...last {
                    if groupLines.contains(line) {
                        guard line == groupLines.lowerBound else { continue }
                        let quoted = "\"" + copy.name.replacingOccurrences(of: "\\", with: "\\\\")
                            .replacingOccurrences(of: "\"", with: "\\\"") + "\""
                        block.append(prefix + "group: " + quoted)
                        if let count = copy.count {
                            block.append(indent + "count: \(count)" + (note.isEmpty ? "" : "  # " + note))
                            block.append(indent + "shifts: [" + copy.shifts.map { "\"\($0)\"" }.joined(separator: ", ") + "]")
                        } else {
                            let zeros = StaffingPlan(interval: interval, counts: Array(repeating: 0, count: Int(86_400_000_000
                                / max(interval.microseconds, 1))))
                            block += planLines(zeros, prefix: indent, note: "the roster has no shifts")
                        }
                    } else if !removed.contains(where: { $0.contains(line) }) {
                        block.append(lines[line - 1])
                    }
                }
            }
            edits.append((first...last, block))
        }
        for edit in edits.sorted(by: { $0.range.lowerBound > $1.range.lowerBound }) {
            lines.replaceSubrange((edit.range.lowerBound - 1)...(edit.range.upperBound - 1), with: edit.replacement)
        }
        return (header.map { "# " + $0 } + lines).joined(separator: "\n")
    }
}
