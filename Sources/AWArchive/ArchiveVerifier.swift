import AWCore
import Foundation

/// Checks a run archive beyond its schema: the identities the theory makes exact must hold in
/// the stored numbers. Used by `awd verify`.
public struct ArchiveVerifier: Sendable {
    /// Absolute tolerance for identities that hold to float precision (the analysis runs in Double).
    public var tolerance: Double

    public init(tolerance: Double = 1e-8) { self.tolerance = tolerance }

    public struct Check: Sendable, Equatable {
        public var name: String
        public var passed: Bool
        public var detail: String
    }

    /// Read `path` and check it; a file that cannot be read yields one failed "schema" check.
    public func verify(path: String) -> [Check] {
        do { return verify(try RunArchive.read(path)) } catch {
            return [Check(name: "schema", passed: false, detail: "\(error)")]
        }
    }

    public func verify(_ r: RunRecord) -> [Check] {
        var checks: [Check] = [Check(name: "schema", passed: true, detail: "all required names present")]
        func check(_ name: String, _ ok: Bool, _ detail: String) { checks.append(Check(name: name, passed: ok, detail: detail)) }

        let sha = SHA256.hex(r.config)
        check("config_sha256", sha == r.configSHA256, "SHA-256 of /config is \(sha.prefix(16))..., stored \(r.configSHA256.prefix(16))...")
        check("run_id", r.configSHA256.hasPrefix(r.runID), "run_id \(r.runID) is the start of config_sha256")
        let n = r.data.trainIndices.count
        check("data lengths", r.data.trainLabels.count == n && r.data.clean.count == n,
              "train_indices \(n), train_labels \(r.data.trainLabels.count), clean \(r.data.clean.count)")
        check("training history", r.training.trainLoss.count == Int(r.training.epochs) && r.training.trainAccuracy.count == Int(r.training.epochs),
              "\(r.training.epochs) epochs, \(r.training.trainLoss.count) losses")

        switch r.status {
        case .diverged:
            check("status", r.training.stopReason == "diverged", "status diverged, stop_reason \(r.training.stopReason)")
            return checks
        case .complete:
            check("status", r.training.stopReason != "diverged", "status complete, stop_reason \(r.training.stopReason)")
        }
        guard let m = r.metrics else {
            check("metrics", false, "a complete run has no /metrics")
            return checks
        }
        check("gap", abs(m.gap - (m.testLoss - m.trainLoss)) <= tolerance, "gap \(m.gap) = test_loss - train_loss")
        guard let a = r.analysis else { return checks }

        let k = a.deltaLoss.count
        let perPair = [a.pairTrainRow.count, a.pairTestRow.count, a.pairTestLoss.count, a.pairTrainLoss.count,
                       a.pairDualLoss.count, a.dualNorm.count]
        check("pair lengths", perPair.allSatisfy { $0 == k }, "\(k) pairs; per-pair datasets \(perPair)")
        let d = a.sigmaG.count
        let perDirection = [a.sigmaW.count, a.meanW.count, a.meanG.count, a.c.count, a.directionEigenvalue.count, a.directionIndex.count]
        check("direction lengths", perDirection.allSatisfy { $0 == d }, "\(d) directions; per-direction datasets \(perDirection)")
        guard perPair.allSatisfy({ $0 == k }) && perDirection.allSatisfy({ $0 == d }) && k > 0 else { return checks }

        let residual = zip(a.pairTestLoss, a.pairDualLoss).map { abs($0 - $1) }.max() ?? 0
        check("duality identity", residual <= max(tolerance, 1e-6) && abs(residual - a.dualityResidualMax) <= 1e-12,
              String(format: "max |l(test;W) - l(train;W+dW)| = %.3g (stored %.3g)", residual, a.dualityResidualMax))
        let deltaOK = zip(a.deltaLoss, zip(a.pairTestLoss, a.pairTrainLoss)).allSatisfy { abs($0 - ($1.0 - $1.1)) <= tolerance }
        check("delta loss", deltaOK, "delta_loss = pair_test_loss - pair_train_loss for every pair")
        let meanDelta = a.deltaLoss.reduce(0, +) / Double(k)
        let scale = max(1, abs(meanDelta))
        check("estimated gap", abs(a.estimatedGap - meanDelta) <= tolerance * scale,
              String(format: "estimated_gap %.12g vs mean delta_loss %.12g", a.estimatedGap, meanDelta))
        var cov = 0.0, mean = 0.0
        for i in 0..<d { cov += a.c[i] * a.sigmaG[i] * a.sigmaW[i]; mean += a.meanG[i] * a.meanW[i] }
        let total = cov + a.residualCovariance + mean + a.residualMean
        check("decomposition identity", abs(total - a.estimatedGap) <= tolerance * scale,
              String(format: "sum_n (mu_g mu_w + c sigma_g sigma_w) + residual = %.12g vs %.12g", total, a.estimatedGap))
        let sharp = (0..<min(Int(a.sharpCount), d)).reduce(0.0) { $0 + a.c[$1] * a.sigmaG[$1] * a.sigmaW[$1] }
        check("sharp + flat", abs(a.sharpPart - sharp) <= tolerance * scale && abs(a.sharpPart + a.flatPart - a.covarianceTotal) <= tolerance * scale,
              String(format: "sharp %.6g + flat %.6g = total %.6g", a.sharpPart, a.flatPart, a.covarianceTotal))
        let ranked = zip(a.sigmaG, a.sigmaG.dropFirst()).allSatisfy { $0 >= $1 }
        check("ranking", ranked, "directions sorted by sigma_g descending")
        let sorted = zip(a.eigenvalues, a.eigenvalues.dropFirst()).allSatisfy { $0 >= $1 }
        check("eigenvalues", sorted, "\(a.eigenvalues.count) eigenvalues, descending")
        check("measured gap", abs(a.measuredGap - m.gap) <= tolerance, "analysis measured_gap = metrics gap")
        check("lanczos", a.lanczosConverged, a.eigenMethod == "dense" ? "dense eigensolver" :
              String(format: "Lanczos converged, max residual %.3g", a.lanczosMaxResidual))
        return checks
    }
}
