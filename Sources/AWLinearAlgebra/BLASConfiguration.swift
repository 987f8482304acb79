import COpenBLAS

/// Which BLAS library runs, on which core type, with how many threads. Archives record it.
public enum BLASConfiguration {
    /// Set the OpenBLAS thread count for this process (the project runs 1 thread per run).
    public static func setThreads(_ n: Int) { awd_openblas_set_threads(Int32(max(1, n))) }
    public static var threads: Int { Int(awd_openblas_get_threads()) }
    public static var library: String { "OpenBLAS" }
    public static var core: String { String(cString: awd_openblas_corename()) }
    public static var buildConfig: String { String(cString: awd_openblas_config()) }
}
