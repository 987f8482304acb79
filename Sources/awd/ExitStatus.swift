import AWArchive
import AWCore
import AWManifest
import ArgumentParser
import Foundation

/// The exit-status contract, in one place (also `awd --help` and docs/RELIABILITY.md):
/// 0 success, 1 a failure while working, 2 bad input, 130 interrupted.
enum ExitStatus: Int32, CaseIterable {
    case success = 0
    /// A failure while working: a write error (full disk, I/O error), a run that failed, a check
    /// that did not pass (`awd verify`).
    case failure = 1
    /// Bad input, found before any work: the manifest, the data files, an archive, or the command
    /// line (ArgumentParser's own usage errors included).
    case badInput = 2
    /// Stopped by SIGINT or SIGTERM; only complete archives are left, the next run resumes.
    case interrupted = 130

    /// The text `awd --help` prints.
    static let helpText = """
        Exit status: 0 success; 1 a failure while working (a write error such as a full disk, a run \
        that failed, a check that did not pass); 2 bad input, found before any work (a manifest, \
        data files, an archive, or the command line); 130 interrupted (SIGINT or SIGTERM; only \
        complete archives are left and the next invocation resumes).
        """

    /// The status of an error a command throws (the message is printed by `report`).
    static func of(_ error: Error) -> ExitStatus {
        switch error {
        case let e as ExitCode: return ExitStatus(rawValue: e.rawValue) ?? .failure
        case is ManifestErrors, is ManifestError, is ArchiveError, is ValidationError: return .badInput
        case let e as AWError:
            switch e.kind {
            case .invalidInput, .data: return .badInput
            case .interrupted: return .interrupted
            case .io, .library, .numerical: return .failure
            }
        default: return .failure
        }
    }

    /// The message of `error` for a person (nothing for an `ExitCode`, whose message is already out).
    static func message(_ error: Error) -> String? {
        switch error {
        case is ExitCode: return nil
        case let e as ManifestErrors: return e.description
        case let e as ManifestError: return e.description
        case let e as AWError: return "awd: \(e.description)"
        case let e as ArchiveError: return "awd: \(e.description)"
        default: return "awd: \(error)"
        }
    }

    /// Parses the command line and runs the command under this contract; never returns.
    static func main(_ root: AWD.Type) -> Never {
        var command: ParsableCommand
        do {
            command = try root.parseAsRoot()
        } catch {
            // --help and --version exit 0 as ArgumentParser does; every usage error is bad input.
            if root.exitCode(for: error) == .success { root.exit(withError: error) }
            CommandSupport.printError(root.fullMessage(for: error))
            exit(ExitStatus.badInput.rawValue)
        }
        do {
            try command.run()
            exit(ExitStatus.success.rawValue)
        } catch {
            if root.exitCode(for: error) == .success { root.exit(withError: error) }  // `awd help ...`
            if let text = message(error) { CommandSupport.printError(text) }
            exit(of(error).rawValue)
        }
    }
}
