import AWCore
import Foundation

/// The run ids of a manifest's current plan, in plan order: `<root>/<manifest name>/index.json`,
/// `{"manifest": NAME, "runs": [run ids]}`. Written by the runner (and `awd export MANIFEST`) each
/// time it plans the manifest; `ArchiveSelection` reads it so that archives of an older version of
/// the manifest, left in the folder, stay out of summaries, figures and the report.
public struct RunIndex: Sendable, Equatable {
    public static let fileName = "index.json"

    public var manifest: String
    public var runIDs: [String]

    public init(manifest: String, runIDs: [String]) { self.manifest = manifest; self.runIDs = runIDs }

    /// `folder`/index.json.
    public static func path(folder: String) -> String { (folder as NSString).appendingPathComponent(fileName) }

    /// The file's text: one run id per line, so diffs of a changed plan stay readable.
    public var json: String {
        let runs = runIDs.map { "    " + JSONText.quoted($0) }.joined(separator: ",\n")
        return "{\n  \"manifest\": \(JSONText.quoted(manifest)),\n  \"runs\": [" + (runs.isEmpty ? "" : "\n" + runs + "\n  ") + "]\n}\n"
    }

    /// Writes the index of `folder` atomically (temporary file + rename; the folder is created).
    /// An index with the same content is left alone, so its modification time (and make) do not move.
    public static func write(manifest: String, runIDs: [String], to folder: String) throws {
        try RunIndex(manifest: manifest, runIDs: runIDs).write(to: folder)
    }

    public func write(to folder: String) throws {
        let path = Self.path(folder: folder)
        let text = json
        if let old = try? String(contentsOfFile: path, encoding: .utf8), old == text { return }
        do {
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
            let tmp = "\(path).tmp-\(ProcessInfo.processInfo.processIdentifier)"
            try text.write(toFile: tmp, atomically: false, encoding: .utf8)
            if rename(tmp, path) != 0 {
                let code = errno
                try? FileManager.default.removeItem(atPath: tmp)
                throw ArchiveError(path: path, reason: "could not rename \(tmp) into place (errno \(code))")
            }
        } catch let e as ArchiveError { throw e } catch {
            throw ArchiveError(path: path, reason: "could not write the run index: \(error)")
        }
    }

    /// Whether `text` has the form of a run id (16 lower-case hex digits).
    public static func isRunID(_ text: String) -> Bool {
        text.utf8.count == 16 && text.utf8.allSatisfy { (0x30...0x39).contains($0) || (0x61...0x66).contains($0) }
    }

    /// The index of `folder`, or nil when it has none. A malformed index throws `ArchiveError` naming it.
    public static func read(folder: String) throws -> RunIndex? {
        let path = Self.path(folder: folder)
        let kind = FileKind.of(path)
        if kind == .missing { return nil }
        guard case .regular(let size) = kind else { throw ArchiveError(path: path, reason: "the run index is \(kind), not a regular file") }
        // A plan has at most 100,000 runs (Manifest.maxRuns): 19 bytes each, with room to spare.
        guard size <= 4 << 20 else {
            throw ArchiveError(path: path, reason: "the run index is \(size) bytes; allowed: at most \(4 << 20) (100,000 run ids)")
        }
        guard let data = FileManager.default.contents(atPath: path) else {
            throw ArchiveError(path: path, reason: "the run index cannot be read")
        }
        guard case .object(let object)? = try? CanonicalJSON.parse(String(decoding: data, as: UTF8.self)),
              let manifest = object["manifest"]?.stringValue, case .array(let runs)? = object["runs"] else {
            throw ArchiveError(path: path, reason: "not a run index: expected {\"manifest\": NAME, \"runs\": [run ids]}")
        }
        let ids = runs.compactMap(\.stringValue)
        // Run ids are 16 lower-case hex digits: nothing else names a file in the folder.
        guard ids.count == runs.count, ids.allSatisfy(RunIndex.isRunID) else {
            throw ArchiveError(path: path, reason: "not a run index: \"runs\" must list run ids (16 lower-case hex digits)")
        }
        if Set(ids).count != ids.count {
            throw ArchiveError(path: path, reason: "not a run index: \"runs\" lists a run id more than once")
        }
        return RunIndex(manifest: manifest, runIDs: ids)
    }
}
