import AWCore
import AWLinearAlgebra
import Testing

/// Timings, not correctness: run only with AWD_LINALG_BENCH=1, in release:
///     AWD_LINALG_BENCH=1 swift test -c release --filter LinearAlgebraBenchmarks
/// Prints one line per measurement (BLAS thread count included). Sanity checks are kept loose.
@Suite("Linear algebra benchmarks (AWD_LINALG_BENCH=1)", .serialized,
       .enabled(if: ProcessInfoLite.environment("AWD_LINALG_BENCH") == "1"))
struct LinearAlgebraBenchmarks {
    static func seconds(_ d: Duration) -> Double {
        Double(d.components.seconds) + Double(d.components.attoseconds) * 1e-18
    }

    /// (result, wall seconds). Also prints nothing; see `cpuSeconds` for load-independent CPU time.
    static func time<R>(_ body: () throws -> R) rethrows -> (R, Double) {
        let clock = ContinuousClock()
        var r: R?
        let d = try clock.measure { r = try body() }
        return (r!, seconds(d))
    }

    /// Process CPU time in seconds (all threads): with 1 BLAS thread, close to the unloaded wall time
    /// even when other processes compete for the cores.
    static func cpuSeconds() -> Double {
        var ts = timespec()
        clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts)
        return Double(ts.tv_sec) + Double(ts.tv_nsec) * 1e-9
    }

    @Test(arguments: [1, 2])
    func dsyevd(threads: Int) throws {
        BLASConfiguration.setThreads(threads)
        defer { BLASConfiguration.setThreads(1) }
        for n in [900, 2500] {
            var gen = SeededGenerator(seed: UInt64(n))
            let a = Fixtures.gaussianMatrix(rows: n, cols: n, &gen).symmetrized
            let c0 = Self.cpuSeconds()
            let (e, tFull) = try Self.time { try SymmetricEigen(a, symmetrize: false) }
            let cFull = Self.cpuSeconds() - c0
            let (_, tSym) = Self.time { a.symmetrized }
            let c1 = Self.cpuSeconds()
            let (v, tValues) = try Self.time { try SymmetricEigen.eigenvalues(a, symmetrize: false) }
            let cValues = Self.cpuSeconds() - c1
            #expect(abs(v[0] - e.eigenvalues[0]) < 1e-9 * abs(v[0]))
            print("BENCH dsyevd n=\(n) threads=\(BLASConfiguration.threads) vectors=\(fmt(tFull, 3)) s (cpu \(fmt(cFull, 3)) s) "
                  + "values-only=\(fmt(tValues, 3)) s (cpu \(fmt(cValues, 3)) s) symmetrize=\(fmt(tSym, 4)) s")
        }
    }

    /// Lanczos k = 20 on X^T X / 4000 with X 4000 x 23,520 Gaussian, applied matrix-free.
    @Test func lanczosGram23520() throws {
        BLASConfiguration.setThreads(1)
        var gen = SeededGenerator(seed: 23520)
        let (m, n) = (4000, 23520)
        let (x, tGen) = Self.time { Fixtures.gaussianMatrix(rows: m, cols: n, &gen) }
        let op = GramOperator(x, scale: 1 / Double(m))
        let v = Fixtures.gaussianVector(n, &gen)
        let (_, tApply) = Self.time { for _ in 0..<10 { _ = op.apply(v) } }
        print("BENCH gram 4000x23520: generate X \(fmt(tGen, 2)) s, one apply \(fmt(tApply * 100, 2)) ms")
        for tol in [1e-10, 1e-8] {
            let c0 = Self.cpuSeconds()
            let (r, t) = try Self.time { try Lanczos.eigenpairs(of: op, count: 20, tolerance: tol, generator: gen.derive("lanczos")) }
            let cpu = Self.cpuSeconds() - c0
            print("BENCH lanczos n=\(n) k=20 tol=\(tol) threads=1: \(fmt(t, 2)) s (cpu \(fmt(cpu, 2)) s), converged=\(r.converged) "
                  + "iterations=\(r.iterations) restarts=\(r.restarts) subspace=\(r.maxSubspace) applications=\(r.operatorApplications) "
                  + "max residual=\(r.residualNorms.max()!) lambda1=\(r.eigenvalues[0]) lambda20=\(r.eigenvalues[19]) "
                  + "(apply share ~\(fmt(100 * Double(r.operatorApplications) * tApply / 10 / t, 0))%)")
            #expect(r.converged)
        }
        let (q, tq) = try Self.time { try StochasticLanczosQuadrature.run(op, probes: 10, steps: 80, generator: gen.derive("slq")) }
        print("BENCH slq n=\(n) probes=10 steps=80: \(fmt(tq, 2)) s, trace \(q.traceEstimate) +- \(q.traceStandardError())")
    }

    /// n = 262,144, k = 20 on a cheap O(n) operator: the cost of the Lanczos machinery itself.
    @Test func lanczosLarge262144() throws {
        BLASConfiguration.setThreads(1)
        var gen = SeededGenerator(seed: 262_144)
        let n = 262_144
        var lambda = (0..<n).map { Double($0) / Double(n) }      // bulk in [0, 1)
        for i in 0..<20 { lambda[n - 1 - i * 997] = 3 - 0.05 * Double(i) } // 20 separated top eigenvalues
        let op = KnownSpectrumOperator(lambda: lambda, &gen)
        let (r, t) = try Self.time { try Lanczos.eigenpairs(of: op, count: 20, generator: gen.derive("lanczos")) }
        print("BENCH lanczos n=\(n) k=20 (O(n) operator): \(fmt(t, 2)) s, converged=\(r.converged) "
              + "iterations=\(r.iterations) restarts=\(r.restarts) subspace=\(r.maxSubspace) "
              + "basis memory=\(fmt(Double((r.maxSubspace + 1) * n * 8) / 1e6, 0)) MB max residual=\(r.residualNorms.max()!)")
        #expect(r.converged)
        #expect(abs(r.eigenvalues[0] - 3) < 1e-9 && abs(r.eigenvalues[19] - 2.05) < 1e-9)
    }
}

/// Fixed-point text without Foundation.
func fmt(_ x: Double, _ digits: Int) -> String {
    var scale = 1.0
    for _ in 0..<digits { scale *= 10 }
    let r = (x * scale).rounded() / scale
    return "\(r)"
}

/// getenv without Foundation.
enum ProcessInfoLite {
    static func environment(_ name: String) -> String? {
        guard let p = getenv(name) else { return nil }
        return String(cString: p)
    }
}

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
