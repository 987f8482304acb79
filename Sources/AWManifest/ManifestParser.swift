import AWCore
import Yams

/// Turns manifest YAML into a `Manifest`, collecting every structural and type problem (unknown,
/// duplicate or missing keys, wrong types, unknown choices, malformed sweeps) instead of stopping
/// at the first. Range checks on the resolved configurations follow in `Manifest+Validation`.
struct ManifestParser {
    let file: String
    private(set) var errors: [ManifestError] = []
    /// Key paths whose value could not be read: range checks that involve them are skipped, so a
    /// single typo does not cascade into misleading range errors.
    private(set) var failedKeys: Set<String> = []
    /// Every sweep axis written with a known key, in order (valid or not).
    private var writtenAxes: [(prefix: String, key: String, line: Int?)] = []
    /// Every known section key written, with its line (valid or not).
    private var writtenSettings: [String: Int?] = [:]

    static let topLevelKeys = ["name", "description", "dataset", "model", "training", "analysis", "seeds", "sweep"]
    static let seedKeys = ["base", "replicates"]
    static let sweepForms = ["grid", "zip"]
    static let sweepAllowed = "one axis {KEY.PATH: [values]}, or {grid: {KEY.PATH: [values], ...}} (product), "
        + "or {zip: {KEY.PATH: [values], ...}} (equal-length lists taken together)"

    init(file: String) { self.file = file }

    /// Most problems reported for one manifest (a file of 10,000 typos is answered at once).
    static let maxErrors = 100
    /// Set when problems beyond `maxErrors` were dropped.
    private(set) var truncated = false
    var isFull: Bool { errors.count >= Self.maxErrors }

    mutating func add(_ kind: ManifestError.Kind, _ node: Node?, _ keyPath: String, value: String? = nil,
                      allowed: String, detail: String? = nil, suggestion: String? = nil) {
        guard !isFull else { truncated = true; return }
        errors.append(ManifestError(kind: kind, file: file, line: node.flatMap(ManifestYAML.line), keyPath: keyPath,
                                    value: value ?? node.map { ManifestYAML.render($0) } ?? "",
                                    allowed: allowed, detail: detail, suggestion: suggestion))
    }

    /// Errors sorted by line (unknown lines last), otherwise in the order found.
    static func ordered(_ errors: [ManifestError]) -> [ManifestError] {
        errors.enumerated().sorted { a, b in
            switch (a.element.line, b.element.line) {
            case let (x?, y?) where x != y: return x < y
            case (.some, nil): return true
            case (nil, .some): return false
            default: return a.offset < b.offset
            }
        }.map(\.element)
    }

    // MARK: - Document

    mutating func parse(_ yaml: String) -> Manifest? {
        let root: Node?
        do {
            root = try Yams.compose(yaml: yaml)
        } catch let error as YamlError {
            addSyntaxError(error)
            return nil
        } catch {
            add(.syntax, nil, "", value: "", allowed: "valid YAML", detail: "\(error)")
            return nil
        }
        if let root, let p = ManifestYAML.treeProblem(root) {
            errors.append(ManifestError(kind: .tooLarge, file: file, line: p.line, keyPath: "", value: p.what, allowed: p.allowed))
            return nil
        }
        if let root, let t = ManifestYAML.explicitTag(root) {
            errors.append(ManifestError(kind: .invalidValue, file: file, line: t.line, keyPath: "", value: "YAML tag \(t.tag.prefix(60))",
                                        allowed: "untagged YAML (settings are typed by the settings table; quote text, write numbers plainly)"))
            return nil
        }
        guard let root, !ManifestYAML.isNull(root) else {
            add(.missingKey, nil, "name", value: "", allowed: "a mapping with at least `name:`", detail: "the manifest is empty")
            return nil
        }
        guard case .mapping(let map) = root else {
            add(.wrongType, root, "", allowed: "a mapping with the keys " + Self.topLevelKeys.joined(separator: ", "))
            return nil
        }

        var name: String?
        var description = ""
        var base = RunConfiguration()
        var settings: [String: CanonicalJSON.Value] = [:]
        var lines: [String: Int] = [:]
        var seeds = Manifest.Seeds()
        var sweep = Manifest.Sweep.none
        var sawName = false

        for (key, keyNode, value) in entries(map, path: "") {
            switch key {
            case "name":
                sawName = true
                name = parseName(value)
            case "description":
                if ManifestYAML.isNull(value) { break }
                if let t = ManifestYAML.text(value) { description = t } else {
                    add(.wrongType, value, "description", allowed: "text")
                }
            case "dataset", "model", "training", "analysis":
                parseSection(key, value, into: &base, settings: &settings, lines: &lines)
            case "seeds":
                seeds = parseSeeds(value)
                if let l = ManifestYAML.line(keyNode) { lines["seeds"] = l }
            case "sweep":
                sweep = parseSweep(value)
                if let l = ManifestYAML.line(keyNode) { lines["sweep"] = l }
            default:
                unknownTopLevelKey(key, keyNode)
            }
        }
        if !sawName {
            add(.missingKey, nil, "name", value: "", allowed: "name: [a-z0-9_-]+ (required)")
        }
        sweep = checkSweepAgainstSections(sweep)
        if truncated {
            errors.append(ManifestError(kind: .tooLarge, file: file, keyPath: "", value: "more than \(Self.maxErrors) problems",
                                        allowed: "a manifest with fewer problems", detail: "the first \(Self.maxErrors) are listed"))
        }
        return Manifest(file: file, name: name ?? "", description: description, base: base, settings: settings,
                        seeds: seeds, sweep: sweep, lines: lines)
    }

