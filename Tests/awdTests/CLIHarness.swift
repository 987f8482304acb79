import AWTestSupport
import Foundation

/// Runs the built `awd` executable, as a user would.
enum CLI {
    static let repoRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// The awd binary built beside the test bundle (same build configuration and scratch path).
    static let executable: String = {
        let candidates = [URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("awd"),
                          Bundle.main.bundleURL.appendingPathComponent("awd"),
                          repoRoot.appendingPathComponent(".build/debug/awd")]
        return candidates.first { FileManager.default.isExecutableFile(atPath: $0.path) }?.path ?? candidates[2].path
    }()

    struct Result { var status: Int32; var stdout: String; var stderr: String }

    @discardableResult
    static func run(_ arguments: [String], in directory: URL? = nil) throws -> Result {
        guard let r = try TestSupport.run(executable, arguments) else {
            throw CLIError("awd executable not found at \(executable): build it with `swift build`")
        }
        return Result(status: r.status, stdout: r.stdout, stderr: r.stderr)
    }

    /// Start awd without waiting.
    static func start(_ arguments: [String]) throws -> Process {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: executable)
        p.arguments = arguments
        p.standardOutput = FileHandle.nullDevice
        p.standardError = FileHandle.nullDevice
        p.standardInput = FileHandle.nullDevice
        try p.run()
        return p
    }

    /// A tiny manifest on real MNIST: 4 runs of a 784-8-8-10 net on 200 images.
    static func tinyManifest(name: String = "tiny", extra: String = "", maxEpochs: Int = 15, batchSizes: String = "[10, 50]",
                             replicates: Int = 2) -> String {
        """
        name: \(name)
        dataset:
          train_per_class: 20
          test_count: 60
        model:
          hidden: [8, 8]
        training:
          max_epochs: \(maxEpochs)
        \(extra)
        seeds:
          base: 7
          replicates: \(replicates)
        sweep:
          training.batch_size: \(batchSizes)
        """
    }

    static func write(_ text: String, to url: URL) throws {
        try text.write(to: url, atomically: true, encoding: .utf8)
    }

    static func archives(in dir: URL) -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: dir.path)) ?? []).filter { $0.hasSuffix(".h5") }.sorted()
    }

    static func temporaries(in dir: URL) -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: dir.path)) ?? []).filter { $0.contains(".tmp-") }
    }
}

struct CLIError: Error, CustomStringConvertible {
    let description: String
    init(_ d: String) { description = d }
}

/// Running awd with a time bound, for the hostile-input battery: a case that does not finish in
/// time is killed and counted as a hang instead of blocking the test run.
extension CLI {
    enum Output { case captured, closedPipe, devFull }

    struct Bounded {
        var status: Int32
        var stdout: String
        var stderr: String
        var timedOut: Bool
        var seconds: Double
        /// A trap, a signal other than our own SIGTERM/SIGINT exit, or a crash report.
        var crashed: Bool {
            (status >= 128 && status != 130 && !timedOut) || ["Program crashed", "Fatal error", "Backtracing",
                                                              "Swift runtime failure"].contains { stderr.contains($0) }
        }
    }

    /// - Parameters:
    ///   - shellPrefix: when given, awd runs under `/bin/sh -c "PREFIX; exec awd ARGS"` (e.g. `ulimit -v 600000`).
    static func runBounded(_ arguments: [String], timeout: Double = 30, stdout output: Output = .captured,
                           environment: [String: String] = [:], in directory: URL? = nil, shellPrefix: String? = nil,
                           onStart: ((Process) -> Void)? = nil) throws -> Bounded {
        let process = Process()
        if let shellPrefix {
            process.executableURL = URL(fileURLWithPath: "/bin/sh")
            process.arguments = ["-c", shellPrefix + "; exec \"$0\" \"$@\"", executable] + arguments
        } else {
            process.executableURL = URL(fileURLWithPath: executable)
            process.arguments = arguments
        }
        if let directory { process.currentDirectoryURL = directory }
        var env = ProcessInfo.processInfo.environment
        for (k, v) in environment { env[k] = v }
        process.environment = env
        let out = Pipe(), err = Pipe()
        var devFull: FileHandle?
        switch output {
        case .captured, .closedPipe: process.standardOutput = out
        case .devFull:
            devFull = FileHandle(forWritingAtPath: "/dev/full")
            process.standardOutput = devFull ?? FileHandle.nullDevice
        }
        process.standardError = err
        process.standardInput = FileHandle.nullDevice
        let start = Date()
        try process.run()
        if output == .closedPipe { try? out.fileHandleForReading.close() }
        if output != .captured { try? out.fileHandleForWriting.close() }
        onStart?(process)
        final class Flag: @unchecked Sendable { var value = false }
        let timedOut = Flag()
        let pid = process.processIdentifier
        DispatchQueue.global().asyncAfter(deadline: .now() + timeout) {
            if process.isRunning { timedOut.value = true; kill(pid, SIGKILL) }
        }
        final class Box: @unchecked Sendable { var data = Data() }
        let errBox = Box(), outBox = Box()
        let group = DispatchGroup()
        let errHandle = err.fileHandleForReading
        group.enter()
        DispatchQueue.global().async { errBox.data = errHandle.readDataToEndOfFile(); group.leave() }
        if output == .captured {
            let outHandle = out.fileHandleForReading
            group.enter()
            DispatchQueue.global().async { outBox.data = outHandle.readDataToEndOfFile(); group.leave() }
        }
        process.waitUntilExit()
        _ = group.wait(timeout: .now() + 5)
        try? devFull?.close()
        return Bounded(status: process.terminationStatus, stdout: String(decoding: outBox.data, as: UTF8.self),
                       stderr: String(decoding: errBox.data, as: UTF8.self), timedOut: timedOut.value,
                       seconds: Date().timeIntervalSince(start))
    }
}

/// Outcome counts of one part of the battery (printed, and required to have no crash, hang or data loss).
final class BatteryTally: @unchecked Sendable {
    let part: String
    private(set) var cases = 0, ok = 0, crashes = 0, hangs = 0, dataLoss = 0
    private(set) var failures: [String] = []

    init(_ part: String) { self.part = part }

    /// Counts one case: ok when it neither crashed nor hung nor lost data and `expected` holds.
    func record(_ name: String, _ r: CLI.Bounded, expected: Bool, lost: Bool = false) {
        cases += 1
        if r.timedOut { hangs += 1; failures.append("\(name): hang (killed after \(String(format: "%.1f", r.seconds)) s)"); return }
        if r.crashed { crashes += 1; failures.append("\(name): crash, status \(r.status): \(r.stderr.suffix(300))"); return }
        if lost { dataLoss += 1; failures.append("\(name): data loss"); return }
        if expected { ok += 1 } else { failures.append("\(name): status \(r.status): \(r.stderr.suffix(300))") }
    }

    var line: String {
        "battery \(part): \(cases) cases, \(ok) ok, \(crashes) crash, \(hangs) hang, \(dataLoss) data loss"
    }
}
