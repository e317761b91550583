// SPDX-License-Identifier: GPL-3.0-or-later

import CSQLite

/// A compiled SQL statement: bind values by 1-based index, step through its rows, reset
/// it, and run it again.
///
/// Reusing one statement for many rows is what makes batched inserts fast: the SQL is
/// parsed once, and each row costs only the binds and a step. Bindings survive
/// ``reset()``, so a value shared by every row need be bound only once. The statement is
/// finalized when the last reference to it goes away.
public final class Statement {
    /// The underlying `sqlite3_stmt *` handle.
    private let handle: OpaquePointer
    /// The connection the statement belongs to, for error messages.
    private let connection: OpaquePointer
    /// The SQL text, quoted in errors (bound values never are).
    public let sql: String

    init(sql: String, connection: OpaquePointer) throws(DatabaseError) {
        var handle: OpaquePointer?
        let code = sqlite3_prepare_v2(connection, sql, -1, &handle, nil)
        guard code == SQLITE_OK else {
            sqlite3_finalize(handle)
            throw .sqlite(code, on: connection, sql: sql)
        }
        guard let handle else {
            // A text holding only whitespace or comments compiles to no statement.
            throw .sqlite(code: SQLITE_MISUSE, message: "no SQL statement in the text", sql: sql)
        }
        self.handle = handle
        self.connection = connection
        self.sql = sql
    }

    deinit {
        sqlite3_finalize(handle)
    }

    // MARK: Binding

    /// Binds an integer (or NULL) to the parameter at 1-based `index`.
    public func bind(_ value: Int64?, at index: Int) throws(DatabaseError) {
        guard let value else { return try bindNull(at: index) }
        try check(sqlite3_bind_int64(handle, Int32(index), value))
    }

    /// Binds an integer (or NULL) to the parameter at 1-based `index`.
    public func bind(_ value: Int?, at index: Int) throws(DatabaseError) {
        try bind(value.map(Int64.init), at: index)
    }

    /// Binds a floating-point number (or NULL) to the parameter at 1-based `index`.
    ///
    /// SQLite stores NaN as NULL.
    public func bind(_ value: Double?, at index: Int) throws(DatabaseError) {
        guard let value else { return try bindNull(at: index) }
        try check(sqlite3_bind_double(handle, Int32(index), value))
    }

    /// Binds a text (or NULL) to the parameter at 1-based `index`; SQLite copies it.
    public func bind(_ value: String?, at index: Int) throws(DatabaseError) {
        guard var value else { return try bindNull(at: index) }
        let code = value.withUTF8 { bytes in
            bytes.withMemoryRebound(to: CChar.self) { text in
                // A null pointer would bind NULL, so the empty text gets a real one.
                guard let start = text.baseAddress, !text.isEmpty else {
                    return sqlite3_bind_text(handle, Int32(index), "", 0, parley_sqlite_transient())
                }
                return sqlite3_bind_text(handle, Int32(index), start, Int32(text.count),
                                         parley_sqlite_transient())
            }
        }
        try check(code)
    }

    /// Binds NULL to the parameter at 1-based `index`.
    public func bindNull(at index: Int) throws(DatabaseError) {
        try check(sqlite3_bind_null(handle, Int32(index)))
    }

    /// Sets every parameter back to NULL.
    public func clearBindings() {
        sqlite3_clear_bindings(handle)
    }

    // MARK: Running

    /// Runs the statement to its next row: `true` when a row is available to read,
    /// `false` when the statement has finished.
    @discardableResult
    public func step() throws(DatabaseError) -> Bool {
        switch sqlite3_step(handle) {
        case SQLITE_ROW: return true
        case SQLITE_DONE: return false
        case let code: throw .sqlite(code, on: connection, sql: sql)
        }
    }

    /// Rewinds the statement so it can run again; its bindings are kept.
    ///
    /// A failure of the last step was already thrown by ``step()``, so the code that
    /// `sqlite3_reset` repeats is ignored.
    public func reset() {
        sqlite3_reset(handle)
    }

    // MARK: Reading the current row

    /// Whether the column at 0-based `index` of the current row is NULL.
    public func isNull(at index: Int) -> Bool {
        sqlite3_column_type(handle, Int32(index)) == SQLITE_NULL
    }

    /// The column at 0-based `index` of the current row as an integer (0 for NULL).
    public func int64(at index: Int) -> Int64 {
        sqlite3_column_int64(handle, Int32(index))
    }

    /// The column at 0-based `index` of the current row as a number (0 for NULL).
    public func double(at index: Int) -> Double {
        sqlite3_column_double(handle, Int32(index))
    }

    /// The column at 0-based `index` of the current row as text ("" for NULL).
    public func string(at index: Int) -> String {
        guard let text = sqlite3_column_text(handle, Int32(index)) else { return "" }
        let count = Int(sqlite3_column_bytes(handle, Int32(index)))
        return String(decoding: UnsafeBufferPointer(start: text, count: count), as: UTF8.self)
    }

    /// Throws unless `code` is `SQLITE_OK`.
    private func check(_ code: Int32) throws(DatabaseError) {
        guard code == SQLITE_OK else { throw .sqlite(code, on: connection, sql: sql) }
    }
}

extension Statement {
    /// The column at 0-based `index` as a number, or `nil` when it is NULL.
    func optionalDouble(at index: Int) -> Double? {
        isNull(at: index) ? nil : double(at: index)
    }

    /// The column at 0-based `index` as text, or `nil` when it is NULL.
    func optionalString(at index: Int) -> String? {
        isNull(at: index) ? nil : string(at: index)
    }
}
