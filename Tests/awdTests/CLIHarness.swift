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
