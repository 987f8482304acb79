import AWArchive

/// A scalar of one run that the aggregation averages over seeds and the report regresses.
/// Each quantity reads the archive only (`RunRecord`); it is nil when the record lacks it
/// (no metrics, analysis disabled) or the value is not finite.
public enum RunQuantity: String, Sendable, CaseIterable, Hashable {
    /// L_test - L_train from /metrics (falls back to /analysis measured_gap).
    case measuredGap = "measured_gap"
    /// mean_k Dl_k from /analysis.
    case estimatedGap = "estimated_gap"
    /// sum_n c_n sigma_g,n sigma_w,n over all directions.
    case covarianceTotal = "covariance_total"
    /// The same sum over the top sharp_count ranks (by sigma_g).
    case sharpPart = "sharp_part"
    /// The same sum over the remaining ranks.
    case flatPart = "flat_part"
    /// sum_n mu_g,n mu_w,n.
    case meanTotal = "mean_total"
    /// sum_n lambda_n (sigma_w,n^2 + mu_w,n^2) / 2.
    case secondOrderGap = "second_order_gap"
    case trainLoss = "train_loss"
    case testLoss = "test_loss"
    case trainAccuracy = "train_accuracy"
    case testAccuracy = "test_accuracy"
    /// Frobenius norm of the analysed layer.
    case layerNorm = "layer_norm"
    /// Global L2 norm of all weights.
    case totalWeightNorm = "total_norm"
    /// Sharpness: sum_n sigma_g,n.
    case sharpness = "sum_sigma_g"
    /// Size: sum_n sigma_w,n.
    case size = "sum_sigma_w"
    /// Size as a norm: sqrt(sum_n sigma_w,n^2).
    case rmsSize = "rms_sigma_w"
    /// Tr(W C W^T) from /analysis.
    case activityWeightedNorm = "activity_weighted_norm"
    /// max_k |l(test_k; W) - l(train_k; W + dW_k)|.
    case dualityResidualMax = "duality_residual_max"
    case epochs
    /// The largest Hessian eigenvalue of the analysed layer, lambda_max.
    case lambdaMax = "lambda_max"
    /// Several learners: the consensus distance (1/n) sum_i |w_i - w_mean|^2 after the last epoch.
    case consensusDistance = "consensus_distance"

    public func value(of record: RunRecord) -> Double? {
        let v: Double?
        let m = record.metrics, a = record.analysis
        switch self {
        case .measuredGap: v = m?.gap ?? a?.measuredGap
        case .estimatedGap: v = a?.estimatedGap
        case .covarianceTotal: v = a?.covarianceTotal
        case .sharpPart: v = a?.sharpPart
        case .flatPart: v = a?.flatPart
        case .meanTotal: v = a?.meanTotal
        case .secondOrderGap: v = a?.secondOrderGap
        case .trainLoss: v = m?.trainLoss
        case .testLoss: v = m?.testLoss
        case .trainAccuracy: v = m?.trainAccuracy
        case .testAccuracy: v = m?.testAccuracy
        case .layerNorm: v = m?.layerNorm
        case .totalWeightNorm: v = m?.totalWeightNorm
        case .sharpness: v = a.flatMap { $0.sigmaG.isEmpty ? nil : $0.sigmaG.reduce(0, +) }
        case .size: v = a.flatMap { $0.sigmaW.isEmpty ? nil : $0.sigmaW.reduce(0, +) }
        case .rmsSize: v = a.flatMap { $0.sigmaW.isEmpty ? nil : $0.sigmaW.reduce(0) { $0 + $1 * $1 }.squareRoot() }
        case .activityWeightedNorm: v = a?.activityWeightedNorm
        case .dualityResidualMax: v = a?.dualityResidualMax
        case .epochs: v = Double(record.training.epochs)
        case .lambdaMax: v = a.flatMap { $0.eigenvalues.max() }
        case .consensusDistance: v = record.training.consensusDistance.last
        }
        guard let x = v, x.isFinite else { return nil }
        return x
    }

    /// Plain-text label with Unicode symbols (Markdown tables).
    public var textLabel: String {
        switch self {
        case .measuredGap: return "measured gap L_test − L_train"
        case .estimatedGap: return "estimated gap mean_k ΔL_k"
        case .covarianceTotal: return "Σ c σ_g σ_w"
        case .sharpPart: return "sharp part"
        case .flatPart: return "flat part"
        case .meanTotal: return "Σ μ_g μ_w"
        case .secondOrderGap: return "second-order Σ λ(σ_w² + μ_w²)/2"
        case .trainLoss: return "train loss"
        case .testLoss: return "test loss"
        case .trainAccuracy: return "train accuracy"
        case .testAccuracy: return "test accuracy"
        case .layerNorm: return "layer norm |W|_F"
        case .totalWeightNorm: return "total norm |θ|"
        case .sharpness: return "sharpness Σ σ_g"
        case .size: return "size Σ σ_w"
        case .rmsSize: return "size (Σ σ_w²)^½"
        case .activityWeightedNorm: return "Tr(W C Wᵀ)"
        case .dualityResidualMax: return "duality residual (max)"
        case .epochs: return "epochs"
        case .lambdaMax: return "λ_max"
        case .consensusDistance: return "consensus distance (1/n) Σ_i |w_i − w̄|²"
        }
    }

    /// Label in PLplot escapes (axis labels, legends).
    public var plotLabel: String {
        switch self {
        case .measuredGap: return "measured gap L#dtest#u - L#dtrain#u"
        case .estimatedGap: return "estimated gap"
        case .covarianceTotal: return "total #gS#dn#u c#dn#u#gs#dg,n#u#gs#dw,n#u"
        case .sharpPart: return "sharp part"
        case .flatPart: return "flat part"
        case .meanTotal: return "#gS#dn#u #gm#dg,n#u#gm#dw,n#u"
        case .secondOrderGap: return "second-order estimate"
        case .trainLoss: return "L#dtrain#u"
        case .testLoss: return "L#dtest#u"
        case .trainAccuracy: return "train accuracy"
        case .testAccuracy: return "test accuracy"
        case .layerNorm: return "|W|#dF#u"
        case .totalWeightNorm: return "|#gh|#d2#u"
        case .sharpness: return "#gS#dn#u #gs#dg,n#u"
        case .size: return "#gS#dn#u #gs#dw,n#u"
        case .rmsSize: return "(#gS#dn#u #gs#u2#d#dw,n#u)#u1/2#d"
        case .activityWeightedNorm: return "Tr(W C W#uT#d)"
        case .dualityResidualMax: return "duality residual"
        case .epochs: return "epochs"
        case .lambdaMax: return "#gl#dmax#u"
        case .consensusDistance: return "consensus distance"
        }
    }

    /// Whether the quantity needs the /analysis section.
    public var needsAnalysis: Bool {
        switch self {
        case .measuredGap, .trainLoss, .testLoss, .trainAccuracy, .testAccuracy, .layerNorm, .totalWeightNorm, .epochs,
             .consensusDistance:
            return false
        default:
            return true
        }
    }
}
