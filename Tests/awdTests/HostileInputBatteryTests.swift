import AWCore
import AWTestSupport
import Foundation
import Testing

/// The hostile-input battery (issue 10): manifests, command lines, archives, output paths, data
/// files, a full disk, closed pipes, signals and concurrent sweeps, each case run through the awd
/// binary with a time bound and classified as ok, crash (a trap or signal), hang (killed at the
/// bound) or data loss (something that was there is gone or changed). Every part prints its
/// counts (`battery PART: N cases, ...`, collected in docs/RELIABILITY.md) and requires zero
/// crashes, hangs and data loss. The strace fault injection is FaultInjectionTests.
@Suite("Hostile-input battery", .serialized)
struct HostileInputBatteryTests {
    static let dataDir = CLI.repoRoot.appendingPathComponent("data/mnist").path
    static var haveData: Bool { FileManager.default.fileExists(atPath: dataDir + "/train-labels-idx1-ubyte") }

    static func finish(_ tally: BatteryTally) {
        print(tally.line)
        for f in tally.failures { Issue.record("\(tally.part): \(f)") }
        #expect(tally.crashes == 0 && tally.hangs == 0 && tally.dataLoss == 0, "\(tally.line)")
    }

    static func sha(_ path: String) -> String? {
        guard let data = FileManager.default.contents(atPath: path) else { return nil }
        return SHA256.hexText(SHA256.digest(data))
    }

    /// A tiny manifest that trains in well under a second per run.
    static func tiny(_ name: String, replicates: Int = 2, extra: String = "") -> String {
        """
        name: \(name)
        dataset: {train_per_class: 5, test_count: 20}
        model: {hidden: [6, 5]}
        training: {batch_size: 10, max_epochs: 3}
        analysis: {sharp_count: 3}
        seeds: {base: 1, replicates: \(replicates)}
        \(extra)
        """
    }

    // MARK: - Manifests

    static let hostileManifests: [(String, String)] = {
        let deep = String(repeating: "[", count: 10_000) + String(repeating: "]", count: 10_000)
        let thousand = (1...1000).map(String.init).joined(separator: ", ")
        return [
            ("nested flow lists (20 KB)", "name: x\nsweep: \(deep)\n"),
            ("nested flow mappings", "name: x\nmodel: " + String(repeating: "{a: ", count: 4000) + "1" + String(repeating: "}", count: 4000) + "\n"),
            ("compact block lists", "name: x\nsweep:\n  model.hidden:\n    " + String(repeating: "- ", count: 10_000) + "1\n"),
            ("billion laughs (500 bytes)", TestSupport.billionLaughsYAML()),
            ("10^9 replicates", "name: x\nseeds: {replicates: 1000000000}\n"),
            ("10^6-point grid", "name: x\nseeds: {replicates: 1}\nsweep:\n  grid:\n    training.batch_size: [\(thousand)]\n    training.max_epochs: [\(thousand)]\n"),
            ("run count overflow", "name: x\nseeds: {replicates: 9223372036854775807}\nsweep:\n  training.batch_size: [\(thousand)]\n"),
            ("width Int.max", "name: x\nmodel: {hidden: [9223372036854775807]}\n"),
            ("widths 4e9 x 4e9", "name: x\nmodel: {hidden: [4000000000, 4000000000]}\n"),
            ("widths beyond memory", "name: x\nmodel: {hidden: [100000, 100000]}\n"),
            ("train_per_class Int.max", "name: x\ndataset: {train_per_class: 9223372036854775807}\n"),
            ("train_per_class Int.max, first_n", "name: x\ndataset: {train_per_class: 9223372036854775807, selection: first_n_shuffled}\n"),
            ("label_noise next to 1", "name: x\ndataset: {label_noise: 0.9999999999999999}\n"),
            ("max_epochs Int.max", "name: x\ntraining: {max_epochs: 9223372036854775807}\n"),
            ("slq_steps Int.max", "name: x\nanalysis: {slq_steps: 9223372036854775807}\n"),
            ("layer Int.min", "name: x\nanalysis: {layer: -9223372036854775808}\n"),
            ("integer beyond 64 bits", "name: x\ntraining: {batch_size: 99999999999999999999999}\n"),
            ("NaN and infinity", "name: x\ntraining: {learning_rate: .nan, momentum: .inf}\n"),
            ("seed -1", "name: x\nseeds: {base: -1}\n"),
            ("dense Hessian beyond memory", "name: x\nmodel: {hidden: [3000, 30]}\nanalysis: {layer: 2, dense_threshold: 100000000}\n"),
            ("200 KB file", "name: x\ndescription: " + String(repeating: "a", count: 200_000) + "\n"),
            ("empty file", ""),
            ("binary garbage", String(decoding: (0..<4096).map { UInt8(truncatingIfNeeded: $0 &* 2654435761 >> 13) }, as: UTF8.self)),
            ("tabs for indentation", "name: x\ntraining:\n\tlearning_rate: 0.1\n"),
            ("10,000 unknown keys", "name: x\n" + (0..<10_000).map { "k\($0): 1" }.joined(separator: "\n") + "\n"),
            ("complex keys nested", "name: x\n" + String(repeating: "? ", count: 5000) + "a\n"),
            ("a list as the document", "- name: x\n"),
            ("a sweep of 1000 widths lists", "name: x\nsweep:\n  model.hidden: [" + (1...1000).map { "[\($0)]" }.joined(separator: ", ") + "]\n"),
            ("unicode name", "name: ünïcödé\n"),
            ("tag !!str on a number", "name: x\ndataset: {train_per_class: !!str 5}\n"),
            ("tag !!bool on a number", "name: x\ntraining: {max_epochs: !!bool 3}\n"),
            ("tag !!python/object", "name: x\ntraining: {max_epochs: !!python/object:os.system 5}\n"),
            ("tag on a list", "name: x\nmodel: {hidden: !!str [6, 5]}\n"),
            ("a 100 KB key", "name: x\n" + String(repeating: "k", count: 100_000) + ": 1\n"),
        ]
    }()

