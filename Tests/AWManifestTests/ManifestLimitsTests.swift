import AWCore
import AWTestSupport
import Foundation
import Testing
@testable import AWManifest

/// Hostile manifests (issue 10 items 2 and 3): every one is refused with a `ManifestError` that
/// names the limit, fast, with no crash (deep nesting used to overflow the stack in Yams's
/// composer), no stall (alias expansion and plan expansion used to run for minutes) and no
/// arithmetic trap (widths, label noise and training-set sizes used to overflow Int).
@Suite struct ManifestLimitsTests {
    typealias F = ManifestFixtures

    /// The problems of `yaml`, and the seconds it took to find them.
    func timedProblems(_ yaml: String) -> ([ManifestError], Double) {
        let start = Date()
        let errors = F.problems(yaml)
        return (errors, Date().timeIntervalSince(start))
    }

    // MARK: YAML limits (item 3)

    @Test(arguments: [
        ("flow lists", "name: x\nsweep: " + String(repeating: "[", count: 10_000) + String(repeating: "]", count: 10_000) + "\n"),
        ("flow mappings", "name: x\nmodel: " + String(repeating: "{a: ", count: 4_000) + "1" + String(repeating: "}", count: 4_000) + "\n"),
        ("compact block lists", "name: x\nsweep:\n  model.hidden:\n    " + String(repeating: "- ", count: 10_000) + "1\n"),
        ("indented block mappings", "name: x\n" + (0..<150).map { String(repeating: " ", count: $0) + "k\($0):" }.joined(separator: "\n") + " 1\n"),
    ])
    func deepNestingIsRefusedBeforeItIsBuilt(_ name: String, _ yaml: String) {
        #expect(yaml.utf8.count >= 10_000)
        let (errors, seconds) = timedProblems(yaml)
        #expect(errors.count == 1, "\(name): \(errors)")
        #expect(errors.first?.kind == .tooLarge)
        #expect(errors.first?.description.contains("nesting deeper than \(ManifestYAML.maxDepth) levels") == true)
        #expect(seconds < 1, "\(name): \(seconds) s")
    }

    @Test func billionLaughsIsRefusedWithoutExpansion() {
        let yaml = TestSupport.billionLaughsYAML()
        #expect(yaml.utf8.count < 500)
        let (errors, seconds) = timedProblems(yaml)
        #expect(errors.count == 1, "\(errors)")
        #expect(errors.first?.kind == .tooLarge)
        #expect(errors.first?.description.contains("more than \(NumberText.grouped(ManifestYAML.maxNodes)) nodes") == true)
        #expect(seconds < 1, "\(seconds) s")
    }

    @Test func oversizedTextIsRefusedUnread() {
        let yaml = "name: x\ndescription: " + String(repeating: "a", count: ManifestYAML.maxBytes) + "\n"
        let errors = F.problems(yaml)
        #expect(errors.map(\.kind) == [.tooLarge])
        #expect(errors.first?.value == "the manifest is \(yaml.utf8.count) bytes")
    }

    /// Brackets in quoted text and comments are not nesting; moderate real nesting and aliases are fine.
    @Test func ordinaryYAMLIsUnaffected() throws {
        let brackets = String(repeating: "[{", count: 40)
        let yaml = """
            # \(brackets)
            name: x   # \(brackets)
            description: "\(brackets) it's \\" \(brackets)"
            training: &t {learning_rate: 0.1}  # '\(brackets)
            analysis: {enabled: true}
            seeds: {replicates: 2}
            sweep:
              grid:
                model.hidden: [[20, 20], [30, 30]]
                training.batch_size: [25, 50]

            """
        let m = try Manifest.parse(yaml: yaml, file: "ok.yaml")
        #expect(m.sweep.pointCount == 4)
        #expect(m.description.hasPrefix("[{[{"))
    }

