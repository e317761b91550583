// SPDX-License-Identifier: GPL-3.0-or-later

extension Database {
    /// Runs `body` in one transaction: all its writes are committed together, or none is.
    ///
    /// The transaction begins `IMMEDIATE`, taking the write lock up front, so two
    /// processes writing one file queue on the busy timeout instead of failing halfway
    /// through with `SQLITE_BUSY`. When `body` throws, the transaction is rolled back and
    /// the error rethrown; when the commit fails, it is rolled back too. Transactions do
    /// not nest.
    public func transaction<T>(_ body: () throws(DatabaseError) -> T) throws(DatabaseError) -> T {
        try run(body, begin: "BEGIN IMMEDIATE")
    }

    /// Rolls back the open transaction, if SQLite has not already done so.
    ///
    /// Some errors (a full disk, an interrupt) make SQLite roll back on its own; a second
    /// `ROLLBACK` would then fail and hide the original error, so it is skipped.
    private func rollBackIfOpen() {
        guard !isAutocommit else { return }
        try? execute("ROLLBACK")
    }

    /// Runs `body` in a read transaction (`BEGIN DEFERRED`): every query in it sees one
    /// snapshot of the file, whatever other connections commit meanwhile. Takes no write lock.
    public func readTransaction<T>(_ body: () throws(DatabaseError) -> T) throws(DatabaseError) -> T {
        try run(body, begin: "BEGIN DEFERRED")
    }

    /// Runs `body` between `begin` and `COMMIT`, rolling back when it or the commit fails.
    private func run<T>(_ body: () throws(DatabaseError) -> T, begin: String) throws(DatabaseError) -> T {
        try execute(begin)
        let result: T
        do {
            result = try body()
            try execute("COMMIT")
        } catch {
            rollBackIfOpen()
            throw error
        }
        return result
    }
}
