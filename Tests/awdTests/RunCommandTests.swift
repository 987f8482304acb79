import AWArchive
import AWTestSupport
import Foundation
import Testing

/// End-to-end runs of a tiny manifest through the built executable.
@Suite("awd run, end to end", .serialized)
struct RunCommandTests {
    @Test("runs a manifest, archives every run, skips complete runs, reruns byte-identically")
    func runSkipRerun() throws {
        try TestSupport.withTemporaryDirectory { dir in
            let manifest = dir.appendingPathComponent("tiny.yaml")
            try CLI.write(CLI.tinyManifest(), to: manifest)
            let out = dir.appendingPathComponent("runs")
            let first = try CLI.run(["run", manifest.path, "--jobs", "2", "--out", out.path])
            #expect(first.status == 0, "\(first.stderr)")
            let folder = out.appendingPathComponent("tiny")
            let names = CLI.archives(in: folder)
            #expect(names.count == 4)
            #expect(CLI.temporaries(in: folder).isEmpty)

            // Content: a complete run with the required sections and identities.
            for name in names {
                let r = try RunArchive.read(folder.appendingPathComponent(name).path)
                #expect(r.manifest == "tiny" && r.runID + ".h5" == name)
                #expect(r.model.widths == [784, 8, 8, 10] && r.data.trainIndices.count == 200 && r.data.testIndices == (0..<60).map { Int64($0) })
                #expect(r.blas.threads == 1)
                let a = try #require(r.analysis)
                #expect(a.layerIndex == 1 && a.layerNumber == 2 && a.deltaLoss.count == 60 && a.eigenvalues.count == 64)
                #expect(a.dualityResidualMax < 1e-9)
                #expect(a.densityMethod.name == "eigenvalues" && a.densityNodes == a.eigenvalues)
                #expect(ArchiveVerifier().verify(r).allSatisfy { $0.passed })
            }

            // Second invocation: nothing to do.
            let before = names.map { TestSupport.fileBytes(folder.appendingPathComponent($0).path) }
            let second = try CLI.run(["run", manifest.path, "--out", out.path, "--plain"])
            #expect(second.status == 0)
            #expect(second.stderr.contains("4/4 runs (4 skipped, 0 failed)"), "\(second.stderr)")

            // Byte-identical archives from a fresh run into another folder.
            let out2 = dir.appendingPathComponent("runs2")
            #expect(try CLI.run(["run", manifest.path, "--jobs", "1", "--out", out2.path]).status == 0)
            let again = names.map { TestSupport.fileBytes(out2.appendingPathComponent("tiny").appendingPathComponent($0).path) }
            #expect(before == again)

            // list shows each run complete.
            let list = try CLI.run(["list", manifest.path, "--out", out.path])
            #expect(list.status == 0 && list.stdout.contains("tiny: 4/4 runs archived"))
        }
    }

