/// Path arithmetic on strings without Foundation's NSString path methods (whose
/// `deletingLastPathComponent` traps on a one-character relative name such as "z").
public enum PathText {
    /// The last component of `path`: "a/b.h5" -> "b.h5".
    public static func last(_ path: String) -> String {
        var p = Substring(path)
        while p.count > 1, p.hasSuffix("/") { p = p.dropLast() }
        return p.lastIndex(of: "/").map { String(p[p.index(after: $0)...]) } ?? String(p)
    }

    /// The folder part of `path`: "a/b" -> "a", "z" -> ".", "/x" -> "/", "" -> ".".
    public static func parent(_ path: String) -> String {
        var p = Substring(path)
        while p.count > 1, p.hasSuffix("/") { p = p.dropLast() }
        guard let slash = p.lastIndex(of: "/") else { return "." }
        let head = p[..<slash]
        if head.isEmpty { return "/" }
        var h = head
        while h.count > 1, h.hasSuffix("/") { h = h.dropLast() }
        return String(h)
    }

    /// `folder` + "/" + `name`, without doubling a trailing slash: ("runs/", "a") -> "runs/a".
    public static func join(_ folder: String, _ name: String) -> String {
        if folder.isEmpty { return name }
        return folder.hasSuffix("/") ? folder + name : folder + "/" + name
    }
}
