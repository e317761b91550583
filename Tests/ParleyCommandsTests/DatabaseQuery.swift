// SPDX-License-Identifier: GPL-3.0-or-later

import ResultStorage

extension Database {
    /// The first column of the first row of `sql` as a number (0 when NULL), for test assertions.
    func number(_ sql: String) throws -> Double {
        let query = try prepare(sql)
        _ = try query.step()
        return query.isNull(at: 0) ? 0 : query.double(at: 0)
    }
}