    mutating func addSyntaxError(_ error: YamlError) {
        var line: Int?
        var problem = "\(error)"
        switch error {
        case let .scanner(context, p, mark, _), let .parser(context, p, mark, _), let .composer(context, p, mark, _):
            line = mark.line
            problem = p + (context.map { " (\($0.text), line \($0.mark.line))" } ?? "")
        case let .reader(p, _, _, _):
            problem = p
        default:
            break
        }
        problem += line.map { " at line \($0)" } ?? ""
        errors.append(ManifestError(kind: .syntax, file: file, line: line, keyPath: "", value: "",
                                    allowed: "valid YAML", detail: problem))
    }

    /// The entries of a mapping as (key text, key node, value node). Non-text keys and repeated keys
    /// are reported (a repeated key keeps its first value).
    mutating func entries(_ map: Node.Mapping, path: String) -> [(String, Node, Node)] {
        var seen: [String: Int?] = [:]
        var out: [(String, Node, Node)] = []
        for (k, v) in map {
            guard case .scalar(let s) = k, !ManifestYAML.isNull(k) else {
                add(.wrongType, k, path.isEmpty ? "(key)" : "\(path).(key)", allowed: "a plain key such as learning_rate")
                continue
            }
            let keyPath = path.isEmpty ? s.string : "\(path).\(s.string)"
            if let first = seen[s.string] {
                add(.duplicateKey, k, keyPath, value: s.string, allowed: "each key once per mapping",
                    detail: "first given" + (first.map { " at line \($0)" } ?? " earlier") + "; the first value is kept")
                failedKeys.insert(keyPath)
                continue
            }
            seen[s.string] = ManifestYAML.line(k)
            out.append((s.string, k, v))
        }
        return out
    }

    // MARK: - Top level

    mutating func parseName(_ node: Node) -> String? {
        guard let t = ManifestYAML.text(node) else {
            add(.wrongType, node, "name", allowed: "a name matching [a-z0-9_-]+")
            return nil
        }
        guard Manifest.isValidName(t) else {
            add(.invalidValue, node, "name", allowed: "[a-z0-9_-]+ (lower-case letters, digits, '_' and '-')",
                suggestion: suggestedName(t))
            return nil
        }
        return t
    }

    func suggestedName(_ t: String) -> String? {
        let folded = String(t.lowercased().map { ch -> Character in
            (ch.isASCII && (ch.isLetter || ch.isNumber)) || ch == "_" || ch == "-" ? ch : "-"
        })
        return Manifest.isValidName(folded) && folded != t ? folded : nil
    }

