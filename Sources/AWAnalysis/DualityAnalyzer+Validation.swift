import AWCore
import AWLinearAlgebra
import AWNetwork

extension DualityAnalyzer {
    /// Throws an `AWError` unless `layer` is a dense layer of `model`, both sample sets have the
    /// network's input width and labels in its class range, `train` has a clean row and `test` a row.
    public static func checkInputs<T: BLASScalar>(model: MLP<T>, train: AnalysisSamples<T>, test: AnalysisSamples<T>,
                                                  layer: Int) throws {
        guard layer >= 0 && layer < model.layerCount else {
            throw AWError(.invalidInput, "analysis config: layer = \(layer) is not allowed (0-based index in 0...\(model.layerCount - 1) for widths \(model.widths))")
        }
        guard train.inputs.cols == model.inputSize, test.inputs.cols == model.inputSize else {
            throw AWError(.invalidInput, "analysis: inputs have \(train.inputs.cols) (train) and \(test.inputs.cols) (test) features, the network expects \(model.inputSize)")
        }
        for (name, labels) in [("train", train.labels), ("test", test.labels)] {
            if let bad = labels.first(where: { $0 < 0 || $0 >= model.outputSize }) {
                throw AWError(.invalidInput, "analysis: \(name) label \(bad) is outside 0..<\(model.outputSize)")
            }
        }
        guard train.clean.contains(true) else { throw AWError(.invalidInput, "analysis: no clean training rows (of \(train.count))") }
        guard test.count > 0 else { throw AWError(.invalidInput, "analysis: the test set is empty") }
    }
}
