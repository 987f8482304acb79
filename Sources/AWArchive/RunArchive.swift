import AWCore
import AWHDF5
import AWLinearAlgebra
import Foundation

/// Writes and reads one run archive (layout: docs/ARCHIVE.md).
///
/// Writing is atomic: the file is written as `<path>.tmp-<pid>` and renamed when complete, so an
/// interrupted or killed writer never leaves a half-written archive under the final name.
/// The same record gives byte-identical files.
public enum RunArchive {
    /// Large per-pair / per-direction datasets are chunked and compressed from this many elements on.
    static let compressFrom = 4096

    /// The temporary name used while `path` is being written by this process.
    public static func temporaryPath(for path: String) -> String {
        "\(path).tmp-\(ProcessInfo.processInfo.processIdentifier)"
    }

    /// Test hook: called with the temporary file's path after it is closed, before it is read back.
    nonisolated(unsafe) static var afterClose: ((String) -> Void)?

    public static func write(_ record: RunRecord, to path: String) throws {
        try write(record, to: path, densityMethodAttributes: true)
    }

    /// `densityMethodAttributes: false` writes the layout of archives made before `density_method`
    /// existed (for tests of the reader's inference only).
    static func write(_ record: RunRecord, to path: String, densityMethodAttributes: Bool) throws {
        let dir = PathText.parent(path)
        if !dir.isEmpty { try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true) }
        let tmp = temporaryPath(for: path)
        do {
            let file = try H5File.create(tmp)
            try writeContent(record, into: file, densityMethodAttributes: densityMethodAttributes)
            // Every HDF5 status counts, the close's too (buffered data is written there) ...
            try file.flush()
            try file.closeChecked()
            afterClose?(tmp)
            // ... and the file is read back and compared with the record before it gets its name:
            // a write error HDF5 did not report (or a damaged disk) never yields a complete-looking archive.
            if densityMethodAttributes {
                let back: RunRecord
                do { back = try read(tmp) } catch {
                    throw AWError(.io, "\(path): the archive written could not be read back (a write failed?): \(error)")
                }
                if let difference = record.firstDifference(from: back) {
                    throw AWError(.io, "\(path): the archive read back differs from the record written at \(difference) (a write failed?)")
                }
            }
            if rename(tmp, path) != 0 {
                throw ArchiveError(path: path, reason: "could not rename \(tmp) into place (errno \(errno))")
            }
        } catch {
            try? FileManager.default.removeItem(atPath: tmp)
            throw error
        }
    }

    static func options(_ count: Int) -> H5DatasetOptions {
        count >= compressFrom ? H5DatasetOptions(chunkShape: nil, gzipLevel: 4, shuffle: true) : .contiguous
    }

    private static func writeContent(_ r: RunRecord, into f: H5File, densityMethodAttributes: Bool) throws {
        try f.setAttribute("format", RunRecord.format)
        try f.setAttribute("format_version", RunRecord.formatVersion)
        try f.setAttribute("run_id", r.runID)
        try f.setAttribute("config", r.config)
        try f.setAttribute("config_sha256", r.configSHA256)
        try f.setAttribute("seed", Int64(bitPattern: r.seed))
        try f.setAttribute("status", r.status.rawValue)
        try f.setAttribute("software_version", r.softwareVersion)
        try f.setAttribute("git_commit", r.gitCommit)
        try f.setAttribute("hdf5_version", r.hdf5Version)
        try f.setAttribute("blas", "library=\(r.blas.library); core=\(r.blas.core); threads=\(r.blas.threads)")
        try f.setAttribute("blas_library", r.blas.library)
        try f.setAttribute("blas_core", r.blas.core)
        try f.setAttribute("blas_threads", r.blas.threads)
        try f.setAttribute("manifest", r.manifest)
        try f.setAttribute("replicate", r.replicate)
        try f.setAttribute("swept", r.sweptJSON)

        let d = try f.createGroup("data")
        try d.setAttribute("dataset", r.data.dataset.rawValue)
        for key in RunRecord.DataSection.sourceKeys {
            if let digest = r.data.sourceSHA256[key] { try d.setAttribute("\(key)_sha256", digest) }
        }
        try dataset(d, "train_indices", values: r.data.trainIndices, shape: [r.data.trainIndices.count], options: options(r.data.trainIndices.count), checksum: densityMethodAttributes)
        try dataset(d, "train_labels", values: r.data.trainLabels, shape: [r.data.trainLabels.count], options: options(r.data.trainLabels.count), checksum: densityMethodAttributes)
        try dataset(d, "clean", values: r.data.clean, shape: [r.data.clean.count], options: options(r.data.clean.count), checksum: densityMethodAttributes)
        try dataset(d, "test_indices", values: r.data.testIndices, shape: [r.data.testIndices.count], options: options(r.data.testIndices.count), checksum: densityMethodAttributes)

        let m = try f.createGroup("model")
        try m.setAttribute("widths", r.model.widths)
        try m.setAttribute("activation", r.model.activation.rawValue)
        try m.setAttribute("bias", Int64(r.model.biases.isEmpty ? 0 : 1))
        try m.setAttribute("dtype", r.model.dtype.rawValue)
        for (l, w) in r.model.layers.enumerated() {
            try writeFloating("layer\(l + 1)", w.data, shape: [w.rows, w.cols], dtype: r.model.dtype, in: m, checksum: densityMethodAttributes)
        }
        for (l, b) in r.model.biases.enumerated() {
            try writeFloating("bias\(l + 1)", b, shape: [b.count], dtype: r.model.dtype, in: m, checksum: densityMethodAttributes)
        }

        let t = try f.createGroup("training")
        try t.setAttribute("epochs", r.training.epochs)
        try t.setAttribute("stop_reason", r.training.stopReason.rawValue)
        try dataset(t, "train_loss", values: r.training.trainLoss, shape: [r.training.trainLoss.count], checksum: densityMethodAttributes)
        try dataset(t, "train_accuracy", values: r.training.trainAccuracy, shape: [r.training.trainAccuracy.count], checksum: densityMethodAttributes)
        if !r.training.consensusDistance.isEmpty {
            try dataset(t, "consensus_distance", values: r.training.consensusDistance,
                        shape: [r.training.consensusDistance.count], checksum: densityMethodAttributes)
        }

        if let x = r.metrics {
            let g = try f.createGroup("metrics")
            try g.setAttribute("train_loss", x.trainLoss)
            try g.setAttribute("test_loss", x.testLoss)
            try g.setAttribute("gap", x.gap)
            try g.setAttribute("train_accuracy", x.trainAccuracy)
            try g.setAttribute("test_accuracy", x.testAccuracy)
            try g.setAttribute("layer_norm", x.layerNorm)
            try g.setAttribute("total_norm", x.totalWeightNorm)
            if let why = r.analysisSkipped { try g.setAttribute("analysis_skipped", why) }
        }
        if let a = r.analysis { try writeAnalysis(a, into: f, densityMethodAttributes: densityMethodAttributes) }
        // Last: every group's attributes sealed with their digest (RunArchive+Integrity).
        if densityMethodAttributes {
            for name in try f.groupNames() { try sealAttributes(try f.group(name)) }
            try sealAttributes(f)
        }
    }

    private static func writeAnalysis(_ a: RunRecord.AnalysisSection, into f: H5File, densityMethodAttributes: Bool) throws {
        let g = try f.createGroup("analysis")
        // The archive numbers layers from 1 (docs/ARCHIVE.md); the record holds the 0-based index.
        try g.setAttribute("layer", Int64(a.layerNumber))
        try g.setAttribute("pairing", a.pairing.rawValue)
        try g.setAttribute("sharp_count", a.sharpCount)
        try g.setAttribute("eigen_method", a.eigenMethod.rawValue)
        try g.setAttribute("estimated_gap", a.estimatedGap)
        try g.setAttribute("measured_gap", a.measuredGap)
        try g.setAttribute("second_order_gap", a.secondOrderGap)
        try g.setAttribute("duality_residual_max", a.dualityResidualMax)
        try g.setAttribute("duality_residual_mean", a.dualityResidualMean)
        try g.setAttribute("covariance_total", a.covarianceTotal)
        try g.setAttribute("sharp_part", a.sharpPart)
        try g.setAttribute("flat_part", a.flatPart)
        try g.setAttribute("mean_total", a.meanTotal)
        try g.setAttribute("residual_covariance", a.residualCovariance)
        try g.setAttribute("residual_mean", a.residualMean)
        try g.setAttribute("activity_weighted_norm", a.activityWeightedNorm)
        try g.setAttribute("lanczos_converged", Int64(a.lanczosConverged ? 1 : 0))
        try g.setAttribute("lanczos_max_residual", a.lanczosMaxResidual)
        func ds(_ name: String, _ v: [Double]) throws { try dataset(g, name, values: v, shape: [v.count], options: options(v.count), checksum: densityMethodAttributes) }
        func di(_ name: String, _ v: [Int64]) throws { try dataset(g, name, values: v, shape: [v.count], options: options(v.count), checksum: densityMethodAttributes) }
        try di("pair_train_row", a.pairTrainRow)
        try di("pair_test_row", a.pairTestRow)
        try ds("delta_loss", a.deltaLoss)
        try ds("pair_test_loss", a.pairTestLoss)
        try ds("pair_train_loss", a.pairTrainLoss)
        try ds("pair_dual_loss", a.pairDualLoss)
        try ds("dual_norm", a.dualNorm)
        try ds("eigenvalues", a.eigenvalues)
        try ds("direction_eigenvalue", a.directionEigenvalue)
        try di("direction_index", a.directionIndex)
        try ds("sigma_w", a.sigmaW)
        try ds("sigma_g", a.sigmaG)
        try ds("mean_w", a.meanW)
        try ds("mean_g", a.meanG)
        try ds("c", a.c)
        try ds("density_nodes", a.densityNodes)
        try ds("density_weights", a.densityWeights)
        // Added after every name of the first layout, so older readers and files are unaffected.
        guard densityMethodAttributes else { return }
        try g.setAttribute("density_method", a.densityMethod.name)
        if case let .slq(probes, steps) = a.densityMethod {
            try g.setAttribute("density_slq_probes", Int64(probes))
            try g.setAttribute("density_slq_steps", Int64(steps))
        }
    }

    private static func writeFloating(_ name: String, _ values: [Double], shape: [Int], dtype: DType, in g: H5Group,
                                      checksum: Bool) throws {
        let n = values.count
        if dtype == .float32 {
            try dataset(g, name, values: values.map { Float($0) }, shape: shape, options: options(n), checksum: checksum)
        } else {
            try dataset(g, name, values: values, shape: shape, options: options(n), checksum: checksum)
        }
    }

}
