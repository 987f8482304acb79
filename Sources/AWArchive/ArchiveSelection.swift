import Foundation

/// "The records of a manifest": the archives of its folder that its current plan lists
/// (`RunIndex`), in plan order; every `*.h5` of the folder, by file name, when there is no index.
/// Only whole archives are read (the runner's `.tmp-<pid>` files are never `*.h5`); an archive
/// that cannot be read, or holds another run than its name says, is skipped with the reason.
/// `awd export`, `awd figures` and `awd report` all select records this way.
public struct ArchiveSelection: Sendable {
    /// A file left out, with why.
    public struct Skipped: Sendable, Equatable {
        public var path: String
        public var reason: String
        public init(path: String, reason: String) { self.path = path; self.reason = reason }
        public var description: String { "\(path): \(reason)" }
    }

    public var folder: String
    /// The index used (nil: none in the folder, every archive taken).
    public var index: RunIndex?
    /// The selected records (complete or diverged), in index order, else by file name.
    public var records: [RunRecord]
    /// Listed archives that could not be read.
    public var skipped: [Skipped]
    /// Run ids of the index with no archive yet (not run, or still running).
    public var missing: [String]
    /// Archives of the folder that the index does not list (of an older plan), left out.
    public var unlisted: [String]

    /// The selection of `folder`. Throws `ArchiveError` for a malformed index only.
    public static func records(folder: String) throws -> ArchiveSelection {
        let index = try RunIndex.read(folder: folder)
        let files = ((try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []).filter { $0.hasSuffix(".h5") }.sorted()
        func path(_ name: String) -> String { (folder as NSString).appendingPathComponent(name) }
        var selection = ArchiveSelection(folder: folder, index: index, records: [], skipped: [], missing: [], unlisted: [])
        guard let index else {
            for name in files {
                do { selection.records.append(try RunArchive.read(path(name))) } catch {
                    selection.skipped.append(Skipped(path: path(name), reason: "\(error)"))
                }
            }
            return selection
        }
        let present = Set(files)
        let listed = Set(index.runIDs.map { $0 + ".h5" })
        selection.unlisted = files.filter { !listed.contains($0) }
        for id in index.runIDs {
            let name = id + ".h5"
            guard present.contains(name) else { selection.missing.append(id); continue }
            do {
                let record = try RunArchive.read(path(name))
                guard record.runID == id else {
                    selection.skipped.append(Skipped(path: path(name), reason: "holds run \(record.runID), not \(id)"))
                    continue
                }
                selection.records.append(record)
            } catch {
                selection.skipped.append(Skipped(path: path(name), reason: "\(error)"))
            }
        }
        return selection
    }
}
