import AWCore
import AWLinearAlgebra
import Foundation

/// Loads MNIST / Fashion-MNIST splits from IDX files (raw or .gz) under their standard names.
public enum DatasetLoader {
    /// Loads one split of a dataset by name ("mnist" or "fashion-mnist").
    /// - Parameter directory: the folder with the IDX files (or with a `<name>/` subfolder); when nil,
    ///   `DataLocation.resolve` chooses (`AWD_DATA_DIR`, then `<repository>/data/<name>`).
    public static func load(name: String, split: DatasetSplit, directory: String? = nil) throws -> Dataset {
        try load(DatasetName(parsing: name), split: split, directory: directory)
    }

    public static func load(_ dataset: DatasetName, split: DatasetSplit, directory: String? = nil) throws -> Dataset {
        try load(dataset, split: split, location: DataLocation.resolve(dataset, explicit: directory))
    }

    /// - Parameter official: when true, each file must be the official file of `dataset` and `split`
    ///   (`KnownDatasetFiles`): anything else is refused as `AWError(.data)` (exit 2). The runner
    ///   loads this way; tests that make their own IDX files do not.
    public static func load(_ dataset: DatasetName, split: DatasetSplit, location: DataLocation,
                            official: Bool = false) throws -> Dataset {
        let imagesPath = try findFile(split: split, kind: .images, in: location)
        let labelsPath = try findFile(split: split, kind: .labels, in: location)
        let imageFile = try IDXFile.read(path: imagesPath, expectedKind: .images)
        let labelFile = try IDXFile.read(path: labelsPath, expectedKind: .labels)
        let digests = [imageFile.contentSHA256, labelFile.contentSHA256]
        if official {
            for (file, path) in [(imageFile, imagesPath), (labelFile, labelsPath)] {
                if let why = KnownDatasetFiles.mismatch(file, path: path, dataset: dataset, split: split) {
                    throw AWError(.data, "\(dataset.rawValue) \(split.rawValue): \(why)")
                }
            }
        }

        let rows = DatasetName.imageRows, cols = DatasetName.imageCols
        guard imageFile.dimensions[1] == rows, imageFile.dimensions[2] == cols else {
            throw AWError(.data, "\(imagesPath): images are \(imageFile.dimensions[1])x\(imageFile.dimensions[2]) pixels, expected \(rows)x\(cols) for \(dataset.rawValue)")
        }
        guard imageFile.count == labelFile.count else {
            throw AWError(.data, "\(imagesPath) has \(imageFile.count) images but \(labelsPath) has \(labelFile.count) labels: the counts must match")
        }
        guard imageFile.count > 0 else {
            throw AWError(.data, "\(imagesPath): no images (the header says 0)")
        }
        let labels = try labelValues(labelFile)
        var loaded = try Dataset(name: dataset.rawValue, split: split, images: pixels(imageFile), labels: labels)
        loaded.sourceSHA256 = digests
        return loaded
    }

    /// nil when every IDX file of `dataset` at `location` is present and official, else what is
    /// wrong (a missing file, or a file that is not the official one): the runner's check before
    /// any run starts.
    public static func officialFilesProblem(_ dataset: DatasetName, location: DataLocation) -> String? {
        for split in DatasetSplit.allCases {
            for kind in [IDXFile.Kind.images, .labels] {
                do {
                    let path = try findFile(split: split, kind: kind, in: location)
                    let file = try IDXFile.read(path: path, expectedKind: kind)
                    if let why = KnownDatasetFiles.mismatch(file, path: path, dataset: dataset, split: split) { return why }
                } catch {
                    return "\(error)"
                }
            }
        }
        return nil
    }

    /// The accepted file names for one file of a split, in order of preference.
    /// E.g. train images: train-images-idx3-ubyte, train-images.idx3-ubyte, and both with .gz.
    public static func candidateFileNames(split: DatasetSplit, kind: IDXFile.Kind) -> [String] {
        let stem = "\(split.filePrefix)-\(kind.rawValue)"
        let idx = kind == .images ? "idx3-ubyte" : "idx1-ubyte"
        let raw = ["\(stem)-\(idx)", "\(stem).\(idx)"]
        return raw + raw.map { $0 + ".gz" }
    }

    /// The path of the first candidate file present in the location's folder, or an error naming
    /// the missing file, the folder, and how to get the data.
    public static func findFile(split: DatasetSplit, kind: IDXFile.Kind, in location: DataLocation) throws -> String {
        let fm = FileManager.default
        let names = candidateFileNames(split: split, kind: kind)
        for name in names {
            let path = DataLocation.join(location.directory, name)
            var isDir: ObjCBool = false
            if fm.fileExists(atPath: path, isDirectory: &isDir), !isDir.boolValue { return path }
        }
        var isDir: ObjCBool = false
        let folderState = fm.fileExists(atPath: location.directory, isDirectory: &isDir)
            ? (isDir.boolValue ? "" : " (which is not a folder)") : " (which does not exist)"
        throw AWError(.io, "\(location.dataset.rawValue) \(split.rawValue) \(kind.rawValue): \(names[0]) is missing in \(location)\(folderState); also looked for \(names.dropFirst().joined(separator: ", ")). To get it: \(location.remedy).")
    }

    /// Pixels as a `[count, rows*cols]` Float matrix, each byte divided by 255.
    public static func pixels(_ file: IDXFile) -> Matrix<Float> {
        let n = file.count, width = file.itemSize
        let total = n * width
        let data = [Float](unsafeUninitializedCapacity: total) { out, initialized in
            file.bytes.withUnsafeBufferPointer { src in
                convert(src.baseAddress!, out.baseAddress!, total)
            }
            initialized = total
        }
        return Matrix(rows: n, cols: width, data: data)
    }

    /// dst[i] = src[i] / 255 over raw pointers (the optimizer vectorizes it: no bounds checks, no division by a table).
    @inline(never)
    private static func convert(_ src: UnsafePointer<UInt8>, _ dst: UnsafeMutablePointer<Float>, _ count: Int) {
        var i = 0
        while i < count {
            dst[i] = Float(src[i]) / 255
            i &+= 1
        }
    }

    /// Labels as Int, each checked to lie in 0...9.
    public static func labelValues(_ file: IDXFile) throws -> [Int] {
        let labels = file.bytes.map { Int($0) }
        if let bad = labels.firstIndex(where: { $0 >= Dataset.classCount }) {
            throw AWError(.data, "\(file.path): label \(labels[bad]) at index \(bad) is outside 0...\(Dataset.classCount - 1)")
        }
        return labels
    }
}