    @Test func aFIFOOrDirectoryIsRefusedWithoutReading() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("awd-limits-\(getpid())")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let fifo = dir.appendingPathComponent("pipe.yaml").path
        #expect(mkfifo(fifo, 0o600) == 0)
        let folder = dir.appendingPathComponent("folder.yaml").path
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: false)
        for (path, reason) in [(fifo, "not a regular file"), (folder, "a directory")] {
            #expect(throws: ManifestErrors.self) { try Manifest.load(path: path) }
            do { _ = try Manifest.load(path: path) } catch let e as ManifestErrors {
                #expect(e.errors.first?.detail?.hasPrefix(reason) == true)
                #expect(e.errors.first?.file == path)
            }
        }
    }

    // MARK: bounds before work (item 2)

    @Test func aBillionReplicatesIsSizedNotPlanned() {
        let (errors, seconds) = timedProblems("name: x\nseeds: {replicates: 1000000000}\n")
        #expect(errors.count == 1)
        #expect(errors.first?.keyPath == "seeds.replicates")
        #expect(errors.first?.kind == .tooLarge)
        #expect(errors.first?.value == "1,000,000,000 runs (1 point x 1,000,000,000 replicates)")
        #expect(errors.first?.allowed == "at most 100,000 runs per manifest")
        #expect(seconds < 1)
    }

    @Test func aMillionPointGridIsSizedNotPlanned() {
        let values = (1...1000).map(String.init).joined(separator: ", ")
        let rates = (1...1000).map { String(Double($0) * 1e-4) }.joined(separator: ", ")
        let yaml = "name: x\nseeds: {replicates: 1}\nsweep:\n  grid:\n    training.batch_size: [\(values)]\n"
            + "    training.learning_rate: [\(rates)]\n"
        let (errors, seconds) = timedProblems(yaml)
        #expect(errors.count == 1)
        #expect(errors.first?.keyPath == "sweep")
        #expect(errors.first?.line == 3)
        #expect(errors.first?.value == "1,000,000 runs (1000 x 1000 points x 1 replicates)")
        #expect(seconds < 1)
    }

    @Test func theRunCountOverflowIsReportedNotTrapped() {
        let values = (1...1000).map(String.init).joined(separator: ", ")
        let yaml = "name: x\nseeds: {replicates: 9223372036854775807}\nsweep:\n  training.batch_size: [\(values)]\n"
        let errors = F.problems(yaml)
        #expect(errors.first?.value.hasPrefix("more than 9,223,372,036,854,775,807 runs") == true)
    }

    /// Values whose derived quantities used to overflow Int (a trap, exit 132).
    @Test(arguments: [
        ("model: {hidden: [9223372036854775807]}", "model.hidden"),
        ("model: {hidden: [4000000000, 4000000000]}", "model.hidden"),
        ("dataset: {train_per_class: 9223372036854775807, selection: first_n_shuffled}", "dataset.train_per_class"),
        ("dataset: {train_per_class: 9223372036854775807}", "dataset.train_per_class"),
        ("dataset: {label_noise: 0.9999999999999999}", "dataset.train_per_class"),
        ("training: {max_epochs: 9223372036854775807}", "training.max_epochs"),
        ("analysis: {slq_steps: 9223372036854775807}", "analysis.slq_steps"),
        ("analysis: {layer: -9223372036854775808}", "analysis.layer"),
    ])
    func hostileSizesAreNamedNotTrapped(_ section: String, _ keyPath: String) {
        let errors = F.problems("name: x\n\(section)\n")
        #expect(!errors.isEmpty)
        #expect(errors.contains { $0.keyPath == keyPath }, "\(errors)")
    }

    @Test func aRunTooLargeForTheMachineSaysTheEstimateAndTheLimit() throws {
        var c = RunConfiguration()
        c.model.hidden = [100_000, 100_000]
        let issue = try #require(c.memoryIssue(limit: 24e9))
        #expect(issue.keyPath == "model.hidden")
        #expect(issue.value == "[100000, 100000]")
        #expect(issue.allowed == "a run whose estimated memory fits this machine's 24.0 GB")
        #expect(issue.detail?.contains("the run needs an estimated ") == true)
        // The paper's default run is far below any machine's memory.
        #expect(RunConfiguration().memoryEstimate < 1e9)
        #expect(RunConfiguration().memoryIssue(limit: 24e9) == nil)
    }

    /// The estimate's dense-Hessian term is 3 P^2 float64 (checked against the closed form).
    @Test func theDenseHessianTermIsThreePSquaredDoubles() throws {
        var c = RunConfiguration()
        c.model.hidden = [40, 40]
        c.analysis.layerIndex = 1
        let hessian = try #require(c.memoryTerms.first { $0.keyPath == "analysis.dense_threshold" })
        #expect(hessian.bytes == 3 * 1600 * 1600 * 8)
    }
}
