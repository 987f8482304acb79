import AWAnalysis
import AWBenchmarks
import AWData
import AWLinearAlgebra
import AWNetwork
import ArgumentParser
import Foundation

struct BenchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench",
        abstract: "Benchmarks used by `make bench` (JSON on standard output, progress on standard error).",
        discussion: """
            training: samples/s of 784-30-30-10 (batch 25) and 784-512-512-10 (batch 128), the GEMM rate of the \
            wide net's shapes, and three default paper runs on MNIST (the first 400 images of each class). \
            analysis: the full duality analysis at 900 and 2,500 weights, top-20 Lanczos at 23,520 and 262,144. \
            One BLAS thread. Compare with the NumPy references in benchmarks/ (make bench).
            """,
        shouldDisplay: false)

    @Argument(help: "training | analysis")
    var suite: String

    @Option(name: .long, parsing: .unconditional, help: "Repetitions per measurement.")
    var repeats: Int = 5

    @Option(name: .long, help: "Folder of the MNIST IDX files (default: $AWD_DATA_DIR, else data/mnist).")
    var dataDir: String?

    func validate() throws {
        guard repeats >= 1 else { throw ValidationError("--repeats \(repeats): must be >= 1") }
        guard ["training", "analysis"].contains(suite) else {
            throw ValidationError("suite \"\(suite)\": must be training or analysis")
        }
    }

    func run() throws {
        try CommandSupport.guarded {
            BLASConfiguration.setThreads(1)
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
            let data: Data
            switch suite {
            case "training":
                encoder.outputFormatting = [.sortedKeys]   // one JSON object per line (compare.py reads lines)
                data = try encoder.encode(try training())
            case "analysis":
                data = try encoder.encode(try AnalysisBenchmark.run(repeats: repeats, progress: { CommandSupport.printError($0) }))
            default:
                throw ValidationError("unknown suite \(suite); allowed: training, analysis")
            }
            print(String(decoding: data, as: UTF8.self))
        }
    }

    private func training() throws -> [String: Double] {
        CommandSupport.printError("bench training: throughput and GEMM rate (\(repeats) repetitions)")
        var out = try TrainingBenchmark.run(repetitions: repeats)
        let location = DataLocation.resolve(.mnist, explicit: dataDir)
        if let train = try? DatasetLoader.load(.mnist, split: .train, location: location) {
            // The same selection as benchmarks/training/reference.py: the first 400 of each class in file order.
            var rows: [Int] = []
            for c in 0..<10 { rows += train.labels.indices.filter { train.labels[$0] == c }.prefix(400) }
            rows.sort()
            let x = train.images.gatherRows(rows)
            let labels = rows.map { train.labels[$0] }
            var spe: [Double] = []
            for seed in 0..<UInt64(3) {
                CommandSupport.printError("bench training: default paper run, seed \(seed)")
                let r = try TrainingBenchmark.trainingRun(x: x, labels: labels, widths: [784, 30, 30, 10], config: .paper, seed: seed)
                for (k, v) in r { out["paper\(seed)_" + k] = v }
                spe.append(r["seconds_per_epoch"]!)
            }
            out["paper_seconds_per_epoch_median"] = spe.sorted()[spe.count / 2]
        } else {
            CommandSupport.printError("bench training: MNIST not found in \(location.directory): no paper run")
        }
        out["blas_threads"] = Double(BLASConfiguration.threads)
        return out
    }
}
