import AWCore

extension Manifest {
    /// `seeds: {base: 1234, replicates: 10}`. Replicate k of EVERY sweep point gets the same seed,
    /// `SeededGenerator.mix(base, "replicate-k")` (common random numbers across swept values), and
    /// nothing else enters it, so adding a swept value or a replicate changes no existing run.
    public struct Seeds: Sendable, Equatable, Hashable {
        public static let defaultBase: UInt64 = 1234
        /// Ten seeds per setting (PAPER.md section 6).
        public static let defaultReplicates = 10

        public var base: UInt64
        public var replicates: Int

        public init(base: UInt64 = Seeds.defaultBase, replicates: Int = Seeds.defaultReplicates) {
            self.base = base
            self.replicates = replicates
        }

        /// The run seed of replicate `k` (0-based), kept below 2^63 so that it is an ordinary
        /// non-negative int64 in archives (HDF5 attributes, h5py, CSV).
        public func seed(replicate k: Int) -> UInt64 { SeededGenerator.mix(base, "replicate-\(k)") >> 1 }
    }
}
