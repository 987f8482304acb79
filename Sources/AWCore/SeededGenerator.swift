/// A seedable, platform-independent random number generator (xoshiro256**),
/// seeded through SplitMix64. The project never uses a global RNG: every random
/// choice takes one of these, derived from the run seed by `derive(_:)`.
public struct SeededGenerator: RandomNumberGenerator, Sendable {
    private var s0: UInt64, s1: UInt64, s2: UInt64, s3: UInt64
    public let seed: UInt64

    public init(seed: UInt64) {
        self.seed = seed
        var sm = SplitMix64(state: seed)
        s0 = sm.next(); s1 = sm.next(); s2 = sm.next(); s3 = sm.next()
        if s0 | s1 | s2 | s3 == 0 { s0 = 0x9E37_79B9_7F4A_7C15 }
    }

    /// A generator for an independent stream, e.g. `derive("init")`, `derive("order")`.
    /// Depends only on this generator's seed and the label, never on its state.
    public func derive(_ label: String) -> SeededGenerator {
        SeededGenerator(seed: SeededGenerator.mix(seed, label))
    }

    /// Deterministic seed derivation: SplitMix64 finalizer over the seed and an FNV-1a hash of the label.
    public static func mix(_ seed: UInt64, _ label: String) -> UInt64 {
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        for b in label.utf8 { h = (h ^ UInt64(b)) &* 0x0000_0100_0000_01b3 }
        var sm = SplitMix64(state: seed ^ h)
        _ = sm.next()
        return sm.next()
    }

    @inline(__always)
    public mutating func next() -> UInt64 {
        let result = rotl(s1 &* 5, 7) &* 9
        let t = s1 << 17
        s2 ^= s0; s3 ^= s1; s1 ^= s2; s0 ^= s3
        s2 ^= t
        s3 = rotl(s3, 45)
        return result
    }

    @inline(__always) private func rotl(_ x: UInt64, _ k: UInt64) -> UInt64 { (x << k) | (x >> (64 - k)) }

    /// Uniform in [0, 1) with 53 random bits.
    @inline(__always)
    public mutating func nextDouble() -> Double { Double(next() >> 11) * 0x1.0p-53 }

    /// Uniform in [0, 1) with 24 random bits.
    @inline(__always)
    public mutating func nextFloat() -> Float { Float(next() >> 40) * 0x1.0p-24 }

    /// Uniform integer in 0..<n (Lemire's unbiased method), stable across platforms.
    public mutating func nextInt(below n: Int) -> Int {
        precondition(n > 0)
        let bound = UInt64(n)
        var m = next().multipliedFullWidth(by: bound)
        if m.low < bound {
            let t = (0 &- bound) % bound
            while m.low < t { m = next().multipliedFullWidth(by: bound) }
        }
        return Int(m.high)
    }

    /// Standard normal (Box-Muller), stable across platforms.
    public mutating func nextGaussian() -> Double {
        var u = nextDouble()
        while u <= 0 { u = nextDouble() }
        let v = nextDouble()
        return (-2 * Libm.log(u)).squareRoot() * Libm.cos(2 * Double.pi * v)
    }

    /// Two independent standard normals (both halves of one Box-Muller draw).
    public mutating func nextGaussianPair() -> (Double, Double) {
        var u = nextDouble()
        while u <= 0 { u = nextDouble() }
        let v = nextDouble()
        let r = (-2 * Libm.log(u)).squareRoot()
        let angle = 2 * Double.pi * v
        return (r * Libm.cos(angle), r * Libm.sin(angle))
    }

    /// Fisher-Yates shuffle with this generator (independent of the standard library's algorithm).
    public mutating func shuffle<T>(_ a: inout [T]) {
        guard a.count > 1 else { return }
        for i in stride(from: a.count - 1, to: 0, by: -1) {
            let j = nextInt(below: i + 1)
            if i != j { a.swapAt(i, j) }
        }
    }

    /// A random permutation of 0..<n.
    public mutating func permutation(_ n: Int) -> [Int] {
        var p = Array(0..<n)
        shuffle(&p)
        return p
    }
}

struct SplitMix64 {
    var state: UInt64
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

