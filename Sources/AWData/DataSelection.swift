import AWCore

/// The data a run trains and tests on (PAPER.md section 6), as one value a manifest can hold:
/// `perClass` per class from a seeded shuffle of the official training split (exactly balanced, or
/// the authors' unbalanced first-N), label noise `labelNoise`, and the first `testCount` official test images.
public struct DataSelection: Sendable, Equatable, Codable {
    public var perClass: Int
    public var scheme: TrainingSubset.Scheme
    public var labelNoise: Double
    public var testCount: Int

    public static let defaultTestCount = 1000

    public init(perClass: Int = TrainingSubset.defaultPerClass, scheme: TrainingSubset.Scheme = .balanced,
                labelNoise: Double = 0, testCount: Int = DataSelection.defaultTestCount) {
        self.perClass = perClass
        self.scheme = scheme
        self.labelNoise = labelNoise
        self.testCount = testCount
    }

    /// Checks the values alone (the split sizes are checked when selecting).
    public func validate() throws {
        guard perClass >= 1 else {
            throw AWError(.invalidInput, "data selection: \(perClass) images per class: must be at least 1")
        }
        guard testCount >= 1 else {
            throw AWError(.invalidInput, "data selection: \(testCount) test images: must be at least 1")
        }
        _ = try LabelNoise(rho: labelNoise)
    }

    /// The training set: rows in training order, `labels` noisy, `originalLabels` official,
    /// `cleanMask` true where they agree, `sourceIndices` the official indices.
    public func trainingSet(from train: Dataset, subsetGenerator: SeededGenerator,
                            noiseGenerator: SeededGenerator) throws -> Dataset {
        try validate()
        var subsetRNG = subsetGenerator
        var noiseRNG = noiseGenerator
        let subset = try TrainingSubset.select(labels: train.labels, perClass: perClass, scheme: scheme,
                                               labelNoise: labelNoise, generator: &subsetRNG,
                                               datasetName: "\(train.name) \(train.split.rawValue) (\(train.count) images)")
        let selected = try train.selecting(rows: subset.indices)
        return try LabelNoise(rho: labelNoise).apply(to: selected, generator: &noiseRNG)
    }

    /// The training set with generators derived from the run's generator by label
    /// (`derive("subset")`, `derive("label-noise")`).
    public func trainingSet(from train: Dataset, run: SeededGenerator) throws -> Dataset {
        try trainingSet(from: train, subsetGenerator: run.derive("subset"), noiseGenerator: run.derive("label-noise"))
    }

    /// The first `testCount` official test images.
    public func testSet(from test: Dataset) throws -> Dataset {
        try validate()
        return try test.prefix(testCount)
    }
}
