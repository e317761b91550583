// SPDX-License-Identifier: GPL-3.0-or-later

import Foundation
import Testing

/// `parley validate` checks a scenario without running it.
@Suite struct ValidateCommandTests {
    @Test func aValidScenarioPasses() throws {
        let output = try ParleyProcess.run(["validate", "scenarios/examples/retail-week.yaml"])
        #expect(output.status == 0, "\(output.stderr)")
        #expect(output.stdout == "scenarios/examples/retail-week.yaml: ok — retail-week: 3 queues, 3 agent groups "
                    + "(20 agents), 4 customer streams\n")
    }

    @Test func eachKindOfMistakeExitsTwoAtItsPlace() throws {
        let base = try String(contentsOfFile: ParleyProcess.packageRoot.appendingPathComponent(
            "scenarios/examples/quickstart.yaml").path, encoding: .utf8)
        let cases: [(String, String, String)] = [
            ("    strategy: least_busy\n", "    strategy: least_bussy\n", "queues[1].strategy: unknown strategy 'least_bussy'"),
            ("    count: 6\n", "    count: -6\n", "agents[1].count: must be at least 1, found -6"),
            ("    queue: support\n", "    queue: suport\n", "customers[1].queue: unknown queue 'suport'"),
            ("    slowdown: [1.0, 1.25]", "    slowdown: [1.25, 1.0]", "agents[0].slowdown[1]: slowdown must not decrease"),
            ("    miss_probability: 0.02", "    miss_probability: 2", "agents[0].miss_probability: a probability must be from 0 to 1"),
        ]
        for (old, new, message) in cases {
            #expect(base.contains(old), "fixture: \(old)")
            let file = try ParleyProcess.temporaryFile("bad.yaml", base.replacingOccurrences(of: old, with: new))
            let output = try ParleyProcess.run(["validate", file])
            #expect(output.status == 2, "\(message)")
            #expect(output.stderr.hasPrefix(file + ":") && output.stderr.contains(message), "\(output.stderr)")
            let line = Int(output.stderr.split(separator: ":")[1])!
            let expectedLine = base.replacingOccurrences(of: old, with: new).components(separatedBy: "\n")
                .firstIndex { $0.hasPrefix(new.trimmingCharacters(in: .newlines)) }! + 1
            #expect(line == expectedLine, "\(message): line \(line), expected \(expectedLine)")
        }
    }

    @Test func aBadOverridePathIsNamed() throws {
        let output = try ParleyProcess.run(["validate", "scenarios/examples/quickstart.yaml", "--set", "agents.nobody.count=3"])
        #expect(output.status == 2)
        #expect(output.stderr.hasPrefix("--set:0:0: error: agents.nobody.count:"), "\(output.stderr)")
    }
}
