// SPDX-License-Identifier: GPL-3.0-or-later

import CSQLite

/// An error from the result database: SQLite refused a statement, or the file is not one
/// this version of Parley may write.
///
/// An error carries the SQL text it came from but never the values bound to it, so a
/// message can be printed or logged without leaking data.
public enum DatabaseError: Error, Sendable, Equatable {
    /// SQLite returned `code` (an extended result code) with `message` while running `sql`
    /// (`nil` when no statement was involved, as when opening the file).
    case sqlite(code: Int32, message: String, sql: String?)
    /// The file's schema has migration `version`, newer than the `latestKnown` one this
    /// Parley knows: it was written by a newer Parley and is left untouched.
    case newerSchema(version: Int64, latestKnown: Int64)
    /// The file holds tables but no `schema_migrations`: it is another program's database
    /// (or empty, when opened read-only), left untouched.
    case notResultDatabase
    /// The file's schema has migration `version`, older than `oldestReadable`, the oldest a
    /// read-only store can read; opening it once for writing migrates it.
    case olderSchema(version: Int64, oldestReadable: Int64)
    /// No run with this id exists.
    case unknownRun(id: Int64)
    /// A stored value cannot be decoded (a text outside the schema's vocabulary).
    case unexpectedValue(column: String, value: String)

    /// The SQLite extended result code, or `nil` for errors SQLite did not raise.
    public var sqliteCode: Int32? {
        if case .sqlite(let code, _, _) = self { return code }
        return nil
    }

    /// Whether SQLite refused the statement because it broke a constraint of the schema
    /// (CHECK, NOT NULL, UNIQUE, PRIMARY KEY or FOREIGN KEY).
    public var isConstraintViolation: Bool {
        guard let code = sqliteCode else { return false }
        return code & 0xFF == SQLITE_CONSTRAINT
    }
}

extension DatabaseError: CustomStringConvertible {
    /// A one-line explanation for the command line, naming the SQL but no bound value.
    public var description: String {
        switch self {
        case let .sqlite(code, message, sql):
            let kind = String(cString: sqlite3_errstr(code))
            var text = "SQLite error \(code) (\(kind)): \(message)"
            if let sql { text += " — in: \(sql.split(whereSeparator: \.isNewline).joined(separator: " "))" }
            return text
        case let .newerSchema(version, latestKnown):
            return "the database was written by a newer Parley (schema version \(version); "
                + "this Parley knows up to \(latestKnown)); use a newer Parley or another file"
        case .notResultDatabase:
            return "not a Parley results database (it has no schema_migrations table); left unchanged"
        case let .olderSchema(version, oldestReadable):
            return "the database has the schema of an older Parley (version \(version)); reading needs version "
                + "\(oldestReadable) or later: store a run in it once to migrate it"
        case let .unknownRun(id):
            return "no run with id \(id) in the database"
        case let .unexpectedValue(column, value):
            return "unexpected value '\(value)' in column \(column)"
        }
    }
}

extension DatabaseError {
    /// The error SQLite reports on `connection` for `code`, while running `sql`.
    static func sqlite(_ code: Int32, on connection: OpaquePointer?, sql: String?) -> DatabaseError {
        let message: String
        if let connection, let text = sqlite3_errmsg(connection) {
            message = String(cString: text)
        } else {
            message = String(cString: sqlite3_errstr(code))
        }
        return .sqlite(code: code, message: message, sql: sql)
    }
}
