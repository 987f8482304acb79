import Foundation

/// Number formatting shared by legends, tables and the report (locale-independent).
public enum NumberFormat {
    /// A short form: integers without a decimal point, otherwise up to 4 significant digits
    /// (e.g. 25, 0.005, 1.3e-05).
    public static func compact(_ x: Double) -> String {
        if !x.isFinite { return x.isNaN ? "nan" : (x > 0 ? "inf" : "-inf") }
        if x == x.rounded() && abs(x) < 1e7 { return String(Int64(x)) }
        return trimmed(String(format: "%.4g", x))
    }

    /// `digits` significant digits in %g style (e.g. 0.0123, 1.23e-05).
    public static func significant(_ x: Double, _ digits: Int = 3) -> String {
        if !x.isFinite { return x.isNaN ? "nan" : (x > 0 ? "inf" : "-inf") }
        return String(format: "%.\(digits)g", x)
    }

    /// Removes trailing zeros of a %g mantissa ("0.1000" -> "0.1").
    static func trimmed(_ s: String) -> String {
        guard s.contains("."), !s.contains("e") else { return s }
        var t = s
        while t.hasSuffix("0") { t.removeLast() }
        if t.hasSuffix(".") { t.removeLast() }
        return t
    }

    /// A file-name-safe form of a label (letters, digits, '-', '_', '.').
    public static func fileSafe(_ s: String) -> String {
        let mapped = s.map { ch -> Character in
            (ch.isLetter && ch.isASCII) || (ch.isNumber && ch.isASCII) || ch == "-" || ch == "_" || ch == "." ? ch : "_"
        }
        let out = String(mapped)
        return out.isEmpty ? "figure" : out
    }
}
