import AWCore
import Foundation

/// One experiment, as written in a YAML file under experiments/ (syntax: docs/MANIFESTS.md):
/// a name, partial `dataset:` / `model:` / `training:` / `analysis:` sections over the paper's
/// defaults, `seeds:` (a base seed and the number of replicates) and an optional `sweep:`.
///
/// Loading validates everything before any work is done and reports every problem at once
/// (`ManifestErrors`); a `Manifest` value is therefore always valid. `plan(root:)` expands it
/// into runs (`RunPlan`).
public struct Manifest: Sendable, Equatable {
    /// The file it was read from (or the label given to `parse`), used in every message.
    public let file: String
    /// `[a-z0-9_-]+`; the archive directory is runs/<name>/. Not part of any run's configuration.
    public let name: String
    public let description: String
    /// The paper defaults with the manifest's sections applied (seed 0, replicate 0).
    public let base: RunConfiguration
    /// The settings the sections give explicitly, by key path (`training.learning_rate`).
    public let settings: [String: CanonicalJSON.Value]
    public let seeds: Seeds
    public let sweep: Sweep
    /// Line of each explicitly given key path (for messages).
    let lines: [String: Int]

    /// Reads, parses and validates a manifest file.
    /// - Throws: `ManifestErrors` listing every problem (the file, key path, value and allowed values of each).
    public static func load(path: String) throws -> Manifest {
        func refuse(_ kind: ManifestError.Kind = .io, _ value: String = "", _ allowed: String, _ detail: String?) -> ManifestErrors {
            ManifestErrors(file: path, errors: [ManifestError(kind: kind, file: path, keyPath: "", value: value,
                                                              allowed: allowed, detail: detail)])
        }
        // Look before reading: a FIFO or device would block or never end, a huge file is not a manifest.
        switch FileKind.of(path) {
        case .regular(let size):
            guard size <= Int64(ManifestYAML.maxBytes) else {
                throw refuse(.tooLarge, "\(size) bytes", "at most \(ManifestYAML.maxBytes) bytes", "a manifest is a short YAML file")
            }
        case .missing, .unreadable:
            throw refuse(.io, "", "a readable UTF-8 YAML file", FileKind.of(path).description)
        case let kind:
            throw refuse(.io, "", "a regular file", kind == .directory ? "a directory" : "not a regular file: \(kind)")
        }
        let text: String
        do {
            text = try String(contentsOfFile: path, encoding: .utf8)
        } catch {
            let reason = FileManager.default.fileExists(atPath: path) ? "not readable as UTF-8 text" : "no such file"
            throw refuse(.io, "", "a readable UTF-8 YAML file", reason)
        }
        return try parse(yaml: text, file: path)
    }

    /// Parses and validates manifest text; `file` names it in messages. The text's size and
    /// nesting are checked before it is composed, the composed tree's depth and alias expansion
    /// before it is read (ManifestYAML+Limits), and the reading runs on a thread with a large stack.
    /// - Throws: `ManifestErrors` listing every problem.
    public static func parse(yaml: String, file: String) throws -> Manifest {
        if let p = ManifestYAML.textProblem(yaml) {
            throw ManifestErrors(file: file, errors: [ManifestError(kind: .tooLarge, file: file, line: p.line, keyPath: "",
                                                                    value: p.what, allowed: p.allowed)])
        }
        let result: Result<Manifest, ManifestErrors> = ManifestYAML.onLargeStack { parseChecked(yaml: yaml, file: file) }
        return try result.get()
    }

    private static func parseChecked(yaml: String, file: String) -> Result<Manifest, ManifestErrors> {
        var parser = ManifestParser(file: file)
        let manifest = parser.parse(yaml)
        var errors = parser.errors
        if let manifest {
            // Range checks run even after other errors, so one pass reports everything; values that
            // could not be read are skipped there, so a typo does not cascade. The plan's size is
            // checked first: a sweep too large to plan is not expanded.
            if let sizeError = manifest.planSizeError() {
                errors.append(sizeError)
            } else {
                errors += manifest.configurationErrors(skipping: parser.failedKeys)
            }
            if errors.isEmpty { return .success(manifest) }
        }
        return .failure(ManifestErrors(file: file, errors: ManifestParser.ordered(errors)))
    }

    /// Every problem `parse` would report, or an empty list.
    public static func problems(yaml: String, file: String) -> [ManifestError] {
        do { _ = try parse(yaml: yaml, file: file); return [] } catch let e as ManifestErrors { return e.errors } catch {
            return [ManifestError(kind: .syntax, file: file, keyPath: "", value: "", allowed: "valid YAML", detail: "\(error)")]
        }
    }

    /// All manifests (`*.yaml`, `*.yml`) in a directory, sorted by file name.
    /// - Throws: `ManifestErrors` with the problems of every invalid file (all files are checked).
    public static func loadAll(directory: String) throws -> [Manifest] {
        let names: [String]
        do {
            names = try FileManager.default.contentsOfDirectory(atPath: directory)
                .filter { $0.hasSuffix(".yaml") || $0.hasSuffix(".yml") }.sorted()
        } catch {
            throw ManifestErrors(file: directory, errors: [ManifestError(
                kind: .io, file: directory, keyPath: "", value: "", allowed: "a readable directory of manifests", detail: "\(error.localizedDescription)")])
        }
        var manifests: [Manifest] = []
        var errors: [ManifestError] = []
        for n in names {
            let path = (directory as NSString).appendingPathComponent(n)
            do { manifests.append(try load(path: path)) } catch let e as ManifestErrors { errors += e.errors }
        }
        if !errors.isEmpty { throw ManifestErrors(file: directory, errors: errors) }
        return manifests
    }

    /// The manifest name rule.
    public static func isValidName(_ name: String) -> Bool {
        !name.isEmpty && name.unicodeScalars.allSatisfy {
            ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "_" || $0 == "-"
        }
    }

    /// The configuration of one sweep point and replicate (seed derived from `seeds`).
    public func configuration(point: [RunPlan.SweptValue], replicate: Int) -> RunConfiguration {
        var c = base
        for v in point { ManifestSetting.named(v.keyPath)?.apply(v.value, to: &c) }
        c.replicate = replicate
        c.seed = seeds.seed(replicate: replicate)
        return c
    }

    /// Where the value of `keyPath` comes from in the manifest at this sweep point: the sweep entry
    /// (`sweep.grid.training.batch_size[2]`), the section key (`training.batch_size`) or the default.
    func source(of keyPath: String, at point: [RunPlan.SweptValue]) -> (path: String, line: Int?, isDefault: Bool) {
        if let v = point.first(where: { $0.keyPath == keyPath }) { return (v.source, v.line, false) }
        if settings[keyPath] != nil { return (keyPath, lines[keyPath], false) }
        return (keyPath, nil, true)
    }
}
