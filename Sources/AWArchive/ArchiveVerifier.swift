import AWCore
import Foundation

/// Checks a run archive beyond its schema: the stored numbers are consistent with each other
/// (lengths, hashes, status, per-pair and per-direction arrays), and the identities the theory
/// makes exact hold (`IdentityCheck`, the same checks and tolerance rule as the report). Used by `awd verify`.
public struct ArchiveVerifier: Sendable {
    /// The tolerance rule of every numeric check (the report's by default).
    public var rule: IdentityCheck.Rule

    public init(rule: IdentityCheck.Rule = .standard) { self.rule = rule }

    public struct Check: Sendable, Equatable {
        public var name: String
        public var passed: Bool
        public var detail: String
    }

    /// Read `path` and check it; a file that cannot be read yields one failed "schema" check.
    public func verify(path: String) -> [Check] {
        do {
            let record = try RunArchive.read(path)
            // An archive is named after its run: one under another run's name would stand in for it.
            let stem = String((PathText.last(path)).dropLast(path.hasSuffix(".h5") ? 3 : 0))
            if RunIndex.isRunID(stem) && stem != record.runID {
                return [Check(name: "name", passed: false, detail: "the file is named \(stem).h5 but holds run \(record.runID)")]
            }
            return verify(record)
        } catch {
            return [Check(name: "schema", passed: false, detail: "\(error)")]
        }
    }

    /// The name of an identity's check in `verify`'s list ("duality identity", ...).
    public static func checkName(_ identity: IdentityCheck.Identity) -> String {
        switch identity {
        case .duality: return "duality identity"
        case .decomposition: return "decomposition identity"
        case .estimate: return "estimated vs measured gap"
        case .trainOffset: return "train-loss offset identity"
        }
    }

    public func verify(_ r: RunRecord) -> [Check] {
        var checks: [Check] = [Check(name: "schema", passed: true, detail: "all required names present")]
        func check(_ name: String, _ ok: Bool, _ detail: String) { checks.append(Check(name: name, passed: ok, detail: detail)) }
        let rtol = rule.relativeTolerance(r.model.dtype)
        /// Two stored numbers that must agree (the same rule as the identities, scale max(1, |a|, |b|)).
        func same(_ a: Double, _ b: Double) -> Bool { abs(a - b) <= rtol * max(1, abs(a), abs(b)) }

        let sha = SHA256.hex(r.config)
        check("config_sha256", sha == r.configSHA256, "SHA-256 of /config is \(sha.prefix(16))..., stored \(r.configSHA256.prefix(16))...")
        check("run_id", r.configSHA256.hasPrefix(r.runID), "run_id \(r.runID) is the start of config_sha256")
        let n = r.data.trainIndices.count
        check("data lengths", r.data.trainLabels.count == n && r.data.clean.count == n,
              "train_indices \(n), train_labels \(r.data.trainLabels.count), clean \(r.data.clean.count)")
        check("training history", r.training.trainLoss.count == Int(r.training.epochs) && r.training.trainAccuracy.count == Int(r.training.epochs),
              "\(r.training.epochs) epochs, \(r.training.trainLoss.count) losses")
        if !r.training.consensusDistance.isEmpty {
            let d = r.training.consensusDistance
            check("consensus distance", d.count == Int(r.training.epochs) && d.allSatisfy { $0.isFinite && $0 >= 0 },
                  "\(d.count) values for \(r.training.epochs) epochs, all finite and >= 0")
        }

        switch r.status {
        case .diverged:
            check("status", r.training.stopReason == .diverged, "status diverged, stop_reason \(r.training.stopReason.rawValue)")
            return checks
        case .complete:
            check("status", r.training.stopReason != .diverged && r.training.stopReason != .cancelled,
                  "status complete, stop_reason \(r.training.stopReason.rawValue)")
        }
        guard let m = r.metrics else {
            check("metrics", false, "a complete run has no /metrics")
            return checks
        }
        check("gap", same(m.gap, m.testLoss - m.trainLoss), "gap \(m.gap) = test_loss - train_loss")
        guard let a = r.analysis else { return checks }

        check("layer", a.layerIndex >= 0 && a.layerIndex < r.model.widths.count - 1,
              "analysed layer \(a.layerNumber) of \(r.model.widths.count - 1) dense layers")
        let k = a.deltaLoss.count
        let perPair = [a.pairTrainRow.count, a.pairTestRow.count, a.pairTestLoss.count, a.pairTrainLoss.count,
                       a.pairDualLoss.count, a.dualNorm.count]
        check("pair lengths", perPair.allSatisfy { $0 == k }, "\(k) pairs; per-pair datasets \(perPair)")
        let d = a.sigmaG.count
        let perDirection = [a.sigmaW.count, a.meanW.count, a.meanG.count, a.c.count, a.directionEigenvalue.count, a.directionIndex.count]
        check("direction lengths", perDirection.allSatisfy { $0 == d }, "\(d) directions; per-direction datasets \(perDirection)")
        guard perPair.allSatisfy({ $0 == k }) && perDirection.allSatisfy({ $0 == d }) && k > 0 else { return checks }

        let residual = zip(a.pairTestLoss, a.pairDualLoss).map { abs($0 - $1) }.max() ?? 0
        check("duality residual", same(residual, a.dualityResidualMax),
              String(format: "archived duality_residual_max %.3g = max over pairs %.3g", a.dualityResidualMax, residual))
        let deltaOK = zip(a.deltaLoss, zip(a.pairTestLoss, a.pairTrainLoss)).allSatisfy { same($0, $1.0 - $1.1) }
        check("delta loss", deltaOK, "delta_loss = pair_test_loss - pair_train_loss for every pair")
        for identity in IdentityCheck.checks(r, rule: rule) {
            check(Self.checkName(identity.identity), identity.passed,
                  identity.detail + " (allowed \(IdentityCheck.short(identity.allowed)))")
        }
        let sharp = (0..<min(Int(a.sharpCount), d)).reduce(0.0) { $0 + a.c[$1] * a.sigmaG[$1] * a.sigmaW[$1] }
        check("sharp + flat", same(a.sharpPart, sharp) && same(a.sharpPart + a.flatPart, a.covarianceTotal),
              String(format: "sharp %.6g + flat %.6g = total %.6g", a.sharpPart, a.flatPart, a.covarianceTotal))
        let ranked = zip(a.sigmaG, a.sigmaG.dropFirst()).allSatisfy { $0 >= $1 }
        check("ranking", ranked, "directions sorted by sigma_g descending")
        let sorted = zip(a.eigenvalues, a.eigenvalues.dropFirst()).allSatisfy { $0 >= $1 }
        check("eigenvalues", sorted, "\(a.eigenvalues.count) eigenvalues, descending")
        check("measured gap", same(a.measuredGap, m.gap), "analysis measured_gap = metrics gap")
        check("density", a.densityNodes.count == a.densityWeights.count && (a.densityMethod == .none) == a.densityNodes.isEmpty,
              "\(a.densityNodes.count) nodes, \(a.densityWeights.count) weights (\(a.densityMethod))")
        check("lanczos", a.lanczosConverged, a.eigenMethod == .dense ? "dense eigensolver" :
              String(format: "Lanczos converged, max residual %.3g", a.lanczosMaxResidual))
        return checks
    }
}
