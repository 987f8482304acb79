import AWCore
import Foundation

/// Runs child processes, at most `jobs` at a time, reading their `@awd` progress lines.
/// Each child is one run (the caller's command line, e.g. `awd execute --ticket JSON`), so a crash or a kill -9
/// of one run never takes the others down, and each process has its own single BLAS thread.
public final class ProcessPool: @unchecked Sendable {
    public struct Job: Sendable {
        public var label: String
        public var executable: URL
        public var arguments: [String]
        public init(label: String, executable: URL, arguments: [String]) {
            self.label = label; self.executable = executable; self.arguments = arguments
        }
    }

    public struct Outcome: Sendable {
        public var label: String
        public var exitCode: Int32
        public var status: String?
        public var summary: String
        public var seconds: Double
        public var output: String
    }

    private let jobs: Int
    private let display: ProgressDisplay
    private let lock = NSLock()
    private var running: [Process] = []
    private var stopping = false
    private var draining = false

    public init(jobs: Int, display: ProgressDisplay) {
        self.jobs = max(1, jobs)
        self.display = display
    }

    /// Ask every running child to stop (SIGTERM) and start no new ones; a child still running
    /// `killAfter` seconds later is killed (SIGKILL; it leaves at most a temporary file, which the
    /// next sweep removes).
    public func terminateAll(killAfter: Double = 1.0) {
        // kill(2) on the pids this pool has not reaped yet: Foundation's Process.terminate() and
        // isRunning were seen to block for seconds while another thread reads the child's pipe.
        let pids = lock.withLock { stopping = true; return running.map(\.processIdentifier) }
        for pid in pids { kill(pid, SIGTERM) }
        DispatchQueue.global().asyncAfter(deadline: .now() + killAfter) { [self] in
            let left = lock.withLock { running.map(\.processIdentifier) }
            for pid in left where pids.contains(pid) { kill(pid, SIGKILL) }
        }
    }

    /// Start no new jobs; running ones finish (used when the disk is full: every later run would fail too).
    public func stopStarting() { lock.withLock { draining = true } }

    private var isDraining: Bool { lock.withLock { draining } }

    public var isStopping: Bool { lock.withLock { stopping } }

    /// Run all jobs; returns one outcome per job that was started, in completion order.
    /// `stopWhen` sees each outcome as it arrives; when it returns true no further job starts.
    public func run(_ queue: [Job], stopWhen: @escaping @Sendable (Outcome) -> Bool = { _ in false }) -> [Outcome] {
        final class Collected: @unchecked Sendable { var outcomes: [Outcome] = [] }
        let collected = Collected()
        let outLock = NSLock()
        let semaphore = DispatchSemaphore(value: jobs)
        let group = DispatchGroup()
        for job in queue {
            semaphore.wait()
            if isStopping || isDraining { semaphore.signal(); break }
            group.enter()
            Thread.detachNewThread { [self] in
                defer { semaphore.signal(); group.leave() }
                let outcome = runOne(job)
                outLock.withLock { collected.outcomes.append(outcome) }
                if stopWhen(outcome) { stopStarting() }
            }
        }
        group.wait()
        return collected.outcomes
    }

    private func runOne(_ job: Job) -> Outcome {
        let start = Date()
        let process = Process()
        process.executableURL = job.executable
        process.arguments = job.arguments
        var env = ProcessInfo.processInfo.environment
        env["OPENBLAS_NUM_THREADS"] = "1"
        process.environment = env
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        // Start and register under the lock, so terminateAll() either sees this child or stops it here.
        let started: Bool
        do {
            started = try lock.withLock { () throws -> Bool in
                if stopping { return false }
                try process.run()
                running.append(process)
                return true
            }
        } catch {
            let msg = "could not start \(job.executable.path): \(error)"
            display.finished(job.label, seconds: 0, summary: msg, ok: false)
            return Outcome(label: job.label, exitCode: -1, status: nil, summary: msg, seconds: 0, output: msg)
        }
        guard started else {
            return Outcome(label: job.label, exitCode: -1, status: nil, summary: "interrupted", seconds: 0, output: "")
        }
        display.started(job.label)
        var status: String?
        var summary = ""
        var other: [String] = []
        var buffer = Data()
        let handle = pipe.fileHandleForReading
        func consume(_ line: String) {
            switch ChildProgress.parse(line) {
            case let .progress(stage, epoch, loss)?: display.update(job.label, stage: stage, epoch: epoch, loss: loss)
            case let .finished(s, sum)?: status = s; summary = sum
            case let .failed(message)?: summary = message
            case nil: if !line.isEmpty { other.append(line) }
            }
        }
        while true {
            let chunk = handle.availableData
            if chunk.isEmpty { break }
            buffer.append(chunk)
            while let nl = buffer.firstIndex(of: 0x0A) {
                let line = String(decoding: buffer[buffer.startIndex..<nl], as: UTF8.self)
                buffer.removeSubrange(buffer.startIndex...nl)
                consume(line)
            }
        }
        if !buffer.isEmpty { consume(String(decoding: buffer, as: UTF8.self)) }
        process.waitUntilExit()
        lock.withLock { running.removeAll { $0 === process } }
        let seconds = Date().timeIntervalSince(start)
        let code = process.terminationStatus
        let ok = code == 0 && status != nil
        if !ok && summary.isEmpty {
            summary = process.terminationReason == .uncaughtSignal ? "killed by signal \(code)" : "exit code \(code)"
        }
        if !ok, let last = other.last { summary += " | " + last }
        if !ok && isStopping {
            display.interrupted(job.label)
            return Outcome(label: job.label, exitCode: code, status: nil, summary: "interrupted", seconds: seconds,
                           output: other.joined(separator: "\n"))
        }
        display.finished(job.label, seconds: seconds, summary: status.map { "\($0) \(summary)" } ?? summary, ok: ok)
        return Outcome(label: job.label, exitCode: code, status: status, summary: summary, seconds: seconds,
                       output: other.joined(separator: "\n"))
    }
}
