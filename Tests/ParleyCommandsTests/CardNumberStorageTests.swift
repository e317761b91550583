// SPDX-License-Identifier: GPL-3.0-or-later

import Foundation
import Testing

/// The raw card number never reaches storage, logs or error messages (SPEC §2.7): a run whose
/// customers send the industry test numbers in every format leaves none of them in the results
/// database, in any column of any table, nor in the file's bytes, nor in the command's output.
@Suite struct CardNumberStorageTests {
    /// The test numbers of SPEC §2.7, as written there.
    static let testNumbers = ["4111 1111 1111 1111", "5555 5555 5555 4444", "4012 8888 8888 1881",
                              "3782 822463 10005", "6011 1111 1111 1117"]

    /// Every number with spaces, with dashes and without separators.
    static var needles: [String] {
        testNumbers.flatMap { [$0, $0.replacingOccurrences(of: " ", with: "-"), $0.replacingOccurrences(of: " ", with: "")] }
    }

    static let scenario = """
        name: card-numbers
        seed: 4
        replications: 2
        duration: 8h
        interval: 1h
        queues:
          - {id: redacting, strategy: longest_idle, pci: redact}
          - {id: dropping, strategy: least_busy, pci: drop}
        agents:
          - {group: team, count: 4, capacity: 2, queues: [redacting, dropping]}
        customers:
          - {id: web, channel: live_chat, queue: redacting, arrivals: {rate_per_hour: 20},
             patience: {dist: exponential, mean: 3m}, handle_time: {dist: exponential, mean: 5m}, card_number_probability: 0.5}
          - {id: wa, channel: whatsapp, queue: dropping, arrivals: {rate_per_hour: 10},
             handle_time: {dist: exponential, mean: 5m}, card_number_probability: 0.5}
        """

    @Test func noTestCardNumberIsStoredOrPrinted() throws {
        let file = try ParleyProcess.temporaryFile("cards.yaml", Self.scenario)
        let db = (file as NSString).deletingLastPathComponent + "/cards.db"
        let output = try ParleyProcess.run(["run", file, "--db", db, "--json"])
        #expect(output.status == 0, "\(output.stderr)")
        let overall = try #require((try output.json()["metrics"] as? [String: Any])?["overall"] as? [String: Any])
        let redacted = try #require((overall["pci_redacted"] as? [String: Any])?["mean"] as? Double)
        let dropped = try #require((overall["pci_dropped"] as? [String: Any])?["mean"] as? Double)
        #expect(redacted > 0 && dropped > 0, "the customers sent card numbers")

        let database = try DatabaseFile(path: db)
        var stored: [String] = []
        for table in try database.texts("SELECT name FROM sqlite_master WHERE type = 'table'") {
            for column in try database.texts("SELECT name FROM pragma_table_info('\(table)')") {
                stored += try database.texts("SELECT CAST(\"\(column)\" AS TEXT) FROM \"\(table)\" WHERE \"\(column)\" IS NOT NULL")
            }
        }
        let everything = stored.joined(separator: "\n")
        #expect(everything.contains("card_number_probability: 0.5") && everything.contains("pci_redacted"),
                "the scan reads the stored scenario and metrics")
        var bytes = try Data(contentsOf: URL(fileURLWithPath: db))
        if let wal = try? Data(contentsOf: URL(fileURLWithPath: db + "-wal")) { bytes.append(wal) }
        for needle in Self.needles {
            #expect(!everything.contains(needle), "\(needle) is stored")
            #expect(bytes.range(of: Data(needle.utf8)) == nil, "\(needle) is in the database file")
            #expect(!output.stdout.contains(needle) && !output.stderr.contains(needle), "\(needle) is printed")
        }
    }
}
