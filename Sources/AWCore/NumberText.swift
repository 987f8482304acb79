/// Numbers written for people in messages: `1,000,000`, `3.2 GB`.
public enum NumberText {
    /// An integer with thousands separators: `grouped(1234567)` is `1,234,567`.
    public static func grouped(_ n: Int) -> String {
        let digits = String(n.magnitude)
        var out = ""
        for (i, ch) in digits.enumerated() {
            if i > 0, (digits.count - i) % 3 == 0 { out.append(",") }
            out.append(ch)
        }
        return (n < 0 ? "-" : "") + out
    }

    /// A byte count in decimal units with three significant digits: `bytes(3_200_000_000)` is `3.20 GB`.
    public static func bytes(_ n: Double) -> String {
        guard n.isFinite else { return "more than any machine's memory" }
        let units = ["bytes", "kB", "MB", "GB", "TB", "PB", "EB"]
        var x = n, u = 0
        while x >= 1000, u < units.count - 1 { x /= 1000; u += 1 }
        if u == 0 { return "\(Int(x)) bytes" }
        let digits = x >= 100 ? 0 : (x >= 10 ? 1 : 2)
        var s = String(Int((x * pow10(digits)).rounded()))
        if digits > 0 { s.insert(".", at: s.index(s.endIndex, offsetBy: -digits)) }
        return s + " " + units[u]
    }

    private static func pow10(_ k: Int) -> Double { k == 0 ? 1 : (k == 1 ? 10 : 100) }
}
