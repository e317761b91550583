// SPDX-License-Identifier: GPL-3.0-or-later

import ResultStorage
import Testing

/// A results file opened by a test to look at what a `parley` process stored.
struct DatabaseFile {
    let database: Database

    init(path: String) throws {
        database = try Database(path: path)
    }

    /// The first column of the first row of `sql` as an integer.
    func integer(_ sql: String) throws -> Int64 {
        let query = try database.prepare(sql)
        #expect(try query.step(), "no row: \(sql)")
        return query.int64(at: 0)
    }

    /// The first column of the first row of `sql` as text.
    func text(_ sql: String) throws -> String {
        let query = try database.prepare(sql)
        #expect(try query.step(), "no row: \(sql)")
        return query.string(at: 0)
    }

    /// The first column of every row of `sql` as text.
    func texts(_ sql: String) throws -> [String] {
        let query = try database.prepare(sql)
        var result: [String] = []
        while try query.step() { result.append(query.string(at: 0)) }
        return result
    }
}
