import AWArchive
import ArgumentParser
import Foundation

struct InspectCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "inspect", abstract: "Summarise one run archive for a person.")

    @Argument(help: "The archive (.h5).")
    var archive: String

    @Option(name: .long, parsing: .unconditional, help: "How many ranked directions to list.")
    var directions: Int = 10

    func validate() throws {
        guard directions >= 0 else { throw ValidationError("--directions \(directions): must be >= 0") }
    }

    func run() throws {
        try CommandSupport.guarded {
            let r = try RunArchive.read(archive)
            print("run \(r.runID)  status \(r.status.rawValue)  manifest \(r.manifest)  replicate \(r.replicate)  seed \(r.seed)")
            print("swept \(r.sweptJSON)")
            print("written by awd \(r.softwareVersion) (\(r.gitCommit.prefix(12))), HDF5 \(r.hdf5Version), \(r.blas.library) \(r.blas.core) x\(r.blas.threads)")
            print("data: \(r.data.dataset.rawValue), \(r.data.trainIndices.count) training samples (\(r.data.clean.filter { $0 == 1 }.count) clean), \(r.data.testIndices.count) test samples")
            print("model: \(r.model.widths.map(String.init).joined(separator: "-")) \(r.model.activation.rawValue) \(r.model.dtype.rawValue)\(r.model.biases.isEmpty ? "" : " with biases")")
            print("training: \(r.training.epochs) epochs, stop: \(r.training.stopReason.rawValue), final train loss \(r.training.trainLoss.last.map { String(format: "%.3e", $0) } ?? "-")")
            if let m = r.metrics {
                print(String(format: "metrics: L_train %.4e  L_test %.4f  gap %.4f  acc train %.4f test %.4f  |W_layer| %.3f  |theta| %.3f",
                             m.trainLoss, m.testLoss, m.gap, m.trainAccuracy, m.testAccuracy, m.layerNorm, m.totalWeightNorm))
            }
            guard let a = r.analysis else { return }
            print("analysis: layer \(a.layerNumber), \(a.pairing.rawValue), \(a.deltaLoss.count) pairs, \(a.eigenMethod.rawValue) (\(a.eigenvalues.count) eigenvalues, top \(a.eigenvalues.first.map { String(format: "%.4g", $0) } ?? "-"))")
            print("  spectral density: \(a.densityMethod) (\(a.densityNodes.count) nodes)")
            print(String(format: "  duality residual: max %.2e mean %.2e", a.dualityResidualMax, a.dualityResidualMean))
            print(String(format: "  gap: measured %.5f  estimated %.5f = sum c sg sw %.5f + sum mu_g mu_w %.5f", a.measuredGap, a.estimatedGap, a.covarianceTotal, a.meanTotal))
            print(String(format: "  sharp (top %d) %.5f  flat %.5f  second-order %.5f  Tr(WCW^T) %.4f", a.sharpCount, a.sharpPart, a.flatPart, a.secondOrderGap, a.activityWeightedNorm))
            print("  rank  eigenvalue     sigma_g     sigma_w        c")
            for i in 0..<max(0, min(directions, a.sigmaG.count)) {
                print(String(format: "  %4d  %10.4g  %10.4g  %10.4g  %7.3f", i + 1, a.directionEigenvalue[i], a.sigmaG[i], a.sigmaW[i], a.c[i]))
            }
        }
    }
}
