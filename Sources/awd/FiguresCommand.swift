import AWArchive
import AWFigures
import ArgumentParser
import Foundation

/// Records of the named manifests, read from their archive folders (never trains, never plans).
enum RecordSource {
    static func load(names: [String], runs: String) throws -> [RunRecord] {
        var records: [RunRecord] = []
        for raw in names {
            // A manifest name, a manifest path (experiments/NAME.yaml) or an archive folder.
            let (folder, name) = RecordFolder.resolve(raw, root: runs)
            guard FileManager.default.fileExists(atPath: folder) else {
                throw ArchiveError(path: folder, reason: "no archives for \(name): run `awd run experiments/\(name).yaml` first")
            }
            let r = try RecordFolder.select(folder: folder).records
            if r.isEmpty {
                throw ArchiveError(path: folder, reason: "no readable archives: run `awd run experiments/\(name).yaml` (or `make runs/\(name)/.complete`) first")
            }
            records += r
        }
        return records
    }
}

/// Which archives a figures/report command reads: the runs of the named manifests.
struct RecordSelection: ParsableArguments {
    @Argument(help: "Manifest names (or manifest paths, or archive folders).")
    var manifests: [String]

    @Option(name: .long, help: "Root folder of the archives.")
    var runs: String = "runs"

    func records() throws -> [RunRecord] { try RecordSource.load(names: manifests, runs: runs) }
}

struct FiguresCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "figures",
        abstract: "Render the paper's figures (PDF, SVG, PNG) from archives only.",
        discussion: "Sweep figures for each named manifest, and the overview figures over all of them.")

    @OptionGroup var source: RecordSelection

    @Option(name: .long, help: "Output folder of the figures.")
    var out: String = "figures"

    @Flag(name: .long, inversion: .prefixedNo, help: "Also render the overview figures over all named manifests.")
    var overview = true

    @Flag(name: .long, inversion: .prefixedNo, help: "Render the per-sweep figures.")
    var sweeps = true

    func run() throws {
        try CommandSupport.guarded {
            let records = try source.records()
            let dir = URL(fileURLWithPath: out)
            var files: [URL] = []
            if sweeps { files += try FigureSet.renderSweeps(records: records, outputDirectory: dir) }
            if overview { files += try FigureSet.renderOverview(records: records, outputDirectory: dir) }
            print("\(records.count) runs -> \(files.count) files in \(out)/")
        }
    }
}

struct ReportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: "Write the reproduction report (Markdown, with every figure) from archives only.",
        discussion: "Every claim of the paper gets a statistic, its spread over seeds and a computed verdict.")

    @OptionGroup var source: RecordSelection

    @Option(name: .long, help: "Output folder of the report and its figures.")
    var out: String = "figures"

    @Flag(name: .long, inversion: .prefixedNo, help: "Also render every figure the report embeds (off when make renders them).")
    var figures = true

    func run() throws {
        try CommandSupport.guarded {
            let records = try source.records()
            let dir = URL(fileURLWithPath: out)
            let reportURL = dir.appendingPathComponent("REPORT.md")
            if figures {
                let files = try ReproductionReport.write(records: records, reportURL: reportURL, figuresDirectory: dir)
                print("\(records.count) runs -> \(files.count - 1) figure files and \(reportURL.path)")
            } else {
                try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
                let text = ReproductionReport.build(records: records, figuresDirectory: "")
                try text.write(to: reportURL, atomically: true, encoding: .utf8)
                print("\(records.count) runs -> \(reportURL.path)")
            }
            print(ReproductionReport.markdownTable(ReproductionReport.evaluate(records: records)))
        }
    }
}
