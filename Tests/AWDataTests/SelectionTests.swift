import AWCore
import AWData
import AWTestSupport
import Testing

@Suite("Training subset")
struct TrainingSubsetTests {
    @Test("balanced: exactly n per class, distinct indices, labels match the official split", arguments: [400, 800, 3200])
    func balanced(perClass: Int) throws {
        let train = try RealData.mnistTrain()
        var rng = SeededGenerator(seed: 1).derive("subset")
        let subset = try TrainingSubset.select(labels: train.labels, perClass: perClass, generator: &rng)
        #expect(subset.count == 10 * perClass)
        #expect(Set(subset.indices).count == subset.count)
        #expect(subset.indices.allSatisfy { (0..<60000).contains($0) })
        #expect(Dataset.classCounts(subset.indices.map { train.labels[$0] }) == [Int](repeating: perClass, count: 10))
        // Training order is the shuffle's order, not sorted.
        #expect(subset.indices != subset.indices.sorted())
    }

    @Test("the selected dataset keeps rows, labels and official indices together")
    func selectedRows() throws {
        let train = try RealData.mnistTrain()
        let selected = try DataSelection(perClass: 50).trainingSet(from: train, run: SeededGenerator(seed: 3))
        #expect(selected.count == 500)
        #expect(selected.classCounts == [Int](repeating: 50, count: 10))
        for r in [0, 1, 250, 499] {
            let i = selected.sourceIndices[r]
            #expect(selected.labels[r] == train.labels[i])
            #expect(selected.images.row(r) == train.images.row(i))
        }
        #expect(selected.cleanMask.allSatisfy { $0 })
    }

    @Test("authors' option: the first N of a seeded shuffle, unbalanced")
    func shuffledPrefix() throws {
        let train = try RealData.mnistTrain()
        var rng = SeededGenerator(seed: 1).derive("subset")
        let subset = try TrainingSubset.select(labels: train.labels, perClass: 400, scheme: .firstNShuffled, generator: &rng)
        #expect(subset.count == 4000)
        var again = SeededGenerator(seed: 1).derive("subset")
        #expect(subset.indices == Array(again.permutation(60000).prefix(4000)))
        let counts = Dataset.classCounts(subset.indices.map { train.labels[$0] })
        #expect(counts.reduce(0, +) == 4000)
        #expect(counts != [Int](repeating: 400, count: 10))
        // Binomial(4000, ~0.1): sd about 19; the paper reports 344-459 per class.
        #expect(counts.allSatisfy { (300...500).contains($0) }, "\(counts)")
    }

    @Test("reproducible with the same seed, different with another seed")
    func reproducibility() throws {
        let labels = try RealData.mnistTrain().labels
        func pick(_ seed: UInt64, _ scheme: TrainingSubset.Scheme) throws -> [Int] {
            var g = SeededGenerator(seed: seed).derive("subset")
            return try TrainingSubset.select(labels: labels, perClass: 400, scheme: scheme, generator: &g).indices
        }
        for scheme in TrainingSubset.Scheme.allCases {
            let a = try pick(10, scheme), b = try pick(10, scheme), c = try pick(11, scheme)
            #expect(a == b)
            #expect(a != c)
            // Two seeds share about 4000 * 4000 / 60000 = 267 images (hypergeometric), far from all.
            let shared = Set(a).intersection(c).count
            #expect(shared > 150 && shared < 400, "\(scheme): \(shared) shared")
        }
    }

    @Test("too many per class: a clear error")
    func tooMany() throws {
        let labels = try RealData.mnistTrain().labels
        var g = SeededGenerator(seed: 1)
        let error = #expect(throws: AWError.self) { try TrainingSubset.select(labels: labels, perClass: 6000, generator: &g, datasetName: "mnist train") }
        let message = error?.message ?? ""
        #expect(message.contains("6000 images per class requested but class 5 of mnist train has only 5421"), "\(message)")
        #expect(message.contains("at most 5421 per class"))
        // Under label noise the enlarged set must fit too: 4500 / (1 - 0.2) = 5625 per class.
        let e2 = #expect(throws: AWError.self) { try TrainingSubset.select(labels: labels, perClass: 4500, labelNoise: 0.2, generator: &g) }
        #expect(e2?.message.contains("5625 images per class requested but class 5") == true)
        let e3 = #expect(throws: AWError.self) { try TrainingSubset.select(labels: labels, perClass: 5000, labelNoise: 0.2, generator: &g) }
        #expect(e3?.message.contains("62500 images requested but the training split has 60000") == true)
        #expect(throws: AWError.self) { try TrainingSubset.select(labels: labels, perClass: 0, generator: &g) }
        #expect(throws: AWError.self) { try TrainingSubset.select(labels: labels, perClass: 7000, scheme: .firstNShuffled, generator: &g) }
    }

