import AWCore
import AWData
import AWLinearAlgebra
import AWNetwork
import AWTestSupport
import Foundation
import Testing

/// The Swift side of `make bench-training`: runs only when AWD_BENCH_OUT names an output file
/// (meant for a release build: `swift test -c release --filter TrainingBenchmark`; see benchmarks/training/bench.mk).
/// Writes one JSON object: TrainingBenchmark.run() plus, when MNIST is present, the default paper
/// run (784-30-30-10, 400 per class in file order, batch 25, lr 0.1, to the stop rule).
@Suite("Training benchmark (opt-in)")
struct TrainingBenchmarkTests {
    static let output = ProcessInfo.processInfo.environment["AWD_BENCH_OUT"]

    @Test("benchmark numbers", .enabled(if: output != nil))
    func benchmark() throws {
        let env = ProcessInfo.processInfo.environment
        let reps = Int(env["AWD_BENCH_REPS"] ?? "") ?? 5
        let kernel = InputKernel(rawValue: env["AWD_BENCH_KERNEL"] ?? "auto") ?? .auto
        var out = try TrainingBenchmark.run(repetitions: reps, inputKernel: kernel)
        let location = DataLocation.resolve(.mnist, repositoryRoot: TestSupport.repositoryRoot)
        if let train = try? DatasetLoader.load(.mnist, split: .train, location: location) {
            // The same selection as benchmarks/training/reference.py: the first 400 of each class in file order.
            var rows: [Int] = []
            for c in 0..<10 { rows += train.labels.indices.filter { train.labels[$0] == c }.prefix(400) }
            rows.sort()
            let x = train.images.gatherRows(rows)
            let labels = rows.map { train.labels[$0] }
            var runs: [[String: Double]] = []
            for seed in 0..<UInt64(3) {
                var config = TrainingConfig.paper
                config.inputKernel = kernel
                runs.append(try TrainingBenchmark.trainingRun(x: x, labels: labels, widths: [784, 30, 30, 10],
                                                              config: config, seed: seed))
            }
            for (i, r) in runs.enumerated() { for (k, v) in r { out["paper\(i)_" + k] = v } }
            let spe = runs.map { $0["seconds_per_epoch"]! }.sorted()
            out["paper_seconds_per_epoch_median"] = spe[spe.count / 2]
        }
        out["blas_threads"] = Double(BLASConfiguration.threads)
        let keys = out.keys.sorted()
        let json = "{" + keys.map { "\"\($0)\": \(out[$0]!)" }.joined(separator: ", ") + "}\n"
        try json.write(toFile: Self.output!, atomically: true, encoding: .utf8)
        #expect(out["small_samples_per_second"]! > 0)
    }
}
