import AWCore
import Foundation

/// A manifest expanded into runs: every sweep point (grid product / zip / single axis, or the one
/// base point) times every replicate. Point-major order: all replicates of point 0, then point 1...
///
/// - Run identity comes from the configuration alone (`RunConfiguration.identity()`), so renaming
///   the manifest or reordering its keys changes no run id.
/// - Replicate k of every point has the same seed (`Manifest.Seeds.seed(replicate:)`), so adding a
///   swept value (or a replicate) adds runs and changes none of the existing ones.
public struct RunPlan: Sendable, Equatable {
    public let manifestName: String
    public let manifestFile: String
    /// Directory holding the archives: `<root>/<manifest name>/<run id>.h5`.
    public let root: String
    /// The swept key paths, in manifest order (grid axes, then zip axes).
    public let sweepKeys: [String]
    public let pointCount: Int
    public let replicates: Int
    public let runs: [Run]

    public static let defaultRoot = "runs"
    public static let archiveExtension = "h5"

    /// Expands `manifest`. Throws `ManifestErrors` only if a configuration cannot be encoded or two
    /// runs would share an id, both of which validation already rules out for a loaded manifest.
    public init(manifest: Manifest, root: String = RunPlan.defaultRoot) throws {
        var runs: [Run] = []
        var errors: [ManifestError] = []
        var byID: [String: Run] = [:]
        let directory = (root as NSString).appendingPathComponent(manifest.name)
        for (p, point) in manifest.sweep.points.enumerated() {
            for k in 0..<manifest.seeds.replicates {
                let config = manifest.configuration(point: point, replicate: k)
                let identity: RunConfiguration.Identity
                do {
                    identity = try config.identity()
                } catch {
                    errors.append(ManifestError(kind: .outOfRange, file: manifest.file, keyPath: "",
                                                value: point.map(\.description).joined(separator: ", "),
                                                allowed: "finite numbers", detail: "\(error)"))
                    continue
                }
                let run = Run(configuration: config, identity: identity, sweptValues: point, point: p,
                              archivePath: (directory as NSString)
                                .appendingPathComponent("\(identity.runID).\(RunPlan.archiveExtension)"))
                if let other = byID[identity.runID] {
                    errors.append(ManifestError(kind: .invalidSweep, file: manifest.file, keyPath: "sweep",
                                                value: run.label, allowed: "distinct run configurations",
                                                detail: "same configuration (run id \(identity.runID)) as \(other.label)"))
                    continue
                }
                byID[identity.runID] = run
                runs.append(run)
            }
        }
        if !errors.isEmpty { throw ManifestErrors(file: manifest.file, errors: errors) }
        self.manifestName = manifest.name
        self.manifestFile = manifest.file
        self.root = root
        self.sweepKeys = manifest.sweep.keyPaths
        self.pointCount = manifest.sweep.pointCount
        self.replicates = manifest.seeds.replicates
        self.runs = runs
    }

    /// The run with this id (or unique id prefix), if any.
    /// The runs whose id is `id` or starts with it (one for an exact id).
    public func runs(matching id: String) -> [Run] {
        if let exact = runs.first(where: { $0.runID == id }) { return [exact] }
        return id.isEmpty ? [] : runs.filter { $0.runID.hasPrefix(id) }
    }

    public func run(id: String) -> Run? {
        if let exact = runs.first(where: { $0.runID == id }) { return exact }
        let matches = runs.filter { $0.runID.hasPrefix(id) }
        return matches.count == 1 ? matches[0] : nil
    }

    /// The runs of one sweep point, by replicate.
    public func runs(point: Int) -> [Run] { runs.filter { $0.point == point } }

    /// The runs of one replicate, by sweep point.
    public func runs(replicate: Int) -> [Run] { runs.filter { $0.replicate == replicate } }
}

extension Manifest {
    /// Expands this manifest into runs with archives under `<root>/<name>/`.
    public func plan(root: String = RunPlan.defaultRoot) throws -> RunPlan {
        try RunPlan(manifest: self, root: root)
    }
}
