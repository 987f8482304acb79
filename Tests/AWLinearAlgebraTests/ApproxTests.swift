import AWLinearAlgebra
import AWTestSupport
import Testing

@Suite("Approximate-equality helpers")
struct ApproxTests {
    @Test func isCloseSemantics() {
        #expect(TestSupport.isClose(1.0, 1.0 + 1e-13, relative: 1e-12))
        #expect(!TestSupport.isClose(1.0, 1.0 + 1e-11, relative: 1e-12))
        #expect(TestSupport.isClose(1000.0, 1001.0, relative: 1e-3))        // 1 <= 1e-3 * 1001
        #expect(!TestSupport.isClose(0.0, 1e-300, relative: 1e-3))          // relative alone: only 0 is close to 0
        #expect(TestSupport.isClose(0.0, 1e-9, relative: 0, absolute: 1e-9))
        #expect(!TestSupport.isClose(Double.nan, Double.nan, relative: 1, absolute: 1))
        #expect(TestSupport.isClose(Double.infinity, Double.infinity))
        #expect(!TestSupport.isClose(Double.infinity, -Double.infinity, relative: 1))
        #expect(!TestSupport.isClose(Double.greatestFiniteMagnitude, Double.infinity, relative: 1))
        #expect(TestSupport.isClose(Float(1), Float(1.0000001), relative: 1e-6))
    }

    @Test func compareReportsWorstEntry() {
        let c = TestSupport.compare([1.0, 2.0, 3.0], [1.0, 2.1, 3.0], relative: 1e-3)
        #expect(!c.passed)
        #expect(c.failures == 1)
        #expect(c.worstIndex == 1)
        #expect(abs(c.maxAbsoluteError - 0.1) < 1e-12)
        #expect(c.description.contains("[1]"))
        #expect(TestSupport.compare([1.0], [1.0, 2.0]).passed == false)
        #expect(TestSupport.compare([Double](), []).passed)
        let m = TestSupport.compare(Matrix<Double>([[1, 2]]), Matrix<Double>([[1], [2]]))
        #expect(!m.passed && m.description.contains("shapes differ"))
        #expect(TestSupport.compare(Matrix<Float>([[1, 2]]), Matrix<Float>([[1, 2.000001]]), relative: 1e-5).passed)
        #expect(TestSupport.relativeError([3.0, 4.0], [3.0, 4.0]) == 0)
        #expect(abs(TestSupport.relativeError([3.0, 4.5], [3.0, 4.0]) - 0.1) < 1e-15)
        #expect(TestSupport.maxAbsDifference([1.0, 5.0], [1.5, 5.0]) == 0.5)
    }
}
