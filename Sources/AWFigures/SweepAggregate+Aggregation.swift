import AWArchive

extension SweepAggregate {
    /// Groups `records` by manifest, then by swept-value tuple, and averages over seeds.
    /// Returns one aggregate per manifest, sorted by manifest name.
    public static func aggregate(records: [RunRecord]) -> [SweepAggregate] {
        let byManifest = Dictionary(grouping: records, by: \.manifest)
        return byManifest.keys.sorted().map { aggregate(manifest: $0, records: byManifest[$0]!) }
    }

    /// Aggregates the records of ONE manifest (records of other manifests must be filtered out first).
    public static func aggregate(manifest: String, records: [RunRecord]) -> SweepAggregate {
        let keys = Set(records.flatMap { $0.sweptValues.keys }).sorted()
        let parameters = keys.map(SweptParameter.init(keyPath:))
        let categoryMaps = records.map(\.sweptCategories)
        let categoryKeys = Set(categoryMaps.flatMap(\.keys)).sorted()

        // Group by the exact value tuple (bit patterns, NaN for a missing key) and the categories.
        struct Key: Hashable { var bits: [UInt64]; var categories: [String] }
        func bits(_ values: [Double]) -> [UInt64] { values.map { $0.isNaN ? Double.nan.bitPattern : ($0 == 0 ? 0 : $0.bitPattern) } }
        var groups: [Key: (values: [Double], categories: [String], records: [RunRecord])] = [:]
        for (r, cats) in zip(records, categoryMaps) {
            let v = r.sweptValues(for: keys)
            let c = categoryKeys.map { cats[$0] ?? "" }
            groups[Key(bits: bits(v), categories: c), default: (v, c, [])].records.append(r)
        }

        var diverged: [SkippedRun] = []
        var withoutAnalysis = 0
        var points: [SweepPoint] = []
        for (_, group) in groups {
            let sorted = group.records.sorted { ($0.replicate, $0.runID) < ($1.replicate, $1.runID) }
            let bad = sorted.filter(\.isDiverged)
            let good = sorted.filter { !$0.isDiverged }
            diverged += bad.map { SkippedRun(runID: $0.runID, values: group.values, replicate: $0.replicate, reason: divergenceReason($0)) }
            withoutAnalysis += good.filter { $0.analysis == nil }.count
            points.append(point(values: group.values, categories: group.categories, good: good, diverged: bad))
        }
        points.sort { lexicographicLess($0.values, $1.values) || (!lexicographicLess($1.values, $0.values) && $0.categories.lexicographicallyPrecedes($1.categories)) }
        diverged.sort {
            lexicographicLess($0.values, $1.values)
                || (!lexicographicLess($1.values, $0.values) && ($0.replicate, $0.runID) < ($1.replicate, $1.runID))
        }
        return SweepAggregate(manifest: manifest, parameters: parameters, categoryKeys: categoryKeys, points: points, divergedRuns: diverged,
                              runsWithoutAnalysis: withoutAnalysis, totalRuns: records.count)
    }

    static func point(values: [Double], categories: [String], good: [RunRecord], diverged: [RunRecord]) -> SweepPoint {
        var scalars: [RunQuantity: SummaryStatistics] = [:]
        for q in RunQuantity.allCases {
            let xs = good.compactMap { q.value(of: $0) }
            if !xs.isEmpty { scalars[q] = SummaryStatistics(xs) }
        }
        let analysed = good.compactMap(\.analysis)
        var point = SweepPoint(
            values: values, categories: categories, runIDs: good.map(\.runID), replicates: good.map(\.replicate),
            divergedRunIDs: diverged.map(\.runID), scalars: scalars,
            sigmaG: RankwiseSpectrum(series: analysed.map(\.sigmaG)),
            sigmaW: RankwiseSpectrum(series: analysed.map(\.sigmaW)),
            cumulativeSigmaW: RankwiseSpectrum.cumulative(series: analysed.map(\.sigmaW)),
            c: RankwiseSpectrum(series: analysed.map(\.c)),
            eigenvalues: RankwiseSpectrum(series: analysed.map(\.eigenvalues)),
            sharpCount: analysed.first.map { Int($0.sharpCount) })
        point.unconvergedRunIDs = good.filter { !$0.metStopRule }.map(\.runID)
        return point
    }

    static func divergenceReason(_ r: RunRecord) -> String {
        if r.status == .diverged { return "status diverged" }
        if r.training.stopReason == .diverged { return "stop reason diverged" }
        return "non-finite loss"
    }

    /// Lexicographic order on value tuples; NaN sorts last.
    static func lexicographicLess(_ a: [Double], _ b: [Double]) -> Bool {
        for (x, y) in zip(a, b) {
            if x.isNaN || y.isNaN {
                if x.isNaN != y.isNaN { return y.isNaN }
                continue
            }
            if x != y { return x < y }
        }
        return a.count < b.count
    }
}
