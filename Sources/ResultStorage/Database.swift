// SPDX-License-Identifier: GPL-3.0-or-later

import CSQLite

/// A connection to one SQLite database file: a thin wrapper over the system `libsqlite3`.
///
/// Parley talks to SQLite through this class and ``Statement`` rather than through GRDB on
/// purpose: measured on this project, the thin wrapper built about 50 times faster and
/// inserted metric rows about twice as fast, and the result store needs no more than
/// prepared statements, transactions and migrations.
///
/// Opening a file for writing sets the connection up for several processes sharing it
/// (SPEC §5): a busy timeout of minutes, so a writer waits for another one instead of
/// failing, and foreign keys enforced. Opening changes nothing in the file itself: the
/// result store switches it to write-ahead logging (``useWriteAheadLogging()``) only once
/// it knows the file is one it may write. A read-only connection never writes at all.
///
/// A `Database` is not thread-safe: use each connection from one thread at a time (it is
/// deliberately not `Sendable`), and open one per thread or process that needs one.
public final class Database {
    /// The underlying `sqlite3 *` handle.
    let connection: OpaquePointer
    /// Statements prepared once and reused, keyed by their SQL text.
    private var cachedStatements: [String: Statement] = [:]

    /// How a connection may use its file.
    public enum Access: Sendable {
        /// Read and write, creating the file if needed.
        case readWrite
        /// Read only (`SQLITE_OPEN_READONLY`): the file must exist and is never changed.
        case readOnly
    }

    /// How long a writer waits for another connection's write lock before failing.
    ///
    /// Minutes, not seconds: a simulation's results are stored only after the work that made
    /// them, and another process may hold the lock while it writes a large batch (a
    /// replication's chat rows). Waiting is always cheaper than losing the run.
    public static let busyTimeoutMilliseconds: Int32 = 10 * 60 * 1_000

    /// How long a read-only connection waits; with write-ahead logging readers are blocked
    /// only briefly (while a crashed writer's log is recovered).
    public static let readerBusyTimeoutMilliseconds: Int32 = 5_000

    /// Opens the database at `path`, creating the file if needed when `access` is
    /// `.readWrite`.
    ///
    /// `":memory:"` opens a private in-memory database (whose journal mode stays `memory`).
    public init(path: String, access: Access = .readWrite) throws(DatabaseError) {
        var handle: OpaquePointer?
        let flags = switch access {
        case .readWrite: SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX
        case .readOnly: SQLITE_OPEN_READONLY | SQLITE_OPEN_NOMUTEX
        }
        let code = sqlite3_open_v2(path, &handle, flags, nil)
        guard code == SQLITE_OK, let handle else {
            let error = DatabaseError.sqlite(code, on: handle, sql: nil)
            sqlite3_close_v2(handle)
            throw error
        }
        connection = handle
        sqlite3_extended_result_codes(connection, 1)
        sqlite3_busy_timeout(connection, access == .readWrite ? Self.busyTimeoutMilliseconds
                                                               : Self.readerBusyTimeoutMilliseconds)
        // Connection settings only: neither writes to the file.
        try execute("PRAGMA foreign_keys = ON")
        if access == .readOnly { try execute("PRAGMA query_only = ON") }
    }

    deinit {
        cachedStatements.removeAll()
        // `close_v2` defers the close until every statement still alive is finalized.
        sqlite3_close_v2(connection)
    }

    /// Switches the file to write-ahead logging, so readers never block the writer.
    ///
    /// This writes the file's header: call it only on a file known to be a result
    /// database this Parley may write. `synchronous = NORMAL` is the setting SQLite
    /// recommends with WAL: a power loss may lose the last commits but never corrupts the file.
    ///
    /// Another process may hold the file when the mode is switched (writers opening one new file
    /// at once), and SQLite answers a mode change that cannot take its lock with `SQLITE_BUSY`
    /// at once, without the busy handler; so the switch is tried again every 10 ms for as long
    /// as the busy timeout allows. A file already in WAL mode needs no lock and no retry.
    public func useWriteAheadLogging() throws(DatabaseError) {
        var attempts = 0
        while true {
            do {
                let mode = try prepare("PRAGMA journal_mode = WAL")
                _ = try mode.step()
                break
            } catch .sqlite(let code, let message, let sql) where code & 0xFF == SQLITE_BUSY {
                attempts += 1
                guard attempts < Int(Self.busyTimeoutMilliseconds) / 10 else {
                    throw .sqlite(code: code, message: message, sql: sql)
                }
                sqlite3_sleep(10)
            }
        }
        try execute("PRAGMA synchronous = NORMAL")
    }

    /// Runs one or more `;`-separated SQL statements that return no rows.
    public func execute(_ sql: String) throws(DatabaseError) {
        var message: UnsafeMutablePointer<CChar>?
        let code = sqlite3_exec(connection, sql, nil, nil, &message)
        guard code == SQLITE_OK else {
            let text = message.map { String(cString: $0) } ?? String(cString: sqlite3_errstr(code))
            sqlite3_free(message)
            throw .sqlite(code: sqlite3_extended_errcode(connection), message: text, sql: sql)
        }
    }

    /// Compiles one SQL statement.
    public func prepare(_ sql: String) throws(DatabaseError) -> Statement {
        try Statement(sql: sql, connection: connection)
    }

    /// The statement for `sql`, compiled on first use and reset for reuse afterwards.
    ///
    /// - Complexity: O(1) amortised after the first call for a given text.
    func cachedStatement(_ sql: String) throws(DatabaseError) -> Statement {
        if let statement = cachedStatements[sql] {
            statement.reset()
            return statement
        }
        let statement = try prepare(sql)
        cachedStatements[sql] = statement
        return statement
    }

    /// The rowid of the last row inserted on this connection.
    public var lastInsertRowID: Int64 { sqlite3_last_insert_rowid(connection) }

    /// Rows changed by the last `INSERT`, `UPDATE` or `DELETE` on this connection.
    public var changes: Int { Int(sqlite3_changes(connection)) }

    /// Whether no transaction is open.
    public var isAutocommit: Bool { sqlite3_get_autocommit(connection) != 0 }
}
