import AWArchive
import AWTestSupport
import Foundation
import Testing

/// Bad input: a clear message naming the problem and a non-zero exit, never a trace; nothing runs.
@Suite("awd errors")
struct ErrorMessageTests {
    @Test("manifest validation errors exit 2, name file, key path, value and allowed range, and run nothing",
          arguments: [
            ("training:\n  learning_rate: -0.1", "training.learning_rate", "-0.1"),
            ("training:\n  dropout: 1.5", "training.dropout", "1.5"),
            ("dataset:\n  label_noise: 1", "dataset.label_noise", "1"),
            ("training:\n  batch_size: 5000", "training.batch_size", "5000"),
            ("training:\n  learnin_rate: 0.1", "training.learnin_rate", "learning_rate"),
            ("dataset:\n  name: cifar10", "dataset.name", "cifar10"),
          ])
    func manifestErrors(snippet: String, keyPath: String, mention: String) throws {
        try TestSupport.withTemporaryDirectory { dir in
            let manifest = dir.appendingPathComponent("bad.yaml")
            try CLI.write("name: bad\n\(snippet)\nseeds:\n  replicates: 1\n", to: manifest)
            let r = try CLI.run(["run", manifest.path, "--out", dir.path])
            #expect(r.status == 2)
            #expect(r.stderr.contains(manifest.path), "\(r.stderr)")
            #expect(r.stderr.contains(keyPath), "\(r.stderr)")
            #expect(r.stderr.contains(mention), "\(r.stderr)")
            #expect(r.stderr.contains("allowed"), "\(r.stderr)")
            #expect(!r.stderr.contains("Fatal error") && !r.stderr.contains("Stack dump"))
            #expect(!FileManager.default.fileExists(atPath: dir.appendingPathComponent("bad").path))
        }
    }

    @Test("missing data files are reported before any work, with the folder and the remedy")
    func missingData() throws {
        try TestSupport.withTemporaryDirectory { dir in
            let manifest = dir.appendingPathComponent("m.yaml")
            try CLI.write(CLI.tinyManifest(name: "m"), to: manifest)
            let empty = dir.appendingPathComponent("nodata")
            try FileManager.default.createDirectory(at: empty, withIntermediateDirectories: true)
            let r = try CLI.run(["run", manifest.path, "--out", dir.path, "--data-dir", empty.path])
            #expect(r.status == 2)
            #expect(r.stderr.contains(empty.path) && r.stderr.contains("train-images"), "\(r.stderr)")
            #expect(!FileManager.default.fileExists(atPath: dir.appendingPathComponent("m").path))
        }
    }

    @Test("a missing manifest, a YAML syntax error and an unknown run id are clear errors")
    func otherInputErrors() throws {
        try TestSupport.withTemporaryDirectory { dir in
            let missing = try CLI.run(["run", dir.appendingPathComponent("nope.yaml").path])
            #expect(missing.status == 2 && missing.stderr.contains("nope.yaml") && missing.stderr.contains("no such file"))
            let broken = dir.appendingPathComponent("broken.yaml")
            try CLI.write("name: broken\ntraining: [1, 2\n", to: broken)
            let syntax = try CLI.run(["run", broken.path])
            #expect(syntax.status == 2 && syntax.stderr.contains("broken.yaml"), "\(syntax.stderr)")
            let ok = dir.appendingPathComponent("ok.yaml")
            try CLI.write(CLI.tinyManifest(name: "ok"), to: ok)
            let unknown = try CLI.run(["run", ok.path, "--only", "zzzz", "--out", dir.path])
            #expect(unknown.status == 2 && unknown.stderr.contains("no run with id zzzz"), "\(unknown.stderr)")
            let jobs = try CLI.run(["run", ok.path, "--jobs", "0"])
            #expect(jobs.status != 0 && jobs.stderr.contains("--jobs"))
        }
    }

    @Test("truncated and foreign archives: inspect exits 2 naming the file, verify exits 1")
    func badArchives() throws {
        try TestSupport.withTemporaryDirectory { dir in
            let garbage = dir.appendingPathComponent("garbage.h5")
            try Data("definitely not HDF5".utf8).write(to: garbage)
            let inspect = try CLI.run(["inspect", garbage.path])
            #expect(inspect.status == 2 && inspect.stderr.contains(garbage.path), "\(inspect.stderr)")
            let verify = try CLI.run(["verify", garbage.path])
            #expect(verify.status == 1 && verify.stdout.contains("FAIL"), "\(verify.stdout)")
        }
    }

    @Test("every subcommand has --help", arguments: ["run", "list", "inspect", "export", "verify", "figures", "report"])
    func help(subcommand: String) throws {
        let r = try CLI.run([subcommand, "--help"])
        #expect(r.status == 0 && r.stdout.contains("USAGE"), "\(r.stdout)")
    }
}
