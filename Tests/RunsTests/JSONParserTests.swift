// SPDX-License-Identifier: GPL-3.0-or-later

import Testing
@testable import Runs

/// The JSON reader behind `--baseline`: what `--json` writes reads back, and errors carry line and column.
@Suite struct JSONParserTests {
    @Test func readsBackWhatIsWritten() throws {
        let value = JSONValue.object([
            ("scenario", .string("q\"u\\o\nte — ü 😀")), ("seed", .integer(-7)), ("x", .number(0.1)),
            ("big", .number(1e300)), ("none", .null), ("flags", .array([.bool(true), .bool(false)])),
            ("empty", .object([])), ("list", .array([])),
        ])
        #expect(try JSONParser.parse(value.rendered) == value)
        #expect(try JSONParser.parse(" \n[1, 2.5e-3, \"\\u00e9\\ud83d\\ude00\"] ") ==
                .array([.integer(1), .number(0.0025), .string("é😀")]))
    }

    @Test(arguments: [
        ("", 1, 1), ("{", 1, 2), ("{\"a\" 1}", 1, 6), ("[1,\n 2,,]", 2, 4), ("[01]", 1, 3),
        ("{\"a\": tru}", 1, 7), ("\"abc", 1, 5), ("1 2", 1, 3), ("[1.]", 1, 4), ("\"\\x\"", 1, 3),
    ])
    func errorsNameLineAndColumn(text: String, line: Int, column: Int) {
        #expect(throws: JSONParser.SyntaxError.self) { try JSONParser.parse(text) }
        do { _ = try JSONParser.parse(text) } catch {
            #expect(error.line == line && error.column == column, "\(text): \(error)")
        }
    }
}