    @Test("small synthetic split: balanced walk takes the first of each class in shuffle order")
    func walkOrder() throws {
        let labels = (0..<100).map { $0 % 10 }
        var g1 = SeededGenerator(seed: 4), g2 = SeededGenerator(seed: 4)
        let subset = try TrainingSubset.select(labels: labels, total: 30, scheme: .balanced, generator: &g1)
        let order = g2.permutation(100)
        var taken = [Int](repeating: 0, count: 10), expected: [Int] = []
        for i in order where taken[labels[i]] < 3 { taken[labels[i]] += 1; expected.append(i) }
        #expect(subset.indices == expected)
        // A total not divisible by 10: counts differ by at most one.
        var g3 = SeededGenerator(seed: 4)
        let uneven = try TrainingSubset.select(labels: labels, total: 34, scheme: .balanced, generator: &g3)
        let counts = Dataset.classCounts(uneven.indices.map { labels[$0] })
        #expect(counts.reduce(0, +) == 34 && counts.min() == 3 && counts.max() == 4)
        #expect(counts.filter { $0 == 4 }.count == 4)
    }
}

@Suite("Label noise")
struct LabelNoiseTests {
    @Test("enlargement and corrupted counts follow round(N/(1-rho)) and round(rho*total)")
    func counts() throws {
        for (rho, total, corrupted) in [(0.0, 4000, 0), (0.091, 4400, 400), (0.13, 4598, 598), (0.167, 4802, 802), (0.2, 5000, 1000)] {
            let noise = try LabelNoise(rho: rho)
            #expect(noise.enlargedCount(clean: 4000) == total)
            #expect(noise.corruptedCount(total: total) == corrupted)
        }
        for bad in [-0.1, 1.0, 1.5, Double.nan] {
            #expect(throws: AWError.self) { try LabelNoise(rho: bad) }
        }
    }

    @Test("statistics: the last rho fraction is corrupted, never to its original label; the clean mask agrees",
          arguments: [0.091, 0.13, 0.167, 0.2])
    func statistics(rho: Double) throws {
        let train = try RealData.mnistTrain()
        let selection = DataSelection(perClass: 400, labelNoise: rho)
        let set = try selection.trainingSet(from: train, run: SeededGenerator(seed: 42))
        let noise = try LabelNoise(rho: rho)
        let total = noise.enlargedCount(clean: 4000)
        let k = noise.corruptedCount(total: total)
        #expect(set.count == total)
        #expect(set.classCounts.reduce(0, +) == total)
        #expect(Dataset.classCounts(set.originalLabels).allSatisfy { abs($0 - total / 10) <= 1 })
        // Exactly the last k labels differ from the originals.
        let changed = (0..<total).filter { set.labels[$0] != set.originalLabels[$0] }
        #expect(changed == Array((total - k)..<total))
        #expect(abs(Double(changed.count) / Double(total) - rho) < 0.001)
        #expect(set.cleanMask == (0..<total).map { $0 < total - k })
        #expect(set.cleanCount == total - k)
        #expect(abs(set.cleanCount - 4000) <= 1)
        // Original labels are the official ones.
        #expect((0..<total).allSatisfy { set.originalLabels[$0] == train.labels[set.sourceIndices[$0]] })
        // A permutation among themselves (plus ~10% shifted) keeps the block's class histogram close.
        let before = Dataset.classCounts(Array(set.originalLabels.suffix(k)))
        let after = Dataset.classCounts(Array(set.labels.suffix(k)))
        let l1 = zip(before, after).map { abs($0 - $1) }.reduce(0, +)
        #expect(l1 < k / 2, "histogram moved by \(l1) of \(k)")
        // The corrupted labels are spread over all classes, and clean rows are clean.
        #expect(after.allSatisfy { $0 > 0 })
        let clean = try set.cleanRows()
        #expect(clean.count == total - k && clean.labels == clean.originalLabels)
    }

