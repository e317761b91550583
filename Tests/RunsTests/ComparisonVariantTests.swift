// SPDX-License-Identifier: GPL-3.0-or-later

import Runs
import Testing

/// Reading `--variant NAME:key=value[,key=value…]`.
struct ComparisonVariantTests {
    @Test("settings split at commas that start a new key=, so values may hold commas", arguments: [
        ("base:", ComparisonVariant(name: "base", settings: [])),
        ("more:agents.team.count=14", ComparisonVariant(name: "more", settings: ["agents.team.count=14"])),
        ("two:agents.team.count=14, queues.q.offer_timeout=20s",
         ComparisonVariant(name: "two", settings: ["agents.team.count=14", "queues.q.offer_timeout=20s"])),
        ("list:queues.q.wrap_up_reasons=[a,b, c],agents.t.slowdown=[1,1.2]",
         ComparisonVariant(name: "list", settings: ["queues.q.wrap_up_reasons=[a,b, c]", "agents.t.slowdown=[1,1.2]"])),
        ("v1.2_x-y:customers.web.arrivals.rate_per_hour=100",
         ComparisonVariant(name: "v1.2_x-y", settings: ["customers.web.arrivals.rate_per_hour=100"])),
    ])
    func parses(text: String, expected: ComparisonVariant) throws {
        #expect(try ComparisonVariant(parsing: text) == expected)
    }

    @Test("malformed variants are refused with what is wrong", arguments: [
        ("more", "needs the form NAME:key=value"),
        (":agents.team.count=3", "the name before ':' must be"),
        ("a b:agents.team.count=3", "the name before ':' must be"),
        ("x:agents.team.count", "'agents.team.count' is not key.path=value"),
        ("x:replications=3", "'replications' is shared by every variant"),
    ])
    func refuses(text: String, message: String) {
        #expect { try ComparisonVariant(parsing: text) } throws: { error in
            "\(error)".contains(message)
        }
    }
}