    @Test("hostile manifests: exit 2 with the limit named, each in under 2 s")
    func manifests() throws {
        let tally = BatteryTally("manifests")
        try TestSupport.withTemporaryDirectory { dir in
            for (i, (name, text)) in Self.hostileManifests.enumerated() {
                let path = dir.appendingPathComponent("m\(i).yaml").path
                try text.write(toFile: path, atomically: true, encoding: .utf8)
                let r = try CLI.runBounded(["list", path, "--out", dir.path], timeout: 20)
                tally.record(name, r, expected: r.status == 2 && r.seconds < 2 && r.stderr.contains(path))
            }
            // Files that are not files: a FIFO (would block a read) and a directory.
            let fifo = dir.appendingPathComponent("fifo.yaml").path
            #expect(mkfifo(fifo, 0o600) == 0)
            let folder = dir.appendingPathComponent("folder.yaml").path
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: false)
            for (name, path) in [("FIFO manifest", fifo), ("directory manifest", folder), ("missing manifest", dir.path + "/none.yaml")] {
                let r = try CLI.runBounded(["run", path, "--out", dir.path], timeout: 10)
                tally.record(name, r, expected: r.status == 2 && r.seconds < 2)
            }
            // Under a memory limit the large parser stack cannot be made: read on the calling thread.
            let ok = dir.appendingPathComponent("ok.yaml").path
            try "name: ok\nseeds: {replicates: 2}\n".write(toFile: ok, atomically: true, encoding: .utf8)
            let limited = try CLI.runBounded(["list", ok, "--out", dir.path], timeout: 20, shellPrefix: "ulimit -v 600000")
            tally.record("a manifest under ulimit -v 600000", limited, expected: limited.status == 0 && limited.stdout.contains("pending"))
            let badLimit = try CLI.runBounded(["list", ok, "--out", dir.path], timeout: 20, environment: ["AWD_MEMORY_LIMIT": "abc"])
            tally.record("AWD_MEMORY_LIMIT=abc", badLimit, expected: badLimit.status == 2 && badLimit.stderr.contains("AWD_MEMORY_LIMIT"))
        }
        Self.finish(tally)
    }

    // MARK: - Command lines

    @Test("hostile command lines: exit 2 with the option named")
    func commandLines() throws {
        let tally = BatteryTally("command lines")
        let cases: [([String], String)] = [
            (["run", "x.yaml", "--jobs", "-1"], "must be >= 1"),
            (["run", "x.yaml", "--jobs", "0"], "must be >= 1"),
            (["run", "x.yaml", "--jobs", "99999999999999999999"], "--jobs"),
            (["run", "x.yaml", "--jobs", "1000"], "must be <= 256"),
            (["verify", "x.h5", "--tolerance", "nan"], "finite number > 0"),
            (["verify", "x.h5", "--tolerance", "-1"], "finite number > 0"),
            (["verify", "x.h5", "--tolerance", "inf"], "finite number > 0"),
            (["verify", "x.h5", "--tolerance", "0"], "finite number > 0"),
            (["inspect", "x.h5", "--directions", "-1"], "must be >= 0"),
            (["bench", "nonsense"], "must be training or analysis"),
            (["bench", "training", "--repeats", "0"], "must be >= 1"),
            (["nosuchcommand"], "Unexpected argument"),
            (["run", "--no-such-option", "x.yaml"], "Unknown option"),
            (["run"], "Missing expected argument"),
            (["export", "x", "--csv"], "Missing value"),
            (["execute", "--ticket", "{not json"], "JSON at byte 1"),
            (["execute", "--ticket", String(repeating: "[", count: 100_000)], "nested deeper than 64 levels"),
        ]
        for (args, message) in cases {
            let r = try CLI.runBounded(args, timeout: 10)
            tally.record(args.joined(separator: " ").prefix(60).description, r, expected: r.status == 2 && r.stderr.contains(message))
        }
        let help = try CLI.runBounded(["--help"], timeout: 10)
        tally.record("--help documents the exit statuses", help,
                     expected: help.status == 0 && help.stdout.contains("Exit status: 0 success; 1 a failure while working"))
        Self.finish(tally)
    }

    // MARK: - Archives

    @Test("hostile archives: inspect refuses (2), verify fails them (1), export/report skip them with the reason",
          .enabled(if: haveData, "MNIST is not in data/mnist (make data)"))
    func archives() throws {
        let tally = BatteryTally("archives")
        try TestSupport.withTemporaryDirectory { dir in
            let m = dir.appendingPathComponent("hv.yaml")
            try CLI.write(Self.tiny("hv", replicates: 1), to: m)
            let runs = dir.appendingPathComponent("runs")
            let made = try CLI.runBounded(["run", m.path, "--out", runs.path, "--data-dir", Self.dataDir, "--plain"], timeout: 60)
            try #require(made.status == 0, "\(made.stderr)")
            let good = try #require(CLI.archives(in: runs.appendingPathComponent("hv")).first.map { runs.appendingPathComponent("hv/\($0)").path })
            let goodSHA = Self.sha(good)
            let bad = dir.appendingPathComponent("bad")
            try FileManager.default.createDirectory(at: bad, withIntermediateDirectories: true)
            var names: [String] = []
            // Byte-level damage: truncations and flipped bytes (seeded positions), a zero-length
            // file, text named .h5, a FIFO, a directory and a symbolic link to a device named .h5.
            let bytes = TestSupport.fileBytes(good)
            for (i, fraction) in [0.0, 0.01, 0.1, 0.5, 0.9, 0.999].enumerated() {
                try TestSupport.writeBytes(Array(bytes.prefix(Int(Double(bytes.count) * fraction))), to: bad.path + "/truncated\(i).h5")
                names.append("truncated\(i).h5")
            }
            var state: UInt64 = 0x9E3779B97F4A7C15
            for i in 0..<12 {
                var copy = bytes
                for _ in 0..<(1 + i % 4) {
                    state = state &* 6364136223846793005 &+ 1442695040888963407
                    let at = Int(state >> 33) % copy.count
                    copy[at] ^= UInt8(truncatingIfNeeded: (state >> 13) | 1)
                }
                try TestSupport.writeBytes(copy, to: bad.path + "/flipped\(i).h5")
                names.append("flipped\(i).h5")
            }
            try "not an archive\n".write(toFile: bad.path + "/text.h5", atomically: true, encoding: .utf8)
            #expect(mkfifo(bad.path + "/fifo.h5", 0o600) == 0)
            try FileManager.default.createDirectory(atPath: bad.path + "/folder.h5", withIntermediateDirectories: false)
            try FileManager.default.createSymbolicLink(atPath: bad.path + "/zero.h5", withDestinationPath: "/dev/zero")
            names += ["text.h5", "fifo.h5", "folder.h5", "zero.h5"]
            // Crafted with h5py: declared sizes beyond the file, schema violations, links out of the file.
            let script = CLI.repoRoot.appendingPathComponent("Tests/awdTests/Fixtures/make_hostile_archives.py").path
            if let crafted = try TestSupport.run("/usr/bin/env", ["python3", script, good, bad.path]), crafted.status == 0 {
                names += crafted.stdout.split(separator: "\n").map { "\($0).h5" }
            } else {
                print("battery archives: h5py variants skipped (python3 with h5py is not available)")
            }
            // Each is refused, or (a flipped byte in unused space) reads as the good archive exactly.
            let goodInspect = try CLI.runBounded(["inspect", good], timeout: 20)
            try #require(goodInspect.status == 0)
            var refused = 0
            for name in names {
                let path = bad.path + "/" + name
                let inspect = try CLI.runBounded(["inspect", path], timeout: 20)
                let same = inspect.status == 0 && inspect.stdout == goodInspect.stdout
                if inspect.status == 2 { refused += 1 }
                tally.record("inspect \(name)", inspect, expected: (inspect.status == 2 && inspect.stderr.contains(name)) || same,
                             lost: inspect.status == 0 && !same)
                let verify = try CLI.runBounded(["verify", path], timeout: 20)
                tally.record("verify \(name)", verify, expected: verify.status == 1 || verify.status == 2 || (same && verify.status == 0))
            }
            print("battery archives: \(names.count) damaged or crafted files, \(refused) refused, \(names.count - refused) read exactly as the original")
            // The good archive among them: export and report keep it and skip every other with a reason.
            try FileManager.default.copyItem(atPath: good, toPath: bad.path + "/good.h5")
            let export = try CLI.runBounded(["export", bad.path], timeout: 60)
            let skipped = export.stderr.split(separator: "\n").filter { $0.hasPrefix("skipped: ") }.count
            tally.record("export of the folder", export, expected: export.status == 0
                         && export.stdout.hasPrefix("\(1 + names.count - refused) runs") && skipped == refused)
            // An archive under another run's name is no archive of that run.
            let misplaced = bad.path + "/0123456789abcdef.h5"
            try FileManager.default.copyItem(atPath: good, toPath: misplaced)
            let verifyMisplaced = try CLI.runBounded(["verify", misplaced], timeout: 20)
            tally.record("verify an archive under another run's id", verifyMisplaced,
                         expected: verifyMisplaced.status == 1 && verifyMisplaced.stdout.contains("holds run"))
            try FileManager.default.removeItem(atPath: misplaced)
            // A run index that lists one run many times is refused, not counted many times.
            let indexed = dir.appendingPathComponent("indexed")
            try FileManager.default.createDirectory(at: indexed, withIntermediateDirectories: true)
            let id = String(PathText.last(good).dropLast(3))
            try FileManager.default.copyItem(atPath: good, toPath: indexed.path + "/\(id).h5")
            try "{\"manifest\":\"hv\",\"runs\":[\(Array(repeating: "\"\(id)\"", count: 20_000).joined(separator: ","))]}"
                .write(toFile: indexed.path + "/index.json", atomically: true, encoding: .utf8)
            let dup = try CLI.runBounded(["export", indexed.path], timeout: 20)
            tally.record("an index listing one run 20,000 times", dup, expected: dup.status == 2 && dup.stderr.contains("more than once"))
            let report = try CLI.runBounded(["report", bad.path, "--out", dir.path + "/report", "--no-figures"], timeout: 120)
            tally.record("report of the folder", report, expected: report.status == 0 || report.status == 2)
            tally.record("the good archive is untouched", report, expected: true, lost: Self.sha(good) != goodSHA)
        }
        Self.finish(tally)
    }

    // MARK: - Output paths

    @Test("output paths: export writes only regular files; run checks --out before training",
          .enabled(if: haveData, "MNIST is not in data/mnist (make data)"))
    func outputPaths() throws {
        let tally = BatteryTally("output paths")
        try TestSupport.withTemporaryDirectory { dir in
            let m = dir.appendingPathComponent("op.yaml")
            try CLI.write(Self.tiny("op", replicates: 1), to: m)
            let runs = dir.appendingPathComponent("runs")
            let made = try CLI.runBounded(["run", m.path, "--out", runs.path, "--data-dir", Self.dataDir], timeout: 60)
            try #require(made.status == 0, "\(made.stderr)")
            let folder = runs.appendingPathComponent("op").path
            let archive = folder + "/" + CLI.archives(in: runs.appendingPathComponent("op"))[0]
            let archiveSHA = Self.sha(archive)
            let fifo = dir.path + "/out.fifo"
            #expect(mkfifo(fifo, 0o600) == 0)
            let victim = dir.path + "/victim.txt"
            try "keep me\n".write(toFile: victim, atomically: true, encoding: .utf8)
            let link = dir.path + "/link.csv"
            try FileManager.default.createSymbolicLink(atPath: link, withDestinationPath: victim)
            func isCharDevice(_ p: String) -> Bool { var s = stat(); return lstat(p, &s) == 0 && (s.st_mode & S_IFMT) == S_IFCHR }
            let cases: [(String, [String], () -> Bool)] = [
                ("--csv /dev/null", ["--csv", "/dev/null"], { !isCharDevice("/dev/null") }),
                ("--json /dev/full", ["--json", "/dev/full"], { !isCharDevice("/dev/full") }),
                ("--csv a FIFO", ["--csv", fifo], { false }),
                ("--csv a symlink", ["--csv", link], { (try? String(contentsOfFile: victim, encoding: .utf8)) != "keep me\n" }),
                ("--csv an archive", ["--csv", archive], { Self.sha(archive) != archiveSHA }),
                ("--json a directory", ["--json", dir.path], { false }),
                ("--csv F --json F", ["--csv", dir.path + "/same", "--json", dir.path + "/same"], { false }),
            ]
            for (name, args, lost) in cases {
                let r = try CLI.runBounded(["export", folder] + args, timeout: 10)
                tally.record(name, r, expected: r.status == 2 && r.seconds < 5, lost: lost())
            }
            // Relative names of one character (NSString's path methods trapped on them), a bare file name.
            let shortOut = try CLI.runBounded(["run", m.path, "--out", "z", "--data-dir", Self.dataDir], timeout: 60, in: dir)
            tally.record("--out z (one character)", shortOut, expected: shortOut.status == 0)
            let bare = try CLI.runBounded(["export", folder, "--csv", "s.csv", "--json", "j"], timeout: 20, in: dir)
            tally.record("--csv s.csv --json j (bare names)", bare,
                         expected: bare.status == 0 && FileManager.default.fileExists(atPath: dir.path + "/s.csv"))
            // A folder that is no archive folder is never written into.
            let docs = dir.appendingPathComponent("docs")
            try FileManager.default.createDirectory(at: docs, withIntermediateDirectories: true)
            try "my precious data\n".write(toFile: docs.path + "/summary.csv", atomically: true, encoding: .utf8)
            let notArchives = try CLI.runBounded(["export", docs.path], timeout: 20)
            tally.record("export of a folder without archives", notArchives, expected: notArchives.status == 2,
                         lost: (try? String(contentsOfFile: docs.path + "/summary.csv", encoding: .utf8)) != "my precious data\n")
            // awd run's --out: a regular file, a path under a regular file, a name too long.
            let plain = dir.path + "/plainfile"
            try "x".write(toFile: plain, atomically: true, encoding: .utf8)
            for (name, out) in [("--out a regular file", plain), ("--out under a regular file", plain + "/runs")] {
                let r = try CLI.runBounded(["run", m.path, "--out", out, "--data-dir", Self.dataDir], timeout: 20)
                tally.record(name, r, expected: r.status == 2 && r.stderr.contains("--out"))
            }
            let longName = String(repeating: "n", count: 300)
            let lm = dir.appendingPathComponent("long.yaml")
            try CLI.write(Self.tiny(longName, replicates: 1), to: lm)
            let long = try CLI.runBounded(["run", lm.path, "--out", runs.path, "--data-dir", Self.dataDir], timeout: 20)
            tally.record("a manifest name longer than NAME_MAX", long, expected: long.status == 2 && long.stderr.contains("bytes"))
            // Standard output closed (`awd run ... | head -0`) or a full device: the sweep still archives.
            for (name, output) in [("stdout a closed pipe", CLI.Output.closedPipe), ("stdout /dev/full", .devFull)] {
                let om = dir.appendingPathComponent("o\(name.count).yaml")
                try CLI.write(Self.tiny("o\(name.count)", replicates: 2), to: om)
                let r = try CLI.runBounded(["run", om.path, "--out", runs.path, "--data-dir", Self.dataDir], timeout: 60, stdout: output)
                let written = CLI.archives(in: runs.appendingPathComponent("o\(name.count)")).count
                tally.record(name, r, expected: r.status == 0 && written == 2)
                let l = try CLI.runBounded(["list", om.path, "--out", runs.path], timeout: 20, stdout: output)
                tally.record("list with " + name, l, expected: l.status == 0)
            }
        }
        Self.finish(tally)
    }

    // MARK: - Data files

    @Test("data files: the wrong dataset, truncated or altered IDX files are refused before training (exit 2)",
          .enabled(if: haveData, "MNIST is not in data/mnist (make data)"))
    func dataFiles() throws {
        let tally = BatteryTally("data files")
        try TestSupport.withTemporaryDirectory { dir in
            let fm = dir.appendingPathComponent("f.yaml")
            try CLI.write(Self.tiny("f", replicates: 1).replacingOccurrences(of: "dataset: {", with: "dataset: {name: fashion-mnist, "), to: fm)
            let wrong = try CLI.runBounded(["run", fm.path, "--out", dir.path + "/runs", "--data-dir", Self.dataDir], timeout: 60)
            tally.record("fashion-mnist manifest on the MNIST folder", wrong,
                         expected: wrong.status == 2 && wrong.stderr.contains("it is the official mnist train images")
                            && CLI.archives(in: dir.appendingPathComponent("runs/f")).isEmpty)
            // A copy of MNIST with one changed pixel, and one with a truncated label file.
            for (name, file, change) in [("one changed pixel", "train-images-idx3-ubyte", { (b: inout [UInt8]) in b[20_000] ^= 1 }),
                                         ("truncated labels", "t10k-labels-idx1-ubyte", { (b: inout [UInt8]) in b.removeLast(10) })] {
                let copy = dir.appendingPathComponent("data-\(name.count)")
                try FileManager.default.createDirectory(at: copy, withIntermediateDirectories: true)
                for f in ["train-images-idx3-ubyte", "train-labels-idx1-ubyte", "t10k-images-idx3-ubyte", "t10k-labels-idx1-ubyte"] {
                    var b = TestSupport.fileBytes(Self.dataDir + "/" + f)
                    if f == file { change(&b) }
                    try TestSupport.writeBytes(b, to: copy.path + "/" + f)
                }
                let m = dir.appendingPathComponent("d.yaml")
                try CLI.write(Self.tiny("d", replicates: 1), to: m)
                let r = try CLI.runBounded(["run", m.path, "--out", dir.path + "/runs", "--data-dir", copy.path], timeout: 60)
                tally.record(name, r, expected: r.status == 2 && r.stderr.contains(file))
            }
        }
        Self.finish(tally)
    }

    // MARK: - A full disk

    /// A small tmpfs (root only; skipped with the reason where mounting is not allowed).
    static func withSmallFilesystem(kilobytes: Int, _ body: (URL) throws -> Void) throws -> Bool {
        try TestSupport.withTemporaryDirectory { dir in
            let mount = dir.appendingPathComponent("fs")
            try FileManager.default.createDirectory(at: mount, withIntermediateDirectories: true)
            guard let r = try TestSupport.run("/bin/mount", ["-t", "tmpfs", "-o", "size=\(kilobytes)k", "tmpfs", mount.path]),
                  r.status == 0 else { return false }
            defer { _ = try? TestSupport.run("/bin/umount", ["-l", mount.path]) }
            let mounts = (try? String(contentsOfFile: "/proc/self/mounts", encoding: .utf8)) ?? ""
            guard mounts.contains(" \(mount.path) tmpfs ") else { return false }
            try body(mount)
            return true
        }
    }

    @Test("a full disk: refused before training when the estimate does not fit; one message and a stop mid-sweep",
          .enabled(if: haveData, "MNIST is not in data/mnist (make data)"))
    func fullDisk() throws {
        let tally = BatteryTally("full disk")
        let mounted = try Self.withSmallFilesystem(kilobytes: 1200) { fs in
            let m = fs.deletingLastPathComponent().appendingPathComponent("fd.yaml")
            // Too many archives for the space: refused before any run trains.
            try CLI.write(Self.tiny("fd", replicates: 8), to: m)
            let early = try CLI.runBounded(["run", m.path, "--out", fs.path, "--data-dir", Self.dataDir], timeout: 30)
            tally.record("sweep larger than the free space", early,
                         expected: early.status == 2 && early.stderr.contains("free on its filesystem")
                            && CLI.archives(in: fs.appendingPathComponent("fd")).isEmpty)
            // Fits the estimate, but the disk fills up after the first archive (another writer).
            try CLI.write(Self.tiny("fd", replicates: 4), to: m)
            let folder = fs.appendingPathComponent("fd")
            let filler = fs.appendingPathComponent("filler").path
            let r = try CLI.runBounded(["run", m.path, "--out", fs.path, "--data-dir", Self.dataDir, "--plain"], timeout: 60) { _ in
                DispatchQueue.global().async {
                    let deadline = Date().addingTimeInterval(30)
                    while CLI.archives(in: folder).isEmpty && Date() < deadline { usleep(2000) }
                    var s = statvfs()
                    guard statvfs(fs.path, &s) == 0 else { return }
                    // Exactly the free space, inside the tmpfs only.
                    let free = Int(s.f_bavail) * Int(s.f_frsize)
                    FileManager.default.createFile(atPath: filler, contents: Data(count: max(0, free)))
                }
            }
            let archives = CLI.archives(in: folder)
            let verified = try archives.allSatisfy { try CLI.run(["verify", folder.path + "/" + $0]).status == 0 }
            let stops = r.stderr.components(separatedBy: "stopped: the disk under").count - 1
            tally.record("the disk fills mid-sweep", r,
                         expected: r.status == 1 && stops == 1 && r.stderr.contains("No space left on device")
                            && CLI.temporaries(in: folder).isEmpty,
                         lost: !verified)
            try? FileManager.default.removeItem(atPath: filler)
            let resumed = try CLI.runBounded(["run", m.path, "--out", fs.path, "--data-dir", Self.dataDir], timeout: 60)
            tally.record("resume after space is freed", resumed, expected: resumed.status == 0 && CLI.archives(in: folder).count == 4)
        }
        if !mounted { print("battery full disk: skipped (cannot mount a tmpfs here; needs root and CAP_SYS_ADMIN)"); return }
        Self.finish(tally)
    }

    // MARK: - Signals

    @Test("SIGTERM is honoured within a second, inside a long epoch and inside the analysis",
          .enabled(if: haveData, "MNIST is not in data/mnist (make data)"))
    func signals() throws {
        let tally = BatteryTally("signals")
        try TestSupport.withTemporaryDirectory { dir in
            // A long epoch: 10,000 samples at batch size 1 through a 784-256-256-10 net; and a
            // long analysis: a dense eigensolve of a 3,136-weight layer.
            let long: [(String, String)] = [
                ("inside a long epoch", "name: sig1\ndataset: {train_per_class: 1000, test_count: 100}\nmodel: {hidden: [256, 256]}\n"
                    + "training: {batch_size: 1, max_epochs: 5}\nseeds: {replicates: 1}\n"),
                ("inside the analysis", "name: sig2\ndataset: {train_per_class: 50, test_count: 1000}\nmodel: {hidden: [4, 784]}\n"
                    + "training: {max_epochs: 1}\nanalysis: {layer: 2, dense_threshold: 4000}\nseeds: {replicates: 1}\n"),
            ]
            for (name, text) in long {
                let m = dir.appendingPathComponent("\(name.count).yaml")
                try CLI.write(text, to: m)
                let runs = dir.appendingPathComponent("runs\(name.count)")
                final class Stamp: @unchecked Sendable { var sent: Date? }
                let stamp = Stamp()
                let stage = name.contains("epoch") ? "train" : "analysis"
                let r = try CLI.runBounded(["run", m.path, "--out", runs.path, "--data-dir", Self.dataDir, "--plain"], timeout: 120) { p in
                    DispatchQueue.global().async {
                        // Wait until the child is in the stage, then SIGTERM the sweep.
                        let lock = runs.appendingPathComponent("sig\(name.contains("epoch") ? 1 : 2)")
                        let deadline = Date().addingTimeInterval(90)
                        while Date() < deadline {
                            let locks = ((try? FileManager.default.contentsOfDirectory(atPath: lock.path)) ?? []).filter { $0.hasSuffix(".lock") }
                            if !locks.isEmpty { break }
                            usleep(10_000)
                        }
                        usleep(stage == "train" ? 1_500_000 : 4_000_000)
                        stamp.sent = Date()
                        kill(p.processIdentifier, SIGTERM)
                    }
                }
                let stopSeconds = stamp.sent.map { Date().timeIntervalSince($0) } ?? .infinity
                let folder = runs.appendingPathComponent("sig\(name.contains("epoch") ? 1 : 2)")
                let leftovers = ((try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? [])
                    .filter { $0.hasSuffix(".lock") || $0.contains(".tmp-") }
                print("battery signals: \(name): stopped \(String(format: "%.2f", stopSeconds)) s after SIGTERM, status \(r.status)")
                tally.record(name, r, expected: r.status == 130 && stopSeconds < 1.0 && leftovers.isEmpty
                             && CLI.archives(in: folder).isEmpty)
            }
        }
        Self.finish(tally)
    }

    // MARK: - Concurrent sweeps

    @Test("two sweeps of one manifest into one folder do each run once; a stale lock is taken over",
          .enabled(if: haveData, "MNIST is not in data/mnist (make data)"))
    func concurrentSweeps() throws {
        let tally = BatteryTally("concurrent sweeps")
        try TestSupport.withTemporaryDirectory { dir in
            let m = dir.appendingPathComponent("cs.yaml")
            try CLI.write(Self.tiny("cs", replicates: 6), to: m)
            let runs = dir.appendingPathComponent("runs")
            let args = ["run", m.path, "--out", runs.path, "--data-dir", Self.dataDir, "--plain"]
            final class Box: @unchecked Sendable { var result: CLI.Bounded? }
            let other = Box()
            let group = DispatchGroup()
            group.enter()
            DispatchQueue.global().async { other.result = try? CLI.runBounded(args, timeout: 120); group.leave() }
            let mine = try CLI.runBounded(args, timeout: 120)
            group.wait()
            let theirs = try #require(other.result)
            let executed = [mine, theirs].map { r in r.stderr.split(separator: "\n").filter { $0.hasPrefix("done ") && !$0.contains("busy") }.count }
            let archives = CLI.archives(in: runs.appendingPathComponent("cs"))
            print("battery concurrent sweeps: runs executed \(executed[0]) + \(executed[1]) of 6")
            tally.record("first sweep", mine, expected: mine.status == 0)
            tally.record("second sweep", theirs, expected: theirs.status == 0)
            let locks = ((try? FileManager.default.contentsOfDirectory(atPath: runs.path + "/cs")) ?? []).filter { $0.hasSuffix(".lock") }
            tally.record("each run executed once", mine, expected: executed.reduce(0, +) == 6 && archives.count == 6 && locks.isEmpty)
            // A lock left by a dead process (kill -9) does not block the run.
            let folder = runs.appendingPathComponent("cs")
            let victim = archives[0]
            try FileManager.default.removeItem(atPath: folder.path + "/" + victim)
            try "999999 1\n".write(toFile: folder.path + "/" + victim + ".lock", atomically: true, encoding: .utf8)
            let again = try CLI.runBounded(args, timeout: 60)
            tally.record("stale lock of a dead process", again,
                         expected: again.status == 0 && CLI.archives(in: folder).count == 6
                            && !FileManager.default.fileExists(atPath: folder.path + "/" + victim + ".lock"))
            // A lock of a process that was killed but not yet reaped (a zombie) holds nothing either.
            var pid: pid_t = 0
            let argv: [UnsafeMutablePointer<CChar>?] = [strdup("/bin/sleep"), strdup("60"), nil]
            defer { argv.forEach { free($0) } }
            try #require(posix_spawn(&pid, "/bin/sleep", nil, nil, argv, environ) == 0)
            let start = (try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8))
                .flatMap { $0.split(separator: ")").last?.split(separator: " ").dropFirst(19).first }.map(String.init) ?? "0"
            kill(pid, SIGKILL)
            usleep(200_000)  // now a zombie: this process has not waited for it
            try FileManager.default.removeItem(atPath: folder.path + "/" + victim)
            try "\(pid) \(start)\n".write(toFile: folder.path + "/" + victim + ".lock", atomically: true, encoding: .utf8)
            let afterZombie = try CLI.runBounded(args, timeout: 60)
            var status: Int32 = 0
            waitpid(pid, &status, 0)
            tally.record("lock of a killed, unreaped process", afterZombie,
                         expected: afterZombie.status == 0 && CLI.archives(in: folder).count == 6)
        }
        Self.finish(tally)
    }
}