    @Test("several manifests: one queue and one progress line; archives byte-identical to one manifest at a time; checked before any run")
    func severalManifestsOneQueue() throws {
        try TestSupport.withTemporaryDirectory { dir in
            let a = dir.appendingPathComponent("a.yaml"), b = dir.appendingPathComponent("b.yaml")
            try CLI.write(CLI.tinyManifest(name: "alpha"), to: a)
            try CLI.write(CLI.tinyManifest(name: "beta", batchSizes: "[10, 40]", replicates: 1), to: b)
            let together = dir.appendingPathComponent("together"), apart = dir.appendingPathComponent("apart")
            let both = try CLI.run(["run", a.path, b.path, "--jobs", "2", "--out", together.path, "--plain"])
            #expect(both.status == 0, "\(both.stderr)")
            #expect(both.stderr.contains("2 manifests, 6 runs as one queue, 2 at a time"), "\(both.stderr)")
            #expect(both.stderr.contains("6/6 runs (0 skipped, 0 failed)"), "\(both.stderr)")
            // Labels name their manifest; status lines count over the whole queue.
            #expect(both.stderr.contains("done  beta: training.batch_size=40, replicate 0"), "\(both.stderr)")
            #expect(!both.stderr.contains("/4]") && !both.stderr.contains("/2]"), "\(both.stderr)")
            #expect(try CLI.run(["run", a.path, "--out", apart.path]).status == 0)
            #expect(try CLI.run(["run", b.path, "--out", apart.path]).status == 0)
            for name in ["alpha", "beta"] {
                let files = CLI.archives(in: together.appendingPathComponent(name))
                #expect(files.count == (name == "alpha" ? 4 : 2))
                #expect(files == CLI.archives(in: apart.appendingPathComponent(name)))
                for f in files {
                    #expect(TestSupport.fileBytes(together.appendingPathComponent(name).appendingPathComponent(f).path)
                            == TestSupport.fileBytes(apart.appendingPathComponent(name).appendingPathComponent(f).path), "\(name)/\(f)")
                }
            }
            // A second queue over both: all skipped.
            let again = try CLI.run(["run", a.path, b.path, "--out", together.path, "--plain"])
            #expect(again.status == 0 && again.stderr.contains("6/6 runs (6 skipped, 0 failed)"), "\(again.stderr)")

            // Bad input in the second manifest: exit 2 before the first one's runs start.
            let bad = dir.appendingPathComponent("bad.yaml")
            try CLI.write(CLI.tinyManifest(name: "gamma").replacingOccurrences(of: "replicates: 2", with: "replicates: -3"), to: bad)
            let fresh = dir.appendingPathComponent("fresh")
            let refused = try CLI.run(["run", a.path, bad.path, "--out", fresh.path])
            #expect(refused.status == 2 && refused.stderr.contains("bad.yaml") && refused.stderr.contains("replicates"), "\(refused.stderr)")
            #expect(CLI.archives(in: fresh.appendingPathComponent("alpha")).isEmpty)
            // Two manifests with one name would share a folder; the same file twice; --only with two.
            let twin = dir.appendingPathComponent("twin.yaml")
            try CLI.write(CLI.tinyManifest(name: "alpha", replicates: 1), to: twin)
            let clash = try CLI.run(["run", a.path, twin.path, "--out", fresh.path])
            #expect(clash.status == 2 && clash.stderr.contains("twin.yaml: name: alpha"), "\(clash.stderr)")
            #expect(try CLI.run(["run", a.path, a.path, "--out", fresh.path]).status == 2)
            let only = try CLI.run(["run", a.path, b.path, "--only", "abc", "--out", fresh.path])
            #expect(only.status == 2 && only.stderr.contains("--only: give one manifest"), "\(only.stderr)")
            #expect(CLI.archives(in: fresh.appendingPathComponent("alpha")).isEmpty)
        }
    }

    @Test("a single run by id; renaming the manifest keeps run ids")
    func singleRunAndRename() throws {
        try TestSupport.withTemporaryDirectory { dir in
            let a = dir.appendingPathComponent("a.yaml"), b = dir.appendingPathComponent("b.yaml")
            try CLI.write(CLI.tinyManifest(name: "first"), to: a)
            try CLI.write(CLI.tinyManifest(name: "second"), to: b)
            let listA = try CLI.run(["list", a.path, "--out", dir.path]).stdout
            let listB = try CLI.run(["list", b.path, "--out", dir.path]).stdout
            let ids = { (s: String) in s.split(separator: "\n").dropLast().map { String($0.prefix(16)) } }
            #expect(ids(listA).count == 4 && ids(listA) == ids(listB))
            let id = ids(listA)[2]
            let one = try CLI.run(["run", a.path, "--only", String(id.prefix(8)), "--out", dir.path])
            #expect(one.status == 0, "\(one.stderr)")
            #expect(CLI.archives(in: dir.appendingPathComponent("first")) == [id + ".h5"])
        }
    }

    @Test("resume: an interrupted sweep leaves only complete archives and the next run finishes the rest")
    func interruptAndResume() throws {
        try TestSupport.withTemporaryDirectory { dir in
            let manifest = dir.appendingPathComponent("slow.yaml")
            // Long enough runs (1,000 images, 600 epochs, stop rule off) that SIGTERM lands mid-sweep.
            try CLI.write(CLI.tinyManifest(name: "slow", extra: "  stop_loss: 0\n", maxEpochs: 600, batchSizes: "[10, 20, 40]", replicates: 2)
                            .replacingOccurrences(of: "\n\n", with: "\n")
                            .replacingOccurrences(of: "train_per_class: 20", with: "train_per_class: 100"), to: manifest)
            let out = dir.appendingPathComponent("runs")
            let folder = out.appendingPathComponent("slow")
            let process = try CLI.start(["run", manifest.path, "--jobs", "1", "--out", out.path])
            let deadline = Date().addingTimeInterval(120)
            while CLI.archives(in: folder).isEmpty && Date() < deadline && process.isRunning { usleep(20_000) }
            process.terminate()   // SIGTERM
            process.waitUntilExit()
            let kept = CLI.archives(in: folder)
            #expect(process.terminationStatus == 130, "the sweep should have been interrupted mid-way")
            #expect(kept.count >= 1 && kept.count < 6)
            #expect(CLI.temporaries(in: folder).isEmpty)
            for name in kept {
                #expect(ArchiveVerifier().verify(path: folder.appendingPathComponent(name).path).allSatisfy { $0.passed })
            }
            // A stale temporary from a killed writer (dead pid) is cleaned up on the next invocation.
            _ = FileManager.default.createFile(atPath: folder.appendingPathComponent("x.h5.tmp-2147483000").path, contents: Data([1, 2, 3]))
            let resumed = try CLI.run(["run", manifest.path, "--jobs", "2", "--out", out.path, "--plain"])
            #expect(resumed.status == 0, "\(resumed.stderr)")
            #expect(resumed.stderr.contains("(\(kept.count) skipped, 0 failed)"), "\(resumed.stderr)")
            #expect(CLI.archives(in: folder).count == 6)
            #expect(CLI.temporaries(in: folder).isEmpty)
        }
    }

    @Test("kill -9 of a whole sweep leaves no archive that fails to read")
    func killNine() throws {
        try TestSupport.withTemporaryDirectory { dir in
            let manifest = dir.appendingPathComponent("k.yaml")
            try CLI.write(CLI.tinyManifest(name: "k", extra: "  stop_loss: 0\n", maxEpochs: 300, batchSizes: "[10, 20]", replicates: 2)
                            .replacingOccurrences(of: "\n\n", with: "\n"), to: manifest)
            let out = dir.appendingPathComponent("runs")
            let folder = out.appendingPathComponent("k")
            let process = try CLI.start(["run", manifest.path, "--jobs", "2", "--out", out.path])
            let deadline = Date().addingTimeInterval(120)
            while CLI.archives(in: folder).isEmpty && Date() < deadline && process.isRunning { usleep(10_000) }
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
            // Orphaned children may still finish (atomically); give them time, then check every archive.
            usleep(3_000_000)
            for name in CLI.archives(in: folder) {
                #expect((try? RunArchive.readHeader(folder.appendingPathComponent(name).path)) != nil, "\(name) is not whole")
            }
            let resumed = try CLI.run(["run", manifest.path, "--out", out.path])
            #expect(resumed.status == 0, "\(resumed.stderr)")
            #expect(CLI.archives(in: folder).count == 4 && CLI.temporaries(in: folder).isEmpty)
        }
    }
}