    mutating func unknownTopLevelKey(_ key: String, _ keyNode: Node) {
        guard !isFull else { truncated = true; return }
        var suggestion = ManifestSuggestion.closest(to: key, among: Self.topLevelKeys)
        var detail: String?
        if suggestion == nil {
            if ManifestSetting.named(key) != nil {
                // `training.learning_rate: 0.1` at top level
                let parts = key.split(separator: ".", maxSplits: 1).map(String.init)
                suggestion = "\(parts[0]): {\(parts[1]): ...}"
                detail = "settings go inside their section"
            } else if let s = settingByLeaf(key) {
                suggestion = "\(s.section): {\(s.key): ...}"
                detail = "settings go inside their section"
            }
        }
        add(.unknownKey, keyNode, key, value: key, allowed: Self.topLevelKeys.joined(separator: ", "),
            detail: detail, suggestion: suggestion)
    }

    /// A setting whose key (without section) matches `word`, exactly or as a plausible typo.
    func settingByLeaf(_ word: String) -> ManifestSetting? {
        let leaves = ManifestSetting.all.map(\.key)
        guard let leaf = ManifestSuggestion.closest(to: word, among: leaves) else { return nil }
        return ManifestSetting.all.first { $0.key == leaf }
    }

    // MARK: - Sections

    mutating func parseSection(_ section: String, _ node: Node, into base: inout RunConfiguration,
                               settings: inout [String: CanonicalJSON.Value], lines: inout [String: Int]) {
        if ManifestYAML.isNull(node) { return }
        let keys = ManifestSetting.keys(in: section)
        guard case .mapping(let map) = node else {
            add(.wrongType, node, section, allowed: "a mapping of \(section) settings: " + keys.joined(separator: ", "))
            return
        }
        for (key, keyNode, value) in entries(map, path: section) {
            let path = "\(section).\(key)"
            guard let setting = ManifestSetting.named(path) else {
                unknownSettingKey(key, keyNode, section: section)
                continue
            }
            writtenSettings[path] = ManifestYAML.line(keyNode)
            switch ManifestYAML.value(value, as: setting.type) {
            case .success(let v):
                setting.apply(v, to: &base)
                settings[path] = v
                if let l = ManifestYAML.line(value) { lines[path] = l }
            case .failure(let m):
                add(m.kind, value, path, allowed: m.allowed, suggestion: m.suggestion)
                failedKeys.insert(path)
            }
        }
    }

    mutating func unknownSettingKey(_ key: String, _ keyNode: Node, section: String) {
        guard !isFull else { truncated = true; return }
        let keys = ManifestSetting.keys(in: section)
        var suggestion = ManifestSuggestion.closest(to: key, among: keys)
        var detail: String?
        if suggestion == nil, let other = settingByLeaf(key) {
            suggestion = other.keyPath
            detail = "that setting belongs in \(other.section):"
        }
        add(.unknownKey, keyNode, "\(section).\(key)", value: key,
            allowed: "the \(section) keys " + keys.joined(separator: ", "), detail: detail, suggestion: suggestion)
    }

    // MARK: - Seeds

    mutating func parseSeeds(_ node: Node) -> Manifest.Seeds {
        var seeds = Manifest.Seeds()
        if ManifestYAML.isNull(node) { return seeds }
        guard case .mapping(let map) = node else {
            add(.wrongType, node, "seeds", allowed: "a mapping {base: 1234, replicates: 10}")
            return seeds
        }
        for (key, keyNode, value) in entries(map, path: "seeds") {
            switch key {
            case "base":
                if let u = ManifestYAML.unsigned(value) { seeds.base = u } else {
                    add(.wrongType, value, "seeds.base", allowed: "an integer in 0...\(UInt64.max)")
                }
            case "replicates":
                if let r = ManifestYAML.integer(value) {
                    if r >= 1 { seeds.replicates = r } else {
                        add(.outOfRange, value, "seeds.replicates", allowed: ">= 1")
                    }
                } else {
                    add(.wrongType, value, "seeds.replicates", allowed: "an integer >= 1")
                }
            default:
                add(.unknownKey, keyNode, "seeds.\(key)", value: key, allowed: Self.seedKeys.joined(separator: ", "),
                    suggestion: ManifestSuggestion.closest(to: key, among: Self.seedKeys))
            }
        }
        return seeds
    }

