import Foundation
import Testing
@testable import AWFigures

@Suite("Statistics: t and normal quantiles, OLS, Pearson")
struct StatisticsTests {
    @Test("t quantiles match the printed table (two-sided 95% and others)")
    func tQuantileTable() {
        // (df, p, table value) from standard t tables (3 decimals).
        let table: [(Double, Double, Double)] = [
            (1, 0.975, 12.706), (2, 0.975, 4.303), (3, 0.975, 3.182), (5, 0.975, 2.571), (10, 0.975, 2.228),
            (30, 0.975, 2.042), (120, 0.975, 1.980), (1, 0.95, 6.314), (4, 0.95, 2.132), (20, 0.995, 2.845),
            (9, 0.9, 1.383), (60, 0.99, 2.390),
        ]
        for (df, p, expected) in table {
            let q = StudentTDistribution(degreesOfFreedom: df).quantile(p)
            #expect(abs(q - expected) < 5e-4, "t_{\(p), \(df)} = \(q), table \(expected)")
        }
    }

    @Test("t quantile: closed forms for df 1 and 2, symmetry, CDF round trip, normal limit")
    func tQuantileClosedForms() {
        // df = 1 is Cauchy: t_p = tan(pi (p - 1/2)); df = 2: t_p = (2p-1) sqrt(2 / (4p(1-p))).
        for p in [0.6, 0.75, 0.9, 0.975, 0.999] {
            #expect(abs(StudentTDistribution(degreesOfFreedom: 1).quantile(p) - tan(.pi * (p - 0.5))) < 1e-9 * max(1, tan(.pi * (p - 0.5))))
            let exact2 = (2 * p - 1) * (2 / (4 * p * (1 - p))).squareRoot()
            #expect(abs(StudentTDistribution(degreesOfFreedom: 2).quantile(p) - exact2) < 1e-10 * max(1, exact2))
        }
        let t7 = StudentTDistribution(degreesOfFreedom: 7)
        #expect(abs(t7.quantile(0.025) + t7.quantile(0.975)) < 1e-12)
        #expect(t7.quantile(0.5) == 0)
        for x in [-3.0, -0.4, 0.0, 1.2, 5.0] {
            #expect(abs(t7.quantile(t7.cdf(x)) - x) < 1e-9)
        }
        #expect(abs(StudentTDistribution(degreesOfFreedom: 1e6).quantile(0.975) - 1.959964) < 1e-5)
    }

    @Test("Regularized incomplete beta: closed forms")
    func incompleteBeta() {
        // I_x(1, 1) = x; I_x(a, 1) = x^a; I_x(1, b) = 1 - (1-x)^b; I_{1/2}(a, a) = 1/2.
        for x in [0.05, 0.3, 0.5, 0.77, 0.99] {
            #expect(abs(SpecialFunctions.regularizedIncompleteBeta(x, a: 1, b: 1) - x) < 1e-14)
            #expect(abs(SpecialFunctions.regularizedIncompleteBeta(x, a: 3.5, b: 1) - pow(x, 3.5)) < 1e-13)
            #expect(abs(SpecialFunctions.regularizedIncompleteBeta(x, a: 1, b: 2.5) - (1 - pow(1 - x, 2.5))) < 1e-13)
        }
        #expect(abs(SpecialFunctions.regularizedIncompleteBeta(0.5, a: 7.3, b: 7.3) - 0.5) < 1e-13)
        #expect(SpecialFunctions.regularizedIncompleteBeta(0, a: 2, b: 3) == 0)
        #expect(SpecialFunctions.regularizedIncompleteBeta(1, a: 2, b: 3) == 1)
    }

    @Test("Normal quantile")
    func normalQuantile() {
        #expect(abs(NormalDistribution.quantile(0.975) - 1.959963985) < 1e-8)
        #expect(abs(NormalDistribution.quantile(0.95) - 1.644853627) < 1e-8)
        #expect(abs(NormalDistribution.quantile(0.1) + 1.281551566) < 1e-8)
        #expect(abs(NormalDistribution.cdf(1.959963985) - 0.975) < 1e-9)
    }

