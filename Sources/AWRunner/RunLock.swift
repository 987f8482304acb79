import AWCore
import Foundation

/// A per-run lock, `<archive>.lock`, so that two sweeps of one manifest into one folder never do
/// the same run: the process that executes a run creates it atomically (written whole, then link(2)) with its
/// pid and start time, and removes it on every exit it sees (success, error, SIGTERM's deadline).
/// A lock whose process is gone (kill -9, a crash, a reboot) or whose pid now belongs to another
/// process (compared by start time) is stale and is taken over.
public final class RunLock: @unchecked Sendable {
    public let path: String
    private var held = true

    /// The status a child reports (`@awd finished status=busy`) when another process holds the run's lock.
    public static let busyStatus = "busy"

    /// The lock file of the run archived at `archivePath`.
    public static func path(for archivePath: String) -> String { archivePath + ".lock" }

    /// Why a run could not be locked: another live process holds it.
    public struct Busy: Error, CustomStringConvertible {
        public let path: String
        public let pid: Int32
        public var description: String { "the run is being executed by another process (pid \(pid), lock \(path))" }
    }

    private init(path: String) { self.path = path }

    /// Takes the lock of the run archived at `archivePath`.
    /// - Throws: `Busy` when a live process holds it; `AWError(.io)` when the file cannot be made.
    public static func acquire(archivePath: String) throws -> RunLock {
        let path = Self.path(for: archivePath)
        let me = "\(getpid()) \(startTime(of: getpid()) ?? 0)\n"
        // The lock appears whole or not at all: written under a private name, then hard-linked
        // to its name (link(2) fails with EEXIST if the lock exists), so another process never
        // reads a half-written lock and mistakes it for a stale one.
        let staging = "\(path).tmp-\(getpid())"  // a leftover is removed as a stale temporary
        unlink(staging)
        let fd = open(staging, O_WRONLY | O_CREAT | O_EXCL, 0o644)
        guard fd >= 0 else {
            throw AWError(.io, "\(path): cannot create the run's lock file: \(String(cString: strerror(errno)))")
        }
        let wrote = Array(me.utf8).withUnsafeBytes { write(fd, $0.baseAddress, $0.count) } == me.utf8.count
        close(fd)
        defer { unlink(staging) }
        guard wrote else { throw AWError(.io, "\(path): cannot write the run's lock file: \(String(cString: strerror(errno)))") }
        for _ in 0..<3 {
            if link(staging, path) == 0 { return RunLock(path: path) }
            guard errno == EEXIST else {
                throw AWError(.io, "\(path): cannot create the run's lock file: \(String(cString: strerror(errno)))")
            }
            if let holder = liveHolder(path) { throw Busy(path: path, pid: holder) }
            unlink(path)  // stale: its process is gone; take it over
        }
        throw AWError(.io, "\(path): the run's lock file keeps reappearing")
    }

    /// The pid of the live process holding the lock at `path`, or nil when the lock is stale or unreadable.
    public static func liveHolder(_ path: String) -> Int32? {
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else { return nil }
        let fields = text.split(whereSeparator: \.isWhitespace)
        guard let pid = fields.first.flatMap({ Int32($0) }), pid > 0 else { return nil }
        if kill(pid, 0) != 0 && errno == ESRCH { return nil }
        if isZombie(pid) { return nil }  // killed, not yet reaped: it holds nothing
        if fields.count > 1, let recorded = UInt64(fields[1]), let now = startTime(of: pid), recorded != 0, now != recorded {
            return nil  // the pid was reused by another process
        }
        return pid
    }

    /// Removes the lock (idempotent).
    public func release() {
        guard held else { return }
        held = false
        unlink(path)
    }

    deinit { release() }

    /// Whether `pid` has exited and waits to be reaped (state Z or X in /proc/<pid>/stat).
    static func isZombie(_ pid: Int32) -> Bool {
        guard let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
              let close = stat.lastIndex(of: ")") else { return false }
        let state = stat[stat.index(after: close)...].split(separator: " ").first
        return state == "Z" || state == "X"
    }

    /// A process's start time in clock ticks since boot (field 22 of /proc/<pid>/stat), when known.
    static func startTime(of pid: Int32) -> UInt64? {
        guard let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
              let close = stat.lastIndex(of: ")") else { return nil }
        // Fields after the command name (which may hold spaces): state is field 3, starttime field 22.
        let rest = stat[stat.index(after: close)...].split(separator: " ")
        return rest.count > 19 ? UInt64(rest[19]) : nil
    }
}
