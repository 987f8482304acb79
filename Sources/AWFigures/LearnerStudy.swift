import AWArchive
import AWCore

/// The multi-learner study (PAPER.md section 9, docs/LEARNERS.md) as values, from archives only:
/// the runs grouped by arm (`LearnerArm`) and by seed, and the paired comparisons the report and
/// the figures are made of. Pairs are runs of two arms with the same seed (same initialisation
/// and data order); only pairs where both runs met the stop rule enter a difference.
public struct LearnerStudy: Sendable {
    /// Runs by arm and seed (diverged runs included; they never enter a difference).
    public var arms: [LearnerArm: [UInt64: RunRecord]]
    /// The datasets of the runs (one, normally).
    public var datasets: [DatasetName]

    /// The study of `records`, refused (`AWError(.invalidInput)`, exit 2 in the CLI) when they hold
    /// no run with several learners, more than one dataset, or two runs of one arm with one seed that
    /// differ in a setting the arm does not name (they would stand in for each other in a pair).
    public static func validated(records: [RunRecord]) throws -> LearnerStudy {
        let study = LearnerStudy(records: records)
        let manifests = Array(Set(records.map(\.manifest))).sorted().joined(separator: ", ")
        guard study.arms.keys.contains(where: { $0.algorithm != .sgd }) else {
            throw AWError(.invalidInput, "learners: no run of \(manifests) has several learners (training.algorithm ssgd or dpsgd); "
                          + "give the learners-* manifests, e.g. learners-mnist-lr learners-mnist-count learners-mnist-controls")
        }
        guard study.datasets.count == 1 else {
            throw AWError(.invalidInput, "learners: the runs of \(manifests) are on \(study.datasets.map(\.rawValue).joined(separator: " and ")); "
                          + "one dataset per report (e.g. the learners-mnist-* manifests, then the learners-fmnist-* ones)")
        }
        var seen: [String: RunRecord] = [:]
        for r in records {
            guard let arm = LearnerArm(r) else { continue }
            let key = "\(arm.description) seed \(r.seed)"
            if let other = seen[key], other.runID != r.runID {
                throw AWError(.invalidInput, "learners: runs \(other.runID) (\(other.manifest)) and \(r.runID) (\(r.manifest)) are both "
                              + "\(arm) with seed \(r.seed) but differ in another setting; one report compares one protocol")
            }
            seen[key] = r
        }
        return study
    }

    public init(records: [RunRecord]) {
        var arms: [LearnerArm: [UInt64: RunRecord]] = [:]
        for r in records {
            guard let arm = LearnerArm(r) else { continue }
            arms[arm, default: [:]][r.seed] = r
        }
        self.arms = arms
        datasets = Array(Set(records.map(\.data.dataset))).sorted { $0.rawValue < $1.rawValue }
    }

    /// The runs of an arm in seed order.
    public func runs(_ arm: LearnerArm) -> [RunRecord] {
        (arms[arm] ?? [:]).sorted { $0.key < $1.key }.map(\.value)
    }

    /// Runs of the arm that met the stop rule, and all runs of it.
    public func convergence(_ arm: LearnerArm) -> (converged: Int, runs: Int) {
        let r = runs(arm)
        return (r.filter(\.metStopRule).count, r.count)
    }

    /// "4/5".
    public func convergenceText(_ arm: LearnerArm) -> String {
        let c = convergence(arm)
        return "\(c.converged)/\(c.runs)"
    }

    /// At least half of the arm's seeds met the stop rule (`RunRecord.isComparablePoint`).
    public func isComparable(_ arm: LearnerArm) -> Bool {
        let c = convergence(arm)
        return c.runs > 0 && RunRecord.isComparablePoint(converged: c.converged, of: c.runs)
    }

    /// `q` of `treatment` minus `q` of `reference`, per seed where both runs met the stop rule.
    public func paired(_ q: RunQuantity, _ treatment: LearnerArm, _ reference: LearnerArm) -> PairedDifference {
        var t: [Double] = [], r: [Double] = []
        let a = arms[treatment] ?? [:], b = arms[reference] ?? [:]
        for seed in b.keys.sorted() {
            guard let x = a[seed], let y = b[seed], x.metStopRule, y.metStopRule,
                  let vx = q.value(of: x), let vy = q.value(of: y) else { continue }
            t.append(vx); r.append(vy)
        }
        return PairedDifference(treatment: t, reference: r)
    }

