import AWArchive

/// All runs of one manifest grouped by swept value (the full swept-value tuple is the key, so
/// grids work too), averaged over seeds. Diverged runs are skipped and listed.
public struct SweepAggregate: Sendable, Equatable {
    /// A run left out of every average, with why.
    public struct SkippedRun: Sendable, Equatable {
        public var runID: String
        public var values: [Double]
        public var replicate: Int64
        public var reason: String
    }

    public var manifest: String
    /// The swept parameters, sorted by key path; point values are aligned with this order.
    public var parameters: [SweptParameter]
    /// Swept settings that are not numbers (sorted key paths); point categories align with this.
    public var categoryKeys: [String]
    /// Sweep points sorted by their value tuple (ascending).
    public var points: [SweepPoint]
    /// Diverged runs (skipped).
    public var divergedRuns: [SkippedRun]
    /// Runs that completed without an /analysis section (they enter metric averages only).
    public var runsWithoutAnalysis: Int
    /// All records of this manifest given, diverged or not.
    public var totalRuns: Int

    public init(manifest: String, parameters: [SweptParameter], categoryKeys: [String] = [], points: [SweepPoint], divergedRuns: [SkippedRun],
                runsWithoutAnalysis: Int, totalRuns: Int) {
        self.manifest = manifest; self.parameters = parameters; self.categoryKeys = categoryKeys; self.points = points; self.divergedRuns = divergedRuns
        self.runsWithoutAnalysis = runsWithoutAnalysis; self.totalRuns = totalRuns
    }

    /// The single swept parameter, or nil for grids and for manifests sweeping nothing.
    public var singleParameter: SweptParameter? { parameters.count == 1 && categoryKeys.isEmpty ? parameters[0] : nil }

    /// Values of parameter `i` over the points (ascending for a one-parameter sweep).
    public func values(ofParameter i: Int) -> [Double] { points.map { $0.values[i] } }

    /// A label for a point's value tuple in PLplot escapes ("B = 25", "s = 4, #gb = 0.01").
    public func plotLegend(_ point: SweepPoint) -> String {
        let parts = zip(parameters, point.values).map { $0.plotLegend($1) }
            + zip(categoryKeys, point.categories).map { "\(SweptParameter(keyPath: $0).plotSymbol) = \($1)" }
        return parts.isEmpty ? "all runs" : parts.joined(separator: ", ")
    }

    /// The same in Unicode for Markdown.
    public func textLegend(_ point: SweepPoint) -> String {
        let parts = zip(parameters, point.values).map { $0.textLegend($1) }
            + zip(categoryKeys, point.categories).map { "\(SweptParameter(keyPath: $0).textSymbol) = \($1)" }
        return parts.isEmpty ? "all runs" : parts.joined(separator: ", ")
    }
}

extension SweepAggregate {
    /// File stem of this sweep's figures: the manifest name made file-safe.
    public var defaultStem: String { NumberFormat.fileSafe(manifest) }
}
