import AWArchive
import AWCore
import AWManifest
import AWRunner
import ArgumentParser
import Foundation

struct ExportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Write a sweep's summary (one row per run) as CSV and JSON.",
        discussion: "Reads the archives a folder's index.json lists (every archive when it has none); with a manifest, writes that index from its plan first.")

    @Argument(help: "A manifest, or a folder of archives.")
    var source: String

    @Option(name: .long, help: "Root folder of the archives (with a manifest).")
    var out: String = RunPlan.defaultRoot

    @Option(name: .long, help: "CSV output file (default: <archive folder>/summary.csv).")
    var csv: String?

    @Option(name: .long, help: "JSON output file (default: <archive folder>/summary.json).")
    var json: String?

    func validate() throws {
        if let csv { try OutputTarget.check(csv, option: "--csv") }
        if let json { try OutputTarget.check(json, option: "--json") }
        if let csv, let json, OutputTarget.same(csv, json) {
            throw ValidationError("--csv \(csv) and --json \(json) name the same file; allowed: two different files")
        }
    }

    func run() throws {
        try CommandSupport.guarded {
            var isDir: ObjCBool = false
            let folder: String
            if FileManager.default.fileExists(atPath: source, isDirectory: &isDir), isDir.boolValue {
                folder = source
            } else {
                // With a manifest: its current plan is the index of its folder (the runner writes
                // the same index), so archives of an older version of the manifest are left out.
                let (_, plan) = try CommandSupport.plan(source, root: out)
                folder = (plan.root as NSString).appendingPathComponent(plan.manifestName)
                try RunIndex.write(manifest: plan.manifestName, runIDs: plan.runs.map(\.runID), to: folder)
            }
            let selection = try RecordFolder.select(folder: folder)
            let records = selection.records
            // Only an archive folder gets summaries: a folder of other files (a data folder, a
            // manifest folder) is never written into.
            if selection.index == nil && records.isEmpty && selection.skipped.isEmpty {
                throw AWError(.invalidInput, "\(folder): no archives (*.h5) and no \(RunIndex.fileName): not an archive folder; "
                              + "allowed: a folder `awd run` wrote, or a manifest")
            }
            let summary = ArchiveSummary(records: records)
            let csvPath = csv ?? (folder as NSString).appendingPathComponent("summary.csv")
            let jsonPath = json ?? (folder as NSString).appendingPathComponent("summary.json")
            // The default targets are checked too (a FIFO named summary.csv must not block).
            do {
                try OutputTarget.check(csvPath, option: "--csv")
                try OutputTarget.check(jsonPath, option: "--json")
            } catch let e as ValidationError { throw AWError(.invalidInput, e.message) }
            for p in [csvPath, jsonPath] {
                do { try FileManager.default.createDirectory(atPath: PathText.parent(p), withIntermediateDirectories: true) } catch {
                    throw AWError(.io, "\(p): cannot make its folder: \(error.localizedDescription)")
                }
            }
            try write(summary.csv, to: csvPath)
            try write(summary.json, to: jsonPath)
            print("\(records.count) runs -> \(csvPath), \(jsonPath)")
        }
    }

    /// Atomic write (temporary file + rename), so make never sees half a summary; an unchanged
    /// summary is left alone, so figures that depend on it are not rebuilt.
    private func write(_ text: String, to path: String) throws {
        if let old = try? String(contentsOfFile: path, encoding: .utf8), old == text { return }
        do { try text.write(toFile: path, atomically: true, encoding: .utf8) } catch {
            throw AWError(.io, "\(path): cannot be written: \(error.localizedDescription)")
        }
    }
}
