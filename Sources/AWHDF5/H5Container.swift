import CHDF5

/// A file or group: something that holds groups and datasets.
///
/// Paths are "/"-separated; relative paths start at this object, a leading "/" starts at the file's
/// root. Creation functions create missing intermediate groups (like `mkdir -p`), always with the
/// reproducible group-creation properties (no time stamps).
public class H5Container: H5Object, @unchecked Sendable {
    /// The file handle to keep alive in objects opened from here.
    var fileForChildren: H5File {
        if let owningFile { return owningFile }
        return self as! H5File
    }

    /// A group-creation property list with time tracking and link creation order off.
    func groupCreationList(_ check: H5Check) throws -> hid_t {
        let gcpl = try check.id(H5Pcreate(awd_h5p_group_create()), "create group-creation property list")
        do {
            try check.code(H5Pset_obj_track_times(gcpl, false), "switch off group time tracking")
            try check.code(H5Pset_link_creation_order(gcpl, 0), "switch off link creation order")
        } catch {
            _ = H5Pclose(gcpl)
            throw error
        }
        return gcpl
    }

    /// Whether a link `relative` exists below this container, checking each path component
    /// (HDF5's H5Lexists fails instead of answering when an intermediate group is missing).
    /// With `resolving`, the last link must also point to an existing object. Lock held.
    func linkExists(_ relative: String, resolving: Bool = true) throws -> Bool {
        let id = try openID("look up '\(relative)'")
        let parts = H5Object.components(relative)
        if parts.isEmpty { return true }
        var prefix = relative.hasPrefix("/") ? "/" : ""
        for (index, part) in parts.enumerated() {
            prefix += (index == 0 ? "" : "/") + part
            let check = checker(absolutePath(prefix))
            if try check.code(H5Lexists(id, prefix, awd_h5p_default()), "look up link") == 0 { return false }
            let isLast = index == parts.count - 1
            if !isLast || resolving {
                if try check.code(H5Oexists_by_name(id, prefix, awd_h5p_default()), "resolve link") == 0 {
                    return false
                }
            }
            if !isLast {
                // Only a group can have children: a path through a dataset leads nowhere.
                let object = try check.id(H5Oopen(id, prefix, awd_h5p_default()), "open object")
                let isGroup = H5Iget_type(object) == H5I_GROUP
                _ = H5Oclose(object)
                if !isGroup { return false }
            }
        }
        return true
    }

    /// The kind of the object at `relative`, or nil if there is none. Lock held.
    func objectKind(_ relative: String) throws -> H5ObjectKind? {
        guard try linkExists(relative) else { return nil }
        let id = try openID("open '\(relative)'")
        let check = checker(absolutePath(relative))
        let object = try check.id(H5Oopen(id, relative, awd_h5p_default()), "open object")
        defer { _ = H5Oclose(object) }
        switch H5Iget_type(object) {
        case H5I_GROUP: return .group
        case H5I_DATASET: return .dataset
        default: return .other
        }
    }

    /// Creates (or opens) every group along `relative`; returns the identifier of the last one,
    /// which the caller must close. With `mustBeNew`, the last group must not exist yet. Lock held.
    func makeGroups(_ relative: String, mustBeNew: Bool) throws -> hid_t {
        let id = try openID("create group '\(relative)'")
        let parts = H5Object.components(relative)
        let fullPath = absolutePath(relative)
        guard !parts.isEmpty else {
            if mustBeNew { throw checker(fullPath).error("create group", reason: "the group already exists") }
            return try checker(fullPath).id(H5Gopen2(id, relative.hasPrefix("/") ? "/" : ".", awd_h5p_default()), "open group")
        }
        let gcpl = try groupCreationList(checker(fullPath))
        defer { _ = H5Pclose(gcpl) }
        var prefix = relative.hasPrefix("/") ? "/" : ""
        for (index, part) in parts.enumerated() {
            prefix += (index == 0 ? "" : "/") + part
            let isLast = index == parts.count - 1
            let check = checker(absolutePath(prefix))
            switch try objectKind(prefix) {
            case nil:
                let group = try check.id(H5Gcreate2(id, prefix, awd_h5p_default(), gcpl, awd_h5p_default()), "create group")
                if isLast { return group }
                _ = H5Gclose(group)
            case .group:
                if isLast {
                    if mustBeNew { throw check.error("create group", reason: "the group already exists") }
                    return try check.id(H5Gopen2(id, prefix, awd_h5p_default()), "open group")
                }
            case .dataset, .other:
                throw check.error("create group", reason: "a dataset or other non-group object is in the way")
            }
        }
        fatalError("unreachable")
    }

