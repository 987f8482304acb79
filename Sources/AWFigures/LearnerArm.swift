import AWArchive
import AWCore
import AWManifest

/// One training procedure of the multi-learner study (docs/LEARNERS.md): everything about a run
/// except its seed and the dataset. Runs of one arm with the same seed are the same run.
public struct LearnerArm: Sendable, Hashable, Comparable, CustomStringConvertible {
    public var algorithm: TrainingAlgorithm
    public var topology: LearnerTopology
    public var learners: Int
    /// Per learner.
    public var batchSize: Int
    public var learningRate: Double
    public var learnerNoise: Double

    public init(algorithm: TrainingAlgorithm, topology: LearnerTopology = .ring, learners: Int, batchSize: Int,
                learningRate: Double, learnerNoise: Double = 0) {
        self.algorithm = algorithm; self.topology = topology; self.learners = learners; self.batchSize = batchSize
        self.learningRate = learningRate; self.learnerNoise = learnerNoise
    }

    /// The arm of a run, from its archived configuration (nil when that does not decode).
    public init?(_ record: RunRecord) {
        guard let c = record.configuration else { return nil }
        let t = c.training
        self.init(algorithm: t.algorithm, topology: t.topology, learners: t.learners, batchSize: t.batchSize,
                  learningRate: t.learningRate, learnerNoise: t.learnerNoise)
    }

    public var totalBatch: Int { learners * batchSize }

    /// e.g. "ring DPSGD 16×32, η = 0.4", "SSGD 16×32 + noise E|ξ|² = 0.05, η = 0.4", "SGD B = 32, η = 0.1".
    public var description: String { "\(procedure), η = \(NumberFormat.compact(learningRate))" }

    /// The arm without its learning rate.
    public var procedure: String {
        switch algorithm {
        case .sgd: return "SGD B = \(batchSize)"
        case .ssgd:
            let noise = learnerNoise > 0 ? " + noise E|ξ|² = \(NumberFormat.compact(learnerNoise))" : ""
            return "SSGD \(learners)×\(batchSize)\(noise)"
        case .dpsgd: return "\(topology.rawValue) DPSGD \(learners)×\(batchSize)"
        }
    }

    public static func < (a: LearnerArm, b: LearnerArm) -> Bool {
        (a.algorithm.rawValue, a.topology.rawValue, a.learners, a.learnerNoise, a.learningRate)
            < (b.algorithm.rawValue, b.topology.rawValue, b.learners, b.learnerNoise, b.learningRate)
    }
}

extension RunRecord {
    /// The run's configuration decoded from its canonical JSON (nil when it does not decode).
    public var configuration: RunConfiguration? {
        try? RunConfiguration(canonicalJSON: config)
    }
}
