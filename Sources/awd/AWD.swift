import ArgumentParser

/// The root command: manifest -> runs -> archives -> figures/report.
struct AWD: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "awd",
        abstract: "The activity-weight duality pipeline: train, analyse, archive, plot.",
        discussion: """
            Experiments are YAML manifests (experiments/, docs/MANIFESTS.md). `awd run` executes their runs \
            and writes one HDF5 archive per run (docs/ARCHIVE.md); `awd figures` and `awd report` read the \
            archives only.
            """ + "\n\n" + ExitStatus.helpText,
        version: "0.1.0",
        subcommands: [RunCommand.self, ListCommand.self, InspectCommand.self, ExportCommand.self,
                      VerifyCommand.self, FiguresCommand.self, ReportCommand.self, LearnersCommand.self, BenchCommand.self, SettingsCommand.self,
                      ExecuteCommand.self])
}
