import AWArchive
import AWTestSupport
import Foundation
import Testing

/// manifest -> archives -> summary, inspect, verify, figures and report, through the executable.
@Suite("awd pipeline")
struct PipelineTests {
    @Test("export, inspect, verify, figures and report read the archives of a tiny sweep")
    func downstream() throws {
        try TestSupport.withTemporaryDirectory { dir in
            let manifest = dir.appendingPathComponent("pipe.yaml")
            try CLI.write(CLI.tinyManifest(name: "pipe", replicates: 3).replacingOccurrences(of: "[10, 50]", with: "[10, 25, 50]"), to: manifest)
            let runs = dir.appendingPathComponent("runs")
            #expect(try CLI.run(["run", manifest.path, "--jobs", "2", "--out", runs.path]).status == 0)
            let folder = runs.appendingPathComponent("pipe")

            let export = try CLI.run(["export", manifest.path, "--out", runs.path])
            #expect(export.status == 0, "\(export.stderr)")
            let csv = try String(contentsOf: folder.appendingPathComponent("summary.csv"), encoding: .utf8)
            let lines = csv.split(separator: "\n")
            #expect(lines.count == 10)
            #expect(lines[0].hasPrefix("manifest,run_id,status,replicate,seed,swept,training.batch_size,"))
            #expect(lines[1].contains("\"{\"\"training.batch_size\"\":"), "swept JSON column, CSV-quoted: \(lines[1])")
            let json = try JSONSerialization.jsonObject(with: Data(contentsOf: folder.appendingPathComponent("summary.json"))) as? [[String: Any]]
            #expect(json?.count == 9)

            // export MANIFEST writes the plan's index; an archive the index does not list stays out.
            let index = try RunIndex.read(folder: folder.path)
            #expect(index?.manifest == "pipe" && index?.runIDs.count == 9
                    && Set(index?.runIDs.map { $0 + ".h5" } ?? []) == Set(CLI.archives(in: folder)))

            let first = CLI.archives(in: folder)[0]
            let inspect = try CLI.run(["inspect", folder.appendingPathComponent(first).path])
            #expect(inspect.status == 0 && inspect.stdout.contains("duality residual") && inspect.stdout.contains("sigma_g"))

            let verify = try CLI.run(["verify", folder.path])
            #expect(verify.status == 0 && verify.stdout.contains("9/9 archives pass"), "\(verify.stdout)")

            try FileManager.default.copyItem(at: folder.appendingPathComponent(first),
                                             to: folder.appendingPathComponent("0000000000000000.h5"))
            let figs = dir.appendingPathComponent("figs")
            let report = try CLI.run(["report", "pipe", "--runs", runs.path, "--out", figs.path])
            #expect(report.status == 0, "\(report.stderr)")
            #expect(report.stdout.contains("9 runs ->") && report.stderr.contains("1 archives not in index.json"), "\(report.stdout) \(report.stderr)")
            let text = try String(contentsOf: figs.appendingPathComponent("REPORT.md"), encoding: .utf8)
            #expect(text.contains("Duality") && text.contains("supported"))
            for kind in ["gap", "sharpness", "size", "correlation"] {
                let png = TestSupport.fileBytes(figs.appendingPathComponent("pipe-\(kind).png").path)
                #expect(png.starts(with: [0x89, 0x50, 0x4E, 0x47]), "pipe-\(kind).png")
            }
            #expect(TestSupport.fileBytes(figs.appendingPathComponent("overview-duality.pdf").path).starts(with: Array("%PDF-".utf8)))
        }
    }

    @Test("the quick multi-learner set: awd run, verify and awd learners (report with the three claims, figures)")
    func quickLearners() throws {
        try TestSupport.withTemporaryDirectory { dir in
            let manifest = CLI.repoRoot.appendingPathComponent("experiments/quick-learners-mnist.yaml")
            let runs = dir.appendingPathComponent("runs")
            let run = try CLI.run(["run", manifest.path, "--jobs", "2", "--out", runs.path, "--plain"])
            #expect(run.status == 0, "\(run.stdout.suffix(2000)) \(run.stderr)")
            let folder = runs.appendingPathComponent("quick-learners-mnist")
            let verify = try CLI.run(["verify", folder.path])
            #expect(verify.status == 0 && verify.stdout.contains("8/8 archives pass"), "\(verify.stdout)")
            // every DPSGD archive records a positive consensus distance per epoch, every SSGD one zeros
            for name in CLI.archives(in: folder) {
                let r = try RunArchive.read(folder.appendingPathComponent(name).path)
                #expect(r.training.consensusDistance.count == Int(r.training.epochs) || r.status == .diverged)
                if r.config.contains("\"dpsgd\"") && r.status != .diverged { #expect(r.training.consensusDistance.contains { $0 > 0 }) }
                if r.config.contains("\"ssgd\"") { #expect(r.training.consensusDistance.allSatisfy { $0 == 0 }) }
                // a dead layer is archived with its metrics and the reason, not failed
                if r.analysis == nil && r.status != .diverged { #expect(r.analysisSkipped?.contains("dead") == true) }
            }
            let out = dir.appendingPathComponent("figs")
            let report = try CLI.run(["learners", "quick-learners-mnist", "--runs", runs.path, "--out", out.path])
            #expect(report.status == 0, "\(report.stderr)")
            let text = try String(contentsOf: out.appendingPathComponent("REPORT.md"), encoding: .utf8)
            for claim in ["DPSGD: smaller gap than SSGD", "… through sharpness", "… without changing size"] {
                #expect(text.contains("| \(claim)"), "\(claim)")
            }
            #expect(text.contains("## Where SSGD fails") && text.contains("| 1.6 |"))
            for name in ["rates", "spectra", "consensus"] {
                let png = TestSupport.fileBytes(out.appendingPathComponent("figs-\(name).png").path)
                #expect(png.starts(with: [0x89, 0x50, 0x4E, 0x47]), "figs-\(name).png")
            }
        }
    }
}
