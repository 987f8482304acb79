import CHDF5

/// Process-wide HDF5 settings that must come before any other HDF5 call.
public enum HDF5Process {
    /// Tells HDF5 not to clean up at process exit. Its exit handler closes every file still open,
    /// and a file whose final flush failed (a full disk) crashes it there (H5F__close_cb) after the
    /// error was already reported. Every archive is closed explicitly; one still open at exit is an
    /// unfinished temporary, removed by its writer. Returns false when HDF5 was already in use.
    @discardableResult
    public static func skipCleanupAtExit() -> Bool {
        H5dont_atexit() >= 0
    }
}
