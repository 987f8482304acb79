import AWArchive
import AWCore

// Which runs can be compared (issue 11): a run that stopped at the epoch bound never met the stop
// rule, so its L_test - L_train is not the gap of a fitted network; one whose final train loss is
// far above the stop threshold did not fit at all.

extension RunRecord {
    /// Whether training met the stop rule (stop_reason `converged`).
    public var metStopRule: Bool { training.stopReason == .converged }

    /// The run's `training.stop_loss`, read from its archived configuration.
    public var stopLoss: Double? {
        guard case .object(let c)? = try? CanonicalJSON.parse(config), case .object(let t)? = c["training"] else { return nil }
        return t["stop_loss"]?.doubleValue
    }

    /// How many times the stop threshold the final train loss may be before a run counts as not fitted.
    public static let notFittedFactor = 10.0

    /// Whether a sweep point whose `converged` of `count` seeds met the stop rule is comparable:
    /// at least half of them did. The one rule of the report's trends and the figures' markers.
    public static func isComparablePoint(converged: Int, of count: Int) -> Bool { converged * 2 >= count }

    /// The final train loss is more than `notFittedFactor` x `stop_loss`: the network did not fit the data.
    public var didNotFit: Bool {
        guard let loss = metrics?.trainLoss, let s = stopLoss, s > 0 else { return false }
        return loss > RunRecord.notFittedFactor * s
    }
}
