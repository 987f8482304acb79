import Foundation
import Testing
@testable import AWManifest

/// Shared helpers for the manifest tests (one enum, used by every Manifest*/RunPlan* test file).
enum ManifestFixtures {
    /// The repository's experiments/ directory (resolved from this file, symlinks followed).
    static var experimentsDirectory: String {
        URL(fileURLWithPath: #filePath).resolvingSymlinksInPath()
            .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("experiments").path
    }

    /// Parses text that must be valid.
    static func manifest(_ yaml: String, file: String = "test.yaml") throws -> Manifest {
        try Manifest.parse(yaml: yaml, file: file)
    }

    /// The problems of text that must be invalid.
    static func problems(_ yaml: String, file: String = "bad.yaml") -> [ManifestError] {
        Manifest.problems(yaml: yaml, file: file)
    }

    /// The single problem at `keyPath` (fails the test if there is not exactly one).
    static func problem(at keyPath: String, in errors: [ManifestError],
                        sourceLocation: SourceLocation = #_sourceLocation) -> ManifestError? {
        let matches = errors.filter { $0.keyPath == keyPath }
        #expect(matches.count == 1, "expected one error at \(keyPath), got: \(errors.map(\.description))",
                sourceLocation: sourceLocation)
        return matches.first
    }
}

@Suite struct ManifestFixturesTests {
    @Test func experimentsDirectoryIsFound() {
        var isDirectory: ObjCBool = false
        #expect(FileManager.default.fileExists(atPath: ManifestFixtures.experimentsDirectory, isDirectory: &isDirectory))
        #expect(isDirectory.boolValue)
    }
}
