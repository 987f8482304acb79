import AWArchive
import AWCore
import AWManifest
import AWRunner
import ArgumentParser
import Foundation

/// How errors leave the tool: a message on standard error naming the problem, and an exit status
/// (2 for bad input such as a manifest or archive problem, 1 for failures while working). Never a trace.
enum CommandSupport {
    static func fail(_ error: Error) -> ExitCode {
        switch error {
        case let e as ExitCode: return e
        case let e as ManifestErrors:
            printError(e.description)
            return ExitCode(2)
        case let e as ManifestError:
            printError(e.description)
            return ExitCode(2)
        case let e as AWError:
            printError("awd: \(e.description)")
            return ExitCode(e.kind == .invalidInput || e.kind == .data ? 2 : (e.kind == .interrupted ? 130 : 1))
        case let e as ArchiveError:
            printError("awd: \(e.description)")
            return ExitCode(2)
        default:
            printError("awd: \(error)")
            return ExitCode(1)
        }
    }

    static func printError(_ text: String) {
        FileHandle.standardError.write(Data((text + "\n").utf8))
    }

    /// Run `body`, mapping every error to a message and an exit status.
    static func guarded(_ body: () throws -> Void) throws {
        do { try body() } catch { throw fail(error) }
    }

    /// The running executable, for the child runs: through /proc/<pid>/exe (not resolved), so
    /// children run this very binary even if a rebuild replaces the file during a long sweep.
    static var executableURL: URL {
        let proc = "/proc/\(getpid())/exe"
        if FileManager.default.fileExists(atPath: proc) { return URL(fileURLWithPath: proc) }
        return URL(fileURLWithPath: CommandLine.arguments[0])
    }

    /// Loads a manifest and plans its runs under `root`.
    static func plan(_ manifestPath: String, root: String) throws -> (Manifest, RunPlan) {
        let manifest = try Manifest.load(path: manifestPath)
        return (manifest, try RunPlan(manifest: manifest, root: root))
    }
}

/// A flag set from signal handlers, polled by long work.
final class InterruptFlag: @unchecked Sendable {
    private let lock = NSLock()
    private var raised = false
    private var sources: [DispatchSourceSignal] = []
    var isRaised: Bool { lock.withLock { raised } }

    /// Catch SIGINT and SIGTERM; `onSignal` runs once per signal on a background queue.
    func install(_ onSignal: @escaping @Sendable () -> Void = {}) {
        for sig in [SIGINT, SIGTERM] {
            signal(sig, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: sig, queue: .global())
            source.setEventHandler { [self] in
                lock.withLock { raised = true }
                onSignal()
            }
            source.resume()
            sources.append(source)
        }
    }
}