    // MARK: - Groups

    /// Creates a new group at `path`, creating missing intermediate groups. Throws if it exists.
    @discardableResult
    public func createGroup(_ path: String) throws -> H5Group {
        try H5Library.locked {
            let id = try makeGroups(path, mustBeNew: true)
            return H5Group(id: id, filePath: filePath, path: absolutePath(path), owningFile: fileForChildren)
        }
    }

    /// Opens the group at `path`, creating it and any missing intermediate groups if needed
    /// (h5py's `require_group`).
    @discardableResult
    public func requireGroup(_ path: String) throws -> H5Group {
        try H5Library.locked {
            let id = try makeGroups(path, mustBeNew: false)
            return H5Group(id: id, filePath: filePath, path: absolutePath(path), owningFile: fileForChildren)
        }
    }

    /// Opens an existing group. Throws if it does not exist or is not a group.
    public func group(_ path: String) throws -> H5Group {
        try H5Library.locked {
            let check = checker(absolutePath(path))
            switch try objectKind(path) {
            case nil: throw check.error("open group", reason: "no such group")
            case .dataset, .other: throw check.error("open group", reason: "the object is not a group")
            case .group:
                let id = try check.id(H5Gopen2(try openID("open group"), path, awd_h5p_default()), "open group")
                return H5Group(id: id, filePath: filePath, path: absolutePath(path), owningFile: fileForChildren)
            }
        }
    }

    /// Whether an object (group or dataset) exists at `path`. Never throws for missing
    /// intermediate groups; throws only if HDF5 itself fails (e.g. a closed file).
    public func exists(_ path: String) throws -> Bool {
        try H5Library.locked { try linkExists(path) }
    }

    /// The kind of object at `path`, or nil if nothing is there.
    public func kind(of path: String) throws -> H5ObjectKind? {
        try H5Library.locked { try objectKind(path) }
    }

    /// Names of the direct children (groups, datasets, other links), sorted by name (byte order).
    public func children() throws -> [String] {
        try H5Library.locked {
            let id = try openID("list children")
            let check = checker()
            var info = H5G_info_t()
            try check.code(H5Gget_info(id, &info), "list children")
            var names: [String] = []
            names.reserveCapacity(Int(info.nlinks))
            for index in 0..<info.nlinks {
                let length = try check.size(H5Lget_name_by_idx(id, ".", H5_INDEX_NAME, H5_ITER_INC, index, nil, 0, awd_h5p_default()), "read child name")
                var buffer = [CChar](repeating: 0, count: length + 1)
                _ = try check.size(H5Lget_name_by_idx(id, ".", H5_INDEX_NAME, H5_ITER_INC, index, &buffer, buffer.count, awd_h5p_default()), "read child name")
                names.append(H5Library.string(fromCString: buffer))
            }
            return names
        }
    }

    /// Names of the direct children that are groups, sorted.
    public func groupNames() throws -> [String] {
        try H5Library.locked { try children().filter { try objectKind($0) == .group } }
    }

    /// Names of the direct children that are datasets, sorted.
    public func datasetNames() throws -> [String] {
        try H5Library.locked { try children().filter { try objectKind($0) == .dataset } }
    }
}
