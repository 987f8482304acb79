import AWCore
import Foundation

extension IdentityCheck {
    /// Every identity that applies to `record` (none for a diverged run or one without /analysis).
    public static func checks(_ record: RunRecord, rule: Rule = .standard) -> [IdentityCheck] {
        Identity.allCases.compactMap { check($0, record, rule: rule) }
    }

    /// One identity on one record; nil when the record lacks what it needs (no analysis, no
    /// pairs, no metrics; `trainOffset` also needs test -> train pairing over the whole test set).
    public static func check(_ identity: Identity, _ r: RunRecord, rule: Rule = .standard) -> IdentityCheck? {
        guard r.status == .complete, let a = r.analysis else { return nil }
        let rtol = rule.relativeTolerance(r.model.dtype)
        switch identity {
        case .duality:
            // The archived maximum and the per-pair losses, whichever is larger.
            var residual = a.dualityResidualMax.isNaN ? Double.infinity : a.dualityResidualMax
            var scale = 1.0
            guard !a.pairTestLoss.isEmpty || a.dualityResidualMax.isFinite else { return nil }
            if a.pairTestLoss.count == a.pairDualLoss.count {
                for (t, d) in zip(a.pairTestLoss, a.pairDualLoss) {
                    let e = abs(t - d)
                    residual = max(residual, e.isNaN ? .infinity : e)
                    scale = max(scale, abs(t))
                }
            } else {
                residual = .infinity
            }
            return IdentityCheck(identity: .duality, deviation: residual, allowed: rtol * scale,
                                 detail: "max_k |l(test_k; W) - l(train_k; W + dW_k)| = \(short(residual)) over \(a.pairTestLoss.count) pairs (archived max \(short(a.dualityResidualMax)))")
        case .decomposition:
            // Closure of the stored totals and of the per-direction terms, and the mean of delta_loss.
            var parts: [Double] = [abs(a.estimatedGap - (a.covarianceTotal + a.meanTotal))]
            let d = a.sigmaG.count
            if [a.sigmaW.count, a.c.count, a.meanG.count, a.meanW.count].allSatisfy({ $0 == d }) {
                var cov = a.residualCovariance, mean = a.residualMean
                for i in 0..<d { cov += a.c[i] * a.sigmaG[i] * a.sigmaW[i]; mean += a.meanG[i] * a.meanW[i] }
                parts.append(abs(a.estimatedGap - (cov + mean)))
            } else {
                parts.append(.infinity)
            }
            let meanDelta = a.deltaLoss.isEmpty ? Double.nan : a.deltaLoss.reduce(0, +) / Double(a.deltaLoss.count)
            if !a.deltaLoss.isEmpty { parts.append(abs(a.estimatedGap - meanDelta)) }
            let deviation = parts.contains { $0.isNaN } ? Double.infinity : parts.max()!
            let scale = max(1, abs(a.covarianceTotal) + abs(a.meanTotal))
            return IdentityCheck(identity: .decomposition, deviation: deviation, allowed: rtol * scale,
                                 detail: "estimated_gap \(short(a.estimatedGap)) vs covariance_total + mean_total \(short(a.covarianceTotal + a.meanTotal)), "
                                     + "vs the per-direction sum (deviation \(short(parts[1]))) and vs mean delta_loss \(short(meanDelta))")
        case .estimate:
            guard let m = r.metrics, m.trainLoss.isFinite else { return nil }
            let pairMean = a.pairTrainLoss.isEmpty ? m.trainLoss : a.pairTrainLoss.reduce(0, +) / Double(a.pairTrainLoss.count)
            let bound = max(m.trainLoss, pairMean)
            let deviation = abs(a.estimatedGap - m.gap)
            return IdentityCheck(identity: .estimate, deviation: deviation.isNaN ? .infinity : deviation,
                                 allowed: bound + rtol * max(1, abs(bound)),
                                 detail: "|estimated - measured gap| = \(short(deviation)) <= max(L_train, mean_k l(train_k)) = \(short(bound))")
        case .trainOffset:
            guard a.pairing == .testToTrain, let m = r.metrics, !a.pairTrainLoss.isEmpty,
                  a.pairTestLoss.count == r.data.testIndices.count || r.data.testIndices.isEmpty else { return nil }
            let pairMean = a.pairTrainLoss.reduce(0, +) / Double(a.pairTrainLoss.count)
            let deviation = abs((a.estimatedGap - m.gap) - (m.trainLoss - pairMean))
            let scale = max(1, abs(m.testLoss), abs(m.trainLoss), abs(pairMean))
            return IdentityCheck(identity: .trainOffset, deviation: deviation.isNaN ? .infinity : deviation, allowed: rtol * scale,
                                 detail: "(estimated - measured) - (L_train - mean_k l(train_k)) = \(short(deviation))")
        }
    }

    /// A number for details: 4 significant digits.
    static func short(_ x: Double) -> String { x.isFinite ? String(format: "%.4g", x) : "\(x)" }
}
