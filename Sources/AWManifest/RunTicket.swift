import AWCore

/// One planned run, resolved, as the runner hands it to the process that executes it: the
/// canonical configuration, the swept values, the archive path and the manifest's name. The child
/// executes exactly this run; it does not read, validate or plan the manifest again.
///
/// JSON: `{"archive":PATH,"config":{canonical configuration},"manifest":NAME,"point":P,
/// "run_id":ID,"swept":[{"index":I,"key":KEY.PATH,"source":SWEEP.PATH,"value":V},...]}`.
public struct RunTicket: Sendable, Equatable {
    public let manifestName: String
    public let run: RunPlan.Run

    public init(manifestName: String, run: RunPlan.Run) {
        self.manifestName = manifestName
        self.run = run
    }

    /// The ticket as one line of canonical JSON.
    public func json() throws -> String {
        let swept: [CanonicalJSON.Value] = run.sweptValues.map {
            .object(["key": .string($0.keyPath), "value": $0.value, "index": .int(Int64($0.index)), "source": .string($0.source)])
        }
        return try CanonicalJSON.Value.object([
            "archive": .string(run.archivePath), "config": try CanonicalJSON.parse(run.canonicalJSON),
            "manifest": .string(manifestName), "point": .int(Int64(run.point)), "run_id": .string(run.runID),
            "swept": .array(swept),
        ]).canonical()
    }

    /// Reads a ticket; the run id is recomputed from the configuration and must match.
    /// - Throws: `AWError(.invalidInput)` naming the field that is missing or wrong.
    public init(json text: String) throws {
        func bad(_ what: String) -> AWError { AWError(.invalidInput, "run ticket: \(what)") }
        guard case .object(let o) = try CanonicalJSON.parse(text) else { throw bad("expected a JSON object") }
        guard let archive = o["archive"]?.stringValue else { throw bad("archive: expected a path") }
        guard let manifest = o["manifest"]?.stringValue else { throw bad("manifest: expected a name") }
        guard let point = o["point"]?.intValue, point >= 0 else { throw bad("point: expected an integer >= 0") }
        guard let config = o["config"], case .object = config else { throw bad("config: expected an object") }
        guard case .array(let sweptItems)? = o["swept"] else { throw bad("swept: expected a list") }
        let configuration = try RunConfiguration(canonicalJSON: try config.canonical())
        let identity = try configuration.identity()
        guard let id = o["run_id"]?.stringValue else { throw bad("run_id: expected the run id") }
        if id != identity.runID {
            throw bad("run_id \(id) does not match its configuration (run id \(identity.runID))")
        }
        // The child runs only a configuration the manifest rules allow (the parent validated it too).
        if let issue = configuration.validationIssues().first { throw bad("config: \(issue)") }
        var swept: [RunPlan.SweptValue] = []
        for (i, item) in sweptItems.enumerated() {
            guard case .object(let s) = item, let key = s["key"]?.stringValue, let value = s["value"],
                  let index = s["index"]?.intValue, let source = s["source"]?.stringValue else {
                throw bad("swept[\(i)]: expected {key, value, index, source}")
            }
            // A swept value is the configuration's value of a known setting (figures group by it).
            guard let setting = ManifestSetting.named(key) else { throw bad("swept[\(i)]: unknown setting \(key)") }
            let actual = setting.value(in: configuration)
            let same = actual == value || (setting.type == .number && actual.doubleValue == value.doubleValue)  // 4 vs 4.0
            guard same else { throw bad("swept[\(i)]: \(key) = \(value) differs from the configuration's \(actual)") }
            swept.append(RunPlan.SweptValue(keyPath: key, value: value, index: index, source: source))
        }
        self.manifestName = manifest
        self.run = RunPlan.Run(configuration: configuration, identity: identity, sweptValues: swept, point: point,
                               archivePath: archive)
    }
}
