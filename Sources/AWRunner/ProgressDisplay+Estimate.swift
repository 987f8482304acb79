/// The time left in a queue of runs whose durations differ by sweep point (a run that stops at the
/// epoch bound takes 5-10x one that meets the stop rule early). A queued run's duration is estimated
/// by the mean duration of the finished runs at its sweep point, else of its manifest, else of all
/// finished runs; a running run counts for what its estimate says is left of it (at least 0). The
/// sum is divided by the number of parallel jobs. Without any finished run there is no estimate.
struct DurationEstimate: Sendable {
    private struct Keys: Sendable { var point: String; var manifest: String }
    private struct Mean: Sendable {
        var sum = 0.0, count = 0
        var value: Double? { count > 0 ? sum / Double(count) : nil }
        mutating func add(_ x: Double) { sum += x; count += 1 }
    }
    private var keys: [String: Keys] = [:]
    private var pending: Set<String> = []
    private var byPoint: [String: Mean] = [:]
    private var byManifest: [String: Mean] = [:]
    private var overall = Mean()

    mutating func expect(_ label: String, point: String, manifest: String) {
        keys[label] = Keys(point: point, manifest: manifest)
        pending.insert(label)
    }

    /// A run that will not finish in this queue (interrupted).
    mutating func drop(_ label: String) { pending.remove(label) }

    mutating func finished(_ label: String, seconds: Double) {
        pending.remove(label)
        guard seconds.isFinite, seconds >= 0 else { return }
        overall.add(seconds)
        if let k = keys[label] {
            byPoint[k.point, default: Mean()].add(seconds)
            byManifest[k.manifest, default: Mean()].add(seconds)
        }
    }

    /// The expected duration of one queued or running run.
    func expected(_ label: String) -> Double? {
        if let k = keys[label] {
            if let m = byPoint[k.point]?.value { return m }
            if let m = byManifest[k.manifest]?.value { return m }
        }
        return overall.value
    }

    /// Seconds left for everything pending, `activeElapsed` giving how long each running run has run.
    func remainingSeconds(activeElapsed: [String: Double], jobs: Int) -> Double? {
        guard overall.count > 0 else { return nil }
        var work = 0.0
        for label in pending {
            guard let e = expected(label) else { return nil }
            work += Swift.max(0, e - (activeElapsed[label] ?? 0))
        }
        return work / Double(Swift.max(1, jobs))
    }
}
