import AWCore
import Foundation

/// Where a dataset's IDX files are looked for, in this order:
/// 1. an explicit folder (`--data-dir`, a manifest, a test),
/// 2. the folder named by the environment variable `AWD_DATA_DIR`,
/// 3. `<repository>/data/<name>/`, filled by `make data` (scripts/fetch-data.sh).
///
/// An explicit or `AWD_DATA_DIR` folder may hold the IDX files directly or a `<name>/` subfolder
/// per dataset (`mnist/`, `fashion-mnist/`); the subfolder wins when it exists.
public struct DataLocation: Sendable, Equatable, CustomStringConvertible {
    public enum Source: String, Sendable {
        case argument, environment, repository
    }

    public static let environmentVariable = "AWD_DATA_DIR"

    public let dataset: DatasetName
    /// The folder that should hold the IDX files.
    public let directory: String
    public let source: Source

    public init(dataset: DatasetName, directory: String, source: Source) {
        self.dataset = dataset
        self.directory = directory
        self.source = source
    }

    /// Resolves the folder for `dataset`: `explicit` > `environment[AWD_DATA_DIR]` > `<repositoryRoot>/data/<name>`.
    /// - Parameter repositoryRoot: defaults to the nearest folder above the working directory that holds
    ///   this project's `Package.swift` and `scripts/fetch-data.sh` (else the working directory).
    public static func resolve(_ dataset: DatasetName, explicit: String? = nil,
                               environment: [String: String] = ProcessInfo.processInfo.environment,
                               repositoryRoot: String? = nil) -> DataLocation {
        if let explicit, !explicit.isEmpty {
            return DataLocation(dataset: dataset, directory: folder(explicit, dataset), source: .argument)
        }
        if let env = environment[environmentVariable], !env.isEmpty {
            return DataLocation(dataset: dataset, directory: folder(env, dataset), source: .environment)
        }
        let cwd = FileManager.default.currentDirectoryPath
        let root = repositoryRoot ?? findRepositoryRoot(from: cwd) ?? cwd
        return DataLocation(dataset: dataset, directory: join(join(root, "data"), dataset.rawValue), source: .repository)
    }

    /// The nearest folder at or above `start` holding `Package.swift` and `scripts/fetch-data.sh`.
    public static func findRepositoryRoot(from start: String) -> String? {
        let fm = FileManager.default
        var url = URL(fileURLWithPath: start).standardizedFileURL
        while true {
            if fm.fileExists(atPath: url.appendingPathComponent("Package.swift").path),
               fm.fileExists(atPath: url.appendingPathComponent("scripts/fetch-data.sh").path) {
                return url.path
            }
            let parent = url.deletingLastPathComponent()
            if parent.path == url.path { return nil }
            url = parent
        }
    }

    /// How the folder was chosen, for messages.
    public var description: String {
        switch source {
        case .argument: return "\(directory) (given explicitly)"
        case .environment: return "\(directory) (from \(DataLocation.environmentVariable))"
        case .repository: return "\(directory) (the repository's data folder)"
        }
    }

    /// What to do when files are missing, for messages.
    public var remedy: String {
        let fetch = "run `make data` (or scripts/fetch-data.sh) to fetch MNIST and Fashion-MNIST into <repository>/data/"
        let own = "or put the standard IDX files (raw or .gz) in a folder and point \(DataLocation.environmentVariable) or --data-dir at it"
        return "\(fetch), \(own)"
    }

    static func folder(_ base: String, _ dataset: DatasetName) -> String {
        let sub = join(base, dataset.rawValue)
        var isDir: ObjCBool = false
        if FileManager.default.fileExists(atPath: sub, isDirectory: &isDir), isDir.boolValue { return sub }
        return base
    }

    static func join(_ a: String, _ b: String) -> String { a.hasSuffix("/") ? a + b : a + "/" + b }
}
