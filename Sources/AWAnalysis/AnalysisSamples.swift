import AWLinearAlgebra

/// A labelled sample set handed to the analysis: inputs `[count, features]` (raw pixels / 255 for
/// MNIST), integer class labels, and which rows carry their original (clean) label.
public struct AnalysisSamples<T: BLASScalar>: Sendable {
    public var inputs: Matrix<T>
    public var labels: [Int]
    /// `clean[i]` is false for a training row whose label was corrupted (label noise). Test sets are all clean.
    public var clean: [Bool]

    public init(inputs: Matrix<T>, labels: [Int], clean: [Bool]? = nil) {
        precondition(labels.count == inputs.rows, "AnalysisSamples: \(labels.count) labels for \(inputs.rows) rows")
        precondition(clean == nil || clean!.count == inputs.rows, "AnalysisSamples: clean mask has \(clean!.count) entries for \(inputs.rows) rows")
        self.inputs = inputs
        self.labels = labels
        self.clean = clean ?? [Bool](repeating: true, count: inputs.rows)
    }

    public var count: Int { inputs.rows }
    /// Indices of the clean rows, ascending.
    public var cleanIndices: [Int] { clean.indices.filter { clean[$0] } }
}
