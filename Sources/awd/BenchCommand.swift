import AWAnalysis
import AWNetwork
import ArgumentParser
import Foundation

struct BenchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench",
        abstract: "Benchmarks (used by `make bench`; prints JSON).",
        shouldDisplay: false)

    @Argument(help: "training | analysis")
    var suite: String

    @Option(name: .long, help: "Repetitions per measurement (the median is reported).")
    var repeats: Int = 5

    func run() throws {
        try CommandSupport.guarded {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
            let data: Data
            switch suite {
            case "training":
                data = try encoder.encode(try TrainingBenchmark.run(repetitions: repeats))
            case "analysis":
                data = try encoder.encode(try AnalysisBenchmark.run(repeats: repeats, progress: { CommandSupport.printError($0) }))
            default:
                throw ValidationError("unknown suite \(suite); allowed: training, analysis")
            }
            print(String(decoding: data, as: UTF8.self))
        }
    }
}
