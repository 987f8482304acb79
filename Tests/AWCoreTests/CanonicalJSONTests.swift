import AWCore
import Testing

/// The canonical JSON writer and its parser.
@Suite struct CanonicalJSONTests {
    typealias V = CanonicalJSON.Value

    @Test func sortsKeysWithoutWhitespace() throws {
        let v: V = .object(["b": .int(1), "a": .array([.bool(true), .null, .string("x")]), "B": .object(["z": .int(-2), "y": .uint(3)])])
        #expect(try v.canonical() == #"{"B":{"y":3,"z":-2},"a":[true,null,"x"],"b":1}"#)
    }

    @Test func numbersAreDeterministic() throws {
        let cases: [(Double, String)] = [
            (0.1, "0.1"), (1e-3, "0.001"), (5e-3, "0.005"), (1, "1.0"), (4, "4.0"), (-0.0, "0.0"), (0, "0.0"),
            (1e-5, "1e-05"), (0.091, "0.091"), (0.167, "0.167"), (1e16, "1e+16"), (-2.5, "-2.5"), (0.1 + 0.2, "0.30000000000000004"),
        ]
        for (d, text) in cases { #expect(try V.double(d).canonical() == text) }
        #expect(try V.int(Int64.min).canonical() == "-9223372036854775808")
        #expect(try V.uint(UInt64.max).canonical() == "18446744073709551615")
        // Every printed double reads back to the same value (round trip).
        for (d, text) in cases { #expect(Double(text) == d || (d == 0 && Double(text) == 0)) }
    }

    @Test func nonFiniteNumbersAreRefused() {
        #expect(throws: CanonicalJSON.EncodingError.self) { try V.double(.nan).canonical() }
        #expect(throws: CanonicalJSON.EncodingError.self) { try V.object(["a": .array([.double(.infinity)])]).canonical() }
    }

    @Test func stringsAreEscaped() throws {
        #expect(try V.string("a\"b\\c\nd\t\u{01}é").canonical() == "\"a\\\"b\\\\c\\nd\\t\\u0001é\"")
    }

    @Test func parserReadsWhatTheWriterWrites() throws {
        let v: V = .object(["zeta": .int(-1), "alpha": .double(0.1), "big": .uint(UInt64.max), "list": .array([.int(1), .double(2.0)]),
                            "text": .string("a\"b\\c\nd\u{01}é"), "flags": .array([.bool(true), .bool(false), .null])])
        let text = try v.canonical()
        #expect(try CanonicalJSON.parse(text) == v)
        #expect(try CanonicalJSON.parse(" { \"a\" : [ 1 , 2.5e3 ] } ") == .object(["a": .array([.int(1), .double(2500)])]))
        for bad in ["", "{", "[1,]", "{\"a\":1,\"a\":2}", "01x", "\"unterminated", "[1] 2", "nan"] {
            #expect(throws: AWError.self, "\(bad)") { try CanonicalJSON.parse(bad) }
        }
        let deep = String(repeating: "[", count: 100) + String(repeating: "]", count: 100)
        #expect(throws: AWError.self) { try CanonicalJSON.parse(deep) }
    }

    @Test func parserFollowsTheJSONGrammar() throws {
        for bad in ["+1", "01", "-", "1e", "--1", "1.0.0", ".5", "5.", "1.e3", "1e+", "\"\\u+041\"", "\"\\u00g1\"",
                    "\"\\ud83d\"", "\"\\ude00\"", "\"\\ud83d\\u0041\"", "1e999", "tru", "nul"] {
            #expect(throws: AWError.self, "\(bad)") { try CanonicalJSON.parse(bad) }
        }
        #expect(try CanonicalJSON.parse("-0") == .int(0))
        #expect(try CanonicalJSON.parse("-0.5e-3") == .double(-0.0005))
        #expect(try CanonicalJSON.parse("1E2") == .double(100))
        #expect(try CanonicalJSON.parse("\"\\ud83d\\ude00\\u00e9\"") == .string("😀é"))
        #expect(try CanonicalJSON.parse("18446744073709551615") == .uint(UInt64.max))
        #expect(throws: AWError.self) { try CanonicalJSON.parse("18446744073709551616") }
    }
}
