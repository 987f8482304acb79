import CHDF5

/// The HDF5 library this process links, e.g. "1.10.8" (archives record it).
public enum HDF5Version {
    public static var string: String {
        var major: UInt32 = 0, minor: UInt32 = 0, release: UInt32 = 0
        _ = H5get_libversion(&major, &minor, &release)
        return "\(major).\(minor).\(release)"
    }
}