    @Test("OLS slope, intercept, standard error and 95% CI on a hand-computed example")
    func olsClosedForm() throws {
        // x = 0,1,2,3; y = 1,3,2,5: Sxx = 5, Sxy = 5.5 -> slope 1.1, intercept 1.1,
        // SSE = 2.7, s^2 = 1.35, se = sqrt(0.27), t_{0.975,2} = 4.302653 (= 2 sqrt(2)/... exact: sqrt(2/(4*.975*.025))*.95).
        let fit = try #require(LinearRegression.fit(x: [0, 1, 2, 3], y: [1, 3, 2, 5]))
        #expect(fit.n == 4 && fit.degreesOfFreedom == 2)
        #expect(abs(fit.slope - 1.1) < 1e-12)
        #expect(abs(fit.intercept - 1.1) < 1e-12)
        #expect(abs(fit.slopeStandardError - 0.27.squareRoot()) < 1e-12)
        let t2 = 0.95 * (2 / (4 * 0.975 * 0.025)).squareRoot()
        #expect(abs(fit.tQuantile - t2) < 1e-9)
        #expect(abs(fit.tQuantile - 4.302653) < 1e-6)
        #expect(abs(fit.slopeLower - (1.1 - t2 * 0.27.squareRoot())) < 1e-9)
        #expect(abs(fit.slopeUpper - (1.1 + t2 * 0.27.squareRoot())) < 1e-9)
        // r = Sxy / sqrt(Sxx Syy), Syy = 8.75.
        #expect(abs(fit.r - 5.5 / (5 * 8.75).squareRoot()) < 1e-12)
    }

    @Test("OLS: exact line has zero-width interval; too few points gives a reason")
    func olsEdgeCases() throws {
        let fit = try #require(LinearRegression.fit(x: [1, 2, 3, 4, 5], y: [3, 5, 7, 9, 11]))
        #expect(abs(fit.slope - 2) < 1e-12 && abs(fit.intercept - 1) < 1e-12)
        #expect(abs(fit.slopeUpper - fit.slopeLower) < 1e-9)
        #expect(LinearRegression.fit(x: [1, 2], y: [1, 2]) == nil)
        #expect(LinearRegression.insufficiency(x: [1, 2], y: [1, 2]) == "fewer than 3 runs (2)")
        #expect(LinearRegression.insufficiency(x: [1, 1, 1], y: [1, 2, 3]) == "fewer than 2 distinct parameter values")
        // Non-finite pairs are dropped, not propagated.
        let f2 = try #require(LinearRegression.fit(x: [0, 1, .nan, 2, 3], y: [1, 3, 5, 2, 5]))
        #expect(f2.n == 4 && abs(f2.slope - 1.1) < 1e-12)
    }

    @Test("Pearson r with Fisher-z interval")
    func pearson() throws {
        let x: [Double] = [1, 2, 3, 4, 5, 6, 7, 8]
        let y: [Double] = [2.1, 3.9, 6.2, 7.8, 10.1, 12.2, 13.8, 16.1]
        let pc = try #require(PearsonCorrelation.compute(x: x, y: y))
        let fit = try #require(LinearRegression.fit(x: x, y: y))
        #expect(abs(pc.r - fit.r) < 1e-12)
        let z = atanh(pc.r), se = 1 / 5.0.squareRoot()
        #expect(abs(pc.lower - tanh(z - 1.959963985 * se)) < 1e-8)
        #expect(abs(pc.upper - tanh(z + 1.959963985 * se)) < 1e-8)
        #expect(pc.lower > 0.9 && pc.upper <= 1)
        #expect(PearsonCorrelation.compute(x: [1, 2, 3], y: [1, 2, 4]) == nil)
    }

    @Test("Sample statistics use ddof = 1")
    func summary() {
        let s = SummaryStatistics([2, 4, 4, 4, 5, 5, 7, 9])
        #expect(s.count == 8 && s.mean == 5)
        // Population std is 2; sample std is sqrt(32/7).
        #expect(abs(s.standardDeviation - (32.0 / 7).squareRoot()) < 1e-12)
        #expect(abs(s.standardError - (32.0 / 7).squareRoot() / 8.0.squareRoot()) < 1e-12)
        #expect(s.minimum == 2 && s.maximum == 9)
        let one = SummaryStatistics([3])
        #expect(one.mean == 3 && one.standardDeviation.isNaN)
        #expect(SummaryStatistics([]).mean.isNaN)
    }
}
