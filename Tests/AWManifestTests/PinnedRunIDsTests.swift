import Foundation
import Testing
@testable import AWManifest

/// The run ids of every shipped manifest are pinned (Fixtures/run-ids.txt, made by
/// tools/pin_run_ids.sh with the awd of commit ca64aa7): a change to the settings table, the
/// canonical JSON or the plan that moved any id would orphan every archive already written.
/// Re-pinned once on purpose (issue 11): fmnist-batch_size, fmnist-learning_rate and fmnist-dropout
/// got `training.max_epochs: 4000` (docs/PROTOCOL.md), which is part of their runs' identity; the
/// regenerated file differs from ca64aa7's in exactly those 140 lines.
@Suite struct PinnedRunIDsTests {
    static var fixture: String {
        URL(fileURLWithPath: #filePath).resolvingSymlinksInPath().deletingLastPathComponent()
            .appendingPathComponent("Fixtures/run-ids.txt").path
    }

    @Test func everyManifestPlansThePinnedRunIDs() throws {
        let text = try String(contentsOfFile: Self.fixture, encoding: .utf8)
        var pinned: [String: [String]] = [:]
        for line in text.split(separator: "\n") {
            let parts = line.split(separator: " ").map(String.init)
            try #require(parts.count == 2, "bad line \(line)")
            pinned[parts[0], default: []].append(parts[1])
        }
        let manifests = try Manifest.loadAll(directory: ManifestFixtures.experimentsDirectory)
        #expect(Set(manifests.map(\.name)) == Set(pinned.keys), "manifests added or removed: run tools/pin_run_ids.sh")
        for m in manifests {
            let ids = try m.plan().runs.map(\.runID)
            #expect(ids == pinned[m.name] ?? [], "\(m.name): run ids moved")
        }
        #expect(pinned.values.reduce(0) { $0 + $1.count } == 1002)   // 844 + the 158 runs of the multi-learner manifests
    }
}
