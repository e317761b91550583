// SPDX-License-Identifier: GPL-3.0-or-later

extension Statement {
    /// Steps through every result row, mapping each with `row`, then resets the statement.
    ///
    /// The one loop of every read: `row` reads the current row's columns from the statement.
    public func rows<Row>(_ row: (Statement) throws(DatabaseError) -> Row) throws(DatabaseError) -> [Row] {
        defer { reset() }
        var result: [Row] = []
        while try step() { result.append(try row(self)) }
        return result
    }
}

extension Database {
    /// Runs a query whose only parameter is a run id and maps each result row with `row`.
    func rows<Row>(_ sql: String, runID: Int64?, _ row: (Statement) throws(DatabaseError) -> Row)
        throws(DatabaseError) -> [Row] {
        let query = try prepare(sql)
        try query.bind(runID, at: 1)
        return try query.rows(row)
    }
}
