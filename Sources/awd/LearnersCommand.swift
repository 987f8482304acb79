import AWFigures
import ArgumentParser
import Foundation

struct LearnersCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "learners",
        abstract: "Write the multi-learner report (SSGD vs DPSGD, paired over seeds) and its figures from archives only.",
        discussion: """
            Reads the runs of the given manifests (e.g. learners-mnist-lr learners-mnist-count learners-mnist-controls), \
            groups them by arm (algorithm, topology, learners, batch, learning rate, noise) and pairs arms by seed. \
            Writes REPORT.md and <stem>-rates, -learners, -spectra, -consensus (PDF, SVG, PNG) into --out. \
            The claims, rules and protocol: docs/LEARNERS.md.
            """)

    @OptionGroup var source: RecordSelection

    @Option(name: .long, help: "Output folder of the report and its figures.")
    var out: String = "figures/learners"

    @Option(name: .long, help: "File stem of the figures (default: the output folder's name).")
    var stem: String?

    @Flag(name: .long, inversion: .prefixedNo, help: "Also render the figures.")
    var figures = true

    func run() throws {
        try CommandSupport.guarded {
            let records = try source.records()
            let dir = URL(fileURLWithPath: out)
            let name = stem ?? dir.lastPathComponent
            let files = try LearnerReport.write(records: records, directory: dir, figureStem: name, figures: figures)
            print("\(records.count) runs -> \(files.count) files in \(out)/")
            let claims = LearnerStudy(records: records).claims()
            for c in claims { print("\(c.verdict.rawValue): \(c.claim) (\(c.reason))") }
        }
    }
}
