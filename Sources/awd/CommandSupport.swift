import AWArchive
import AWCore
import AWManifest
import AWRunner
import ArgumentParser
import Foundation

/// How errors leave the tool: a message on standard error naming the problem, and an exit status
/// (ExitStatus: 2 for bad input such as a manifest or archive problem, 1 for failures while working). Never a trace.
enum CommandSupport {
    static func fail(_ error: Error) -> ExitCode {
        if let text = ExitStatus.message(error) { printError(text) }
        return ExitCode(ExitStatus.of(error).rawValue)
    }

    static func printError(_ text: String) {
        Console.err(text + "\n")
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

    /// Catch SIGINT and SIGTERM; `onSignal` runs once per signal on a background queue. With a
    /// `deadline`, a process that has not exited that many seconds after the first signal runs
    /// `cleanup` and exits with status 130 (work that polls the flag rarely, e.g. inside a long
    /// epoch or an eigensolve, still stops within the deadline; archives are written atomically,
    /// so exiting at any moment leaves no partial archive).
    func install(deadline: Double? = nil, cleanup: @escaping @Sendable () -> Void = {},
                 _ onSignal: @escaping @Sendable () -> Void = {}) {
        for sig in [SIGINT, SIGTERM] {
            signal(sig, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: sig, queue: .global())
            source.setEventHandler { [self] in
                let first = lock.withLock { () -> Bool in defer { raised = true }; return !raised }
                onSignal()
                if first, let deadline {
                    DispatchQueue.global().asyncAfter(deadline: .now() + deadline) {
                        cleanup()
                        _exit(ExitStatus.interrupted.rawValue)
                    }
                }
            }
            source.resume()
            sources.append(source)
        }
    }
}
