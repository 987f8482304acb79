/// The official split a dataset comes from.
public enum DatasetSplit: String, Sendable, CaseIterable, Codable {
    case train, test

    /// File-name prefix of the split in the IDX distribution (`train-*`, `t10k-*`).
    public var filePrefix: String { self == .train ? "train" : "t10k" }
}
