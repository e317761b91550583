// SPDX-License-Identifier: GPL-3.0-or-later

import Testing
@testable import LiveService

/// The service's JSON text: strings that need no escape are written whole, the others scalar by scalar.
@Suite struct JSONValueTests {
    @Test func stringsWithoutEscapesAreWrittenAsTheyAre() {
        #expect(JSONValue.string("c12").text == #""c12""#)
        #expect(JSONValue.string("").text == #""""#)
        #expect(JSONValue.string("Zoë 🙂 agent-1").text == "\"Zoë 🙂 agent-1\"")
    }

    @Test func quotesBackslashesAndControlCharactersAreEscaped() {
        #expect(JSONValue.string("say \"hi\"").text == #""say \"hi\"""#)
        #expect(JSONValue.string(#"a\b"#).text == #""a\\b""#)
        #expect(JSONValue.string("l1\nl2\r\tx").text == #""l1\nl2\r\tx""#)
        #expect(JSONValue.string("bell\u{7} é").text == #""bell\u0007 é""#)
        #expect(JSONValue.string("\u{1F}").text == #""\u001f""#)
    }

    @Test func objectsKeepTheirFieldOrder() {
        let event = JSONValue.object([("type", .string("offer")), ("chat", .string("c7")), ("at", .int(-3)),
                                      ("tags", .array([.string("a\"b"), .bool(true), .null])), ("ratio", .double(0.5))])
        #expect(event.text == #"{"type":"offer","chat":"c7","at":-3,"tags":["a\"b",true,null],"ratio":0.5}"#)
    }
}
