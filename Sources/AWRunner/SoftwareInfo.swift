import AWCore
import AWArchive
import AWHDF5
import AWLinearAlgebra
import Foundation

/// What wrote an archive: awd's version, the source commit, the HDF5 and BLAS libraries.
public enum SoftwareInfo {
    public static let version = "0.1.0"

    /// The commit of the awd checkout: `AWD_GIT_COMMIT` if set, else read from the `.git`
    /// directory above the executable or the working directory; "unknown" outside a checkout.
    public static let gitCommit: String = {
        if let env = ProcessInfo.processInfo.environment["AWD_GIT_COMMIT"], !env.isEmpty { return env }
        let starts = [CommandLine.arguments.first.map { URL(fileURLWithPath: $0).resolvingSymlinksInPath().path },
                      FileManager.default.currentDirectoryPath].compactMap { $0 }
        for start in starts {
            var dir = URL(fileURLWithPath: start)
            for _ in 0..<12 {
                let git = dir.appendingPathComponent(".git")
                if let commit = readCommit(gitDirectory: git) { return commit }
                let parent = dir.deletingLastPathComponent()
                if parent.path == dir.path { break }
                dir = parent
            }
        }
        return "unknown"
    }()

    private static func readCommit(gitDirectory git: URL) -> String? {
        guard let head = try? String(contentsOf: git.appendingPathComponent("HEAD"), encoding: .utf8)
            .trimmingCharacters(in: .whitespacesAndNewlines) else { return nil }
        guard head.hasPrefix("ref: ") else { return head }
        let ref = String(head.dropFirst(5))
        if let loose = try? String(contentsOf: git.appendingPathComponent(ref), encoding: .utf8) {
            return loose.trimmingCharacters(in: .whitespacesAndNewlines)
        }
        if let packed = try? String(contentsOf: git.appendingPathComponent("packed-refs"), encoding: .utf8) {
            for line in packed.split(separator: "\n") where line.hasSuffix(" " + ref) {
                return String(line.split(separator: " ")[0])
            }
        }
        return nil
    }

    public static var blas: RunRecord.BLASInfo {
        RunRecord.BLASInfo(library: BLASConfiguration.library, core: BLASConfiguration.core,
                           threads: Int64(BLASConfiguration.threads))
    }

    public static var hdf5Version: String { HDF5Version.string }
}
