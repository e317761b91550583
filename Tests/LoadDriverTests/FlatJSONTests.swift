// SPDX-License-Identifier: GPL-3.0-or-later

@testable import LoadDriver
import Testing

/// The driver's one-pass reader of the service's flat JSON objects.
@Suite struct FlatJSONTests {
    @Test func readsStringsNumbersAndEscapesAndSkipsNestedValues() throws {
        let text = #"{"type":"offer","at":1234567,"chat":"c12","queue":"sales","nested":{"a":[1,{"b":"}"}]},"# +
            #""text":"a \"quoted\" \\ line\n\u00e9\ud83d\ude00","neg":-5,"list":[1,2],"flag":true}"#
        let json = try #require(FlatJSON(text))
        #expect(json.string("type") == "offer")
        #expect(json.int64("at") == 1_234_567)
        #expect(json.string("chat") == "c12")
        #expect(json.string("text") == "a \"quoted\" \\ line\né😀")
        #expect(json.int64("neg") == -5)
        #expect(json["nested"] == .other && json["list"] == .other && json["flag"] == .other)
        #expect(json.string("missing") == nil)
        #expect(FlatJSON("{}")?.fields.isEmpty == true)
    }

    @Test func aTextThatIsNotAnObjectIsNil() {
        for text in ["", "[1]", "{\"a\":", "{\"a\" 1}", "{\"a\":\"open", "{\"a\":1,}x", "\"s\""] {
            #expect(FlatJSON(text) == nil, "\(text)")
        }
    }

    @Test func aCreateReplyGivesIdTokenAndTheOfflineForm() {
        let reply = CreatedChat(#"{"id":"c3","token":"ab12","state":"offline_form","auto_replies":[{"text":"We are closed"}]}"#)
        #expect(reply?.id == "c3" && reply?.token == "ab12" && reply?.offline == true)
        #expect(CreatedChat(#"{"id":"c3","token":"ab12","state":"queued"}"#)?.offline == false)
        #expect(CreatedChat(#"{"error":"unknownQueue"}"#) == nil)
    }
}
