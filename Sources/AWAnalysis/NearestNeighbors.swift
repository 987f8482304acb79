import AWLinearAlgebra

/// Same-class nearest neighbours in input space (PAPER.md section 3), for every query row.
///
/// Squared distances |x|^2 + |y|^2 - 2 x.y are screened with one Float32 GEMM per class (and query
/// block); every candidate whose screened distance lies within a rigorous Float32 error bound of
/// the row minimum is then recomputed as sum_i (x_i - y_i)^2 in Double from the original data, and
/// the smallest wins, exact ties going to the LOWER candidate index. So the result is the exact
/// nearest neighbour (in Double arithmetic), not a Float32 approximation.
public struct NearestNeighbors: Sendable, Equatable {
    /// For each query row: index of the nearest allowed candidate row with the same label, or -1 if
    /// no allowed candidate has that label.
    public var index: [Int]
    /// Squared Euclidean distance to it in Double (+infinity when unmatched).
    public var squaredDistance: [Double]
    /// How many candidates were re-evaluated exactly in Double (diagnostic; >= matched queries).
    public var exactEvaluations: Int

    public init(index: [Int], squaredDistance: [Double], exactEvaluations: Int) {
        self.index = index; self.squaredDistance = squaredDistance; self.exactEvaluations = exactEvaluations
    }

    /// Nearest same-label candidate for every query.
    /// - Parameters:
    ///   - queries: `[M, d]`; `queryLabels` has M entries.
    ///   - candidates: `[N, d]`; `candidateLabels` has N entries; `candidateMask` (N entries, optional)
    ///     says which candidates may be chosen (e.g. the clean training rows).
    ///   - queryBlock: rows of queries per GEMM (bounds the memory to queryBlock x class size Floats).
    public init<T: BLASScalar>(queries: Matrix<T>, queryLabels: [Int], candidates: Matrix<T>,
                               candidateLabels: [Int], candidateMask: [Bool]? = nil, queryBlock: Int = 2_048) {
        precondition(queries.cols == candidates.cols, "NearestNeighbors: queries have \(queries.cols) features, candidates \(candidates.cols)")
        precondition(queryLabels.count == queries.rows && candidateLabels.count == candidates.rows)
        precondition(candidateMask == nil || candidateMask!.count == candidates.rows)
        // Concrete element types from here on (the generic path would be unspecialised across modules).
        if T.self == Float.self {
            self = NearestNeighbors.search(unsafeBitCast(queries, to: Matrix<Float>.self), queryLabels,
                                           unsafeBitCast(candidates, to: Matrix<Float>.self), candidateLabels,
                                           candidateMask, queryBlock)
        } else {
            self = NearestNeighbors.search(queries.toDouble(), queryLabels, candidates.toDouble(), candidateLabels,
                                           candidateMask, queryBlock)
        }
    }

