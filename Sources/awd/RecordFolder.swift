import AWArchive
import Foundation

/// The archive folder a command argument names, and its records selected by `ArchiveSelection`
/// (the one selection `awd export`, `awd figures` and `awd report` share). Never plans a manifest.
enum RecordFolder {
    /// A folder of archives as given, else `<root>/<name>` for a manifest name or a manifest
    /// path (`experiments/NAME.yaml` -> NAME).
    static func resolve(_ source: String, root: String) -> (folder: String, name: String) {
        var isDir: ObjCBool = false
        let name = ((source as NSString).lastPathComponent as NSString).deletingPathExtension
        if FileManager.default.fileExists(atPath: source, isDirectory: &isDir), isDir.boolValue { return (source, name) }
        return ((root as NSString).appendingPathComponent(name), name)
    }

    /// The selection of `folder`, with what was left out reported on standard error.
    static func select(folder: String) throws -> ArchiveSelection {
        let selection = try ArchiveSelection.records(folder: folder)
        for s in selection.skipped { CommandSupport.printError("skipped: \(s.description)") }
        if !selection.unlisted.isEmpty {
            CommandSupport.printError("\(folder): \(selection.unlisted.count) archives not in \(RunIndex.fileName) (an older plan) left out")
        }
        if !selection.missing.isEmpty {
            CommandSupport.printError("\(folder): \(selection.missing.count) of \(selection.index?.runIDs.count ?? 0) runs have no archive yet")
        }
        return selection
    }
}