    // MARK: - Sweep

    mutating func parseSweep(_ node: Node) -> Manifest.Sweep {
        if ManifestYAML.isNull(node) { return .none }
        guard case .mapping(let map) = node else {
            add(.wrongType, node, "sweep", allowed: Self.sweepAllowed)
            return .none
        }
        var grid: [Manifest.Sweep.Axis] = []
        var zip: [Manifest.Sweep.Axis] = []
        var shorthand: [(String, Node)] = []
        var formKeys: [String] = []
        for (key, keyNode, value) in entries(map, path: "sweep") {
            switch key {
            case "grid":
                formKeys.append(key)
                grid += parseAxes(value, prefix: "sweep.grid")
            case "zip":
                formKeys.append(key)
                zip = parseZip(value)
            default:
                if ManifestSetting.named(key) != nil || key.contains(".") {
                    shorthand.append((key, keyNode))
                    if let axis = parseAxis(key, keyNode, value, prefix: "sweep") { grid.append(axis) }
                } else {
                    var suggestion = ManifestSuggestion.closest(to: key, among: Self.sweepForms)
                    if suggestion == nil { suggestion = settingByLeaf(key)?.keyPath }
                    add(.unknownKey, keyNode, "sweep.\(key)", value: key,
                        allowed: "grid, zip, or a setting key path such as training.batch_size",
                        suggestion: suggestion)
                }
            }
        }
        if shorthand.count > 1 || (!shorthand.isEmpty && !formKeys.isEmpty) {
            let keys = shorthand.map(\.0)
            add(.invalidSweep, shorthand[shorthand.count > 1 ? 1 : 0].1, "sweep",
                value: (keys + formKeys).joined(separator: ", "),
                allowed: "a single axis directly under sweep:, or several under sweep.grid: or sweep.zip:",
                detail: "write sweep: {grid: {\(keys.joined(separator: ": [...], ")): [...]}} for every combination, "
                    + "or sweep: {zip: {...}} to pair the i-th values")
        }
        if map.isEmpty {
            add(.invalidSweep, node, "sweep", value: "{}", allowed: Self.sweepAllowed,
                detail: "leave out sweep: for a single setting")
        }
        return Manifest.Sweep(grid: grid, zip: zip)
    }

    /// `{KEY.PATH: [values], ...}` under `grid:` or `zip:`.
    mutating func parseAxes(_ node: Node, prefix: String) -> [Manifest.Sweep.Axis] {
        guard case .mapping(let map) = node, !map.isEmpty else {
            add(ManifestYAML.isNull(node) || node.mapping != nil ? .invalidSweep : .wrongType, node, prefix,
                allowed: "a non-empty mapping {KEY.PATH: [values], ...}")
            return []
        }
        // In a zip only whole tuples must differ (parseZip checks them); a grid axis must not repeat a value.
        let distinct = prefix != "sweep.zip"
        return entries(map, path: prefix).compactMap { parseAxis($0.0, $0.1, $0.2, prefix: prefix, distinct: distinct) }
    }

    mutating func parseZip(_ node: Node) -> [Manifest.Sweep.Axis] {
        let axes = parseAxes(node, prefix: "sweep.zip")
        let lengths = Set(axes.map(\.values.count))
        if lengths.count > 1 {
            add(.invalidSweep, node, "sweep.zip",
                value: axes.map { "\($0.keyPath) has \($0.values.count)" }.joined(separator: ", "),
                allowed: "lists of equal length (value i of every list forms run setting i)")
            for a in axes { failedKeys.insert(a.keyPath) }
            return []
        }
        // Repeated tuples would plan the same runs twice.
        if let n = axes.first?.values.count, axes.count > 1 {
            var seen: [[CanonicalJSON.Value]: Int] = [:]
            for i in 0..<n {
                let tuple = axes.map { $0.values[i] }
                if let j = seen[tuple] {
                    add(.invalidSweep, nil, "sweep.zip[\(i)]",
                        value: zip(axes, tuple).map { "\($0.keyPath)=\($1)" }.joined(separator: ", "),
                        allowed: "distinct tuples", detail: "same as sweep.zip[\(j)]")
                } else {
                    seen[tuple] = i
                }
            }
        }
        return axes
    }

