import CHDF5

extension H5Container {
    /// Creates a dataset at `path` from flat row-major `values` and a `shape` (`[]` for a scalar),
    /// creating missing intermediate groups. Throws if `values.count` does not match the shape, if
    /// a dimension is negative, or if an object already exists at `path`.
    ///
    /// Stored types: Float -> float32, Double -> float64, Int64 -> int64, UInt8 -> uint8 (little
    /// endian). Time stamps are off, so identical writes give identical bytes.
    @discardableResult
    public func createDataset<T: H5Element>(
        _ path: String, values: [T], shape: [Int], options: H5DatasetOptions = .contiguous
    ) throws -> H5Dataset {
        try H5Library.locked {
            let fullPath = absolutePath(path)
            let check = checker(fullPath)
            let parts = H5Object.components(path)
            guard let name = parts.last else {
                throw check.error("create dataset", reason: "empty dataset name")
            }
            if let bad = shape.first(where: { $0 < 0 }) {
                throw check.error("create dataset", reason: "negative dimension \(bad) in shape \(shape)")
            }
            let expected = shape.reduce(1, *)
            guard expected == values.count else {
                throw check.error("create dataset", reason: "shape \(shape) needs \(expected) values, got \(values.count)")
            }
            if try objectKind(path) != nil {
                throw check.error("create dataset", reason: "an object already exists at this path")
            }
            // Parent group (created if missing).
            let parentRelative = (path.hasPrefix("/") ? "/" : "") + parts.dropLast().joined(separator: "/")
            let parent = try makeGroups(parentRelative, mustBeNew: false)
            defer { _ = H5Gclose(parent) }

            let space: hid_t
            if shape.isEmpty {
                space = try check.id(H5Screate(H5S_SCALAR), "create scalar dataspace")
            } else {
                let dims = shape.map { hsize_t($0) }
                space = try check.id(H5Screate_simple(Int32(dims.count), dims, nil), "create dataspace")
            }
            defer { _ = H5Sclose(space) }

            let dcpl = try check.id(H5Pcreate(awd_h5p_dataset_create()), "create dataset-creation property list")
            defer { _ = H5Pclose(dcpl) }
            try check.code(H5Pset_obj_track_times(dcpl, false), "switch off dataset time tracking")
            try applyLayout(options, shape: shape, elementSize: T.h5ElementType.byteSize, dcpl: dcpl, check: check)

            let type = T.h5ElementType
            let dataset = try check.id(
                H5Dcreate2(parent, name, type.fileTypeID, space, awd_h5p_default(), dcpl, awd_h5p_default()),
                "create dataset")
            let result = H5Dataset(id: dataset, filePath: filePath, path: fullPath, owningFile: fileForChildren)
            if !values.isEmpty {
                try values.withUnsafeBytes { buffer in
                    _ = try check.code(
                        H5Dwrite(dataset, type.memoryTypeID, awd_h5s_all(), awd_h5s_all(), awd_h5p_default(), buffer.baseAddress),
                        "write dataset")
                }
            }
            return result
        }
    }

    /// Writes a dataset from an `H5Array`.
    @discardableResult
    public func createDataset<T: H5Element>(
        _ path: String, array: H5Array<T>, options: H5DatasetOptions = .contiguous
    ) throws -> H5Dataset {
        try createDataset(path, values: array.values, shape: array.shape, options: options)
    }

    /// Opens an existing dataset. Throws if nothing is at `path` or it is not a dataset.
    public func dataset(_ path: String) throws -> H5Dataset {
        try H5Library.locked {
            let check = checker(absolutePath(path))
            switch try objectKind(path) {
            case nil: throw check.error("open dataset", reason: "no such dataset")
            case .group, .other: throw check.error("open dataset", reason: "the object is not a dataset")
            case .dataset:
                let id = try check.id(H5Dopen2(try openID("open dataset"), path, awd_h5p_default()), "open dataset")
                return H5Dataset(id: id, filePath: filePath, path: absolutePath(path), owningFile: fileForChildren)
            }
        }
    }

    /// Reads the dataset at `path` as `T` (see `H5Dataset.read(_:)` for the conversion rules).
    public func read<T: H5Element>(_ path: String, as type: T.Type = T.self) throws -> H5Array<T> {
        try H5Library.locked { try dataset(path).read(T.self) }
    }

    /// Sets chunking and filters on `dcpl` as `options` asks. Lock held.
    private func applyLayout(_ options: H5DatasetOptions, shape: [Int], elementSize: Int, dcpl: hid_t, check: H5Check) throws {
        let wantsChunks = options.chunkShape != nil || options.gzipLevel != nil || options.shuffle
        // Chunking is impossible for scalars and zero-length dimensions: store contiguously.
        guard wantsChunks, !shape.isEmpty, !shape.contains(0) else { return }
        let chunk = options.chunkShape ?? H5DatasetOptions.automaticChunk(shape: shape, elementSize: elementSize)
        guard chunk.count == shape.count else {
            throw check.error("create dataset", reason: "chunk shape \(chunk) has rank \(chunk.count), the dataset has rank \(shape.count)")
        }
        guard zip(chunk, shape).allSatisfy({ $0.0 >= 1 && $0.0 <= $0.1 }) else {
            throw check.error("create dataset", reason: "chunk shape \(chunk) must be positive and within shape \(shape)")
        }
        let dims = chunk.map { hsize_t($0) }
        try check.code(H5Pset_chunk(dcpl, Int32(dims.count), dims), "set chunk shape")
        if options.shuffle {
            try check.code(H5Pset_shuffle(dcpl), "set shuffle filter")
        }
        if let level = options.gzipLevel {
            guard (0...9).contains(level) else {
                throw check.error("create dataset", reason: "gzip level \(level) is outside 0...9")
            }
            guard H5Zfilter_avail(H5Z_filter_t(awd_h5z_filter_deflate())) > 0 else {
                throw check.error("create dataset", reason: "the deflate (gzip) filter is not available in this HDF5 library")
            }
            try check.code(H5Pset_deflate(dcpl, UInt32(level)), "set deflate filter")
        }
    }
}