    @Test("balanced selection under label noise: every class loses the same fraction in expectation")
    func noiseIsClassUniform() throws {
        // The balanced walk fills common classes first; without the extra shuffle the corrupted tail
        // was mostly rare classes (MNIST rho = 0.2: clean means of 358 for digit 5 against 455 for digit 1).
        let train = try RealData.mnistTrain()
        let selection = DataSelection(perClass: 400, labelNoise: 0.2)
        var clean = [Double](repeating: 0, count: 10)
        let seeds = 12
        for seed in 0..<UInt64(seeds) {
            let set = try selection.trainingSet(from: train, run: SeededGenerator(seed: seed))
            let counts = Dataset.classCounts((0..<set.count).filter { set.cleanMask[$0] }.map { set.originalLabels[$0] })
            for c in 0..<10 { clean[c] += Double(counts[c]) / Double(seeds) }
        }
        // Expected 400 per class; the spread of a 12-seed mean is about 3, the old bias about 100.
        #expect(clean.allSatisfy { abs($0 - 400) < 20 }, "mean clean count per class \(clean)")
        #expect(clean.max()! - clean.min()! < 30, "mean clean count per class \(clean)")
    }

    @Test("reproducible with the same seed, different with another")
    func reproducible() throws {
        var labels: [Int] = []
        var g = SeededGenerator(seed: 9)
        for _ in 0..<5000 { labels.append(g.nextInt(below: 10)) }
        let noise = try LabelNoise(rho: 0.2)
        var a = SeededGenerator(seed: 1).derive("label-noise"), b = SeededGenerator(seed: 1).derive("label-noise")
        var c = SeededGenerator(seed: 2).derive("label-noise")
        let na = noise.apply(to: labels, generator: &a)
        #expect(na == noise.apply(to: labels, generator: &b))
        #expect(na != noise.apply(to: labels, generator: &c))
        #expect(Array(na.prefix(4000)) == Array(labels.prefix(4000)))
    }

    @Test("a single corrupted label and labels all in one class still change")
    func edgeCases() throws {
        var g = SeededGenerator(seed: 5)
        // 10 samples, rho 0.1: one label corrupted; its permutation is itself, so it is shifted.
        let one = try LabelNoise(rho: 0.1).apply(to: Array(repeating: 3, count: 10), generator: &g)
        #expect(Array(one.prefix(9)) == Array(repeating: 3, count: 9) && one[9] != 3 && (0..<10).contains(one[9]))
        // All corrupted labels in one class: every one is shifted to another class.
        let same = try LabelNoise(rho: 0.5).apply(to: Array(repeating: 7, count: 200), generator: &g)
        #expect(same.suffix(100).allSatisfy { $0 != 7 && (0..<10).contains($0) })
        let shifted = Dataset.classCounts(Array(same.suffix(100)))
        #expect(shifted[7] == 0 && shifted.filter { $0 > 0 }.count == 9)
        // rho = 0 changes nothing.
        #expect(try LabelNoise(rho: 0).apply(to: [1, 2, 3], generator: &g) == [1, 2, 3])
    }
}

@Suite("Data selection")
struct DataSelectionTests {
    @Test("test set: the first M official test images")
    func testSet() throws {
        let test = try RealData.mnistTest()
        let first = try DataSelection().testSet(from: test)
        #expect(first.count == 1000)
        #expect(first.sourceIndices == Array(0..<1000))
        #expect(Array(first.labels.prefix(10)) == [7, 2, 1, 0, 4, 1, 4, 9, 5, 9])
        #expect(first.images.row(999) == test.images.row(999))
        let e = #expect(throws: AWError.self) { try DataSelection(testCount: 20000).testSet(from: test) }
        #expect(e?.message == "mnist test: cannot take the first 20000 images: allowed 1...10000")
    }

    @Test("defaults follow PAPER.md section 6")
    func defaults() throws {
        let s = DataSelection()
        #expect(s.perClass == 400 && s.scheme == .balanced && s.labelNoise == 0 && s.testCount == 1000)
        #expect(throws: AWError.self) { try DataSelection(labelNoise: 1).validate() }
        #expect(throws: AWError.self) { try DataSelection(perClass: -1).validate() }
        #expect(throws: AWError.self) { try DataSelection(testCount: 0).validate() }
    }

    @Test("the run seed's derived streams drive subset and noise")
    func derivedStreams() throws {
        let train = try RealData.mnistTrain()
        let run = SeededGenerator(seed: 77)
        let s = DataSelection(perClass: 100, labelNoise: 0.2)
        let a = try s.trainingSet(from: train, run: run)
        let b = try s.trainingSet(from: train, subsetGenerator: run.derive("subset"), noiseGenerator: run.derive("label-noise"))
        #expect(a == b)
        let c = try s.trainingSet(from: train, subsetGenerator: run.derive("subset"), noiseGenerator: run.derive("other"))
        #expect(c.sourceIndices == a.sourceIndices && c.labels != a.labels)
    }
}
