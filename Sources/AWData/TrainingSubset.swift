import AWCore

/// Which images of the official training split are trained on (PAPER.md section 6).
///
/// Both schemes walk one seeded permutation of the official split; `indices` are official indices
/// in training order (the order of that walk), so "the last rho fraction" under label noise is
/// well defined.
public struct TrainingSubset: Sendable, Equatable {
    /// The scheme is `AWCore.SelectionScheme` (`dataset.selection`).
    public typealias Scheme = SelectionScheme

    public static let defaultPerClass = 400

    public let scheme: Scheme
    /// Indices into the official training split, in training order.
    public let indices: [Int]

    public var count: Int { indices.count }

    /// Selects `total` images from a split with these labels.
    /// `.balanced` takes `total / 10` per class, and one more for the first `total % 10` classes
    /// to reach a further image in the shuffle (so `total = 10 * perClass` is exactly balanced).
    public static func select(labels: [Int], total: Int, scheme: Scheme, generator: inout SeededGenerator,
                              datasetName: String = "the training split") throws -> TrainingSubset {
        let classCount = Dataset.classCount
        guard total >= 1 else {
            throw AWError(.invalidInput, "training subset: \(total) images requested: must be at least 1")
        }
        guard total <= labels.count else {
            throw AWError(.invalidInput, "training subset: \(total) images requested but \(datasetName) has \(labels.count) (allowed 1...\(labels.count))")
        }
        if let bad = labels.firstIndex(where: { !(0..<classCount).contains($0) }) {
            throw AWError(.data, "training subset: label \(labels[bad]) at index \(bad) of \(datasetName) outside 0...\(classCount - 1)")
        }
        let order = generator.permutation(labels.count)
        switch scheme {
        case .firstNShuffled:
            return TrainingSubset(scheme: scheme, indices: Array(order.prefix(total)))
        case .balanced:
            let base = total / classCount, extras = total % classCount
            let available = Dataset.classCounts(labels)
            let need = base + (extras > 0 ? 1 : 0)
            let short = (0..<classCount).filter { available[$0] < base }
            // With extras, only `extras` classes need base+1: feasible if enough classes have it.
            let roomForExtra = (0..<classCount).filter { available[$0] > base }.count
            if !short.isEmpty || roomForExtra < extras {
                let c = (short.isEmpty ? Array(0..<classCount) : short).min(by: { available[$0] < available[$1] })!
                let maxPerClass = available.min() ?? 0
                throw AWError(.invalidInput, "training subset: \(need) images per class requested but class \(c) of \(datasetName) has only \(available[c]) (class counts \(available); at most \(maxPerClass) per class for an exactly balanced subset)")
            }
            var taken = [Int](repeating: 0, count: classCount)
            var extrasUsed = 0
            var picked: [Int] = []
            picked.reserveCapacity(total)
            for i in order {
                let c = labels[i]
                if taken[c] < base {
                    taken[c] += 1
                } else if taken[c] == base && extrasUsed < extras {
                    taken[c] += 1
                    extrasUsed += 1
                } else {
                    continue
                }
                picked.append(i)
                if picked.count == total { break }
            }
            precondition(picked.count == total, "balanced subset: walk ended early")
            return TrainingSubset(scheme: scheme, indices: picked)
        }
    }

    /// The paper's training set: `perClass` per class (N = 10 * perClass), enlarged to
    /// round(N / (1 - rho)) under label noise rho so that about N labels stay clean.
    public static func select(labels: [Int], perClass: Int = defaultPerClass, scheme: Scheme = .balanced,
                              labelNoise rho: Double = 0, generator: inout SeededGenerator,
                              datasetName: String = "the training split") throws -> TrainingSubset {
        guard perClass >= 1 else {
            throw AWError(.invalidInput, "training subset: \(perClass) images per class requested: must be at least 1")
        }
        let noise = try LabelNoise(rho: rho)
        let total = noise.enlargedCount(clean: perClass * Dataset.classCount)
        let subset = try select(labels: labels, total: total, scheme: scheme, generator: &generator, datasetName: datasetName)
        guard scheme == .balanced && noise.corruptedCount(total: total) > 0 else { return subset }
        // Label noise corrupts the LAST rho fraction of the training order. The balanced walk fills
        // common classes first, so its tail is mostly the rarer classes (MNIST: about 28% of digit 5
        // corrupted against 9% of digit 1 at rho = 0.2). Shuffling the balanced set once more makes
        // the corrupted part a uniform random subset: every class loses the same fraction in expectation.
        var shuffled = subset.indices
        generator.shuffle(&shuffled)
        return TrainingSubset(scheme: scheme, indices: shuffled)
    }
}
