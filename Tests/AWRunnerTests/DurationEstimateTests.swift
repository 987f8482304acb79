@testable import AWRunner
import Testing

/// The sweep's time estimate, against sums worked out by hand.
@Suite("time left in a queue of runs")
struct DurationEstimateTests {
    @Test("no finished run: no estimate; then per point, else per manifest, else overall means")
    func fallbacks() {
        var e = DurationEstimate()
        e.expect("a1", point: "A#0", manifest: "A")
        e.expect("a2", point: "A#0", manifest: "A")
        e.expect("a3", point: "A#1", manifest: "A")
        e.expect("b1", point: "B#0", manifest: "B")
        #expect(e.remainingSeconds(activeElapsed: [:], jobs: 1) == nil)
        e.finished("a1", seconds: 10)
        // a2: its point's mean 10; a3: its manifest's mean 10; b1: the overall mean 10.
        #expect(e.remainingSeconds(activeElapsed: [:], jobs: 1) == 30)
        e.finished("a2", seconds: 30)
        // point A#0 mean 20 (not needed any more); a3: manifest A mean 20; b1: overall mean 20.
        #expect(e.expected("a3") == 20 && e.expected("b1") == 20)
        e.expect("b2", point: "B#0", manifest: "B")
        e.finished("b1", seconds: 2)
        // a3: manifest A 20; b2: point B#0 2.
        #expect(e.remainingSeconds(activeElapsed: [:], jobs: 2) == 11)
    }

    @Test("a running run counts for what is left of its estimate, never less than 0")
    func runningRuns() {
        var e = DurationEstimate()
        for i in 0..<4 { e.expect("r\(i)", point: "P", manifest: "M") }
        e.finished("r0", seconds: 8)
        #expect(e.remainingSeconds(activeElapsed: ["r1": 3, "r2": 20], jobs: 1) == 13)   // r1: 8 - 3, r2: none left, r3: 8
        e.drop("r3")
        #expect(e.remainingSeconds(activeElapsed: ["r1": 3, "r2": 20], jobs: 1) == 5)
        e.finished("r1", seconds: .nan)   // an unreadable duration changes no mean
        #expect(e.expected("r2") == 8)
    }

    @Test("durations read as people write them")
    func durationText() {
        #expect(ProgressDisplay.durationText(42) == "42s")
        #expect(ProgressDisplay.durationText(450) == "7.5min")
        #expect(ProgressDisplay.durationText(3900) == "1h 05min")
    }
}
