
extension CanonicalJSON {
    /// Parses JSON text into a `Value`, keeping integers and doubles apart as the writer does: a
    /// number with `.`, `e` or `E` is a double, any other an integer (`int`, or `uint` above
    /// Int64.max). Nesting is limited to `maxDepth` levels.
    /// - Throws: `AWError(.invalidInput)` with the byte offset of the first problem.
    public static func parse(_ text: String, maxDepth: Int = 64) throws -> Value {
        var parser = Parser(bytes: Array(text.utf8), maxDepth: maxDepth)
        let value = try parser.value(depth: 0)
        parser.skipSpace()
        guard parser.at == parser.bytes.count else { throw parser.failure("unexpected text after the value") }
        return value
    }

    struct Parser {
        let bytes: [UInt8]
        let maxDepth: Int
        var at = 0

        func failure(_ what: String) -> AWError {
            AWError(.invalidInput, "JSON at byte \(at): \(what)")
        }

        mutating func skipSpace() {
            while at < bytes.count, [0x20, 0x09, 0x0A, 0x0D].contains(bytes[at]) { at += 1 }
        }

        mutating func literal(_ word: String, _ value: Value) throws -> Value {
            let w = Array(word.utf8)
            guard at + w.count <= bytes.count, Array(bytes[at..<at + w.count]) == w else { throw failure("expected a JSON value (\(word)?)") }
            at += w.count
            return value
        }

        mutating func value(depth: Int) throws -> Value {
            guard depth <= maxDepth else { throw failure("nested deeper than \(maxDepth) levels") }
            skipSpace()
            guard at < bytes.count else { throw failure("unexpected end") }
            switch bytes[at] {
            case UInt8(ascii: "n"): return try literal("null", .null)
            case UInt8(ascii: "t"): return try literal("true", .bool(true))
            case UInt8(ascii: "f"): return try literal("false", .bool(false))
            case UInt8(ascii: "\""): return .string(try string())
            case UInt8(ascii: "["):
                at += 1
                var items: [Value] = []
                skipSpace()
                if at < bytes.count, bytes[at] == UInt8(ascii: "]") { at += 1; return .array(items) }
                while true {
                    items.append(try value(depth: depth + 1))
                    skipSpace()
                    guard at < bytes.count else { throw failure("unterminated array") }
                    if bytes[at] == UInt8(ascii: ",") { at += 1; continue }
                    if bytes[at] == UInt8(ascii: "]") { at += 1; return .array(items) }
                    throw failure("expected , or ]")
                }
            case UInt8(ascii: "{"):
                at += 1
                var members: [String: Value] = [:]
                skipSpace()
                if at < bytes.count, bytes[at] == UInt8(ascii: "}") { at += 1; return .object(members) }
                while true {
                    skipSpace()
                    guard at < bytes.count, bytes[at] == UInt8(ascii: "\"") else { throw failure("expected a key") }
                    let key = try string()
                    skipSpace()
                    guard at < bytes.count, bytes[at] == UInt8(ascii: ":") else { throw failure("expected :") }
                    at += 1
                    guard members[key] == nil else { throw failure("key \(key) given twice") }
                    members[key] = try value(depth: depth + 1)
                    skipSpace()
                    guard at < bytes.count else { throw failure("unterminated object") }
                    if bytes[at] == UInt8(ascii: ",") { at += 1; continue }
                    if bytes[at] == UInt8(ascii: "}") { at += 1; return .object(members) }
                    throw failure("expected , or }")
                }
            default:
                return try number()
            }
        }