    /// Mean and spread of `q` over the arm's runs that met the stop rule (all non-diverged runs
    /// when `convergedOnly` is false).
    public func statistics(_ q: RunQuantity, _ arm: LearnerArm, convergedOnly: Bool = true) -> SummaryStatistics {
        SummaryStatistics(runs(arm).filter { !$0.isDiverged && (!convergedOnly || $0.metStopRule) }.compactMap { q.value(of: $0) })
    }

    // MARK: - The arms of the comparisons

    /// SSGD without noise, by (total batch, learning rate).
    public var ssgdArms: [LearnerArm] {
        arms.keys.filter { $0.algorithm == .ssgd && $0.learnerNoise == 0 }.sorted()
    }

    /// The SSGD arm a multi-learner arm is compared with: SSGD without noise, same total batch and learning rate.
    public func reference(for arm: LearnerArm) -> LearnerArm? {
        ssgdArms.filter { $0.totalBatch == arm.totalBatch && $0.learningRate == arm.learningRate }
            .max { $0.learners < $1.learners }
    }

    /// The learning-rate comparison: (SSGD, ring DPSGD with the same learners and batch) at every
    /// learning rate where both exist, ascending.
    public var learningRatePairs: [(ssgd: LearnerArm, dpsgd: LearnerArm)] {
        ssgdArms.compactMap { s in
            let d = LearnerArm(algorithm: .dpsgd, topology: .ring, learners: s.learners, batchSize: s.batchSize,
                               learningRate: s.learningRate)
            return arms[d] == nil ? nil : (s, d)
        }.sorted { $0.ssgd.learningRate < $1.ssgd.learningRate }
    }

    /// Ring DPSGD arms at one learning rate and total batch, by learner count (the learners sweep).
    public func learnerCountArms(learningRate: Double, totalBatch: Int) -> [LearnerArm] {
        arms.keys.filter { $0.algorithm == .dpsgd && $0.topology == .ring && $0.learnerNoise == 0
            && $0.learningRate == learningRate && $0.totalBatch == totalBatch }.sorted { $0.learners < $1.learners }
    }

    /// SSGD with the noise control, ascending noise.
    public var noiseArms: [LearnerArm] {
        arms.keys.filter { $0.algorithm == .ssgd && $0.learnerNoise > 0 }.sorted { ($0.learningRate, $0.learnerNoise) < ($1.learningRate, $1.learnerNoise) }
    }

    /// Complete-graph DPSGD arms.
    public var completeArms: [LearnerArm] { arms.keys.filter { $0.algorithm == .dpsgd && $0.topology == .complete }.sorted() }

    /// Single-learner SGD arms (the small-batch reference).
    public var sgdArms: [LearnerArm] { arms.keys.filter { $0.algorithm == .sgd }.sorted() }

    /// Of an arm's seeds, how many have a reference run with the same seed whose weights are identical
    /// (every layer equal in every value) and how many pairs there are.
    public func identicalWeights(_ arm: LearnerArm, _ reference: LearnerArm) -> (identical: Int, pairs: Int) {
        let a = arms[arm] ?? [:], b = arms[reference] ?? [:]
        var same = 0, pairs = 0
        for (seed, x) in a where !x.isDiverged {
            guard let y = b[seed], !y.isDiverged else { continue }
            pairs += 1
            if x.model.layers == y.model.layers && x.training.trainLoss == y.training.trainLoss { same += 1 }
        }
        return (same, pairs)
    }

    /// Each arm's best learning rate among the comparable points of `candidates` (lowest mean test
    /// loss over its converged runs).
    public func best(of candidates: [LearnerArm]) -> LearnerArm? {
        candidates.filter { isComparable($0) }.min {
            statistics(.testLoss, $0).mean < statistics(.testLoss, $1).mean
        }
    }

    /// The mean consensus distance per epoch over the arm's non-diverged runs (epochs where at
    /// least one run trained), with the sample std and the number of runs at each epoch.
    public func consensusHistory(_ arm: LearnerArm) -> (mean: [Double], spread: [Double], runs: [Int]) {
        let histories = runs(arm).filter { !$0.isDiverged }.map(\.training.consensusDistance).filter { !$0.isEmpty }
        let length = histories.map(\.count).max() ?? 0
        var mean: [Double] = [], spread: [Double] = [], counts: [Int] = []
        for e in 0..<length {
            let s = SummaryStatistics(histories.compactMap { e < $0.count ? $0[e] : nil })
            mean.append(s.mean); spread.append(s.standardDeviation); counts.append(s.count)
        }
        return (mean, spread, counts)
    }
}
