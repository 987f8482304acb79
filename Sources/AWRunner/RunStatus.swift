import AWManifest
import AWCore
import AWArchive
import Foundation

/// Where a planned run stands, judged from its archive alone.
public enum RunStatus: Sendable, Equatable, CustomStringConvertible {
    /// No archive yet.
    case pending
    /// A whole archive of this configuration: `complete` or `diverged`.
    case done(RunRecord.Status)
    /// An archive exists under this run's name but for another configuration (it will be replaced).
    case stale(String)
    /// An archive exists but cannot be read (it will be replaced).
    case unreadable(String)

    public var isDone: Bool { if case .done = self { return true } else { return false } }

    public var description: String {
        switch self {
        case .pending: return "pending"
        case let .done(s): return s.rawValue
        case let .stale(why): return "stale (\(why))"
        case let .unreadable(why): return "unreadable (\(why))"
        }
    }

    /// Status of the archive at `run.archivePath`.
    public static func of(_ run: RunPlan.Run) -> RunStatus {
        guard FileManager.default.fileExists(atPath: run.archivePath) else { return .pending }
        do {
            let header = try RunArchive.readHeader(run.archivePath)
            guard header.configSHA256 == run.configSHA256 else {
                return .stale("config_sha256 \(header.configSHA256.prefix(12))... differs from the manifest's")
            }
            // The data too, not only the header: a damaged archive is redone, not skipped.
            try RunArchive.verifyChecksums(run.archivePath)
            return .done(header.status)
        } catch {
            return .unreadable("\(error)")
        }
    }
}
