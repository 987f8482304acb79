import AWCore

/// The SHA-256 of the official IDX files (decompressed) of MNIST and Fashion-MNIST, so that a run
/// reads exactly the data its manifest names: a Fashion-MNIST manifest pointed at an MNIST folder,
/// a truncated download or a locally modified file is refused before any training (exit 2).
/// Generator: tools/dataset_checksums.py (run on files fetch-data.sh verified against the
/// publishers' MD5 sums).
public enum KnownDatasetFiles {
    public struct File: Sendable, Equatable {
        public let dataset: DatasetName
        public let split: DatasetSplit
        public let kind: IDXFile.Kind
        public let sha256: String
        public var description: String { "the official \(dataset.rawValue) \(split.rawValue) \(kind.rawValue)" }
    }

    public static let all: [File] = [
        File(dataset: .mnist, split: .train, kind: .images, sha256: "ba891046e6505d7aadcbbe25680a0738ad16aec93bde7f9b65e87a2fc25776db"),
        File(dataset: .mnist, split: .train, kind: .labels, sha256: "65a50cbbf4e906d70832878ad85ccda5333a97f0f4c3dd2ef09a8a9eef7101c5"),
        File(dataset: .mnist, split: .test, kind: .images, sha256: "0fa7898d509279e482958e8ce81c8e77db3f2f8254e26661ceb7762c4d494ce7"),
        File(dataset: .mnist, split: .test, kind: .labels, sha256: "ff7bcfd416de33731a308c3f266cc351222c34898ecbeaf847f06e48f7ec33f2"),
        File(dataset: .fashionMNIST, split: .train, kind: .images, sha256: "c59f468a2f672dc815687fe0f83887768d799fd8a3f3276145d20f83aa44d888"),
        File(dataset: .fashionMNIST, split: .train, kind: .labels, sha256: "bad3541b69d912435c50bb6ba87bec294ff4f6a2e1246121d8633921760443d9"),
        File(dataset: .fashionMNIST, split: .test, kind: .images, sha256: "5b4141f0afbad91edebe8549f8fcffe087ea10ca49f1dbef5c9a5cd8815ce37b"),
        File(dataset: .fashionMNIST, split: .test, kind: .labels, sha256: "0402a96d92fd2663957122ceb108a494c5af83dab82d92729df917d7dec38c34"),
    ]

    /// The known file of this dataset, split and kind.
    public static func expected(_ dataset: DatasetName, _ split: DatasetSplit, _ kind: IDXFile.Kind) -> File? {
        all.first { $0.dataset == dataset && $0.split == split && $0.kind == kind }
    }

    /// Which official file has this digest, if any.
    public static func identify(sha256: String) -> File? { all.first { $0.sha256 == sha256 } }

    /// nil when `file` (read from `path`) is the official file `dataset`/`split` needs, else why not.
    public static func mismatch(_ file: IDXFile, path: String, dataset: DatasetName, split: DatasetSplit) -> String? {
        guard let want = expected(dataset, split, file.kind) else { return nil }
        let got = file.contentSHA256
        if got == want.sha256 { return nil }
        let what = identify(sha256: got).map { "it is \($0.description)" } ?? "it matches no official MNIST or Fashion-MNIST file"
        return "\(path) is not \(want.description): its SHA-256 is \(got.prefix(16))..., expected \(want.sha256.prefix(16))...; \(what)"
    }
}
