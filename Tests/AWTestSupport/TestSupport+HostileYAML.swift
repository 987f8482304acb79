extension TestSupport {
    /// A "billion laughs" manifest under 500 bytes: nine levels of aliases, each a list of nine
    /// references to the level below, so the document expands to 9^9 scalars. Manifest readers
    /// must refuse it without expanding it.
    public static func billionLaughsYAML() -> String {
        var lines = ["name: x", "a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]"]
        var previous = "a"
        for c in "bcdefghi" {
            lines.append("\(c): &\(c) [" + Array(repeating: "*\(previous)", count: 9).joined(separator: ", ") + "]")
            previous = String(c)
        }
        lines.append("description: *i")
        return lines.joined(separator: "\n") + "\n"
    }
}
