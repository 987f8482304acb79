/// A small canonical JSON writer: object keys sorted (by their UTF-8 bytes), no whitespace,
/// integers printed as integers and doubles with Swift's shortest round-trip `description`
/// (negative zero written as 0.0; NaN and infinities refused). The same value always gives the
/// same bytes, on every platform, whatever order its keys were written in. It does not depend on
/// JSONEncoder's float formatting.
public enum CanonicalJSON {
    /// A JSON value. `int` and `uint` both print as plain decimal integers.
    public indirect enum Value: Sendable, Equatable, Hashable, CustomStringConvertible {
        case null
        case bool(Bool)
        case int(Int64)
        case uint(UInt64)
        case double(Double)
        case string(String)
        case array([Value])
        case object([String: Value])

        /// The canonical text (throws only for a non-finite double).
        public func canonical() throws -> String {
            var out = ""
            try CanonicalJSON.write(self, to: &out)
            return out
        }

        /// The canonical text, or a marker such as `nan` for a non-finite double (for messages and labels).
        public var description: String {
            if let text = try? canonical() { return text }
            switch self {
            case .double(let d): return d.description
            case .array(let a): return "[" + a.map(\.description).joined(separator: ",") + "]"
            case .object(let o):
                return "{" + CanonicalJSON.sortedKeys(o).map { "\(CanonicalJSON.quoted($0)):\(o[$0]!.description)" }
                    .joined(separator: ",") + "}"
            default: return "?"
            }
        }

        /// The value as a Double when it is a number.
        public var doubleValue: Double? {
            switch self {
            case .int(let i): return Double(i)
            case .uint(let u): return Double(u)
            case .double(let d): return d
            default: return nil
            }
        }

        /// The value as an Int when it is an integer that fits.
        public var intValue: Int? {
            switch self {
            case .int(let i): return Int(exactly: i)
            case .uint(let u): return Int(exactly: u)
            default: return nil
            }
        }

        public var stringValue: String? {
            if case .string(let s) = self { return s }
            return nil
        }
    }

    public enum EncodingError: Error, CustomStringConvertible, Equatable, Sendable {
        case nonFinite(path: String, value: Double)
        case unsupported(path: String, what: String)

        public var description: String {
            switch self {
            case let .nonFinite(path, value): return "canonical JSON: \(path) is \(value); only finite numbers are allowed"
            case let .unsupported(path, what): return "canonical JSON: \(path): \(what)"
            }
        }
    }

    // MARK: - Writer

    static func write(_ value: Value, to out: inout String, path: String = "$") throws {
        switch value {
        case .null: out += "null"
        case .bool(let b): out += b ? "true" : "false"
        case .int(let i): out += String(i)
        case .uint(let u): out += String(u)
        case .double(let d): out += try number(d, path: path)
        case .string(let s): out += quoted(s)
        case .array(let a):
            out += "["
            for (i, element) in a.enumerated() {
                if i > 0 { out += "," }
                try write(element, to: &out, path: "\(path)[\(i)]")
            }
            out += "]"
        case .object(let o):
            out += "{"
            for (i, key) in sortedKeys(o).enumerated() {
                if i > 0 { out += "," }
                out += quoted(key)
                out += ":"
                try write(o[key]!, to: &out, path: "\(path).\(key)")
            }
            out += "}"
        }
    }

    /// Swift's shortest round-trip representation; always contains '.', 'e' or both, so a
    /// double never reads back as an integer. It is valid JSON for every finite value.
    static func number(_ d: Double, path: String) throws -> String {
        guard d.isFinite else { throw EncodingError.nonFinite(path: path, value: d) }
        if d == 0 { return "0.0" }  // also folds -0.0
        return d.description
    }

    static func sortedKeys(_ o: [String: Value]) -> [String] {
        o.keys.sorted { Array($0.utf8).lexicographicallyPrecedes(Array($1.utf8)) }
    }

    static func quoted(_ s: String) -> String { JSONText.quoted(s) }
}
