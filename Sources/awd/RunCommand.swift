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
        abstract: "Execute the runs of one or more manifests that have no complete archive yet.",
        discussion: """
            Runs go in parallel, one process and one BLAS thread each (--jobs). Each archive is written \
            to a temporary file and renamed when complete; an interrupted sweep (Ctrl-C, SIGTERM, kill -9) \
            leaves only complete archives, and the next invocation resumes. Diverged runs are archived \
            with status "diverged" and the sweep goes on. Several manifests form one queue (their runs \
            in the order given) with one progress line and one time estimate over all of them; every \
            manifest is checked before the first run starts.
            """)

    @Argument(help: "The manifests (YAML files under experiments/).")
    var manifests: [String]

    @Option(name: .shortAndLong, parsing: .unconditional, help: "Runs executed at the same time (processes).")
    var jobs: Int = 1

    @Option(name: .long, help: "Root folder of the archives (runs/<manifest name>/ below it).")
    var out: String = RunPlan.defaultRoot

    @Option(name: .long, help: "Folder of the dataset's IDX files (default: $AWD_DATA_DIR, else data/<dataset>, per manifest). It applies to every manifest given, so leave it out when they use different datasets.")
    var dataDir: String?

    @Option(name: .long, help: "Execute only this run (its id or a unique prefix), in this process.")
    var only: String?

    @Flag(name: .long, help: "Print plain progress lines even on a terminal.")
    var plain = false

    func validate() throws {
        guard !manifests.isEmpty else { throw ValidationError("missing a manifest (a YAML file under experiments/)") }
        if only != nil && manifests.count > 1 {
            throw ValidationError("--only: give one manifest (got \(manifests.count))")
        }
        if let twice = Dictionary(grouping: manifests, by: { $0 }).first(where: { $0.value.count > 1 })?.key {
            throw ValidationError("\(twice): given twice")
        }
        guard jobs >= 1 else { throw ValidationError("--jobs \(jobs): must be >= 1 (allowed: 1...256)") }
        guard jobs <= 256 else { throw ValidationError("--jobs \(jobs): must be <= 256 (allowed: 1...256)") }
    }

    func run() throws {
        try CommandSupport.guarded {
            // Every manifest is loaded, planned and checked against its data before any run starts.
            var plans: [RunPlan] = []
            for path in manifests {
                let (manifest, plan) = try CommandSupport.plan(path, root: out)
                // Missing or wrong data (not the official files of the manifest's dataset) is reported before any work starts.
                let missing = manifest.validate { dataset in
                    DatasetLoader.officialFilesProblem(dataset, location: DataLocation.resolve(dataset, explicit: dataDir))
                }
                if !missing.isEmpty { throw ManifestErrors(file: manifest.file, errors: missing) }
                if let other = plans.first(where: { $0.manifestName == plan.manifestName }) {
                    throw AWError(.invalidInput, "\(path): name: \(plan.manifestName) is also the name of another manifest given "
                                  + "(\(other.runs.count) runs); allowed: distinct names (each names its archive folder)")
                }
                plans.append(plan)
            }
            if let only {
                let plan = plans[0]
                let matches = plan.runs(matching: only)
                guard matches.count == 1, let run = matches.first else {
                    let why = matches.isEmpty ? "no run with id \(only.prefix(40))"
                        : "\(only) is the start of \(matches.count) run ids (\(matches.prefix(4).map(\.runID).joined(separator: ", ")))"
                    throw AWError(.invalidInput, "\(manifests[0]): --only: \(why); `awd list \(manifests[0])` shows the ids")
                }
                try executeOne(run, plan: plan)
            } else {
                try executeAll(plans)
            }
        }
    }

    private func executeOne(_ run: RunPlan.Run, plan: RunPlan) throws {
        try RunPreflight.check(plan: plan, pending: RunStatus.of(run).isDone ? [] : [run])
        try RunExecution.execute(RunTicket(manifestName: plan.manifestName, run: run), dataDirectory: dataDir, child: false)
    }

    private func executeAll(_ plans: [RunPlan]) throws {
        let dataDir = self.dataDir
        let runner = Runner(plans: plans, jobs: jobs, executable: CommandSupport.executableURL) { ticket in
            ExecuteCommand.arguments(ticket: ticket, dataDirectory: dataDir)
        }
        let interrupt = InterruptFlag()
        interrupt.install(deadline: 2.0, onSignal: { runner.interrupt() })
        for plan in plans {
            CommandSupport.printError("\(plan.manifestName): \(plan.runs.count) runs (\(plan.pointCount) settings x \(plan.replicates) seeds)"
                                      + (plans.count == 1 ? ", \(jobs) at a time" : "") + " -> \(PathText.join(plan.root, plan.manifestName))/")
        }
        if plans.count > 1 {
            CommandSupport.printError("\(plans.count) manifests, \(plans.reduce(0) { $0 + $1.runs.count }) runs as one queue, \(jobs) at a time")
        }
        let s = try runner.run(quiet: false, plain: plain)
        for label in s.diverged { CommandSupport.printError("diverged: \(label)") }
        for label in s.busy { CommandSupport.printError("left to another sweep: \(label) (its lock is held by a running process)") }
        if let full = s.diskFull {
            // One message for the whole sweep, not one per run.
            let folder = plans.count == 1 ? PathText.join(plans[0].root, plans[0].manifestName) : plans[0].root
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
