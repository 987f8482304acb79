/// Wall-clock seconds between successive `lap()` calls, and since creation (for `AnalysisTimings`).
struct StageClock {
    private let clock = ContinuousClock()
    private let start: ContinuousClock.Instant
    private var mark: ContinuousClock.Instant

    init() { start = clock.now; mark = start }

    /// Seconds since the previous lap (or creation); starts the next lap.
    mutating func lap() -> Double {
        let now = clock.now
        let d = now - mark
        mark = now
        return Self.seconds(d)
    }

    /// Seconds since creation.
    func total() -> Double { Self.seconds(clock.now - start) }

    private static func seconds(_ d: Duration) -> Double {
        Double(d.components.seconds) + Double(d.components.attoseconds) * 1e-18
    }
}
