import AWCore
extension Manifest {
    /// Most runs one manifest may plan (the paper's largest sweep plans 80).
    public static let maxRuns = 100_000

    /// Sweep points x replicates, or nil when the product overflows.
    public var runCount: Int? {
        var n = seeds.replicates
        var overflow = false
        for axis in sweep.grid { (n, overflow) = n.multipliedReportingOverflow(by: axis.values.count); if overflow { return nil } }
        if let z = sweep.zip.first { (n, overflow) = n.multipliedReportingOverflow(by: z.values.count); if overflow { return nil } }
        return n
    }

    /// The plan's size checked before any point is expanded: more than `maxRuns` runs is refused,
    /// at `seeds.replicates` when the replicates alone exceed it, else at `sweep`.
    func planSizeError() -> ManifestError? {
        let runs = runCount
        if let runs, runs <= Manifest.maxRuns { return nil }
        let points = sweep.grid.map { String($0.values.count) } + (sweep.zip.first.map { [String($0.values.count)] } ?? [])
        let product = (points.isEmpty ? "1 point" : points.joined(separator: " x ") + " points") + " x \(NumberText.grouped(seeds.replicates)) replicates"
        let total = runs.map { NumberText.grouped($0) } ?? "more than \(NumberText.grouped(Int.max))"
        let atReplicates = seeds.replicates > Manifest.maxRuns
        return ManifestError(kind: .tooLarge, file: file, line: atReplicates ? lines["seeds"] : lines["sweep"],
                             keyPath: atReplicates ? "seeds.replicates" : "sweep", value: "\(total) runs (\(product))",
                             allowed: "at most \(NumberText.grouped(Manifest.maxRuns)) runs per manifest",
                             detail: "split the sweep into several manifests")
    }

    /// Range and consistency problems of every configuration this manifest plans (one per sweep
    /// point; replicates differ only in the seed), each reported where its value is written: the
    /// sweep entry, the section key, or the key path marked "(default)". Repeats are merged.
    /// Issues involving a key in `skipping` (a value that could not be read) are left out.
    func configurationErrors(skipping failed: Set<String> = []) -> [ManifestError] {
        var out: [ManifestError] = []
        var seen: Set<String> = []
        for point in sweep.points {
            let config = configuration(point: point, replicate: 0)
            for issue in config.validationIssues() {
                let key = Manifest.baseKeyPath(issue.keyPath)
                if failed.contains(key) || issue.related.contains(where: failed.contains) { continue }
                let (path, line, isDefault) = source(of: key, at: point)
                let suffix = String(issue.keyPath.dropFirst(key.count))  // e.g. "[1]" of model.hidden[1]
                var details: [String] = []
                if let d = issue.detail { details.append(d) }
                if isDefault { details.append("the default value") }
                let context = point.filter { issue.related.contains($0.keyPath) }
                if !context.isEmpty {
                    details.append("at the sweep point " + context.map(\.description).joined(separator: ", "))
                }
                let error = ManifestError(kind: .outOfRange, file: file, line: line, keyPath: path + suffix,
                                          value: issue.value, allowed: issue.allowed,
                                          detail: details.isEmpty ? nil : details.joined(separator: "; "))
                if seen.insert(error.description).inserted { out.append(error) }
            }
        }
        return out
    }

    /// `model.hidden[1]` -> `model.hidden`.
    static func baseKeyPath(_ keyPath: String) -> String {
        keyPath.firstIndex(of: "[").map { String(keyPath[..<$0]) } ?? keyPath
    }

    /// The dataset names this manifest's runs use, in plan order (for the runner's data checks).
    public var datasetNames: [DatasetName] {
        var names: [DatasetName] = []
        for point in sweep.points {
            let n = configuration(point: point, replicate: 0).dataset.name
            if !names.contains(n) { names.append(n) }
        }
        return names
    }

    /// The runner's hook for checks this module cannot make (data files): `dataCheck` receives each
    /// dataset name the manifest uses (`mnist`, `fashion-mnist`) and returns nil when its files are
    /// available, else a message saying what is missing and how to get it. Returns one
    /// `ManifestError` (kind `.missingData`, at the key path that chose the dataset) per missing one.
    public func validate(dataCheck: (DatasetName) -> String?) -> [ManifestError] {
        var out: [ManifestError] = []
        var checked: Set<DatasetName> = []
        for point in sweep.points {
            let n = configuration(point: point, replicate: 0).dataset.name
            guard checked.insert(n).inserted, let problem = dataCheck(n) else { continue }
            let (path, line, isDefault) = source(of: "dataset.name", at: point)
            out.append(ManifestError(kind: .missingData, file: file, line: line, keyPath: path, value: n.rawValue,
                                     allowed: "a dataset whose files are present",
                                     detail: problem + (isDefault ? "; dataset.name is the default" : "")))
        }
        return out
    }

    /// This manifest when `validate(dataCheck:)` finds nothing missing.
    /// - Throws: `ManifestErrors` with every missing dataset.
    public func validated(dataCheck: (DatasetName) -> String?) throws -> Manifest {
        let errors = validate(dataCheck: dataCheck)
        if !errors.isEmpty { throw ManifestErrors(file: file, errors: errors) }
        return self
    }
}
