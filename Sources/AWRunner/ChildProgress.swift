import AWCore
import Foundation

/// The line protocol between a child run process and the runner: one line per event on the
/// child's standard output, `@awd <key>=<value> ...`. Everything else the child prints is passed on.
public enum ChildProgress {
    public static let prefix = "@awd "

    public enum Event: Equatable, Sendable {
        case progress(stage: String, epoch: Int, loss: Double)
        case finished(status: String, summary: String)
        case failed(message: String)
    }

    public static func line(for event: Event) -> String {
        switch event {
        case let .progress(stage, epoch, loss):
            return "\(prefix)event=progress stage=\(stage) epoch=\(epoch) loss=\(loss)"
        case let .finished(status, summary):
            return "\(prefix)event=finished status=\(status) summary=\(escape(summary))"
        case let .failed(message):
            return "\(prefix)event=failed message=\(escape(message))"
        }
    }

    public static func parse(_ line: String) -> Event? {
        guard line.hasPrefix(prefix) else { return nil }
        var fields: [String: String] = [:]
        for part in line.dropFirst(prefix.count).split(separator: " ") {
            guard let eq = part.firstIndex(of: "=") else { continue }
            fields[String(part[..<eq])] = unescape(String(part[part.index(after: eq)...]))
        }
        switch fields["event"] {
        case "progress":
            return .progress(stage: fields["stage"] ?? "", epoch: Int(fields["epoch"] ?? "") ?? 0,
                             loss: Double(fields["loss"] ?? "") ?? .nan)
        case "finished": return .finished(status: fields["status"] ?? "", summary: fields["summary"] ?? "")
        case "failed": return .failed(message: fields["message"] ?? "")
        default: return nil
        }
    }

    /// Emit an event from a child process (flushes immediately).
    public static func emit(_ event: Event) {
        Console.out(line(for: event) + "\n")
    }

    private static func escape(_ s: String) -> String {
        s.replacingOccurrences(of: "%", with: "%25").replacingOccurrences(of: " ", with: "%20")
            .replacingOccurrences(of: "\n", with: "%0A").replacingOccurrences(of: "=", with: "%3D")
    }

    private static func unescape(_ s: String) -> String {
        s.replacingOccurrences(of: "%3D", with: "=").replacingOccurrences(of: "%0A", with: "\n")
            .replacingOccurrences(of: "%20", with: " ").replacingOccurrences(of: "%25", with: "%")
    }
}
