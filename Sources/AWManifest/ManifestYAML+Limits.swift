import AWCore
import Foundation
import Yams

// Limits that keep a hostile manifest from stalling or crashing the reader: the text's size, the
// nesting depth (estimated from the text before Yams builds the document, then checked exactly on
// the built tree), and the number of nodes the document expands to through YAML aliases ("billion
// laughs"), counted with a budget so the count itself is bounded. The composed tree is only
// walked, rendered or validated after these checks pass.

extension ManifestYAML {
    /// Largest manifest text read (bytes). The paper's manifests are under 2 KB.
    public static let maxBytes = 128 * 1024
    /// Deepest nesting of collections allowed (a manifest needs 4: sweep -> grid -> axis -> list of widths).
    public static let maxDepth = 32
    /// Most nodes a document may hold once its aliases are expanded.
    public static let maxNodes = 100_000
    /// Stack of the thread that composes and reads a manifest: room for every depth that
    /// `maxBytes` allows (~2 KB of stack per nesting level in Yams's composer), in case the text
    /// estimate below were ever fooled.
    static let parserStackBytes = 512 * 1024 * 1024

    /// A limit the text exceeds, found without building the document: (what, line, allowed).
    struct LimitProblem: Error {
        let what: String
        let line: Int?
        let allowed: String
    }

    /// Checks size and an estimate of the nesting depth on the raw text: open flow collections
    /// (`[`, `{` outside quoted scalars and comments) plus block indentation levels and compact
    /// `- ` / `? ` entries. The estimate only has to stop plain deep nesting before Yams recurses
    /// into it; `treeProblem` then checks the depth exactly, and `onLargeStack` leaves room for
    /// any depth `maxBytes` allows should the estimate be fooled.
    static func textProblem(_ text: String) -> LimitProblem? {
        let bytes = Array(text.utf8)
        if bytes.count > maxBytes {
            return LimitProblem(what: "the manifest is \(bytes.count) bytes", line: nil, allowed: "at most \(maxBytes) bytes")
        }
        let space = UInt8(ascii: " "), tab = UInt8(ascii: "\t"), newline = UInt8(ascii: "\n")
        var flow = 0, line = 1, i = 0
        var indents: [Int] = []  // block indentation columns, increasing
        var atLineStart = true
        func tooDeep(_ depth: Int) -> LimitProblem? {
            depth > maxDepth ? LimitProblem(what: "nesting deeper than \(maxDepth) levels", line: line,
                                            allowed: "at most \(maxDepth) nested mappings and lists") : nil
        }
        func startsNode(_ k: Int) -> Bool {
            k == 0 || [space, tab, newline, UInt8(ascii: "["), UInt8(ascii: "{"), UInt8(ascii: ","),
                       UInt8(ascii: ":"), UInt8(ascii: "-"), UInt8(ascii: "?")].contains(bytes[k - 1])
        }
        while i < bytes.count {
            if atLineStart {
                atLineStart = false
                if flow == 0 {
                    var col = 0
                    while i < bytes.count, bytes[i] == space { col += 1; i += 1 }
                    guard i < bytes.count else { break }
                    if bytes[i] != newline && bytes[i] != UInt8(ascii: "#") {
                        while let top = indents.last, top >= col { indents.removeLast() }
                        indents.append(col)
                        // compact nested entries on one line: `- - - x`, `? - x`
                        while i + 1 < bytes.count, bytes[i] == UInt8(ascii: "-") || bytes[i] == UInt8(ascii: "?"),
                              bytes[i + 1] == space {
                            i += 2; col += 2
                            while i < bytes.count, bytes[i] == space { col += 1; i += 1 }
                            indents.append(col)
                        }
                        if let p = tooDeep(indents.count) { return p }
                    }
                    continue
                }
            }
            let c = bytes[i]
            switch c {
            case newline:
                line += 1
                atLineStart = true
            case UInt8(ascii: "["), UInt8(ascii: "{"):
                flow += 1
                if let p = tooDeep(indents.count + flow) { return p }
            case UInt8(ascii: "]"), UInt8(ascii: "}"):
                flow = max(0, flow - 1)
            case UInt8(ascii: "#") where i == 0 || [space, tab].contains(bytes[i - 1]):
                while i + 1 < bytes.count, bytes[i + 1] != newline { i += 1 }
            case UInt8(ascii: "'") where startsNode(i), UInt8(ascii: "\"") where startsNode(i):
                i += 1
                while i < bytes.count {
                    let d = bytes[i]
                    if d == newline { line += 1 }
                    if c == UInt8(ascii: "\"") && d == UInt8(ascii: "\\") { i += 2; continue }
                    if d == c {
                        if c == UInt8(ascii: "'"), i + 1 < bytes.count, bytes[i + 1] == c { i += 2; continue }
                        break
                    }
                    i += 1
                }
            default:
                break
            }
            i += 1
        }
        return nil
    }

