import AWCore
extension RunPlan {
    /// The value a run takes for one swept setting, e.g. `training.batch_size` = 100, the 2nd value
    /// (index 1) of `sweep.grid.training.batch_size`. For summaries: group runs by these.
    public struct SweptValue: Sendable, Hashable, CustomStringConvertible {
        /// The setting, e.g. `training.batch_size`.
        public let keyPath: String
        /// The typed value (integers, numbers, text, booleans, lists of integers).
        public let value: CanonicalJSON.Value
        /// Position of the value in its axis list in the manifest.
        public let index: Int
        /// Where it is written in the manifest, e.g. `sweep.grid.training.batch_size[1]`.
        public let source: String
        /// Line of the value in the manifest, when known (not part of equality).
        let line: Int?

        public init(keyPath: String, value: CanonicalJSON.Value, index: Int, source: String) {
            self.init(keyPath: keyPath, value: value, index: index, source: source, line: nil)
        }

        init(keyPath: String, value: CanonicalJSON.Value, index: Int, source: String, line: Int?) {
            self.keyPath = keyPath
            self.value = value
            self.index = index
            self.source = source
            self.line = line
        }

        /// `training.batch_size=100`
        public var description: String { "\(keyPath)=\(value)" }

        public static func == (a: SweptValue, b: SweptValue) -> Bool {
            a.keyPath == b.keyPath && a.value == b.value && a.index == b.index && a.source == b.source
        }

        public func hash(into h: inout Hasher) {
            h.combine(keyPath); h.combine(value); h.combine(index); h.combine(source)
        }
    }
}
