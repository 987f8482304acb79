import AWCore
import Foundation
import Testing

@Suite("JSON text")
struct JSONTextTests {
    @Test("quoted escapes quotes, backslash and controls, and parses back to the same string")
    func quoted() throws {
        #expect(JSONText.quoted("a\"b\\c\nd\te\u{01}é") == "\"a\\\"b\\\\c\\nd\\te\\u0001é\"")
        for s in ["", "plain", "\u{08}\u{0C}\r\u{1F}", "{\"k\":[1,2]}", "ünïcödé ✓"] {
            let back = try JSONSerialization.jsonObject(with: Data(JSONText.quoted(s).utf8), options: .fragmentsAllowed) as? String
            #expect(back == s)
        }
    }
}
