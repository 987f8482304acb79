// swift-tools-version:6.0
// The activity-weight duality pipeline: manifest -> runs -> archives -> figures/report.
import PackageDescription

let package = Package(
    name: "AWDuality",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "awd", targets: ["awd"]),
        .library(name: "AWDuality", targets: ["AWManifest", "AWRunner", "AWFigures"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/jpsim/Yams", from: "5.0.1"),
    ],
    targets: [
        // C libraries, isolated in shim targets (installed by scripts/setup.sh).
        .systemLibrary(name: "CHDF5", pkgConfig: "hdf5", providers: [.apt(["libhdf5-dev"])]),
        .systemLibrary(name: "CPLplot", pkgConfig: "plplot", providers: [.apt(["libplplot-dev", "plplot-driver-cairo"])]),
        .systemLibrary(name: "COpenBLAS", pkgConfig: "openblas", providers: [.apt(["libopenblas-dev"])]),
        .systemLibrary(name: "CLAPACKE", pkgConfig: "lapacke", providers: [.apt(["liblapacke-dev"])]),
        .systemLibrary(name: "CZlib", pkgConfig: "zlib", providers: [.apt(["zlib1g-dev"])]),

        // Stage 0: shared utilities (seeded RNG, hashing, errors).
        .target(name: "AWCore"),
        // Dense linear algebra over CBLAS/LAPACKE, plus matrix-free eigen-algorithms.
        .target(name: "AWLinearAlgebra", dependencies: ["AWCore", "COpenBLAS", "CLAPACKE"]),
        // Data: IDX files, MNIST / Fashion-MNIST, subsets and label noise.
        .target(name: "AWData", dependencies: ["AWCore", "AWLinearAlgebra", "CZlib"]),
        // Networks and training: MLPs, losses, SGD, regularizers, stopping rule.
        .target(name: "AWNetwork", dependencies: ["AWCore", "AWLinearAlgebra"]),
        // The duality analysis: pairing, dual weights, layer Hessian, decomposition.
        .target(name: "AWAnalysis", dependencies: ["AWCore", "AWLinearAlgebra", "AWNetwork"]),
        // Thin Swift wrappers over HDF5 and PLplot.
        .target(name: "AWHDF5", dependencies: ["CHDF5"]),
        .target(name: "AWPlot", dependencies: ["CPLplot"]),
        // The run archive: one HDF5 file per run, schema in docs/ARCHIVE.md.
        .target(name: "AWArchive", dependencies: ["AWCore", "AWLinearAlgebra", "AWNetwork", "AWAnalysis", "AWHDF5"]),
        // The manifest language and run identity: the settings table, YAML manifests, validation,
        // canonical JSON, run ids and the plan. No engine dependency.
        .target(name: "AWManifest", dependencies: ["AWCore", .product(name: "Yams", package: "Yams")]),
        // Executing runs: the run stage (data -> training -> analysis -> record -> archive), child
        // processes, the sweep runner and its progress display.
        .target(name: "AWRunner", dependencies: [
            "AWCore", "AWLinearAlgebra", "AWData", "AWNetwork", "AWAnalysis", "AWHDF5", "AWArchive", "AWManifest",
        ]),
        // Benchmark drivers (make bench), outside the production modules.
        .target(name: "AWBenchmarks", dependencies: ["AWCore", "AWLinearAlgebra", "AWNetwork", "AWAnalysis"]),
        // Figures and the reproduction report, from archives only.
        .target(name: "AWFigures", dependencies: ["AWCore", "AWAnalysis", "AWPlot", "AWArchive", "AWManifest"]),
        // The command-line tool.
        .executableTarget(name: "awd", dependencies: [
            "AWCore", "AWLinearAlgebra", "AWData", "AWNetwork", "AWAnalysis", "AWHDF5", "AWArchive", "AWManifest",
            "AWRunner", "AWBenchmarks", "AWFigures",
            .product(name: "ArgumentParser", package: "swift-argument-parser"),
        ]),

        // Tests.
        .target(name: "AWTestSupport", dependencies: ["AWLinearAlgebra"], path: "Tests/AWTestSupport"),
        .testTarget(name: "AWCoreTests", dependencies: ["AWCore", "AWTestSupport"]),
        .testTarget(name: "AWLinearAlgebraTests", dependencies: ["AWCore", "AWLinearAlgebra", "AWTestSupport"]),
        .testTarget(name: "AWDataTests", dependencies: ["AWCore", "AWLinearAlgebra", "AWData", "AWTestSupport"]),
        .testTarget(name: "AWNetworkTests", dependencies: [
            "AWCore", "AWLinearAlgebra", "AWData", "AWNetwork", "AWTestSupport",
        ]),
        .testTarget(name: "AWAnalysisTests", dependencies: ["AWCore", "AWLinearAlgebra", "AWNetwork", "AWAnalysis"]),
        .testTarget(name: "AWHDF5Tests", dependencies: ["AWHDF5", "AWTestSupport"]),
        .testTarget(name: "AWPlotTests", dependencies: ["AWPlot", "AWTestSupport"]),
        .testTarget(name: "AWArchiveTests", dependencies: [
            "AWCore", "AWLinearAlgebra", "AWAnalysis", "AWHDF5", "AWArchive", "AWTestSupport",
        ]),
        .testTarget(name: "AWManifestTests", dependencies: ["AWCore", "AWManifest", "AWTestSupport"], exclude: ["Fixtures"]),
        .testTarget(name: "AWRunnerTests", dependencies: [
            "AWCore", "AWLinearAlgebra", "AWData", "AWNetwork", "AWAnalysis", "AWArchive", "AWManifest",
            "AWRunner", "AWTestSupport",
        ]),
        .testTarget(name: "AWBenchmarksTests", dependencies: [
            "AWCore", "AWLinearAlgebra", "AWAnalysis", "AWBenchmarks",
        ]),
        .testTarget(name: "AWFiguresTests", dependencies: [
            "AWCore", "AWAnalysis", "AWPlot", "AWArchive", "AWManifest", "AWFigures", "AWTestSupport",
        ]),
        .testTarget(name: "awdTests", dependencies: ["AWArchive", "AWCore", "AWTestSupport"], exclude: ["Fixtures"]),
    ]
)
