import AWCore
import Testing

@Suite("SeededGenerator")
struct SeededGeneratorTests {
    @Test("matches an independent xoshiro256** / SplitMix64 reference")
    func referenceValues() {
        // Computed with a separate Python implementation of SplitMix64 seeding + xoshiro256**.
        var g0 = SeededGenerator(seed: 0)
        #expect([g0.next(), g0.next(), g0.next(), g0.next()]
                == [0x99ec_5f36_cb75_f2b4, 0xbf6e_1f78_4956_452a, 0x1a5f_849d_4933_e6e0, 0x6aa5_94f1_262d_2d2c])
        var g42 = SeededGenerator(seed: 42)
        #expect([g42.next(), g42.next(), g42.next(), g42.next()]
                == [0x1578_0b2e_0c2e_c716, 0x6104_d986_6d11_3a7e, 0xae17_5332_39e4_99a1, 0xecb8_ad47_03b3_60a1])
    }

    @Test("same seed, same stream; different seeds, different streams")
    func determinism() {
        var a = SeededGenerator(seed: 12345), b = SeededGenerator(seed: 12345), c = SeededGenerator(seed: 12346)
        let sa = (0..<1000).map { _ in a.next() }
        let sb = (0..<1000).map { _ in b.next() }
        let sc = (0..<1000).map { _ in c.next() }
        #expect(sa == sb)
        #expect(zip(sa, sc).filter { $0 == $1 }.isEmpty)
        #expect(a.seed == 12345)
    }

    @Test("derive depends on the seed and label only, not on the state")
    func deriveIsStateless() {
        var g = SeededGenerator(seed: 7)
        var d1 = g.derive("init")
        for _ in 0..<100 { _ = g.next() }
        var d2 = g.derive("init")
        #expect((0..<50).map { _ in d1.next() } == (0..<50).map { _ in d2.next() })
        #expect(SeededGenerator(seed: 7).derive("init").seed == SeededGenerator.mix(7, "init"))
    }

    @Test("derived streams are distinct and uncorrelated")
    func deriveIndependence() {
        let run = SeededGenerator(seed: 2024)
        let labels = ["init", "order", "dropout", "label-noise", "subset"]
        var seeds = Set(labels.map { run.derive($0).seed })
        #expect(seeds.count == labels.count)
        #expect(!seeds.contains(run.seed))
        // Many labels and seeds: no collisions.
        for s in 0..<20 { for i in 0..<100 { seeds.insert(SeededGenerator(seed: UInt64(s)).derive("label-\(i)").seed) } }
        #expect(seeds.count == labels.count + 2000)
        // Sample correlation between two derived streams, and between a stream and its parent.
        var a = run.derive("init"), b = run.derive("order"), p = run
        let n = 20000
        let xa = (0..<n).map { _ in a.nextDouble() }
        let xb = (0..<n).map { _ in b.nextDouble() }
        let xp = (0..<n).map { _ in p.nextDouble() }
        #expect(abs(correlation(xa, xb)) < 0.03)
        #expect(abs(correlation(xa, xp)) < 0.03)
        // Nearby seeds give unrelated derived streams too.
        var c = SeededGenerator(seed: 2025).derive("init")
        let xc = (0..<n).map { _ in c.nextDouble() }
        #expect(abs(correlation(xa, xc)) < 0.03)
    }

    @Test("nextInt is uniform (chi-square) and stays in range", arguments: [2, 7, 10, 33])
    func nextIntUniform(n: Int) {
        var g = SeededGenerator(seed: UInt64(n) * 1_000_003)
        let draws = 20_000 * n
        var counts = [Int](repeating: 0, count: n)
        for _ in 0..<draws {
            let v = g.nextInt(below: n)
            #expect(v >= 0 && v < n)
            counts[v] += 1
        }
        let expected = Double(draws) / Double(n)
        let chi2 = counts.reduce(0.0) { $0 + (Double($1) - expected) * (Double($1) - expected) / expected }
        // chi-square with n-1 degrees of freedom: mean n-1, sd sqrt(2(n-1)); allow mean + 5 sd.
        let dof = Double(n - 1)
        #expect(chi2 < dof + 5 * (2 * dof).squareRoot(), "chi2 = \(chi2) for n = \(n): \(counts)")
    }

    @Test("nextInt edge cases: 1 and a bound near 2^63")
    func nextIntEdges() {
        var g = SeededGenerator(seed: 3)
        for _ in 0..<100 { #expect(g.nextInt(below: 1) == 0) }
        let big = Int.max / 3 * 2
        var above = 0
        for _ in 0..<4000 {
            let v = g.nextInt(below: big)
            #expect(v >= 0 && v < big)
            if v >= big / 2 { above += 1 }
        }
        #expect(abs(above - 2000) < 200)
    }

    @Test("nextDouble and nextFloat lie in [0, 1) with mean 1/2; nextGaussian has mean 0 and variance 1")
    func continuousDraws() {
        var g = SeededGenerator(seed: 99)
        let n = 50_000
        var sd = 0.0, sf = 0.0, sg = 0.0, sg2 = 0.0
        for _ in 0..<n {
            let d = g.nextDouble(), f = g.nextFloat(), z = g.nextGaussian()
            #expect(d >= 0 && d < 1)
            #expect(f >= 0 && f < 1)
            #expect(z.isFinite)
            sd += d; sf += Double(f); sg += z; sg2 += z * z
        }
        #expect(abs(sd / Double(n) - 0.5) < 0.01)
        #expect(abs(sf / Double(n) - 0.5) < 0.01)
        #expect(abs(sg / Double(n)) < 0.02)
        #expect(abs(sg2 / Double(n) - 1) < 0.03)
    }

    @Test("permutation is a permutation of 0..<n", arguments: [0, 1, 2, 10, 1000, 60000])
    func permutationValid(n: Int) {
        var g = SeededGenerator(seed: UInt64(n) + 11)
        let p = g.permutation(n)
        #expect(p.count == n)
        #expect(p.sorted() == Array(0..<n))
        if n >= 1000 {
            // Not the identity, and few fixed points (expected 1).
            #expect(p.enumerated().filter { $0.offset == $0.element }.count < 10)
        }
    }

    @Test("shuffle gives all orders of 3 items about equally often, and is reproducible")
    func shuffleUniform() {
        var g = SeededGenerator(seed: 5)
        var counts: [[Int]: Int] = [:]
        let trials = 60_000
        for _ in 0..<trials {
            var a = [0, 1, 2]
            g.shuffle(&a)
            counts[a, default: 0] += 1
        }
        #expect(counts.count == 6)
        let expected = Double(trials) / 6
        let chi2 = counts.values.reduce(0.0) { $0 + (Double($1) - expected) * (Double($1) - expected) / expected }
        #expect(chi2 < 5 + 5 * 10.0.squareRoot())
        var h1 = SeededGenerator(seed: 77), h2 = SeededGenerator(seed: 77)
        #expect(h1.permutation(500) == h2.permutation(500))
        var h3 = SeededGenerator(seed: 78)
        #expect(SeededGenerator(seed: 77).derive("x").seed != h3.derive("x").seed)
        var h4 = SeededGenerator(seed: 77)
        #expect(h4.permutation(500) != h3.permutation(500))
    }

    private func correlation(_ x: [Double], _ y: [Double]) -> Double {
        let n = Double(x.count)
        let mx = x.reduce(0, +) / n, my = y.reduce(0, +) / n
        var sxy = 0.0, sxx = 0.0, syy = 0.0
        for i in 0..<x.count {
            let dx = x[i] - mx, dy = y[i] - my
            sxy += dx * dy; sxx += dx * dx; syy += dy * dy
        }
        return sxy / (sxx * syy).squareRoot()
    }
}
