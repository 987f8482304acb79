import AWAnalysis
import AWCore
import AWHDF5
import AWNetwork
import AWLinearAlgebra
import Foundation

extension RunArchive {
    /// Only the root attributes (cheap): used to decide whether a run is already complete.
    public struct Header: Sendable, Equatable {
        public var runID: String
        public var configSHA256: String
        public var status: RunRecord.Status
        public var formatVersion: Int64
    }

    /// Reads the root attributes and checks the format. Throws `ArchiveError` for a file that is
    /// missing, truncated, corrupted, not an awd archive or of an unknown format version.
    public static func readHeader(_ path: String) throws -> Header {
        let file = try open(path)
        return try header(file, path: path)
    }

    private static func open(_ path: String) throws -> H5File {
        // A FIFO or device named *.h5 would block or never end: only regular files are opened.
        let kind = FileKind.of(path)
        guard kind.isRegular else { throw ArchiveError(path: path, reason: "not an archive: \(kind)") }
        do { return try H5File.open(path) } catch {
            throw ArchiveError(path: path, reason: "\(error)")
        }
    }

    private static func header(_ f: H5File, path: String) throws -> Header {
        do {
            guard try f.hasAttribute("format"), try f.stringAttribute("format") == RunRecord.format else {
                throw ArchiveError(path: path, reason: "root attribute format is not \"\(RunRecord.format)\"")
            }
            let version = try f.int64Attribute("format_version")
            guard version == RunRecord.formatVersion else {
                throw ArchiveError(path: path, reason: "unknown format_version \(version) (this awd reads version \(RunRecord.formatVersion))")
            }
            guard let status = RunRecord.Status(rawValue: try f.stringAttribute("status")) else {
                throw ArchiveError(path: path, reason: "unknown status \(try f.stringAttribute("status"))")
            }
            return Header(runID: try f.stringAttribute("run_id"), configSHA256: try f.stringAttribute("config_sha256"),
                          status: status, formatVersion: version)
        } catch let e as ArchiveError { throw e } catch {
            throw ArchiveError(path: path, reason: "\(error)")
        }
    }

    /// Reads a whole archive back into a record.
    public static func read(_ path: String) throws -> RunRecord {
        let f = try open(path)
        let h = try header(f, path: path)
        do {
            try checkAllAttributes(f, path: path)
            let blas = RunRecord.BLASInfo(library: try f.stringAttribute("blas_library"), core: try f.stringAttribute("blas_core"),
                                          threads: try f.int64Attribute("blas_threads"))
            let d = try f.group("data")
            let data = RunRecord.DataSection(
                dataset: try choice(DatasetName.self, d, "dataset", path: path),
                trainIndices: try checkedRead(d, "train_indices", as: Int64.self, path: path).values,
                trainLabels: try checkedRead(d, "train_labels", as: Int64.self, path: path).values,
                clean: try checkedRead(d, "clean", as: UInt8.self, path: path).values,
                testIndices: try checkedRead(d, "test_indices", as: Int64.self, path: path).values,
                sourceSHA256: try sourceDigests(d))
            let m = try f.group("model")
            let widths = try m.int64ArrayAttribute("widths")
            guard widths.count >= 2, widths.count <= 1_000, widths.allSatisfy({ $0 >= 1 && $0 <= Int64(Int32.max) }) else {
                throw ArchiveError(path: path, reason: "attribute /model/widths is \(widths.prefix(12)); "
                                   + "allowed: 2...1000 widths, each 1...\(Int32.max)")
            }
            var layers: [Matrix<Double>] = []
            var biases: [[Double]] = []
            for l in 1..<widths.count {
                let a = try checkedRead(m, "layer\(l)", as: Double.self, rank: 2, path: path)
                guard a.shape == [Int(widths[l]), Int(widths[l - 1])] else {
                    throw ArchiveError(path: path, reason: "/model/layer\(l) has shape \(a.shape), expected [\(widths[l]), \(widths[l - 1])]")
                }
                layers.append(Matrix(rows: a.shape[0], cols: a.shape[1], data: a.values))
                if try m.int64Attribute("bias") == 1 { biases.append(try checkedRead(m, "bias\(l)", as: Double.self, path: path).values) }
            }
            let model = RunRecord.ModelSection(widths: widths, activation: try choice(Activation.self, m, "activation", path: path),
                                               dtype: try choice(DType.self, m, "dtype", path: path), layers: layers, biases: biases)
            let t = try f.group("training")
            let training = RunRecord.TrainingSection(
                trainLoss: try checkedRead(t, "train_loss", as: Double.self, path: path).values,
                trainAccuracy: try checkedRead(t, "train_accuracy", as: Double.self, path: path).values,
                epochs: try t.int64Attribute("epochs"), stopReason: try choice(StopReason.Kind.self, t, "stop_reason", path: path),
                consensusDistance: try t.exists("consensus_distance")
                    ? checkedRead(t, "consensus_distance", as: Double.self, path: path).values : [])
            var metrics: RunRecord.Metrics?
            var skipped: String?
            if try f.exists("metrics") {
                let g = try f.group("metrics")
                if try g.hasAttribute("analysis_skipped") { skipped = try g.stringAttribute("analysis_skipped") }
                metrics = RunRecord.Metrics(
                    trainLoss: try g.doubleAttribute("train_loss"), testLoss: try g.doubleAttribute("test_loss"),
                    gap: try g.doubleAttribute("gap"), trainAccuracy: try g.doubleAttribute("train_accuracy"),
                    testAccuracy: try g.doubleAttribute("test_accuracy"), layerNorm: try g.doubleAttribute("layer_norm"),
                    totalWeightNorm: try g.doubleAttribute("total_norm"))
            }
            let config = try f.stringAttribute("config")
            let analysis = try f.exists("analysis") ? try readAnalysis(try f.group("analysis"), config: config, path: path) : nil
            var record = RunRecord(
                runID: h.runID, config: config, configSHA256: h.configSHA256,
                seed: UInt64(bitPattern: try f.int64Attribute("seed")), status: h.status,
                softwareVersion: try f.stringAttribute("software_version"), gitCommit: try f.stringAttribute("git_commit"),
                hdf5Version: try f.stringAttribute("hdf5_version"), blas: blas, manifest: try f.stringAttribute("manifest"),
                swept: try sweptValues(try f.stringAttribute("swept"), path: path), replicate: try f.int64Attribute("replicate"),
                data: data, model: model, training: training, metrics: metrics, analysis: analysis)
            record.analysisSkipped = skipped
            if let problem = record.structureProblem { throw ArchiveError(path: path, reason: problem) }
            return record
        } catch let e as ArchiveError { throw e } catch {
            throw ArchiveError(path: path, reason: "\(error)")
        }
    }

