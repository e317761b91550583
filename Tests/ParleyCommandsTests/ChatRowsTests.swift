// SPDX-License-Identifier: GPL-3.0-or-later

import Foundation
import ResultStorage
import Testing

/// `parley run --chats` stores one row per chat of the window, consistent with the metrics.
@Suite struct ChatRowsTests {
    @Test func everyChatOfTheWindowHasOneRowAgreeingWithTheMetrics() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("chats-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let db = directory.appendingPathComponent("runs.db").path
        let output = try ParleyProcess.run(["run", "scenarios/examples/services-week.yaml", "--db", db, "--chats",
                                            "--replications", "2", "--set", "duration=2d"])
        #expect(output.status == 0, "\(output.stderr)")
        let database = try Database(path: db)
        func value(_ sql: String) throws -> Double { try database.number(sql) }
        let outcomes = ["answered": "answered", "abandoned": "abandoned", "unresolved": "unresolved",
                        "rejected": "rejected", "bot_resolved": "bot_resolved", "missed_contact": "missed_contacts",
                        "offline_form": "offline_forms", "out_of_hours": "out_of_hours", "inactive": "inactive",
                        "rejected_collateral": "rejected_collateral", "ignored": "ignored"]
        for replication in 0..<2 {
            for (outcome, metric) in outcomes.sorted(by: { $0.key < $1.key }) {
                let rows = try value("SELECT count(*) FROM chats WHERE replication = \(replication) AND outcome = '\(outcome)'")
                let counted = try value("""
                    SELECT value FROM replication_metrics WHERE replication = \(replication) AND scope = 'overall'
                    AND metric = '\(metric)'
                    """)
                #expect(rows == counted, "replication \(replication) \(outcome): \(rows) rows, metric \(counted)")
            }
            let rows = try value("SELECT count(*) FROM chats WHERE replication = \(replication)")
            let distinct = try value("SELECT count(DISTINCT chat) FROM chats WHERE replication = \(replication)")
            let inWindow = try value("""
                SELECT sum(value) FROM replication_metrics WHERE replication = \(replication) AND scope = 'overall'
                AND metric IN ('arrivals', 'out_of_hours')
                """)
            #expect(rows > 0 && rows == distinct && rows == inWindow)
        }
        #expect(try value("SELECT count(*) FROM chats WHERE outcome = 'answered' AND (agent IS NULL OR wait_s < 0)") == 0)
        // Only an answered chat has an agent, and an ignored one: its agent opened it and left it unanswered.
        #expect(try value("""
            SELECT count(*) FROM chats WHERE outcome <> 'answered' AND outcome <> 'ignored' AND outcome <> 'out_of_hours'
            AND agent IS NOT NULL
            """) == 0)
        #expect(try value("SELECT count(*) FROM chats WHERE outcome = 'ignored' AND agent IS NULL") == 0)
        #expect(try value("SELECT sum(rona_count) FROM chats") > 0)
        // Each answered chat of the support queue was closed with a wrap-up reason, stored with it and
        // counted in the queue's metric rows; the messaging queue lists none.
        for replication in 0..<2 {
            for reason in ["solved", "callback", "escalated"] {
                let rows = try value("""
                    SELECT count(*) FROM chats WHERE replication = \(replication) AND outcome = 'answered'
                    AND wrap_up_reason = '\(reason)'
                    """)
                let counted = try value("""
                    SELECT value FROM replication_metrics WHERE replication = \(replication) AND scope = 'queue'
                    AND scope_id = 'support' AND metric = 'wrap_up_reason/\(reason)'
                    """)
                #expect(rows > 0 && rows == counted, "replication \(replication) \(reason): \(rows) rows, metric \(counted)")
            }
        }
        #expect(try value("SELECT count(*) FROM chats WHERE queue = 'messaging' AND wrap_up_reason IS NOT NULL") == 0)
        // Without --chats nothing is stored.
        let plain = directory.appendingPathComponent("plain.db").path
        #expect(try ParleyProcess.run(["run", "scenarios/examples/quickstart.yaml", "--db", plain, "--replications", "2"]).status == 0)
        #expect(try Database(path: plain).prepare("SELECT count(*) FROM chats").step())
        let none = try Database(path: plain).prepare("SELECT count(*) FROM chats")
        _ = try none.step()
        #expect(none.int64(at: 0) == 0)
    }
}
