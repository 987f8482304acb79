import AWNetwork
import AWCore
import AWLinearAlgebra

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Speed measurements of the trainer, for `make bench-training` (the NumPy twin is
/// benchmarks/training/reference.py; keep the two identical in what they compute).
public enum TrainingBenchmark {
    /// Synthetic inputs as sparse as MNIST pixels: uniform in [0, 1), values below 0.8 set to 0;
    /// uniform random labels.
    public static func syntheticData<T: BLASScalar>(_ type: T.Type = T.self, samples: Int, features: Int,
                                                    classes: Int, seed: UInt64) -> (x: Matrix<T>, labels: [Int]) {
        var g = SeededGenerator(seed: seed).derive("benchmark-data")
        var x = Matrix<T>(rows: samples, cols: features)
        for i in 0..<x.data.count {
            let u = g.nextDouble()
            x.data[i] = u < 0.8 ? 0 : T(u)
        }
        let labels = (0..<samples).map { _ in g.nextInt(below: classes) }
        return (x, labels)
    }

    /// Training throughput: samples per second of SGD steps (no evaluation pass), median over
    /// `repetitions` runs of `epochs` epochs each, learning rate 0.01, on synthetic data.
    public static func throughput<T: BLASScalar>(_ type: T.Type = T.self, widths: [Int], batch: Int, samples: Int = 4000,
                                                 epochs: Int = 3, repetitions: Int = 5, dropout: Double = 0,
                                                 inputKernel: InputKernel = .auto, seed: UInt64 = 0) throws -> [String: Double] {
        let (x, labels) = syntheticData(T.self, samples: samples, features: widths[0], classes: widths[widths.count - 1], seed: seed)
        let config = TrainingConfig(learningRate: 0.01, batchSize: batch, dropout: dropout, maxEpochs: epochs,
                                    stopLoss: -.infinity, epochMetric: .minibatch, inputKernel: inputKernel)
        var wall: [Double] = [], cpu: [Double] = []
        var sparse = 0.0
        for r in 0..<repetitions {
            let model = MLP<T>(widths: widths, seed: seed &+ UInt64(r))
            let result = try Trainer<T>(config: config).train(model: model, x: x, labels: labels, seed: seed &+ UInt64(r))
            wall.append(Double(samples * epochs) / result.seconds)
            cpu.append(Double(samples * epochs) / result.cpuSeconds)
            sparse = result.inputKernel == .sparse ? 1 : 0
        }
        return ["samples_per_second": median(wall), "samples_per_second_best": wall.max()!,
                "cpu_samples_per_second": median(cpu), "cpu_samples_per_second_best": cpu.max()!,
                "step_microseconds": 1e6 * Double(batch) / median(wall),
                "cpu_step_microseconds": 1e6 * Double(batch) / median(cpu),
                "batch": Double(batch), "samples": Double(samples), "epochs": Double(epochs),
                "repetitions": Double(repetitions), "sparse_input_kernel": sparse,
                "flops_per_step": Double(stepFlops(widths: widths, batch: batch)),
                "threads": Double(BLASConfiguration.threads)]
    }

    /// Floating-point operations of one training step's dense products at full batch
    /// (forward, weight gradients, input gradients except layer 0's).
    public static func stepFlops(widths: [Int], batch: Int) -> Int {
        var f = 0
        for l in 0..<(widths.count - 1) { f += 2 * batch * widths[l] * widths[l + 1] * (l > 0 ? 3 : 2) }
        return f
    }

    /// GFLOP/s of exactly the GEMM calls of one dense training step (same shapes, transposes and
    /// layout as the trainer), on preallocated operands; median over `repetitions`.
    public static func gemmRate<T: BLASScalar>(_ type: T.Type = T.self, widths: [Int], batch: Int,
                                               repetitions: Int = 5, seed: UInt64 = 0) -> [String: Double] {
        var g = SeededGenerator(seed: seed).derive("benchmark-gemm")
        let L = widths.count - 1
        func filled(_ n: Int) -> [T] { (0..<n).map { _ in T(g.nextDouble()) } }
        var inputs = (0..<L).map { filled(batch * widths[$0]) }
        var weights = (0..<L).map { filled(widths[$0] * widths[$0 + 1]) }   // W^T [N_l, N_{l+1}]
        var outs = (0..<L).map { [T](repeating: 0, count: batch * widths[$0 + 1]) }
        var grads = (0..<L).map { [T](repeating: 0, count: widths[$0] * widths[$0 + 1]) }
        var dins = (0..<L).map { [T](repeating: 0, count: batch * widths[$0]) }
        let flops = stepFlops(widths: widths, batch: batch)
        let iterations = Swift.max(10, Int(2e9 / Double(flops)))
        var rates: [Double] = [], cpuRates: [Double] = []
        for _ in 0..<repetitions {
            let t0 = now(), c0 = threadCPUSeconds()
            for _ in 0..<iterations {
                for l in 0..<L {
                    T.gemm(transA: false, transB: false, m: batch, n: widths[l + 1], k: widths[l], alpha: 1,
                           a: inputs[l], lda: widths[l], b: weights[l], ldb: widths[l + 1], beta: 0,
                           c: &outs[l], ldc: widths[l + 1])
                }
                for l in stride(from: L - 1, through: 0, by: -1) {
                    T.gemm(transA: true, transB: false, m: widths[l], n: widths[l + 1], k: batch, alpha: 1,
                           a: inputs[l], lda: widths[l], b: outs[l], ldb: widths[l + 1], beta: 0,
                           c: &grads[l], ldc: widths[l + 1])
                    if l > 0 {
                        T.gemm(transA: false, transB: true, m: batch, n: widths[l], k: widths[l + 1], alpha: 1,
                               a: outs[l], lda: widths[l + 1], b: weights[l], ldb: widths[l + 1], beta: 0,
                               c: &dins[l], ldc: widths[l])
                    }
                }
            }
            let dt = now() - t0, dc = threadCPUSeconds() - c0
            rates.append(Double(flops) * Double(iterations) / dt / 1e9)
            cpuRates.append(Double(flops) * Double(iterations) / dc / 1e9)
        }
        withExtendedLifetime((inputs, weights)) {}
        inputs.removeAll(); weights.removeAll()
        return ["gflops": median(rates), "gflops_best": rates.max()!, "cpu_gflops": median(cpuRates),
                "cpu_gflops_best": cpuRates.max()!, "flops_per_step": Double(flops), "iterations": Double(iterations),
                "threads": Double(BLASConfiguration.threads)]
    }

    /// One training run to the stopping rule on given data (e.g. the paper's 4,000 MNIST samples),
    /// with the evaluation pass after every epoch; the model from `MLP(widths:seed:)`.
    public static func trainingRun<T: BLASScalar>(x: Matrix<T>, labels: [Int], widths: [Int],
                                                  config: TrainingConfig = .paper, seed: UInt64 = 0) throws -> [String: Double] {
        let model = MLP<T>(widths: widths, seed: seed)
        let r = try Trainer<T>(config: config).train(model: model, x: x, labels: labels, seed: seed)
        return ["epochs": Double(r.epochs), "seconds": r.seconds, "seconds_per_epoch": r.seconds / Double(Swift.max(1, r.epochs)),
                "cpu_seconds": r.cpuSeconds, "cpu_seconds_per_epoch": r.cpuSeconds / Double(Swift.max(1, r.epochs)),
                "converged": r.converged ? 1 : 0, "final_loss": r.trainLoss.last ?? .nan,
                "final_accuracy": r.trainAccuracy.last ?? .nan, "sparse_input_kernel": r.inputKernel == .sparse ? 1 : 0,
                "samples": Double(x.rows), "threads": Double(BLASConfiguration.threads)]
    }

    /// The standard set: 784-30-30-10 at batch 25 and 784-512-512-10 at batch 128 (throughput, and
    /// the wide net's GEMM rate), Float32, one BLAS thread. Keys are prefixed `small_` / `wide_`;
    /// `wide_fraction_of_gemm` is the trainer's effective FLOP rate over the GEMM-only rate.
    public static func run(repetitions: Int = 5, inputKernel: InputKernel = .auto) throws -> [String: Double] {
        BLASConfiguration.setThreads(1)
        var out: [String: Double] = [:]
        let small = try throughput(Float.self, widths: [784, 30, 30, 10], batch: 25, epochs: 3,
                                   repetitions: repetitions, inputKernel: inputKernel)
        for (k, v) in small { out["small_" + k] = v }
        let wide = try throughput(Float.self, widths: [784, 512, 512, 10], batch: 128, epochs: 1,
                                  repetitions: Swift.max(3, repetitions / 2), inputKernel: inputKernel)
        for (k, v) in wide { out["wide_" + k] = v }
        let gemm = gemmRate(Float.self, widths: [784, 512, 512, 10], batch: 128, repetitions: repetitions)
        for (k, v) in gemm { out["wide_gemm_" + k] = v }
        let effective = wide["flops_per_step"]! * wide["samples_per_second"]! / 128 / 1e9
        out["wide_effective_gflops"] = effective
        out["wide_fraction_of_gemm"] = effective / gemm["gflops"]!
        let cpuEffective = wide["flops_per_step"]! * wide["cpu_samples_per_second"]! / 128 / 1e9
        out["wide_cpu_effective_gflops"] = cpuEffective
        out["wide_cpu_fraction_of_gemm"] = cpuEffective / gemm["cpu_gflops"]!
        for (k, v) in try learners(repetitions: repetitions) { out["learners_" + k] = v }
        return out
    }

    /// Several learners' epoch cost at one total batch: SGD with batch n b (what SSGD computes, in one
    /// GEMM per layer), SSGD with n learners of b and ring DPSGD with n learners of b, on synthetic
    /// MNIST-like data, 784-50-50-10, the multi-learner experiment's shape (5,120 samples, n = 16,
    /// b = 32). Every arm trains `epochs` epochs with the per-epoch evaluation pass; the three arms
    /// alternate within each repetition (same machine load); CPU seconds per epoch, medians.
    public static func learners(repetitions: Int = 5, widths: [Int] = [784, 50, 50, 10], samples: Int = 5120,
                                learners n: Int = 16, batch b: Int = 32, epochs: Int = 3) throws -> [String: Double] {
        let (x, labels) = syntheticData(Float.self, samples: samples, features: widths[0], classes: widths.last!, seed: 5)
        let arms: [(String, TrainingConfig)] = [
            ("sgd", TrainingConfig(learningRate: 0.01, batchSize: n * b, maxEpochs: epochs, stopLoss: -.infinity)),
            ("ssgd", TrainingConfig(learningRate: 0.01, batchSize: b, maxEpochs: epochs, stopLoss: -.infinity,
                                    algorithm: .ssgd, learners: n)),
            ("dpsgd", TrainingConfig(learningRate: 0.01, batchSize: b, maxEpochs: epochs, stopLoss: -.infinity,
                                     algorithm: .dpsgd, learners: n, topology: .ring)),
        ]
        var cpu: [String: [Double]] = [:]
        for r in 0..<repetitions {
            for (name, config) in arms {
                let model = MLP<Float>(widths: widths, seed: UInt64(r))
                let result = try Trainer<Float>(config: config).train(model: model, x: x, labels: labels, seed: UInt64(r))
                cpu[name, default: []].append(result.cpuSeconds / Double(epochs))
            }
        }
        var out: [String: Double] = ["learners": Double(n), "batch": Double(b), "samples": Double(samples),
                                     "epochs": Double(epochs), "repetitions": Double(repetitions)]
        for (name, values) in cpu { out["\(name)_cpu_seconds_per_epoch"] = median(values) }
        out["dpsgd_over_ssgd"] = out["dpsgd_cpu_seconds_per_epoch"]! / out["ssgd_cpu_seconds_per_epoch"]!
        out["dpsgd_over_sgd"] = out["dpsgd_cpu_seconds_per_epoch"]! / out["sgd_cpu_seconds_per_epoch"]!
        out["ssgd_over_sgd"] = out["ssgd_cpu_seconds_per_epoch"]! / out["sgd_cpu_seconds_per_epoch"]!
        return out
    }

    static func median(_ v: [Double]) -> Double {
        let s = v.sorted()
        guard !s.isEmpty else { return .nan }
        return s.count % 2 == 1 ? s[s.count / 2] : (s[s.count / 2 - 1] + s[s.count / 2]) / 2
    }

    static func now() -> Double {
        var ts = timespec()
        clock_gettime(CLOCK_MONOTONIC, &ts)
        return Double(ts.tv_sec) + Double(ts.tv_nsec) * 1e-9
    }
}
