import AWTestSupport
import Foundation
import Testing

/// Every write of an archive fails in turn (strace's syscall fault injection: `pwrite64` returns
/// ENOSPC at its k-th call). None may leave an archive under its final name, and the run must say
/// that it failed. Before the read-back check, most of these cases exited 0 with an archive marked
/// complete whose datasets were partly zeros.
@Suite("Fault injection: failing archive writes", .serialized)
struct FaultInjectionTests {
    static let strace = ["/usr/bin/strace", "/bin/strace"].first { FileManager.default.isExecutableFile(atPath: $0) }

    static let manifest = """
        name: fi
        dataset: {train_per_class: 5, test_count: 20}
        model: {hidden: [6, 5]}
        training: {batch_size: 10, max_epochs: 3}
        analysis: {sharp_count: 3}
        seeds: {base: 1, replicates: 1}
        """

    @Test("each pwrite64 of the archive failing in turn: no archive, a failure exit and message",
          .enabled(if: strace != nil, "strace is not installed: fault injection skipped"))
    func everyWriteFailsInTurn() throws {
        let strace = try #require(Self.strace)
        try TestSupport.withTemporaryDirectory { dir in
            let m = dir.appendingPathComponent("fi.yaml")
            try CLI.write(Self.manifest, to: m)
            let id = try #require(try CLI.run(["list", m.path]).stdout.split(separator: " ").first.map(String.init))
            let out = dir.appendingPathComponent("runs")
            let folder = out.appendingPathComponent("fi")
            let args = ["run", m.path, "--only", id, "--out", out.path]
            // How many pwrite64 calls one archive takes (a clean run, counted by strace).
            let counts = dir.appendingPathComponent("counts.txt").path
            let clean = try #require(try TestSupport.run(strace, ["-f", "-qq", "-c", "-o", counts, "-e", "trace=pwrite64", CLI.executable] + args))
            try #require(clean.status == 0, "the clean run failed: \(clean.stderr)")
            let table = try String(contentsOfFile: counts, encoding: .utf8)
            let calls = table.split(separator: "\n").first { $0.hasSuffix("pwrite64") }
                .flatMap { $0.split(separator: " ").dropFirst(3).first.flatMap { Int($0) } } ?? 0
            try #require(calls >= 5, "pwrite64 calls of one archive: \(calls)\n\(table)")
            var crashes = 0, lost = 0, ok = 0
            for k in 1...calls {
                try? FileManager.default.removeItem(at: out)
                let r = try #require(try TestSupport.run(strace, ["-f", "-qq", "-o", "/dev/null", "-e", "trace=pwrite64",
                                                                 "-e", "inject=pwrite64:error=ENOSPC:when=\(k)", CLI.executable] + args))
                #expect(r.status != 0, "write \(k) of \(calls) failed, yet the run exited 0")
                #expect(CLI.archives(in: folder).isEmpty, "write \(k) of \(calls) failed, yet an archive is there")
                if !CLI.archives(in: folder).isEmpty || r.status == 0 { lost += 1 }
                else if r.status != 139 && !r.stderr.contains("crashed") { ok += 1 }
                #expect(CLI.temporaries(in: folder).isEmpty, "write \(k): a temporary file is left")
                if r.status == 139 || r.stderr.contains("crashed") {
                    crashes += 1
                } else {
                    #expect(r.stderr.contains("No space left on device") || r.stderr.contains("a write failed?"),
                            "write \(k): \(r.stderr.suffix(400))")
                }
            }
            print("battery fault injection: \(calls) cases, \(ok) ok, \(crashes) crash, 0 hang, \(lost) data loss")
            // A failed final flush once crashed HDF5's exit handler (HDF5Process.skipCleanupAtExit).
            #expect(crashes == 0, "\(crashes) of \(calls) injected faults crashed")
            // Without a fault the same run archives and verifies.
            try? FileManager.default.removeItem(at: out)
            #expect(try CLI.run(args).status == 0)
            #expect(try CLI.run(["verify", folder.path]).status == 0)
        }
    }
}
