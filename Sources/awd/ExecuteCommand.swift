import AWCore
import AWManifest
import ArgumentParser

/// The child process of a sweep: executes exactly the run its ticket describes (`awd run` plans the
/// manifest once, in the parent, and hands each child its resolved run).
struct ExecuteCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "execute", abstract: "Execute one resolved run (a sweep's child process).", shouldDisplay: false)

    @Option(name: .long, help: "The run ticket (JSON: the canonical configuration, swept values, archive path).")
    var ticket: String

    @Option(name: .long, help: "Folder of the dataset's IDX files.")
    var dataDir: String?

    /// This command's arguments for one run: the only place that spells them.
    static func arguments(ticket: String, dataDirectory: String?) -> [String] {
        ["execute", "--ticket", ticket] + (dataDirectory.map { ["--data-dir", $0] } ?? [])
    }

    func run() throws {
        try CommandSupport.guarded {
            try RunExecution.execute(try RunTicket(json: ticket), dataDirectory: dataDir, child: true)
        }
    }
}
