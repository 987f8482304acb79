import AWCore

/// The authors' label-noise scheme (PAPER.md section 6): the training set is enlarged to
/// round(N / (1 - rho)) so that about N labels stay clean, then the last round(rho * total) samples
/// (in training order) are corrupted: their labels are permuted among themselves with a seeded
/// generator, and any label the permutation left unchanged is shifted by a random 1...9 (mod 10).
/// Every corrupted label therefore differs from its original.
public struct LabelNoise: Sendable, Equatable {
    public let rho: Double

    /// - Parameter rho: the noise fraction, 0 <= rho < 1 (the paper sweeps 0, 0.091, 0.13, 0.167, 0.2).
    public init(rho: Double) throws {
        guard rho.isFinite, rho >= 0, rho < 1 else {
            throw AWError(.invalidInput, "label noise rho = \(rho): must be in [0, 1)")
        }
        self.rho = rho
    }

    /// round(n / (1 - rho)): the set size that leaves about n clean labels.
    public func enlargedCount(clean n: Int) -> Int { Int((Double(n) / (1 - rho)).rounded()) }

    /// round(rho * total): how many samples, at the end of the training order, get corrupted.
    public func corruptedCount(total: Int) -> Int { Int((rho * Double(total)).rounded()) }

    /// The corrupted labels (same length as `labels`); positions before `total - corruptedCount` are unchanged.
    public func apply(to labels: [Int], classCount: Int = Dataset.classCount,
                      generator: inout SeededGenerator) -> [Int] {
        precondition(classCount >= 2)
        let k = corruptedCount(total: labels.count)
        guard k > 0 else { return labels }
        let start = labels.count - k
        var out = labels
        var block = Array(labels[start...])
        generator.shuffle(&block)
        for j in 0..<k where block[j] == labels[start + j] {
            block[j] = (block[j] + 1 + generator.nextInt(below: classCount - 1)) % classCount
        }
        out.replaceSubrange(start..., with: block)
        return out
    }

    /// Applies the noise to a dataset's labels; `originalLabels` stay, `cleanMask` is recomputed.
    public func apply(to dataset: Dataset, generator: inout SeededGenerator) throws -> Dataset {
        try dataset.relabeled(apply(to: dataset.labels, generator: &generator))
    }
}