    /// One axis `KEY.PATH: [values]`; nil (and errors) when the key or any value is wrong.
    mutating func parseAxis(_ key: String, _ keyNode: Node, _ node: Node, prefix: String,
                            distinct: Bool = true) -> Manifest.Sweep.Axis? {
        let path = "\(prefix).\(key)"
        guard let setting = ManifestSetting.named(key) else {
            guard !isFull else { truncated = true; return nil }
            var suggestion = ManifestSuggestion.closest(to: key, among: ManifestSetting.all.map(\.keyPath))
            if suggestion == nil, let leaf = key.split(separator: ".").last { suggestion = settingByLeaf(String(leaf))?.keyPath }
            add(.invalidSweep, keyNode, path, value: key,
                allowed: "a setting key path SECTION.KEY such as training.batch_size (docs/MANIFESTS.md lists them)",
                detail: "sweep over an unknown key", suggestion: suggestion)
            return nil
        }
        writtenAxes.append((prefix, key, ManifestYAML.line(keyNode)))
        guard case .sequence(let seq) = node else {
            add(.wrongType, node, path, allowed: "a non-empty list of \(setting.type.expected.replacingOccurrences(of: "a ", with: "", options: .anchored)) values"
                + (setting.type == .integerList ? " (a list of lists, e.g. [[30, 30], [50, 50]])" : ""))
            failedKeys.insert(key)
            return nil
        }
        if seq.isEmpty {
            add(.invalidSweep, node, path, value: "[]", allowed: "a non-empty list of values",
                detail: "an empty sweep axis plans no runs")
            failedKeys.insert(key)
            return nil
        }
        var values: [CanonicalJSON.Value] = []
        var lines: [Int?] = []
        var ok = true
        var seen: [CanonicalJSON.Value: Int] = [:]
        for (i, element) in seq.enumerated() {
            switch ManifestYAML.value(element, as: setting.type) {
            case .success(let v):
                if distinct, let j = seen[v] {
                    add(.invalidSweep, element, "\(path)[\(i)]", allowed: "distinct values",
                        detail: "repeats \(path)[\(j)]; it would plan the same runs twice")
                    ok = false
                } else {
                    seen[v] = i
                }
                values.append(v)
                lines.append(ManifestYAML.line(element))
            case .failure(let m):
                add(m.kind, element, "\(path)[\(i)]", allowed: m.allowed, suggestion: m.suggestion)
                ok = false
            }
        }
        guard ok else {
            failedKeys.insert(key)
            return nil
        }
        return Manifest.Sweep.Axis(keyPath: key, values: values, prefix: prefix, lines: lines)
    }

    /// A key swept twice, or swept and also set in its section, is ambiguous: report it and drop
    /// the axis (every axis written counts, including one whose values had errors).
    mutating func checkSweepAgainstSections(_ sweep: Manifest.Sweep) -> Manifest.Sweep {
        var seen: Set<String> = []
        var dropped: Set<String> = []  // "prefix.key" of axes to drop
        for axis in writtenAxes {
            let path = "\(axis.prefix).\(axis.key)"
            if seen.contains(axis.key) {
                errors.append(ManifestError(kind: .invalidSweep, file: file, line: axis.line, keyPath: path, value: axis.key,
                                            allowed: "each setting on one axis only", detail: "\(axis.key) is swept twice"))
                dropped.insert(path)
                continue
            }
            seen.insert(axis.key)
            if let sectionLine = writtenSettings[axis.key] {
                errors.append(ManifestError(
                    kind: .invalidSweep, file: file, line: axis.line, keyPath: path, value: axis.key,
                    allowed: "a setting not also given in its section",
                    detail: "\(axis.key) is also set" + (sectionLine.map { " at line \($0)" } ?? "")
                        + "; remove one of the two"))
                dropped.insert(path)
            }
        }
        let keep: (Manifest.Sweep.Axis) -> Bool = { !dropped.contains("\($0.prefix).\($0.keyPath)") }
        let zip = sweep.zip.filter(keep)
        return Manifest.Sweep(grid: sweep.grid.filter(keep), zip: zip.count == sweep.zip.count ? zip : [])
    }
}
