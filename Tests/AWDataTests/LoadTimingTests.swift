import AWCore
import AWData
import AWTestSupport
import Foundation
import Testing

@Suite("Loading speed")
struct LoadTimingTests {
    @Test("MNIST train (47 MB) loads in well under the budget, even in a debug build")
    func mnistTrainSpeed() throws {
        let clock = ContinuousClock()
        var dataset: Dataset?
        let elapsed = try clock.measure { dataset = try RealData.load(.mnist, .train) }
        #expect(dataset?.count == 60000)
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18
        print("MNIST train load: \(String(format: "%.3f", seconds)) s")
        #expect(seconds < 10, "loading MNIST train took \(seconds) s")
    }
}
