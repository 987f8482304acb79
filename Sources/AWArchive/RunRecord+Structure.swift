// The shape relations every reader of a record relies on (arrays that go together have equal
// lengths, the analysed layer exists). `RunArchive.read` checks them, so that a malformed archive
// is refused with a reason (ArchiveError) instead of trapping in a later index.

extension RunRecord {
    /// The first broken relation, or nil when the record is well formed.
    public var structureProblem: String? {
        let d = data
        if !(d.trainIndices.count == d.trainLabels.count && d.trainLabels.count == d.clean.count) {
            return "/data: train_indices, train_labels and clean have lengths "
                + "\(d.trainIndices.count), \(d.trainLabels.count), \(d.clean.count) (must be equal)"
        }
        if training.trainLoss.count != training.trainAccuracy.count {
            return "/training: train_loss and train_accuracy have lengths \(training.trainLoss.count), "
                + "\(training.trainAccuracy.count) (must be equal)"
        }
        guard let a = analysis else { return nil }
        if !(a.layerIndex >= 0 && a.layerIndex < model.layers.count) {
            return "/analysis: layer \(a.layerNumber) is not a dense layer of widths \(model.widths)"
        }
        let perPair = [a.deltaLoss.count, a.pairTrainRow.count, a.pairTestRow.count, a.pairTestLoss.count,
                       a.pairTrainLoss.count, a.pairDualLoss.count, a.dualNorm.count]
        if Set(perPair).count > 1 {
            return "/analysis: the per-pair datasets (delta_loss, pair_train_row, pair_test_row, pair_test_loss, "
                + "pair_train_loss, pair_dual_loss, dual_norm) have lengths \(perPair) (must be equal)"
        }
        let perDirection = [a.sigmaG.count, a.sigmaW.count, a.meanW.count, a.meanG.count, a.c.count,
                            a.directionEigenvalue.count, a.directionIndex.count]
        if Set(perDirection).count > 1 {
            return "/analysis: the per-direction datasets (sigma_g, sigma_w, mean_w, mean_g, c, direction_eigenvalue, "
                + "direction_index) have lengths \(perDirection) (must be equal)"
        }
        if a.densityNodes.count != a.densityWeights.count {
            return "/analysis: density_nodes and density_weights have lengths \(a.densityNodes.count), "
                + "\(a.densityWeights.count) (must be equal)"
        }
        return nil
    }
}
