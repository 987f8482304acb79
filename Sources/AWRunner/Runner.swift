import AWArchive
import AWCore
import AWManifest
import Foundation

/// Executes the runs of one or several plans (manifests) that have no complete archive yet, `jobs`
/// child processes at a time, one BLAS thread each, as one queue with one progress display (so a
/// whole figure set shows one line and one time estimate). Each child gets its resolved run as a `RunTicket` (the command line
/// that carries it is the caller's: `childArguments`) and executes it with `RunStage`. Archives are
/// written atomically by the children, so an interrupted sweep (Ctrl-C, SIGTERM, kill -9) leaves
/// only complete archives and the next invocation resumes where it stopped.
public final class Runner: @unchecked Sendable {
    public struct Summary: Sendable {
        public var total: Int
        public var skipped: Int
        public var completed: Int
        public var diverged: [String]
        public var failed: [(label: String, message: String)]
        public var interrupted: Bool
        public var seconds: Double
        /// Runs another process was executing (its lock held), left to it.
        public var busy: [String] = []
        /// Set when the sweep stopped because the disk is full: the OS's message of the first such failure.
        public var diskFull: String?
        /// Runs not started because the sweep stopped early (disk full).
        public var notStarted = 0
    }

    /// Whether a run's failure message says that the filesystem is full (ENOSPC, EDQUOT).
    public static func isDiskFull(_ message: String) -> Bool {
        message.contains(String(cString: strerror(ENOSPC))) || message.contains(String(cString: strerror(EDQUOT)))
    }

    /// The plans, in the order their runs are queued.
    public let plans: [RunPlan]
    /// The first plan (the only one for a single manifest).
    public var plan: RunPlan { plans[0] }
    public let jobs: Int
    public let executable: URL
    /// The arguments of the child process that executes one run, given its ticket's JSON.
    public let childArguments: @Sendable (_ ticketJSON: String) -> [String]
    private var pool: ProcessPool?
    private let lock = NSLock()
    private var interrupted = false

    /// - Parameters:
    ///   - executable: the binary that executes one run per process.
    ///   - childArguments: its arguments for one run, from the run's ticket (JSON).
    public convenience init(plan: RunPlan, jobs: Int, executable: URL, childArguments: @escaping @Sendable (String) -> [String]) {
        self.init(plans: [plan], jobs: jobs, executable: executable, childArguments: childArguments)
    }

    /// Several manifests as one queue: the runs of `plans[0]` first, then those of `plans[1]`, ...
    /// (with several plans each label starts with its manifest's name).
    public init(plans: [RunPlan], jobs: Int, executable: URL, childArguments: @escaping @Sendable (String) -> [String]) {
        precondition(!plans.isEmpty, "Runner: no plan")
        self.plans = plans
        self.jobs = max(1, jobs)
        self.executable = executable
        self.childArguments = childArguments
    }

    /// Stop: no new runs; running children get SIGTERM (they exit without writing an archive).
    public func interrupt() {
        let pool = lock.withLock { () -> ProcessPool? in interrupted = true; return self.pool }
        pool?.terminateAll()
    }

    /// Run everything not yet done (or only `selected` run ids).
    /// - Throws: `AWError(.invalidInput)` from `RunPreflight` before any run starts (an archive
    ///   folder is not writable, its names are too long, or its filesystem lacks room).
    public func run(selected: Set<String>? = nil, quiet: Bool = false, plain: Bool = false) throws -> Summary {
        let start = Date()
        let named = plans.count > 1
        struct Entry { let plan: RunPlan; let run: RunPlan.Run; let label: String; let done: Bool }
        var entries: [Entry] = []
        for plan in plans {
            let runs = plan.runs.filter { selected == nil || selected!.contains($0.runID) }
            Runner.removeStaleTemporaries(in: (plan.root as NSString).appendingPathComponent(plan.manifestName))
            for run in runs {
                entries.append(Entry(plan: plan, run: run, label: named ? "\(plan.manifestName): \(run.label)" : run.label,
                                     done: RunStatus.of(run).isDone))
            }
        }
        // Every plan is checked before the first run starts.
        for plan in plans {
            try RunPreflight.check(plan: plan, pending: entries.filter { !$0.done && $0.plan.manifestName == plan.manifestName }.map(\.run))
        }
        let todo = entries.filter { !$0.done }
        let display = ProgressDisplay(total: entries.count, jobs: jobs, quiet: quiet, forcePlain: plain)
        for e in entries where e.done { display.skip(e.label) }
        for e in todo {
            display.expect(e.label, point: "\(e.plan.manifestName)#\(e.run.point)", manifest: e.plan.manifestName)
        }
        let pool = ProcessPool(jobs: jobs, display: display)
        lock.withLock { self.pool = pool }
        var jobsList: [ProcessPool.Job] = []
        var unplanned: [(label: String, message: String)] = []
        // The index names the plan's runs, so export, figures and report select this manifest's
        // current archives from the folder alone (ArchiveSelection), without reading the manifest.
        for plan in plans {
            let folder = (plan.root as NSString).appendingPathComponent(plan.manifestName)
            do {
                try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
                try RunIndex.write(manifest: plan.manifestName, runIDs: plan.runs.map(\.runID), to: folder)
            } catch {
                unplanned.append((RunIndex.path(folder: folder), "\(error)"))
            }
        }
        for e in todo {
            do {
                let ticket = try RunTicket(manifestName: e.plan.manifestName, run: e.run).json()
                jobsList.append(ProcessPool.Job(label: e.label, executable: executable, arguments: childArguments(ticket)))
            } catch {
                unplanned.append((e.label, "\(error)"))
            }
        }
        // A full disk fails every later run too: the sweep stops starting runs at the first one.
        let outcomes = lock.withLock { interrupted } ? []
            : pool.run(jobsList, stopWhen: { $0.exitCode != 0 && Runner.isDiskFull($0.summary) })
        display.finish()
        var summary = Summary(total: entries.count, skipped: entries.count - todo.count, completed: 0, diverged: [],
                              failed: unplanned, interrupted: lock.withLock { interrupted }, seconds: 0)
        for o in outcomes {
            if o.exitCode == 0, o.status == RunLock.busyStatus {
                summary.busy.append(o.label)
            } else if o.exitCode == 0, let status = o.status {
                summary.completed += 1
                if status == RunRecord.Status.diverged.rawValue { summary.diverged.append(o.label) }
            } else if !summary.interrupted {
                summary.failed.append((o.label, o.summary))
                if summary.diskFull == nil && Runner.isDiskFull(o.summary) { summary.diskFull = o.summary }
            }
        }
        if summary.diskFull != nil { summary.notStarted = jobsList.count - outcomes.count }
        summary.seconds = Date().timeIntervalSince(start)
        return summary
    }

    /// Remove `*.tmp-<pid>` files and run locks left by processes that no longer exist (e.g. after kill -9).
    public static func removeStaleTemporaries(in directory: String) {
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: directory) else { return }
        for name in names {
            if name.hasSuffix(".h5.lock") {
                let path = (directory as NSString).appendingPathComponent(name)
                if RunLock.liveHolder(path) == nil { unlink(path) }
                continue
            }
            guard let range = name.range(of: ".tmp-", options: .backwards),
                  let pid = Int32(name[range.upperBound...]) else { continue }
            if kill(pid, 0) != 0 && errno == ESRCH {
                try? FileManager.default.removeItem(atPath: (directory as NSString).appendingPathComponent(name))
            }
        }
    }
}
