import AWCore
import AWLinearAlgebra
import AWNetwork

extension DualityAnalyzer {
    /// Step 2: nearest-neighbour pairing in input space in the configured direction, over the clean
    /// training rows only, on the caller's matrices (Float data is screened without a copy to
    /// Double); then pairs whose training activity at `config.layer` is zero are dropped (they have
    /// no dual weight). Throws `AnalysisInapplicable` when pairs were found but every one has a zero activity entering the layer (a dead layer), an `AWError` when no sample has a same-class partner at all.
    public func pairs<T: BLASScalar>(train: AnalysisSamples<T>, test: AnalysisSamples<T>,
                                     forward: AnalysisForward) throws -> AnalysisPairs {
        let cleanRows = forward.cleanRows
        var pairClean: [Int] = [], pairTest: [Int] = [], pairDist: [Double] = []
        var unpaired: [Int] = []
        var cleanPosition = [Int](repeating: -1, count: train.count)
        for (c, row) in cleanRows.enumerated() { cleanPosition[row] = c }
        switch config.pairing {
        case .testToTrain:
            let nn = NearestNeighbors(queries: test.inputs, queryLabels: test.labels, candidates: train.inputs,
                                      candidateLabels: train.labels, candidateMask: train.clean)
            for j in 0..<test.count {
                if nn.index[j] < 0 { unpaired.append(j); continue }
                pairTest.append(j); pairClean.append(cleanPosition[nn.index[j]]); pairDist.append(nn.squaredDistance[j])
            }
        case .trainToTest:
            let nn = NearestNeighbors(queries: train.inputs.gatherRows(cleanRows), queryLabels: forward.trainLabels,
                                      candidates: test.inputs, candidateLabels: test.labels)
            for c in 0..<cleanRows.count {
                if nn.index[c] < 0 { unpaired.append(cleanRows[c]); continue }
                pairClean.append(c); pairTest.append(nn.index[c]); pairDist.append(nn.squaredDistance[c])
            }
        }
        // Pairs whose training activity is zero have no dual weight.
        let act = forward.train.inputs[config.layer]
        var zeroActivity = 0
        var keep: [Int] = []
        for (k, c) in pairClean.enumerated() {
            var s = 0.0
            for i in 0..<act.cols { let v = act.data[c * act.cols + i]; s += v * v }
            if s > 0 { keep.append(k) } else {
                zeroActivity += 1
                unpaired.append(config.pairing == .testToTrain ? pairTest[k] : cleanRows[c])
            }
        }
        if keep.count != pairClean.count {
            pairClean = keep.map { pairClean[$0] }; pairTest = keep.map { pairTest[$0] }; pairDist = keep.map { pairDist[$0] }
        }
        unpaired.sort()
        guard !pairClean.isEmpty else {
            guard zeroActivity > 0 else {
                throw AWError(.data, "analysis: no pairs could be formed (no clean same-class training partner for any test sample)")
            }
            throw AnalysisInapplicable(reason: "no pairs could be formed (no clean same-class partners with a non-zero activity "
                                       + "entering layer \(config.layer + 1), 1-based: the layer is dead)")
        }
        return AnalysisPairs(cleanPositions: pairClean, trainRows: pairClean.map { cleanRows[$0] }, testRows: pairTest,
                             squaredDistances: pairDist, unpairedRows: unpaired, zeroActivityCount: zeroActivity)
    }
}
