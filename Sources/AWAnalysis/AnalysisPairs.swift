/// The pairs of an analysis (PAPER.md section 2): each query sample (a test row for test_to_train,
/// a clean training row for train_to_test) with its nearest same-class partner in input space,
/// kept only where the training sample's activity at the analysed layer is non-zero.
/// Returned by `DualityAnalyzer.pairs(train:test:forward:)`; pair k is entry k of every array.
public struct AnalysisPairs: Sendable, Equatable {
    /// Position of pair k's training sample among the clean training rows (`AnalysisForward.cleanRows`).
    public let cleanPositions: [Int]
    /// Pair k's training row among all rows handed to the analysis (`cleanRows[cleanPositions[k]]`).
    public let trainRows: [Int]
    /// Pair k's test row.
    public let testRows: [Int]
    /// Squared input-space distance of pair k.
    public let squaredDistances: [Double]
    /// Query rows without a pair, ascending (test rows for test_to_train, training rows for train_to_test).
    public let unpairedRows: [Int]
    /// How many of `unpairedRows` lost their pair to a zero training activity.
    public let zeroActivityCount: Int

    public var count: Int { testRows.count }

    public init(cleanPositions: [Int], trainRows: [Int], testRows: [Int], squaredDistances: [Double],
                unpairedRows: [Int], zeroActivityCount: Int) {
        precondition(cleanPositions.count == testRows.count && trainRows.count == testRows.count
                     && squaredDistances.count == testRows.count)
        self.cleanPositions = cleanPositions; self.trainRows = trainRows; self.testRows = testRows
        self.squaredDistances = squaredDistances; self.unpairedRows = unpairedRows; self.zeroActivityCount = zeroActivityCount
    }
}
