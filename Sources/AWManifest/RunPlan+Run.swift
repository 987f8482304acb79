import AWCore
extension RunPlan {
    /// One planned run: its resolved configuration and identity, the swept values that define its
    /// sweep point, and where its archive goes.
    public struct Run: Sendable, Equatable, Hashable {
        public let configuration: RunConfiguration
        public let identity: RunConfiguration.Identity
        /// Key path -> value of every swept setting at this run's point (empty without a sweep).
        public let sweptValues: [SweptValue]
        /// Index of the sweep point (0..<pointCount).
        public let point: Int
        /// `<root>/<manifest name>/<run id>.h5`
        public let archivePath: String

        public var runID: String { identity.runID }
        public var configSHA256: String { identity.configSHA256 }
        public var canonicalJSON: String { identity.canonicalJSON }
        public var seed: UInt64 { configuration.seed }
        public var replicate: Int { configuration.replicate }

        /// The value of one swept setting at this run, e.g. `sweptValue("training.batch_size")`.
        public func sweptValue(_ keyPath: String) -> CanonicalJSON.Value? {
            sweptValues.first { $0.keyPath == keyPath }?.value
        }

        /// The swept values by key path, as the archive records them.
        public var sweptObject: [String: CanonicalJSON.Value] {
            Dictionary(sweptValues.map { ($0.keyPath, $0.value) }, uniquingKeysWith: { a, _ in a })
        }

        /// `sweptObject` as canonical JSON (sorted keys): the archive's `swept` attribute.
        public var sweptJSON: String { (try? CanonicalJSON.Value.object(sweptObject).canonical()) ?? "{}" }

        /// `training.batch_size=100, replicate 3` (or `replicate 3` without a sweep).
        public var label: String {
            (sweptValues.map(\.description) + ["replicate \(replicate)"]).joined(separator: ", ")
        }
    }
}
