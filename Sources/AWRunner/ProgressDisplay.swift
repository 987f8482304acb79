import AWCore
import Foundation

/// Shows how a sweep is going: runs done/total, each active run's epoch and loss, and an
/// estimate of the time left over everything queued (`ProgressDisplay+Estimate.swift`). On a terminal it redraws one status line; otherwise (logs, CI,
/// make) it prints plain lines, at most one per run event and one heartbeat every few seconds.
public final class ProgressDisplay: @unchecked Sendable {
    public struct Active: Sendable {
        public var label: String
        public var epoch: Int
        public var loss: Double
        public var stage: String
    }

    private let lock = NSLock()
    private let isTerminal: Bool
    private let total: Int
    private var done = 0
    private var skipped = 0
    private var failed = 0
    private var interruptedCount = 0
    private var active: [String: Active] = [:]
    private let start = Date()
    /// What the time estimate knows: each queued run's sweep point and manifest, and the durations
    /// of finished runs by point, by manifest and overall.
    var estimate = DurationEstimate()
    private var startedAt: [String: Date] = [:]
    private var etaCache: (at: Date, done: Int, text: String)?
    private let jobs: Int
    private var lastPlain = Date.distantPast
    private var lastLineLength = 0
    private let quiet: Bool

    public init(total: Int, jobs: Int, quiet: Bool = false, forcePlain: Bool = false) {
        self.total = total
        self.jobs = max(1, jobs)
        self.quiet = quiet
        self.isTerminal = !forcePlain && isatty(STDERR_FILENO) == 1
    }

    public func skip(_ label: String) {
        lock.withLock { done += 1; skipped += 1 }
        if !isTerminal && !quiet { emit("skip  \(label) (archive complete)") }
    }

    /// Registers a queued run's sweep point and manifest (keys of the time estimate); call before it starts.
    public func expect(_ label: String, point: String, manifest: String) {
        lock.withLock { estimate.expect(label, point: point, manifest: manifest) }
    }

    public func started(_ label: String) {
        lock.withLock {
            active[label] = Active(label: label, epoch: 0, loss: .nan, stage: "start")
            startedAt[label] = Date()
        }
        if !isTerminal && !quiet { emit("start \(label)") }
        redraw()
    }

    public func update(_ label: String, stage: String, epoch: Int, loss: Double) {
        lock.withLock { active[label] = Active(label: label, epoch: epoch, loss: loss, stage: stage) }
        redraw()
    }

    /// A run stopped by an interruption (not a failure: it will run again on the next invocation).
    public func interrupted(_ label: String) {
        lock.withLock { active[label] = nil; startedAt[label] = nil; interruptedCount += 1; estimate.drop(label) }
        emit("stop  \(label) (interrupted, no archive written)")
    }

    public func finished(_ label: String, seconds: Double, summary: String, ok: Bool) {
        lock.withLock {
            active[label] = nil
            startedAt[label] = nil
            done += 1
            if !ok { failed += 1 }
            estimate.finished(label, seconds: seconds)
        }
        emit(String(format: "%@ %@ %.1fs %@", ok ? "done " : "FAIL ", label, seconds, summary))
        redraw()
    }

    /// Clear the status line (call at the end).
    public func finish() {
        if isTerminal && lastLineLength > 0 {
            Console.err("\r" + String(repeating: " ", count: lastLineLength) + "\r")
        }
        let elapsed = Date().timeIntervalSince(start)
        let stopped = interruptedCount > 0 ? String(format: ", %d interrupted", interruptedCount) : ""
        emit(String(format: "%d/%d runs (%d skipped, %d failed%@) in %.1fs", done, total, skipped, failed, stopped, elapsed))
    }

    /// The estimate sums over every queued run: recomputed at most once a second (the status line
    /// is redrawn on every epoch of every running run).
    private func etaText() -> String {
        let now = Date()
        return lock.withLock { () -> String in
            if let cached = etaCache, now.timeIntervalSince(cached.at) < 1, cached.done == done { return cached.text }
            let elapsed = startedAt.mapValues { now.timeIntervalSince($0) }
            let text: String
            if total - done <= 0 {
                text = "eta 0s"
            } else if let eta = estimate.remainingSeconds(activeElapsed: elapsed, jobs: jobs) {
                text = "eta " + ProgressDisplay.durationText(eta)
            } else {
                text = "eta ?"
            }
            etaCache = (now, done, text)
            return text
        }
    }

    /// 42s, 7.5min, 1h 05min.
    static func durationText(_ seconds: Double) -> String {
        if seconds < 90 { return String(format: "%.0fs", seconds) }
        if seconds < 3600 { return String(format: "%.1fmin", seconds / 60) }
        let minutes = Int((seconds / 60).rounded())
        return String(format: "%dh %02dmin", minutes / 60, minutes % 60)
    }

    private func statusLine() -> String {
        let (d, t, act) = lock.withLock { (done, total, active.values.sorted { $0.label < $1.label }) }
        var parts = ["[\(d)/\(t)]", etaText()]
        for a in act.prefix(4) {
            parts.append(a.loss.isNaN ? "\(a.label) \(a.stage)" : String(format: "%@ %@ ep %d loss %.2e", a.label, a.stage, a.epoch, a.loss))
        }
        return parts.joined(separator: "  ")
    }

    private func redraw() {
        guard !quiet else { return }
        if isTerminal {
            let line = statusLine()
            let width = 160
            let shown = String(line.prefix(width))
            let pad = max(0, lastLineLength - shown.count)
            lock.withLock { lastLineLength = shown.count }
            Console.err("\r" + shown + String(repeating: " ", count: pad))
        } else {
            let now = Date()
            let due = lock.withLock { () -> Bool in
                if now.timeIntervalSince(lastPlain) >= 5 { lastPlain = now; return true }
                return false
            }
            if due { emit(statusLine()) }
        }
    }

    private func emit(_ text: String) {
        if isTerminal && lastLineLength > 0 {
            Console.err("\r" + String(repeating: " ", count: lastLineLength) + "\r")
            lock.withLock { lastLineLength = 0 }
        }
        Console.err(text + "\n")
    }
}
