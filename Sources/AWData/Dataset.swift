import AWCore
import AWLinearAlgebra

/// Images and labels of one dataset split (or a selection of it).
///
/// `images` is `[count, 784]` (row-major, one image per row), pixels divided by 255 (no normalisation).
/// Row `r` is image `sourceIndices[r]` of the official split. `labels` are the labels used for
/// training (0...9); `originalLabels` are the official ones; `cleanMask[r]` is true where the two
/// agree (everything is clean unless label noise was applied).
public struct Dataset: Sendable, Equatable {
    public let name: String
    public let split: DatasetSplit
    public var images: Matrix<Float>
    public var labels: [Int]
    public var originalLabels: [Int]
    public var cleanMask: [Bool]
    public var sourceIndices: [Int]
    /// SHA-256 of the IDX files an official split was read from, [images, labels]
    /// (`IDXFile.contentSHA256`); empty for a selection or a dataset made in memory.
    public var sourceSHA256: [String] = []

    public static let classCount = DatasetName.classCount
    public static let featureCount = DatasetName.imageRows * DatasetName.imageCols

    /// A dataset whose rows are the official split in order, all labels clean.
    public init(name: String, split: DatasetSplit, images: Matrix<Float>, labels: [Int]) throws {
        try self.init(name: name, split: split, images: images, labels: labels,
                      originalLabels: labels, sourceIndices: Array(0..<labels.count))
    }

    /// A dataset with explicit provenance; `cleanMask` is derived (`labels[r] == originalLabels[r]`).
    public init(name: String, split: DatasetSplit, images: Matrix<Float>, labels: [Int],
                originalLabels: [Int], sourceIndices: [Int]) throws {
        let n = labels.count
        guard images.rows == n, originalLabels.count == n, sourceIndices.count == n else {
            throw AWError(.data, "\(name) \(split.rawValue): \(images.rows) images, \(n) labels, \(originalLabels.count) original labels, \(sourceIndices.count) indices: counts must agree")
        }
        if let bad = labels.firstIndex(where: { !(0..<Dataset.classCount).contains($0) }) ?? originalLabels.firstIndex(where: { !(0..<Dataset.classCount).contains($0) }) {
            throw AWError(.data, "\(name) \(split.rawValue): label at row \(bad) outside 0...\(Dataset.classCount - 1)")
        }
        self.name = name
        self.split = split
        self.images = images
        self.labels = labels
        self.originalLabels = originalLabels
        self.sourceIndices = sourceIndices
        self.cleanMask = zip(labels, originalLabels).map { $0 == $1 }
    }

    public var count: Int { labels.count }
    public var cleanCount: Int { cleanMask.reduce(0) { $0 + ($1 ? 1 : 0) } }

    /// Number of rows per class under `labels` (length `classCount`).
    public var classCounts: [Int] { Dataset.classCounts(labels) }

    public static func classCounts(_ labels: [Int]) -> [Int] {
        var c = [Int](repeating: 0, count: classCount)
        for l in labels { c[l] += 1 }
        return c
    }

    /// The rows at `rows` (positions in this dataset), in that order, provenance kept.
    public func selecting(rows: [Int]) throws -> Dataset {
        if let bad = rows.first(where: { !(0..<count).contains($0) }) {
            throw AWError(.invalidInput, "\(name) \(split.rawValue): row \(bad) outside 0..<\(count)")
        }
        return try Dataset(name: name, split: split, images: images.gatherRows(rows),
                           labels: rows.map { labels[$0] }, originalLabels: rows.map { originalLabels[$0] },
                           sourceIndices: rows.map { sourceIndices[$0] })
    }

    /// The first `m` rows (the paper's test set: the first 1,000 official test images).
    public func prefix(_ m: Int) throws -> Dataset {
        guard m >= 1, m <= count else {
            throw AWError(.invalidInput, "\(name) \(split.rawValue): cannot take the first \(m) images: allowed 1...\(count)")
        }
        return try selecting(rows: Array(0..<m))
    }

    /// Only the rows whose label is clean (train loss, Hessian and pairing use these under label noise).
    public func cleanRows() throws -> Dataset {
        try selecting(rows: cleanMask.indices.filter { cleanMask[$0] })
    }

    /// The same rows with these labels (e.g. after label noise); `originalLabels` stay, the mask is recomputed.
    public func relabeled(_ newLabels: [Int]) throws -> Dataset {
        try Dataset(name: name, split: split, images: images, labels: newLabels,
                    originalLabels: originalLabels, sourceIndices: sourceIndices)
    }
}
