// SPDX-License-Identifier: GPL-3.0-or-later

import Foundation
import ResultStorage
import Testing

/// Every run stores what each agent did, consistent with the run's own metrics.
@Suite struct AgentStatisticsTests {
    @Test func agentRowsAddUpToTheRunsMetrics() throws {
        let db = FileManager.default.temporaryDirectory.appendingPathComponent("agents-\(UUID().uuidString).db").path
        let output = try ParleyProcess.run(["run", "scenarios/examples/quickstart.yaml", "--db", db, "--replications", "3"])
        #expect(output.status == 0, "\(output.stderr)")
        let database = try Database(path: db)
        func value(_ sql: String) throws -> Double { try database.number(sql) }
        // quickstart: 3 + 6 + 2 agents.
        #expect(try value("SELECT count(*) FROM agent_statistics") == 11 * 3)
        for replication in 0..<3 {
            let metric = { (name: String) throws -> Double in
                try value("SELECT value FROM replication_metrics WHERE replication = \(replication) AND scope = 'overall' AND metric = '\(name)'")
            }
            let chats = try value("SELECT sum(chats) FROM agent_statistics WHERE replication = \(replication)")
            #expect(chats == (try metric("answered")))
            let occupancy = try value("""
                SELECT sum(busy_s) / sum(staffed_s * capacity) FROM agent_statistics WHERE replication = \(replication)
                """)
            #expect(abs(occupancy - (try metric("occupancy"))) < 1e-9)
            // Always on duty: every agent is staffed for the whole 8-hour window.
            #expect(try value("SELECT min(staffed_s) FROM agent_statistics WHERE replication = \(replication)") == 8 * 3600)
        }
        #expect(try value("SELECT sum(rona) FROM agent_statistics") > 0)
        #expect(try value("SELECT count(DISTINCT agent_group) FROM agent_statistics") == 3)
    }
}
