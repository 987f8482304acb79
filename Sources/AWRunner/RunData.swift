import AWCore
import AWData
import Foundation

/// Where a run's official splits come from. The pipeline reads IDX files (`RunData.files`);
/// tests hand in small datasets they make (`RunData.inMemory`).
public struct RunData: Sendable {
    private let loader: @Sendable (DatasetName, DatasetSplit) throws -> AWData.Dataset

    public init(load: @escaping @Sendable (DatasetName, DatasetSplit) throws -> AWData.Dataset) { self.loader = load }

    /// One official split.
    public func load(_ name: DatasetName, _ split: DatasetSplit) throws -> AWData.Dataset { try loader(name, split) }

    /// The official IDX files under `directory` (or the default location of each dataset), each
    /// split read once per process (one runner process may execute many runs); a file that is not
    /// the official one (KnownDatasetFiles) is refused.
    public static func files(directory: String?) -> RunData {
        let cache = DatasetCache()
        return RunData { name, split in try cache.load(name, split, directory) }
    }

    /// Fixed splits, whatever the configuration's dataset name.
    public static func inMemory(train: AWData.Dataset, test: AWData.Dataset) -> RunData {
        RunData { _, split in split == .train ? train : test }
    }

    /// The official training and test splits of `name`.
    func splits(_ name: DatasetName) throws -> (train: AWData.Dataset, test: AWData.Dataset) {
        (try load(name, .train), try load(name, .test))
    }
}

/// Loaded official splits, shared by the runs one process executes.
final class DatasetCache: @unchecked Sendable {
    private let lock = NSLock()
    private var loaded: [String: AWData.Dataset] = [:]

    func load(_ name: DatasetName, _ split: DatasetSplit, _ directory: String?) throws -> AWData.Dataset {
        let key = "\(name.rawValue)/\(split.rawValue)/\(directory ?? "")"
        if let d = lock.withLock({ loaded[key] }) { return d }
        let d = try DatasetLoader.load(name, split: split, location: DataLocation.resolve(name, explicit: directory), official: true)
        lock.withLock { loaded[key] = d }
        return d
    }
}
