/// The paper's stopping rule, checked after every epoch: stop when the epoch's train loss (clean
/// samples) is below `loss` AND the mean train accuracy over the last (up to) `window` epochs,
/// this one included, is above `accuracy`. Both comparisons are strict. (The authors' code:
/// `mean(acc[-1:-10:-1]) > 0.99 and loss < 1e-3`, i.e. a window of 9.)
public struct StoppingRule: Codable, Sendable, Equatable {
    public var loss: Double
    public var accuracy: Double
    public var window: Int

    public init(loss: Double = 1e-3, accuracy: Double = 0.99, window: Int = 9) {
        precondition(window >= 1)
        self.loss = loss
        self.accuracy = accuracy
        self.window = window
    }

    /// Whether training stops after the last epoch of these histories (equal lengths, oldest first).
    public func isSatisfied(losses: [Double], accuracies: [Double]) -> Bool {
        precondition(losses.count == accuracies.count, "StoppingRule: histories of different lengths")
        guard let last = losses.last, last < loss else { return false }
        let recent = accuracies.suffix(window)
        let mean = recent.reduce(0, +) / Double(recent.count)
        return mean > accuracy
    }

    /// The first epoch (1-based) after which the rule stops training, or nil.
    public func firstStoppingEpoch(losses: [Double], accuracies: [Double]) -> Int? {
        precondition(losses.count == accuracies.count)
        guard !losses.isEmpty else { return nil }
        for e in 1...losses.count
        where isSatisfied(losses: Array(losses[0..<e]), accuracies: Array(accuracies[0..<e])) {
            return e
        }
        return nil
    }
}
