import AWCore
import Foundation

// What a run will need before it starts: an estimate of its peak memory, term by term, each
// charged to the setting that drives it, so validation can refuse a run the machine cannot hold
// (exit 2, naming the setting, the estimate and the limit) instead of failing hours in. All
// arithmetic is in Double: hostile widths give a huge estimate, never an overflow.

extension RunConfiguration {
    /// One term of the estimate: what it is, the setting that drives it, and its bytes.
    public struct MemoryTerm: Sendable, Equatable {
        public let what: String
        public let keyPath: String
        public let bytes: Double
    }

    /// The terms of the peak-memory estimate (upper estimates of the large arrays a run holds:
    /// data, the network and its optimizer state, activations of full-set evaluations, and the
    /// analysis's dual weights, Hessian or Krylov bases).
    public var memoryTerms: [MemoryTerm] {
        let sizes = layerSizes.map(Double.init)
        let element = model.dtype == .float32 ? 4.0 : 8.0
        let parameters = zip(sizes, sizes.dropFirst()).reduce(0) { $0 + $1.0 * $1.1 }
            + (model.bias ? sizes.dropFirst().reduce(0, +) : 0)
        let widths = sizes.reduce(0, +)
        let train = Double(dataset.trainingSetSize), test = Double(dataset.testCount)
        var terms = [
            MemoryTerm(what: "both official splits and the selected images", keyPath: "dataset.train_per_class",
                       bytes: 70_000 * 785 + (train + test) * 785 * element),
            MemoryTerm(what: "weights, gradients, momentum and a copy", keyPath: "model.hidden", bytes: 4 * parameters * element),
            MemoryTerm(what: "activations of a full-set evaluation", keyPath: "model.hidden",
                       bytes: 2 * max(train, test) * widths * element),
        ]
        guard analysis.enabled, let shape = analysedLayerShape else { return terms }
        let p = Double(shape.rows) * Double(shape.cols)
        terms.append(MemoryTerm(what: "dual weights of every test sample (test_count x layer weights, float64)",
                                keyPath: "model.hidden", bytes: 2 * test * p * 8))
        terms.append(MemoryTerm(what: "float64 activations of the analysed samples", keyPath: "model.hidden",
                                bytes: 4 * (train + test) * widths * 8))
        if p <= Double(analysis.denseThreshold) {
            terms.append(MemoryTerm(what: "dense Hessian, eigenvectors and LAPACK workspace (3 x P^2 float64)",
                                    keyPath: "analysis.dense_threshold", bytes: 3 * p * p * 8))
        } else {
            let k = Double(analysis.lanczosK)
            let subspace = min(p, max(3 * k + 20, 2 * k + 60))
            terms.append(MemoryTerm(what: "Lanczos basis ((subspace + 1) x P float64)", keyPath: "analysis.lanczos_k",
                                    bytes: (subspace + 1) * p * 8 + subspace * subspace * 8))
            terms.append(MemoryTerm(what: "SLQ Krylov basis (slq_steps x P float64)", keyPath: "analysis.slq_steps",
                                    bytes: (Double(analysis.slqSteps) + 1) * p * 8))
        }
        return terms
    }

    /// An upper estimate of this run's archive size in bytes (docs/ARCHIVE.md's datasets, before
    /// compression): metadata, the data indices, the weights as float64, the per-epoch history up
    /// to the epoch bound, and the analysis's per-pair, per-direction and density datasets.
    public var archiveBytesEstimate: Double {
        let sizes = layerSizes.map(Double.init)
        let parameters = zip(sizes, sizes.dropFirst()).reduce(0) { $0 + $1.0 * $1.1 }
            + (model.bias ? sizes.dropFirst().reduce(0, +) : 0)
        var bytes = 256 * 1024.0  // attributes, the configuration JSON, HDF5's own structures
        bytes += parameters * 8 + Double(dataset.trainingSetSize) * 17 + Double(dataset.testCount) * 8
        bytes += Double(training.maxEpochs) * 16
        guard analysis.enabled, let shape = analysedLayerShape else { return bytes }
        let p = Double(shape.rows) * Double(shape.cols)
        let dense = p <= Double(analysis.denseThreshold)
        let directions = dense ? p : Double(analysis.lanczosK) + 1
        let density = dense ? p : Double(analysis.slqProbes) * Double(analysis.slqSteps)
        bytes += Double(dataset.testCount) * 7 * 8 + directions * 8 * 8 + density * 2 * 8
        return bytes
    }

    /// The estimated peak memory of one run, in bytes.
    public var memoryEstimate: Double { memoryTerms.reduce(0) { $0 + $1.bytes } }

    /// Memory a run may use: this machine's physical memory, or `AWD_MEMORY_LIMIT` (bytes) when set
    /// to a positive number (any other value is ignored, with `memoryLimitProblem` saying so).
    public static var memoryLimit: Double {
        if let s = ProcessInfo.processInfo.environment["AWD_MEMORY_LIMIT"], let v = Double(s), v.isFinite, v > 0 { return v }
        return Double(ProcessInfo.processInfo.physicalMemory)
    }

    /// Why `AWD_MEMORY_LIMIT` is not usable, when it is set to something other than a positive number of bytes.
    public static var memoryLimitProblem: String? {
        guard let s = ProcessInfo.processInfo.environment["AWD_MEMORY_LIMIT"] else { return nil }
        if let v = Double(s), v.isFinite, v > 0 { return nil }
        return "environment variable AWD_MEMORY_LIMIT = \(s.prefix(40)): must be a positive number of bytes, e.g. 8e9"
    }

    /// The problem when the estimate exceeds `limit`: charged to the setting of the largest term.
    func memoryIssue(limit: Double = RunConfiguration.memoryLimit) -> Issue? {
        let terms = memoryTerms
        let total = terms.reduce(0) { $0 + $1.bytes }
        guard total > limit, let largest = terms.max(by: { $0.bytes < $1.bytes }) else { return nil }
        let shown = ManifestSetting.named(largest.keyPath)?.text(self) ?? ""
        return Issue(keyPath: largest.keyPath, value: shown,
                     allowed: "a run whose estimated memory fits this machine's \(NumberText.bytes(limit))",
                     detail: "the run needs an estimated \(NumberText.bytes(total)), of which \(NumberText.bytes(largest.bytes)) "
                         + "for the \(largest.what); layers \(layerSizes.map(String.init).joined(separator: "-"))",
                     related: ["model.hidden", "analysis.layer"])
    }
}
