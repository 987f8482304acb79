import AWManifest
import AWRunner
import ArgumentParser
import Foundation

struct ListCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "list", abstract: "List the runs of a manifest with their ids and status.")

    @Argument(help: "The manifest.")
    var manifest: String

    @Option(name: .long, help: "Root folder of the archives.")
    var out: String = RunPlan.defaultRoot

    func run() throws {
        try CommandSupport.guarded {
            let (_, plan) = try CommandSupport.plan(manifest, root: out)
            var done = 0
            for run in plan.runs {
                let status = RunStatus.of(run)
                if status.isDone { done += 1 }
                print("\(run.runID)  \(status.description.padding(toLength: 10, withPad: " ", startingAt: 0))  seed \(run.seed)  \(run.label)")
            }
            print("\(plan.manifestName): \(done)/\(plan.runs.count) runs archived under \((plan.root as NSString).appendingPathComponent(plan.manifestName))/")
        }
    }
}
