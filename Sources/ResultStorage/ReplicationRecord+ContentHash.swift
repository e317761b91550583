// SPDX-License-Identifier: GPL-3.0-or-later

extension ReplicationRecord {
    /// The SHA-256 (hexadecimal) of `records`' rows — index, counts and every metric's key and
    /// exact bits — in index order and, within a replication, in key order: equal exactly when
    /// the replications are, whatever order they were read in.
    ///
    /// - Complexity: O(m log m) for m metric values.
    public static func contentHash(of records: [ReplicationRecord]) -> String {
        var text = ""
        for record in records.sorted(by: { $0.index < $1.index }) {
            text += "\(record.index) \(record.simulatedChats) \(record.events)\n"
            for position in ResultStore.keyOrder(of: record.metrics) {
                let metric = record.metrics[position]
                let value = metric.value.map { String($0.bitPattern, radix: 16) } ?? "-"
                text += "\(metric.scope.rawValue) \(metric.scopeID.utf8.count):\(metric.scopeID) \(metric.name) \(value)\n"
            }
        }
        return ContentHash.hex(of: text)
    }
}
