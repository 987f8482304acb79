import AWCore

/// One identity of the theory checked on one run record. `awd verify` (`ArchiveVerifier`) and
/// the reproduction report (`ClaimEvaluation`) both take their identity verdicts from here, so
/// they cannot disagree on an archive.
///
/// The tolerance rule (one for every identity): a run passes when
/// `deviation <= bound + rule.relativeTolerance(dtype) * scale`, where `bound` is 0 for the
/// exact identities and `scale` is the size of the quantities compared, at least 1
/// (docs/FIGURES.md, "Identities"). A NaN deviation fails.
public struct IdentityCheck: Sendable, Equatable {
    public enum Identity: String, CaseIterable, Sendable {
        /// l(test_k; W) = l(train_k; W + dW_k) for every pair (PAPER.md section 2).
        case duality
        /// estimated_gap = mean_k Dl_k = sum_n (mu_g mu_w + c sigma_g sigma_w) + residual terms (section 4).
        case decomposition
        /// |estimated - measured gap| <= max(L_train, mean_k l(train_k)) (section 4).
        case estimate
        /// With test -> train pairing over the whole test set:
        /// estimated - measured = L_train - mean_k l(train_k) exactly (section 4).
        case trainOffset = "train_offset"
    }

    /// The relative tolerance by floating-point type of the run.
    public struct Rule: Sendable, Equatable {
        public var float32: Double
        public var float64: Double
        public init(float32: Double = 1e-4, float64: Double = 1e-9) { self.float32 = float32; self.float64 = float64 }
        /// The rule of the report and of `awd verify` by default.
        public static let standard = Rule()
        /// Both types with the same relative tolerance (`awd verify --tolerance`).
        public static func uniform(_ relative: Double) -> Rule { Rule(float32: relative, float64: relative) }
        public func relativeTolerance(_ dtype: DType) -> Double {
            switch dtype {
            case .float32: return float32
            case .float64: return float64
            }
        }
    }

    public var identity: Identity
    /// What was measured (e.g. the largest duality residual over the pairs).
    public var deviation: Double
    /// The largest deviation this run may have: bound + relative tolerance x scale.
    public var allowed: Double
    /// In words, with the numbers.
    public var detail: String

    public init(identity: Identity, deviation: Double, allowed: Double, detail: String) {
        self.identity = identity; self.deviation = deviation; self.allowed = allowed; self.detail = detail
    }

    /// Within tolerance (a NaN deviation is not).
    public var passed: Bool { deviation <= allowed }
}