    static func search<E: BLASScalar>(_ queries: Matrix<E>, _ queryLabels: [Int], _ candidates: Matrix<E>,
                                      _ candidateLabels: [Int], _ candidateMask: [Bool]?, _ queryBlock: Int) -> NearestNeighbors {
        let d = queries.cols
        var index = [Int](repeating: -1, count: queries.rows)
        var dist = [Double](repeating: .infinity, count: queries.rows)
        var exact = 0

        var byLabel: [Int: [Int]] = [:]
        for i in 0..<candidates.rows where candidateMask?[i] ?? true { byLabel[candidateLabels[i], default: []].append(i) }
        var queriesByLabel: [Int: [Int]] = [:]
        for i in 0..<queries.rows { queriesByLabel[queryLabels[i], default: []].append(i) }

        let qNorms = NearestNeighbors.squaredNorms(queries)
        let cNorms = NearestNeighbors.squaredNorms(candidates)
        // |fl32(x.y) - x.y| <= (gamma_d + 2u)|x||y| with u = 2^-24 (inputs rounded to Float, then any
        // summation order); doubled once more for safety. Screened distances of the minimum and of a
        // candidate can each be off by that much, hence 2 * bound.
        let gamma = Double(d + 8) * 0x1.0p-23

        for label in queriesByLabel.keys.sorted() {
            let qIdx = queriesByLabel[label]!
            guard let cIdx = byLabel[label], !cIdx.isEmpty else { continue }
            let cMat = NearestNeighbors.gatherFloat(candidates, cIdx)
            var maxCNorm = 0.0
            for i in cIdx { maxCNorm = max(maxCNorm, cNorms[i].squareRoot()) }
            var start = 0
            while start < qIdx.count {
                let block = Array(qIdx[start..<min(qIdx.count, start + max(1, queryBlock))])
                start += block.count
                let qMat = NearestNeighbors.gatherFloat(queries, block)
                let s = Matrix<Float>.product(qMat, cMat, transB: true)   // [block, nc]
                let nc = cIdx.count
                var screened = [Double](repeating: 0, count: nc)
                for (r, qi) in block.enumerated() {
                    var minD = Double.infinity
                    for b in 0..<nc {
                        let v = qNorms[qi] + cNorms[cIdx[b]] - 2 * Double(s.data[r * nc + b])
                        screened[b] = v
                        if v < minD { minD = v }
                    }
                    let qn = qNorms[qi].squareRoot()
                    let tol = 2 * gamma * (qn + maxCNorm) * (qn + maxCNorm) + 1e-300
                    var best = -1, bestD = Double.infinity
                    for b in 0..<nc where screened[b] <= minD + tol {
                        let e = NearestNeighbors.exactSquaredDistance(queries, qi, candidates, cIdx[b])
                        exact += 1
                        if e < bestD { bestD = e; best = cIdx[b] }   // ascending b: ties keep the lower index
                    }
                    index[qi] = best
                    dist[qi] = bestD
                }
            }
        }
        return NearestNeighbors(index: index, squaredDistance: dist, exactEvaluations: exact)
    }

    /// Rows at `indices`, as Float.
    static func gatherFloat<E: BLASScalar>(_ m: Matrix<E>, _ indices: [Int]) -> Matrix<Float> {
        var out = Matrix<Float>(rows: indices.count, cols: m.cols)
        let c = m.cols
        m.data.withUnsafeBufferPointer { src in
            out.data.withUnsafeMutableBufferPointer { dst in
                for (r, i) in indices.enumerated() {
                    let s = src.baseAddress! + i * c, o = dst.baseAddress! + r * c
                    if E.self == Float.self {
                        UnsafeRawPointer(s).withMemoryRebound(to: Float.self, capacity: c) { o.update(from: $0, count: c) }
                    } else {
                        for j in 0..<c { o[j] = Float(s[j].doubleValue) }
                    }
                }
            }
        }
        return out
    }

    static func squaredNorms<T: BLASScalar>(_ m: Matrix<T>) -> [Double] {
        var out = [Double](repeating: 0, count: m.rows)
        m.data.withUnsafeBufferPointer { p in
            for r in 0..<m.rows {
                var s = 0.0
                let row = p.baseAddress! + r * m.cols
                for j in 0..<m.cols { let v = row[j].doubleValue; s += v * v }
                out[r] = s
            }
        }
        return out
    }

    /// sum_j (x_j - y_j)^2 in Double, straight from the data (no cancellation).
    static func exactSquaredDistance<T: BLASScalar>(_ a: Matrix<T>, _ i: Int, _ b: Matrix<T>, _ j: Int) -> Double {
        let d = a.cols
        return a.data.withUnsafeBufferPointer { pa in
            b.data.withUnsafeBufferPointer { pb in
                let x = pa.baseAddress! + i * d, y = pb.baseAddress! + j * d
                var s = 0.0
                for t in 0..<d { let v = x[t].doubleValue - y[t].doubleValue; s += v * v }
                return s
            }
        }
    }
}
