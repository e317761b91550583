// SPDX-License-Identifier: GPL-3.0-or-later

import Foundation
import Testing
@testable import ResultStorage

@Suite("SQLite wrapper")
struct DatabaseTests {
    @Test("a file database uses write-ahead logging once asked, foreign keys and a writer's busy timeout")
    func fileDatabaseSettings() throws {
        let file = TemporaryDatabase()
        let database = try Database(path: file.path)
        #expect(try text("PRAGMA journal_mode", database) == "delete", "opening changes nothing in the file")
        try database.useWriteAheadLogging()
        #expect(try text("PRAGMA journal_mode", database) == "wal")
        #expect(try integer("PRAGMA foreign_keys", database) == 1)
        #expect(try integer("PRAGMA busy_timeout", database) == Int64(Database.busyTimeoutMilliseconds))
        let reader = try Database(path: file.path, access: .readOnly)
        #expect(try integer("PRAGMA busy_timeout", reader) == Int64(Database.readerBusyTimeoutMilliseconds))
        #expect(throws: DatabaseError.self) { try reader.execute("CREATE TABLE t (x INTEGER)") }
    }

    @Test("an in-memory database keeps the memory journal")
    func memoryDatabase() throws {
        let database = try Database(path: ":memory:")
        #expect(try text("PRAGMA journal_mode", database) == "memory")
    }

    @Test("values round-trip through bind and column reads")
    func bindAndRead() throws {
        let database = try Database(path: ":memory:")
        try database.execute("CREATE TABLE t (i INTEGER, r REAL, s TEXT, n)")
        let insert = try database.prepare("INSERT INTO t VALUES (?, ?, ?, ?)")
        let rows: [(Int64, Double, String)] = [
            (.min, -2.5e-300, ""), (.max, .greatestFiniteMagnitude, "Größe ✓ 日本"),
            (0, 0.1 + 0.2, "with\u{0}nul"), (42, .infinity, "'; DROP TABLE t; --"),
        ]
        for (integer, real, string) in rows {
            try insert.bind(integer, at: 1)
            try insert.bind(real, at: 2)
            try insert.bind(string, at: 3)
            try insert.bindNull(at: 4)
            try insert.step()
            insert.reset()
        }
        let query = try database.prepare("SELECT i, r, s, n, typeof(s) FROM t ORDER BY rowid")
        for (integer, real, string) in rows {
            #expect(try query.step())
            #expect(query.int64(at: 0) == integer)
            #expect(query.double(at: 1).bitPattern == real.bitPattern)
            #expect(query.string(at: 2) == string)
            #expect(!query.isNull(at: 2))
            #expect(query.isNull(at: 3))
            #expect(query.string(at: 4) == "text")
        }
        #expect(try !query.step())
    }

    @Test("optional binds write NULL for nil; Int binds like Int64")
    func optionalBinds() throws {
        let database = try Database(path: ":memory:")
        let query = try database.prepare("SELECT ?1 IS NULL, ?2 IS NULL, ?3 IS NULL, ?4 IS NULL, ?5")
        try query.bind(nil as Int64?, at: 1)
        try query.bind(nil as Double?, at: 2)
        try query.bind(nil as String?, at: 3)
        try query.bind(nil as Int?, at: 4)
        try query.bind(7 as Int, at: 5)
        #expect(try query.step())
        for column in 0 ..< 4 { #expect(query.int64(at: column) == 1) }
        #expect(query.int64(at: 4) == 7)
    }

    @Test("a failing statement inside a transaction rolls the whole transaction back")
    func transactionRollsBack() throws {
        let database = try Database(path: ":memory:")
        try database.execute("CREATE TABLE t (x INTEGER UNIQUE)")
        let error = #expect(throws: DatabaseError.self) {
            try database.transaction { () throws(DatabaseError) in
                try database.execute("INSERT INTO t VALUES (1)")
                try database.execute("INSERT INTO t VALUES (2)")
                try database.execute("INSERT INTO t VALUES (1)")
            }
        }
        #expect(error?.isConstraintViolation == true)
        #expect(database.isAutocommit)
        #expect(try integer("SELECT count(*) FROM t", database) == 0)
    }

    @Test("a transaction commits its writes and returns the body's value")
    func transactionCommits() throws {
        let database = try Database(path: ":memory:")
        try database.execute("CREATE TABLE t (x INTEGER)")
        let id = try database.transaction { () throws(DatabaseError) -> Int64 in
            try database.execute("INSERT INTO t VALUES (5)")
            return database.lastInsertRowID
        }
        #expect(id == 1)
        #expect(database.isAutocommit)
        #expect(try integer("SELECT x FROM t", database) == 5)
    }

    @Test("an error names the SQL and the SQLite message but never a bound value")
    func errorCarriesSQLNotValues() throws {
        let database = try Database(path: ":memory:")
        try database.execute("CREATE TABLE t (x TEXT NOT NULL CHECK (length(x) < 5))")
        let insert = try database.prepare("INSERT INTO t VALUES (?)")
        try insert.bind("4111 1111 1111 1111", at: 1)
        let error = #expect(throws: DatabaseError.self) { try insert.step() }
        guard case let .sqlite(code, message, sql)? = error else {
            Issue.record("expected an SQLite error")
            return
        }
        #expect(code == 275)  // SQLITE_CONSTRAINT_CHECK
        #expect(message.contains("CHECK constraint failed"))
        #expect(sql == "INSERT INTO t VALUES (?)")
        #expect(!String(describing: error!).contains("4111"))
    }

    @Test("malformed SQL is a typed error naming the SQL")
    func prepareError() throws {
        let database = try Database(path: ":memory:")
        let error = #expect(throws: DatabaseError.self) { _ = try database.prepare("SELEKT 1") }
        #expect(error?.sqliteCode == 1)
        #expect(String(describing: error!).contains("SELEKT 1"))
        #expect(throws: DatabaseError.self) { _ = try database.prepare("-- only a comment") }
    }

    @Test("opening a file that is not a database fails with a typed error")
    func notADatabase() throws {
        let file = TemporaryDatabase()
        try "this is not SQLite, just some text long enough to fill a header page"
            .write(toFile: file.path, atomically: true, encoding: .utf8)
        let error = #expect(throws: DatabaseError.self) { _ = try ResultStore(path: file.path) }
        #expect(error?.sqliteCode == 26)  // SQLITE_NOTADB
    }

    @Test("two connections share one file")
    func twoConnections() throws {
        let file = TemporaryDatabase()
        let writer = try ResultStore(path: file.path)
        let reader = try ResultStore(path: file.path)
        let runID = try writer.beginRun(.example())
        #expect(try reader.runs().map(\.id) == [runID])
        try reader.finishRun(runID: runID, status: .complete, endedAt: "2025-03-01T10:00:00Z")
        #expect(try writer.runs().map(\.status) == [.complete])
    }
}
