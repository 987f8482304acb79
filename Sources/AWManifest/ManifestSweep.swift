import AWCore
extension Manifest {
    /// The swept settings. Three forms (docs/MANIFESTS.md):
    ///   `sweep: {training.batch_size: [25, 100]}`                 one axis (shorthand)
    ///   `sweep: {grid: {KEY: [...], KEY: [...]}}`                  cartesian product, first axis slowest
    ///   `sweep: {zip: {KEY: [...], KEY: [...]}}`                   lists of equal length, taken together
    /// `grid:` and `zip:` may be combined: the zipped tuples are then one more (innermost) grid factor.
    public struct Sweep: Sendable, Equatable {
        /// One swept setting and its values, in manifest order.
        public struct Axis: Sendable, Equatable {
            /// The setting, e.g. `training.batch_size`.
            public let keyPath: String
            public let values: [CanonicalJSON.Value]
            /// `sweep`, `sweep.grid` or `sweep.zip`: with the key path and an index it names a value
            /// in messages, e.g. `sweep.grid.training.batch_size[2]`.
            public let prefix: String
            /// Line of each value, when known.
            public let lines: [Int?]

            public init(keyPath: String, values: [CanonicalJSON.Value], prefix: String, lines: [Int?] = []) {
                self.keyPath = keyPath
                self.values = values
                self.prefix = prefix
                self.lines = lines.count == values.count ? lines : Array(repeating: nil, count: values.count)
            }

            func swept(_ i: Int) -> RunPlan.SweptValue {
                RunPlan.SweptValue(keyPath: keyPath, value: values[i], index: i,
                                   source: "\(prefix).\(keyPath)[\(i)]", line: lines[i])
            }
        }

        /// Axes multiplied together (the single-axis shorthand is one grid axis with prefix `sweep`).
        public let grid: [Axis]
        /// Axes taken together, value i of each (equal lengths).
        public let zip: [Axis]

        public init(grid: [Axis] = [], zip: [Axis] = []) {
            self.grid = grid
            self.zip = zip
        }

        public static let none = Sweep()

        public var isEmpty: Bool { grid.isEmpty && zip.isEmpty }

        /// The swept key paths, grid axes first, in manifest order.
        public var keyPaths: [String] { (grid + zip).map(\.keyPath) }

        /// Number of sweep points (1 without a sweep).
        public var pointCount: Int {
            grid.reduce(1) { $0 * $1.values.count } * (zip.first?.values.count ?? 1)
        }

        /// Every sweep point: the swept values that differ from the base, in axis order. The first
        /// grid axis varies slowest, the zipped tuple fastest. One empty point without a sweep.
        public var points: [[RunPlan.SweptValue]] {
            var points: [[RunPlan.SweptValue]] = [[]]
            for axis in grid {
                points = points.flatMap { p in axis.values.indices.map { p + [axis.swept($0)] } }
            }
            if let n = zip.first?.values.count {
                points = points.flatMap { p in (0..<n).map { i in p + zip.map { $0.swept(i) } } }
            }
            return points
        }
    }
}
