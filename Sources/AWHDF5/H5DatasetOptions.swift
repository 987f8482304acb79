/// How a dataset is laid out in the file.
///
/// The default is contiguous storage without compression. Setting `gzipLevel` (1...9) turns on the
/// deflate filter, which needs chunked storage: if `chunkShape` is nil a chunk shape is chosen
/// (the trailing dimensions kept whole, the leading ones cut so that a chunk holds about 1 MiB).
/// Chunking is impossible for scalar datasets and for datasets with a zero-length dimension;
/// those are then stored contiguously and uncompressed, silently. `shuffle` adds HDF5's byte
/// shuffle filter before deflate (usually better compression for floating-point data).
public struct H5DatasetOptions: Sendable, Equatable {
    public var chunkShape: [Int]?
    public var gzipLevel: Int?
    public var shuffle: Bool

    public init(chunkShape: [Int]? = nil, gzipLevel: Int? = nil, shuffle: Bool = false) {
        self.chunkShape = chunkShape
        self.gzipLevel = gzipLevel
        self.shuffle = shuffle
    }

    /// Contiguous, uncompressed.
    public static let contiguous = H5DatasetOptions()

    /// Chunked with deflate at `level` and the shuffle filter, chunk shape chosen automatically.
    public static func compressed(level: Int = 4) -> H5DatasetOptions {
        H5DatasetOptions(chunkShape: nil, gzipLevel: level, shuffle: true)
    }

    /// A chunk shape for `shape`: whole trailing dimensions, leading ones cut down so that a
    /// chunk holds at most about `targetBytes` (at least one element per dimension).
    static func automaticChunk(shape: [Int], elementSize: Int, targetBytes: Int = 1 << 20) -> [Int] {
        var chunk = shape
        let limit = max(1, targetBytes / max(1, elementSize))
        var index = 0
        while chunk.reduce(1, *) > limit && index < chunk.count {
            let rest = chunk.enumerated().filter { $0.offset != index }.map(\.element).reduce(1, *)
            chunk[index] = max(1, min(chunk[index], limit / max(1, rest)))
            index += 1
        }
        return chunk
    }
}
