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
        if let problem = RunConfiguration.memoryLimitProblem { throw AWError(.invalidInput, problem) }
        let manifest = try Manifest.load(path: manifestPath)
        return (manifest, try RunPlan(manifest: manifest, root: root))
    }
}

/// SIGINT and SIGTERM, handled on one thread of our own: `Signals.start()` (first in main)
/// installs a handler that only writes the signal's number to a pipe (async-signal-safe), and a
/// thread that reads the pipe runs the installed `InterruptFlag`'s handler at once, whatever the
/// other threads are doing. Without an installed handler, a signal ends the process with 130.
enum Signals {
    nonisolated(unsafe) private static var handler: (@Sendable (Int32) -> Void)?
    private static let lock = NSLock()

    static func start() {
        var fds: [Int32] = [0, 0]
        guard pipe(&fds) == 0 else { return }
        signalPipe = fds[1]
        // A parent may hand down a mask that blocks them (a test runner's thread): unblock here.
        var set = sigset_t()
        sigemptyset(&set)
        sigaddset(&set, SIGINT)
        sigaddset(&set, SIGTERM)
        pthread_sigmask(SIG_UNBLOCK, &set, nil)
        for sig in [SIGINT, SIGTERM] {
            signal(sig) { number in
                var byte = UInt8(truncatingIfNeeded: number)
                _ = write(signalPipe, &byte, 1)
            }
        }
        let reader = fds[0]
        Thread.detachNewThread {
            while true {
                var byte: UInt8 = 0
                let n = read(reader, &byte, 1)
                if n < 0 && errno == EINTR { continue }
                guard n == 1 else { return }
                if let handle = lock.withLock({ handler }) { handle(Int32(byte)) } else { _exit(ExitStatus.interrupted.rawValue) }
            }
        }
    }

    static func setHandler(_ h: @escaping @Sendable (Int32) -> Void) { lock.withLock { handler = h } }
}

/// The write end of the signal pipe (read by the signal handler, so a plain global).
nonisolated(unsafe) private var signalPipe: Int32 = -1

/// A flag set when SIGINT or SIGTERM arrives, polled by long work.
final class InterruptFlag: @unchecked Sendable {
    private let lock = NSLock()
    private var raised = false
    var isRaised: Bool { lock.withLock { raised } }

    /// Catch SIGINT and SIGTERM; `onSignal` runs once per signal on the signal thread. With a
    /// `deadline`, a process that has not exited that many seconds after the first signal runs
    /// `cleanup` and exits with status 130 (work that polls the flag rarely, e.g. inside a long
    /// epoch or an eigensolve, still stops within the deadline; archives are written atomically,
    /// so exiting at any moment leaves no partial archive).
    func install(deadline: Double? = nil, onSignal: @escaping @Sendable () -> Void = {},
                 cleanup: @escaping @Sendable () -> Void = {}) {
        Signals.setHandler { [self] _ in
            let first = lock.withLock { () -> Bool in defer { raised = true }; return !raised }
            if first, let deadline {
                Thread.detachNewThread {
                    Thread.sleep(forTimeInterval: deadline)
                    cleanup()
                    _exit(ExitStatus.interrupted.rawValue)
                }
            }
            onSignal()
        }
    }
}