    /// /data's `<key>_sha256` attributes that are present (archives before them have none).
    private static func sourceDigests(_ d: H5Group) throws -> [String: String] {
        var out: [String: String] = [:]
        for key in RunRecord.DataSection.sourceKeys where try d.hasAttribute("\(key)_sha256") {
            out[key] = try d.stringAttribute("\(key)_sha256")
        }
        return out
    }

    private static func readAnalysis(_ g: H5Group, config: String, path: String) throws -> RunRecord.AnalysisSection {
        func ds(_ n: String) throws -> [Double] { try checkedRead(g, n, as: Double.self, path: path).values }
        func di(_ n: String) throws -> [Int64] { try checkedRead(g, n, as: Int64.self, path: path).values }
        let layer = try g.int64Attribute("layer")
        guard layer >= 1 else {
            throw ArchiveError(path: path, reason: "attribute /analysis/layer is \(layer); layers are numbered from 1")
        }
        let eigenMethod = try choice(EigenMethod.self, g, "eigen_method", path: path)
        let nodes = try ds("density_nodes")
        return RunRecord.AnalysisSection(
            // The archive numbers layers from 1; the record holds the 0-based index.
            layerIndex: Int(layer) - 1, pairing: try choice(PairingDirection.self, g, "pairing", path: path),
            sharpCount: try g.int64Attribute("sharp_count"), eigenMethod: eigenMethod,
            estimatedGap: try g.doubleAttribute("estimated_gap"), measuredGap: try g.doubleAttribute("measured_gap"),
            secondOrderGap: try g.doubleAttribute("second_order_gap"),
            dualityResidualMax: try g.doubleAttribute("duality_residual_max"),
            dualityResidualMean: try g.doubleAttribute("duality_residual_mean"),
            covarianceTotal: try g.doubleAttribute("covariance_total"), sharpPart: try g.doubleAttribute("sharp_part"),
            flatPart: try g.doubleAttribute("flat_part"), meanTotal: try g.doubleAttribute("mean_total"),
            residualCovariance: try g.doubleAttribute("residual_covariance"),
            residualMean: try g.doubleAttribute("residual_mean"),
            activityWeightedNorm: try g.doubleAttribute("activity_weighted_norm"),
            lanczosConverged: try g.int64Attribute("lanczos_converged") == 1,
            lanczosMaxResidual: try g.doubleAttribute("lanczos_max_residual"),
            pairTrainRow: try di("pair_train_row"), pairTestRow: try di("pair_test_row"),
            deltaLoss: try ds("delta_loss"), pairTestLoss: try ds("pair_test_loss"),
            pairTrainLoss: try ds("pair_train_loss"), pairDualLoss: try ds("pair_dual_loss"), dualNorm: try ds("dual_norm"),
            eigenvalues: try ds("eigenvalues"), directionEigenvalue: try ds("direction_eigenvalue"),
            directionIndex: try di("direction_index"), sigmaW: try ds("sigma_w"), sigmaG: try ds("sigma_g"),
            meanW: try ds("mean_w"), meanG: try ds("mean_g"), c: try ds("c"),
            densityMethod: try densityMethod(g, eigenMethod: eigenMethod, config: config, nodes: nodes, path: path),
            densityNodes: nodes, densityWeights: try ds("density_weights"))
    }

}
