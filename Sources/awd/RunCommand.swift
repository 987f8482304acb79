import AWArchive
import AWCore
import AWData
import AWManifest
import AWRunner
import ArgumentParser
import Foundation

struct RunCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Execute the runs of a manifest that have no complete archive yet.",
        discussion: """
            Runs go in parallel, one process and one BLAS thread each (--jobs). Each archive is written \
            to a temporary file and renamed when complete; an interrupted sweep (Ctrl-C, SIGTERM, kill -9) \
            leaves only complete archives, and the next invocation resumes. Diverged runs are archived \
            with status "diverged" and the sweep goes on.
            """)

    @Argument(help: "The manifest (a YAML file under experiments/).")
    var manifest: String

    @Option(name: .shortAndLong, parsing: .unconditional, help: "Runs executed at the same time (processes).")
    var jobs: Int = 1

    @Option(name: .long, help: "Root folder of the archives (runs/<manifest name>/ below it).")
    var out: String = RunPlan.defaultRoot

    @Option(name: .long, help: "Folder of the dataset's IDX files (default: $AWD_DATA_DIR, else data/<dataset>).")
    var dataDir: String?

    @Option(name: .long, help: "Execute only this run (its id or a unique prefix), in this process.")
    var only: String?

    @Flag(name: .long, help: "Print plain progress lines even on a terminal.")
    var plain = false

    func validate() throws {
        guard jobs >= 1 else { throw ValidationError("--jobs \(jobs): must be >= 1 (allowed: 1...256)") }
        guard jobs <= 256 else { throw ValidationError("--jobs \(jobs): must be <= 256 (allowed: 1...256)") }
    }

    func run() throws {
        try CommandSupport.guarded {
            let (manifest, plan) = try CommandSupport.plan(self.manifest, root: out)
            // Missing or wrong data (not the official files of the manifest's dataset) is reported before any work starts.
            let missing = manifest.validate { dataset in
                DatasetLoader.officialFilesProblem(dataset, location: DataLocation.resolve(dataset, explicit: dataDir))
            }
            if !missing.isEmpty { throw ManifestErrors(file: manifest.file, errors: missing) }
            if let only {
                let matches = plan.runs(matching: only)
                guard matches.count == 1, let run = matches.first else {
                    let why = matches.isEmpty ? "no run with id \(only.prefix(40))"
                        : "\(only) is the start of \(matches.count) run ids (\(matches.prefix(4).map(\.runID).joined(separator: ", ")))"
                    throw AWError(.invalidInput, "\(self.manifest): --only: \(why); `awd list \(self.manifest)` shows the ids")
                }
                try executeOne(run, plan: plan)
            } else {
                try executeAll(plan)
            }
        }
    }

    private func executeOne(_ run: RunPlan.Run, plan: RunPlan) throws {
        try RunPreflight.check(plan: plan, pending: RunStatus.of(run).isDone ? [] : [run])
        try RunExecution.execute(RunTicket(manifestName: plan.manifestName, run: run), dataDirectory: dataDir, child: false)
    }

    private func executeAll(_ plan: RunPlan) throws {
        let dataDir = self.dataDir
        let runner = Runner(plan: plan, jobs: jobs, executable: CommandSupport.executableURL) { ticket in
            ExecuteCommand.arguments(ticket: ticket, dataDirectory: dataDir)
        }
        let interrupt = InterruptFlag()
        interrupt.install(deadline: 2.0, onSignal: { runner.interrupt() })
        CommandSupport.printError("\(plan.manifestName): \(plan.runs.count) runs (\(plan.pointCount) settings x \(plan.replicates) seeds), \(jobs) at a time -> \((plan.root as NSString).appendingPathComponent(plan.manifestName))/")
        let s = try runner.run(quiet: false, plain: plain)
        for label in s.diverged { CommandSupport.printError("diverged: \(label)") }
        for label in s.busy { CommandSupport.printError("left to another sweep: \(label) (its lock is held by a running process)") }
        if let full = s.diskFull {
            // One message for the whole sweep, not one per run.
            let folder = (plan.root as NSString).appendingPathComponent(plan.manifestName)
            CommandSupport.printError("stopped: the disk under \(folder) is full (\(full)); \(s.failed.count) runs failed, "
                                      + "\(s.notStarted) not started; complete archives are kept: free space and run the same command again to resume")
            throw ExitCode(ExitStatus.failure.rawValue)
        }
        for f in s.failed { CommandSupport.printError("failed: \(f.label): \(f.message)") }
        if s.interrupted {
            CommandSupport.printError("interrupted: complete archives are kept; run the same command again to resume")
            throw ExitCode(130)
        }
        if !s.failed.isEmpty { throw ExitCode(1) }
    }
}
