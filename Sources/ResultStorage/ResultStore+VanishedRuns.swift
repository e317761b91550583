// SPDX-License-Identifier: GPL-3.0-or-later

extension ResultStore {
    /// Marks `interrupted` every run still `running` that a process of this host wrote and
    /// that no longer exists (SIGKILL, a crash, a power cut), and returns their ids.
    ///
    /// Called when a store opens for writing. Candidates are read first, without the write
    /// lock; each is then updated only if still `running`, so two processes opening the
    /// file at once mark a run once. The end time is the moment it was found, not the
    /// unknown moment the process died. Runs of other hosts, and runs written before schema
    /// version 3 (no writer recorded), are left alone.
    @discardableResult
    public func markVanishedRuns() throws(DatabaseError) -> [Int64] {
        guard let writer else { return [] }
        let query = try database.prepare("""
            SELECT id, writer_pid FROM runs
            WHERE status = 'running' AND writer_host = ? AND writer_pid IS NOT NULL ORDER BY id
            """)
        try query.bind(writer.host, at: 1)
        let running = try query.rows { (row: Statement) throws(DatabaseError) in
            (id: row.int64(at: 0), pid: Int32(clamping: row.int64(at: 1)))
        }
        let vanished = running.filter { !RunWriter.processExists($0.pid) }.map(\.id)
        guard !vanished.isEmpty else { return [] }
        return try database.transaction { () throws(DatabaseError) -> [Int64] in
            let update = try database.cachedStatement("""
                UPDATE runs SET status = 'interrupted', ended_at = strftime('%Y-%m-%dT%H:%M:%SZ', 'now')
                WHERE id = ? AND status = 'running'
                """)
            var marked: [Int64] = []
            for id in vanished {
                try update.bind(id, at: 1)
                try update.step()
                if database.changes == 1 { marked.append(id) }
                update.reset()
            }
            return marked
        }
    }
}
