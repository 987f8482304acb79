import AWAnalysis
import AWCore
import AWLinearAlgebra
import Testing

@Suite("Nearest-neighbour pairing")
struct PairingTests {
    /// Brute force in Double: smallest sum (x - y)^2 among allowed same-label rows, lowest index on ties.
    static func bruteForce<T: BLASScalar>(_ q: Matrix<T>, _ ql: [Int], _ c: Matrix<T>, _ cl: [Int], _ mask: [Bool]) -> [Int] {
        (0..<q.rows).map { i in
            var best = -1, bestD = Double.infinity
            for j in 0..<c.rows where mask[j] && cl[j] == ql[i] {
                var d = 0.0
                for t in 0..<q.cols { let v = q[i, t].doubleValue - c[j, t].doubleValue; d += v * v }
                if d < bestD { bestD = d; best = j }
            }
            return best
        }
    }

    @Test func matchesBruteForceOnPixels() {
        let train = Fixtures.pixels(count: 300, features: 64, classes: 5, seed: 1)
        let test = Fixtures.pixels(count: 120, features: 64, classes: 5, seed: 2)
        var g = SeededGenerator(seed: 3)
        let mask = (0..<300).map { _ in g.nextDouble() > 0.2 }
        let nn = NearestNeighbors(queries: test.inputs, queryLabels: test.labels, candidates: train.inputs,
                                  candidateLabels: train.labels, candidateMask: mask, queryBlock: 50)
        #expect(nn.index == Self.bruteForce(test.inputs, test.labels, train.inputs, train.labels, mask))
        for i in 0..<test.count { #expect(mask[nn.index[i]] && train.labels[nn.index[i]] == test.labels[i]) }
    }

    /// Large offsets make Float32 |x|^2 + |y|^2 - 2 x.y useless on its own; the exact re-check must still win.
    @Test func matchesBruteForceWithLargeOffsets() {
        var s = Fixtures.samples(count: 200, features: 30, classes: 3, seed: 4, spread: 1e-3)
        var t = Fixtures.samples(count: 50, features: 30, classes: 3, seed: 5, spread: 1e-3)
        for i in 0..<s.inputs.data.count { s.inputs.data[i] += 1_000 }
        for i in 0..<t.inputs.data.count { t.inputs.data[i] += 1_000 }
        let mask = [Bool](repeating: true, count: 200)
        let nn = NearestNeighbors(queries: t.inputs, queryLabels: t.labels, candidates: s.inputs, candidateLabels: s.labels)
        #expect(nn.index == Self.bruteForce(t.inputs, t.labels, s.inputs, s.labels, mask))
        #expect(nn.exactEvaluations > t.count)   // the screen could not separate them: candidates were re-checked
    }

    /// Exact ties go to the lower index: duplicated candidates, and two distinct candidates at the same distance.
    @Test func exactTiesPickLowerIndex() {
        // Candidates (label 0): rows 0..5; 3 and 5 are copies of each other, 1 and 4 mirror images around the query.
        let q = Matrix<Float>([[0.5, 0.5, 0.5, 0.5], [0.2, 0.2, 0.2, 0.2]])
        let c = Matrix<Float>([[1, 1, 1, 1],
                               [0.5, 0.5, 0.5, 0.25],     // distance^2 0.0625 to query 0
                               [0.9, 0.1, 0.9, 0.1],
                               [0.2, 0.2, 0.2, 0.3],      // distance^2 0.01 to query 1
                               [0.5, 0.5, 0.5, 0.75],     // distance^2 0.0625 to query 0 (tie with row 1)
                               [0.2, 0.2, 0.2, 0.3]])     // copy of row 3
        let nn = NearestNeighbors(queries: q, queryLabels: [0, 0], candidates: c, candidateLabels: [Int](repeating: 0, count: 6))
        #expect(nn.index == [1, 3])
        // Masking the lower one moves the choice to the upper.
        var mask = [Bool](repeating: true, count: 6)
        mask[1] = false; mask[3] = false
        let masked = NearestNeighbors(queries: q, queryLabels: [0, 0], candidates: c,
                                      candidateLabels: [Int](repeating: 0, count: 6), candidateMask: mask)
        #expect(masked.index == [4, 5])
        // Reversed candidate order: still the lower index of the (now swapped) pair.
        let reversed = c.gatherRows([5, 4, 3, 2, 1, 0])
        let r = NearestNeighbors(queries: q, queryLabels: [0, 0], candidates: reversed, candidateLabels: [Int](repeating: 0, count: 6))
        #expect(r.index == [1, 0])
    }

    @Test func unmatchedLabelsGiveMinusOne() {
        let q = Matrix<Double>([[0, 0], [1, 1]])
        let c = Matrix<Double>([[0, 1], [1, 0]])
        let nn = NearestNeighbors(queries: q, queryLabels: [0, 2], candidates: c, candidateLabels: [0, 1])
        #expect(nn.index == [0, -1])
        #expect(nn.squaredDistance[0] == 1 && nn.squaredDistance[1] == .infinity)
    }
}