        /// A number by JSON's grammar: `-? (0 | [1-9][0-9]*) (. [0-9]+)? ([eE] [+-]? [0-9]+)?`.
        mutating func number() throws -> Value {
            let start = at
            func digits() -> Int {
                let from = at
                while at < bytes.count, bytes[at] >= 0x30, bytes[at] <= 0x39 { at += 1 }
                return at - from
            }
            func fail() -> AWError {
                let end = min(bytes.count, max(at, start + 1))
                let text = String(decoding: bytes[start..<end], as: UTF8.self)
                at = start
                return failure(text.isEmpty ? "expected a value" : "not a JSON value: \(text)")
            }
            if at < bytes.count, bytes[at] == UInt8(ascii: "-") { at += 1 }
            let intStart = at
            let intDigits = digits()
            guard intDigits > 0, intDigits == 1 || bytes[intStart] != UInt8(ascii: "0") else { throw fail() }
            var isDouble = false
            if at < bytes.count, bytes[at] == UInt8(ascii: ".") {
                at += 1
                isDouble = true
                guard digits() > 0 else { throw fail() }
            }
            if at < bytes.count, bytes[at] == UInt8(ascii: "e") || bytes[at] == UInt8(ascii: "E") {
                at += 1
                isDouble = true
                if at < bytes.count, bytes[at] == UInt8(ascii: "+") || bytes[at] == UInt8(ascii: "-") { at += 1 }
                guard digits() > 0 else { throw fail() }
            }
            let text = String(decoding: bytes[start..<at], as: UTF8.self)
            if !isDouble {
                if let i = Int64(text) { return .int(i) }
                if let u = UInt64(text) { return .uint(u) }
            } else if let d = Double(text), d.isFinite {
                return .double(d)
            }
            at = start
            throw failure("number out of range: \(text)")
        }

        /// Exactly four hex digits (after `\u`).
        mutating func hex4() throws -> UInt32 {
            guard at + 4 <= bytes.count else { throw failure("bad \\u escape") }
            var code: UInt32 = 0
            for b in bytes[at..<at + 4] {
                let v: UInt8
                switch b {
                case 0x30...0x39: v = b - 0x30
                case 0x41...0x46: v = b - 0x41 + 10
                case 0x61...0x66: v = b - 0x61 + 10
                default: throw failure("bad \\u escape")
                }
                code = code << 4 | UInt32(v)
            }
            at += 4
            return code
        }

        mutating func string() throws -> String {
            at += 1  // opening quote
            var scalars = String.UnicodeScalarView()
            var run = [UInt8]()
            func flush() { scalars.append(contentsOf: String(decoding: run, as: UTF8.self).unicodeScalars); run.removeAll() }
            while at < bytes.count {
                let b = bytes[at]
                if b == UInt8(ascii: "\"") { at += 1; flush(); return String(scalars) }
                if b == UInt8(ascii: "\\") {
                    flush()
                    guard at + 1 < bytes.count else { break }
                    let e = bytes[at + 1]
                    at += 2
                    switch e {
                    case UInt8(ascii: "\""): scalars.append("\"")
                    case UInt8(ascii: "\\"): scalars.append("\\")
                    case UInt8(ascii: "/"): scalars.append("/")
                    case UInt8(ascii: "n"): scalars.append("\n")
                    case UInt8(ascii: "r"): scalars.append("\r")
                    case UInt8(ascii: "t"): scalars.append("\t")
                    case UInt8(ascii: "b"): scalars.append("\u{08}")
                    case UInt8(ascii: "f"): scalars.append("\u{0C}")
                    case UInt8(ascii: "u"):
                        var code = try hex4()
                        if (0xD800...0xDBFF).contains(code) {
                            // A high surrogate must be followed by \u and a low one.
                            guard at + 1 < bytes.count, bytes[at] == UInt8(ascii: "\\"), bytes[at + 1] == UInt8(ascii: "u") else {
                                throw failure("unpaired surrogate in a \\u escape")
                            }
                            at += 2
                            let low = try hex4()
                            guard (0xDC00...0xDFFF).contains(low) else { throw failure("unpaired surrogate in a \\u escape") }
                            code = 0x10000 + ((code - 0xD800) << 10) + (low - 0xDC00)
                        }
                        guard let scalar = Unicode.Scalar(code) else { throw failure("unpaired surrogate in a \\u escape") }
                        scalars.append(scalar)
                    default: throw failure("bad escape")
                    }
                    continue
                }
                if b < 0x20 { throw failure("control character in a string") }
                run.append(b)
                at += 1
            }
            throw failure("unterminated string")
        }
    }
}
