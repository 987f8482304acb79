import AWCore
import Foundation
import Testing
@testable import AWManifest

/// The settings table is the one definition of every setting: the docs, the canonical JSON,
/// validation and decoding all follow it.
@Suite struct SettingsTableTests {
    static var manifestsDoc: String {
        URL(fileURLWithPath: #filePath).resolvingSymlinksInPath()
            .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("docs/MANIFESTS.md").path
    }

    @Test func docsHoldTheGeneratedTable() throws {
        let doc = try String(contentsOfFile: Self.manifestsDoc, encoding: .utf8)
        #expect(doc.contains(ManifestSetting.markdownSection()),
                "docs/MANIFESTS.md's settings table differs from the settings table: paste `awd settings --markdown` between its markers")
        #expect(doc.components(separatedBy: ManifestSetting.docsBegin).count == 2)
    }

    @Test func everyRowReadsBackWhatItWrites() throws {
        // Through each row: a non-default value written, read, and carried through canonical JSON.
        for s in ManifestSetting.all {
            var c = RunConfiguration()
            let v: CanonicalJSON.Value
            switch s.type {
            case .integer: v = .int(Int64(s.defaultValue.intValue ?? 0) + 1)
            case .number: v = .double((s.defaultValue.doubleValue ?? 0) + 0.25)
            case .boolean: v = .bool(s.defaultValue != .bool(true))
            case .choice(let names): v = .string(names.first { .string($0) != s.defaultValue }!)
            case .integerList: v = .array([.int(7), .int(3), .int(5)])
            }
            s.apply(v, to: &c)
            #expect(s.value(in: c) == v, "\(s.keyPath)")
            #expect(c != RunConfiguration(), "\(s.keyPath) has no stored property of its own")
            #expect(try RunConfiguration(canonicalJSON: c.canonicalJSON()) == c, "\(s.keyPath)")
            // Exactly one stored property changed: every other row still reads its default.
            for other in ManifestSetting.all where other.keyPath != s.keyPath {
                #expect(other.value(in: c) == other.defaultValue, "\(s.keyPath) also changed \(other.keyPath)")
            }
        }
    }

    @Test func everyStoredPropertyHasARow() {
        // The leaf stored properties of the four sections are exactly the table's rows: a property
        // without a row would stay out of the canonical JSON (two configurations, one run id).
        let c = RunConfiguration()
        let top = Mirror(reflecting: c).children.compactMap(\.label)
        #expect(top == ["dataset", "model", "training", "analysis", "seed", "replicate"])
        var leaves = 0
        for child in Mirror(reflecting: c).children where ManifestSetting.sections.contains(child.label ?? "") {
            let count = Mirror(reflecting: child.value).children.count
            #expect(count == ManifestSetting.keys(in: child.label!).count, "\(child.label!): \(count) stored properties")
            leaves += count
        }
        #expect(leaves == ManifestSetting.all.count)
    }

    @Test func rowsAreUniqueAndDescribed() {
        #expect(Set(ManifestSetting.all.map(\.keyPath)).count == ManifestSetting.all.count)
        for s in ManifestSetting.all {
            #expect(ManifestSetting.sections.contains(s.section), "\(s.keyPath)")
            #expect(!s.summary.isEmpty && !s.allowedText.isEmpty && !s.display.name.isEmpty, "\(s.keyPath)")
            #expect(s.defaultValue.description != "null", "\(s.keyPath)")
        }
    }

    @Test func rulesComeFromTheRow() {
        // A value just outside each static bound is refused by name; the bound's text is the docs'.
        var c = RunConfiguration()
        c.training.learningRate = 0
        c.training.momentum = 1
        c.analysis.slqSteps = 0
        c.dataset.testCount = 10_001
        let issues = c.validationIssues()
        #expect(issues.map(\.keyPath) == ["dataset.test_count", "training.learning_rate", "training.momentum", "analysis.slq_steps"])
        #expect(issues.map(\.allowed) == ["1...10000", "> 0", "[0, 1)", "1...10000"])
        #expect(issues[1].value == "0.0" && issues[0].value == "10001")
        // The manifest's 1-based layer over the 0-based index: layer 4 of 784-30-30-10 is refused.
        c = RunConfiguration()
        ManifestSetting.named("analysis.layer")!.apply(.int(4), to: &c)
        #expect(c.analysis.layerIndex == 3)
        #expect(c.validationIssues().map(\.description) == ["analysis.layer = 4: out of range; allowed 1...3 (the dense layers of 784-30-30-10)"])
    }
}