    /// The exact checks on the composed tree, each with a budget: depth <= `maxDepth` and at most
    /// `maxNodes` nodes with aliases expanded. Returns the first limit exceeded.
    static func treeProblem(_ root: Node) -> LimitProblem? {
        var nodes = 0
        var problem: LimitProblem?
        func visit(_ node: Node, depth: Int) {
            guard problem == nil else { return }
            nodes += 1
            if nodes > maxNodes {
                problem = LimitProblem(what: "the document expands to more than \(NumberText.grouped(maxNodes)) nodes (YAML aliases or long lists)",
                                       line: nil, allowed: "at most \(NumberText.grouped(maxNodes)) nodes")
                return
            }
            if depth > maxDepth {
                problem = LimitProblem(what: "nesting deeper than \(maxDepth) levels", line: line(node),
                                       allowed: "at most \(maxDepth) nested mappings and lists")
                return
            }
            switch node {
            case .scalar: break
            case .sequence(let seq): for n in seq { visit(n, depth: depth + 1) }
            case .mapping(let map): for (k, v) in map { visit(k, depth: depth + 1); visit(v, depth: depth + 1) }
            }
        }
        visit(root, depth: 0)
        return problem
    }

    /// The first node with an explicit YAML tag (`!!str 5`, `!!python/object ...`, `!<x> 3`), as
    /// (line, tag): manifests are typed by the settings table, so a tag would either be ignored or
    /// contradict it, and is refused. Call after `treeProblem` (the walk is then bounded).
    static func explicitTag(_ root: Node) -> (line: Int?, tag: String)? {
        func tag(of node: Node) -> String {
            switch node {
            case .scalar(let s): return s.tag.description
            case .sequence(let s): return s.tag.description
            case .mapping(let m): return m.tag.description
            }
        }
        func visit(_ node: Node) -> (line: Int?, tag: String)? {
            let t = tag(of: node)
            // Yams gives quoted and block scalars the str tag: that one is text either way.
            var isText = false
            if case .scalar(let s) = node, !isPlain(s), t == Tag.Name.str.rawValue { isText = true }
            if !t.isEmpty && t != "!" && !isText { return (line(node), t) }
            switch node {
            case .scalar: return nil
            case .sequence(let seq): for n in seq { if let found = visit(n) { return found } }
            case .mapping(let map): for (k, v) in map { if let found = visit(k) ?? visit(v) { return found } }
            }
            return nil
        }
        return visit(root)
    }

    /// Runs `body` on a thread with `parserStackBytes` of stack and waits for its result; when
    /// such a thread cannot be made (e.g. under `ulimit -v`), runs it here (the text estimate
    /// still keeps the depth at `maxDepth`).
    static func onLargeStack<T: Sendable>(_ body: @escaping @Sendable () -> T) -> T {
        let box = ResultBox<T>(body)
        var attributes = pthread_attr_t()
        pthread_attr_init(&attributes)
        defer { pthread_attr_destroy(&attributes) }
        var thread = pthread_t()
        let context = Unmanaged.passRetained(box).toOpaque()
        guard pthread_attr_setstacksize(&attributes, parserStackBytes) == 0,
              pthread_create(&thread, &attributes, { raw in
                  let box = Unmanaged<AnyObject>.fromOpaque(raw!).takeRetainedValue() as! ResultRunning
                  box.runOnce()
                  return nil
              }, context) == 0 else {
            Unmanaged<ResultBox<T>>.fromOpaque(context).release()
            return body()
        }
        pthread_join(thread, nil)
        return box.value!
    }
}

/// A body run on another thread, and its result (handed back once; pthread_join orders the accesses).
private protocol ResultRunning: AnyObject { func runOnce() }

private final class ResultBox<T>: ResultRunning, @unchecked Sendable {
    let body: () -> T
    var value: T?
    init(_ body: @escaping () -> T) { self.body = body }
    func runOnce() { value = body() }
}
