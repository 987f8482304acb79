import AWCore

/// DPSGD's mixing matrix T (doubly stochastic, symmetric) as sparse rows: learner j's new weights
/// combine the learners `row(j)` with weights T_ji. Entries are in increasing learner order and
/// include j itself, so every combination sums in one fixed order.
public struct MixingMatrix: Sendable, Equatable {
    public struct Entry: Sendable, Equatable {
        public let learner: Int
        public let weight: Double
    }

    public let learners: Int
    public let topology: LearnerTopology
    /// rows[j]: the entries T_ji != 0 of row j, increasing i.
    public let rows: [[Entry]]

    public init(topology: LearnerTopology, learners n: Int) {
        precondition(n >= 1)
        self.learners = n
        self.topology = topology
        switch topology {
        case .complete:
            let row = (0..<n).map { Entry(learner: $0, weight: 1 / Double(n)) }
            rows = Array(repeating: row, count: n)
        case .ring:
            rows = (0..<n).map { j in
                // itself and its two neighbours, 1/3 each; with n <= 2 the neighbours coincide
                var w = [Int: Double]()
                for i in [(j + n - 1) % n, j, (j + 1) % n] { w[i, default: 0] += 1.0 / 3.0 }
                return w.keys.sorted().map { Entry(learner: $0, weight: w[$0]!) }
            }
        }
    }

    /// T_ji (0 when i is not in row j).
    public func weight(row j: Int, column i: Int) -> Double {
        rows[j].first { $0.learner == i }?.weight ?? 0
    }

    /// Whether the learners' rows are all the same (the complete graph): one combination serves all.
    public var rowsAreEqual: Bool { topology == .complete || learners == 1 }
}
