import AWCore
import Yams

/// Reading manifest values from YAML nodes with our own, strict typing: a plain (unquoted) scalar
/// is null, a boolean (`true`/`false`), an integer or a finite number; a quoted scalar is always
/// text. So `learning_rate: "0.1"` is a wrong type, and `init_scale: 4` is the number 4.0.
enum ManifestYAML {
    /// Why a node could not be read as the wanted type.
    struct Mismatch: Error {
        let kind: ManifestError.Kind
        let allowed: String
        var suggestion: String? = nil
    }

    static func line(_ node: Node) -> Int? { node.mark?.line }

    static func isPlain(_ s: Node.Scalar) -> Bool { s.style == .plain || s.style == .any }

    static func isNull(_ node: Node) -> Bool {
        guard case .scalar(let s) = node, isPlain(s) else { return false }
        return ["", "~", "null", "Null", "NULL"].contains(s.string)
    }

    /// A plain scalar's integer value (underscores between digits allowed, as YAML 1.1).
    static func integer(_ node: Node) -> Int? {
        guard case .scalar(let s) = node, isPlain(s) else { return nil }
        let text = s.string.replacingOccurrences(of: "_", with: "")
        guard !text.isEmpty, text.allSatisfy({ $0.isASCII && ($0.isNumber || $0 == "-" || $0 == "+") }) else { return nil }
        return Int(text)
    }

    static func unsigned(_ node: Node) -> UInt64? {
        guard case .scalar(let s) = node, isPlain(s) else { return nil }
        let text = s.string.replacingOccurrences(of: "_", with: "")
        guard !text.isEmpty, text.allSatisfy({ $0.isASCII && $0.isNumber }) else { return nil }
        return UInt64(text)
    }

    /// A plain scalar's finite numeric value (integers included).
    static func number(_ node: Node) -> Double? {
        guard case .scalar(let s) = node, isPlain(s) else { return nil }
        let text = s.string.replacingOccurrences(of: "_", with: "")
        guard !text.isEmpty,
              text.allSatisfy({ $0.isASCII && ($0.isNumber || "+-.eE".contains($0)) }),
              text.contains(where: \.isNumber),
              let d = Double(text), d.isFinite else { return nil }
        return d
    }

    static func boolean(_ node: Node) -> Bool? {
        guard case .scalar(let s) = node, isPlain(s) else { return nil }
        switch s.string {
        case "true", "True", "TRUE": return true
        case "false", "False", "FALSE": return false
        default: return nil
        }
    }

    /// Text of any non-null scalar (plain or quoted).
    static func text(_ node: Node) -> String? {
        guard case .scalar(let s) = node, !isNull(node) else { return nil }
        return s.string
    }

    /// Reads `node` as a value of `type`.
    static func value(_ node: Node, as type: ManifestSetting.ValueType) -> Result<CanonicalJSON.Value, Mismatch> {
        switch type {
        case .integer:
            if let i = integer(node) { return .success(.int(Int64(i))) }
            return .failure(Mismatch(kind: .wrongType, allowed: type.expected))
        case .number:
            if let d = number(node) { return .success(.double(d)) }
            return .failure(Mismatch(kind: .wrongType, allowed: type.expected))
        case .boolean:
            if let b = boolean(node) { return .success(.bool(b)) }
            return .failure(Mismatch(kind: .wrongType, allowed: type.expected))
        case .choice(let names):
            guard case .scalar = node, let t = text(node), boolean(node) == nil || names.contains(t) else {
                return .failure(Mismatch(kind: .wrongType, allowed: type.expected))
            }
            if names.contains(t) { return .success(.string(t)) }
            return .failure(Mismatch(kind: .unknownValue, allowed: type.expected,
                                     suggestion: ManifestSuggestion.closest(to: t, among: names)))
        case .integerList:
            guard case .sequence(let seq) = node, !seq.isEmpty else {
                return .failure(Mismatch(kind: .wrongType, allowed: type.expected))
            }
            var out: [CanonicalJSON.Value] = []
            for element in seq {
                guard let i = integer(element) else { return .failure(Mismatch(kind: .wrongType, allowed: type.expected)) }
                out.append(.int(Int64(i)))
            }
            return .success(.array(out))
        }
    }

    /// The node as written, compactly (for messages): quoted scalars keep their quotes.
    static func render(_ node: Node, limit: Int = 80) -> String {
        let s: String
        switch node {
        case .scalar(let scalar):
            switch scalar.style {
            case .singleQuoted: s = "'\(scalar.string)'"
            case .doubleQuoted: s = "\"\(scalar.string)\""
            default: s = scalar.string.isEmpty ? "null" : scalar.string
            }
        case .sequence(let seq):
            s = "[" + seq.map { render($0, limit: limit) }.joined(separator: ", ") + "]"
        case .mapping(let map):
            s = "{" + map.map { "\(render($0.key, limit: limit)): \(render($0.value, limit: limit))" }.joined(separator: ", ") + "}"
        }
        return s.count > limit ? String(s.prefix(limit - 3)) + "..." : s
    }

    /// What kind of node this is, for messages ("a mapping", "a list", "a scalar").
    static func shape(_ node: Node) -> String {
        switch node {
        case .scalar: return isNull(node) ? "null" : "a scalar"
        case .sequence: return "a list"
        case .mapping: return "a mapping"
        }
    }
}
