/// JSON text helpers shared by every module that writes JSON by hand (canonical configuration
/// JSON, archive summaries, run indexes), so a string is escaped the same way everywhere.
public enum JSONText {
    /// `s` as a JSON string literal: quotes, backslash and the control characters escaped
    /// (`\"`, `\\`, `\n`, `\r`, `\t`, `\b`, `\f`, other controls as `\u00XX` in lower-case hex);
    /// every other scalar as it is (no escaping of non-ASCII). The canonical configuration JSON
    /// (and so every run id) depends on this exact spelling.
    public static func quoted(_ s: String) -> String {
        var out = "\""
        for scalar in s.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case "\u{08}": out += "\\b"
            case "\u{0C}": out += "\\f"
            default:
                if scalar.value < 0x20 {
                    let hex = String(scalar.value, radix: 16)
                    out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out + "\""
    }
}
