import AWCore
import Foundation
import Testing

/// `Libm` is the platform math library itself: bit-identical to Foundation's functions (which
/// call the same libm), on arguments spanning the ranges the pipeline uses.
@Suite("Libm wrappers")
struct LibmTests {
    static let arguments: [Double] = {
        var g = SeededGenerator(seed: 11)
        return [0, -0.0, 1, -1, 0.5, 1e-300, 700, -745, 1e-8, .infinity] + (0..<500).map { _ in g.nextGaussian() * 20 }
    }()

    @Test func doubleFunctionsMatchFoundation() {
        for x in Self.arguments {
            #expect(Libm.exp(x).bitPattern == exp(x).bitPattern, "exp(\(x))")
            #expect(Libm.cos(x).bitPattern == cos(x).bitPattern || x.isInfinite, "cos(\(x))")
            #expect(Libm.tanh(x).bitPattern == tanh(x).bitPattern, "tanh(\(x))")
            let p = abs(x)
            #expect(Libm.log(p).bitPattern == log(p).bitPattern, "log(\(p))")
            #expect(Libm.log10(p).bitPattern == log10(p).bitPattern, "log10(\(p))")
        }
        #expect(Libm.exp(0.0) == 1 && Libm.log(1.0) == 0 && Libm.log10(1000.0) == 3 && Libm.cos(0.0) == 1 && Libm.tanh(0.0) == 0)
        #expect(Libm.log(0.0) == -Double.infinity && Libm.log(-1.0).isNaN && Libm.exp(-746.0) == 0)
    }

    @Test func floatFunctionsMatchFoundation() {
        for d in Self.arguments {
            let x = Float(d)
            #expect(Libm.exp(x).bitPattern == expf(x).bitPattern, "expf(\(x))")
            #expect(Libm.tanh(x).bitPattern == tanhf(x).bitPattern, "tanhf(\(x))")
            #expect(Libm.log(abs(x)).bitPattern == logf(abs(x)).bitPattern, "logf(\(abs(x)))")
        }
        #expect(Libm.exp(Float(0)) == 1 && Libm.log(Float(1)) == 0)
    }
}
