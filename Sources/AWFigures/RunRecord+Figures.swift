import AWArchive
import Foundation

extension RunRecord {
    /// Whether the run diverged: status `diverged`, stop reason `diverged`, or non-finite
    /// train/test loss. Diverged runs are skipped by every figure and statistic, and counted.
    public var isDiverged: Bool {
        if status == .diverged || training.stopReason == .diverged { return true }
        if let m = metrics, !(m.trainLoss.isFinite && m.testLoss.isFinite && m.gap.isFinite) { return true }
        return false
    }

    /// The swept values for the given key paths, in that order (NaN where the record lacks a key).
    func sweptValues(for keyPaths: [String]) -> [Double] {
        let v = sweptValues
        return keyPaths.map { v[$0] ?? .nan }
    }

    /// Swept settings that are not numbers (e.g. an activation name), as text; these enter the
    /// group key of the aggregation as categories so that such runs are never pooled.
    var sweptCategories: [String: String] {
        let numeric = sweptValues
        var out: [String: String] = [:]
        for (key, value) in swept where numeric[key] == nil { out[key] = value.stringValue ?? value.description }
        return out
    }
}
