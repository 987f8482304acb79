import AWCore
import Foundation

/// One row per run archive (swept values, seed, metrics, analysis totals), as CSV or JSON:
/// the table `awd export` writes for spreadsheets and other people's scripts.
public struct ArchiveSummary: Sendable {
    public var rows: [[String: Value]]
    public var columns: [String]

    public enum Value: Sendable, Equatable {
        case number(Double)
        case integer(Int64)
        case text(String)

        var csv: String {
            switch self {
            case let .number(x): return x.isFinite ? "\(x)" : (x.isNaN ? "nan" : (x > 0 ? "inf" : "-inf"))
            case let .integer(i): return "\(i)"
            case let .text(s):
                return s.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" })
                    ? "\"" + s.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : s
            }
        }

        var json: String {
            switch self {
            case let .number(x): return x.isFinite ? "\(x)" : "null"
            case let .integer(i): return "\(i)"
            case let .text(s): return JSONText.quoted(s)
            }
        }
    }

    static let fixedColumns = ["manifest", "run_id", "status", "replicate", "seed", "swept"]
    static let tailColumns = [
        "epochs", "stop_reason", "train_loss", "test_loss", "gap", "train_accuracy", "test_accuracy", "layer_norm",
        "total_norm", "estimated_gap", "measured_gap", "covariance_total", "sharp_part", "flat_part", "mean_total",
        "second_order_gap", "duality_residual_max", "activity_weighted_norm", "sum_sigma_w", "sum_sigma_g",
        "eigen_method", "top_eigenvalue", "density_method",
    ]

    public init(records: [RunRecord]) {
        var swept = Set<String>()
        rows = records.map { r in
            var row: [String: Value] = [
                "manifest": .text(r.manifest), "run_id": .text(r.runID), "status": .text(r.status.rawValue),
                "replicate": .integer(r.replicate), "seed": .integer(Int64(bitPattern: r.seed)),
                // The swept values as written (text values and whole width lists too); the numeric
                // columns after it are the numeric view (a width list by its first element).
                "swept": .text(r.sweptJSON),
                "epochs": .integer(r.training.epochs), "stop_reason": .text(r.training.stopReason.rawValue),
            ]
            for (k, v) in r.sweptValues { row[k] = .number(v); swept.insert(k) }
            if let m = r.metrics {
                row["train_loss"] = .number(m.trainLoss); row["test_loss"] = .number(m.testLoss); row["gap"] = .number(m.gap)
                row["train_accuracy"] = .number(m.trainAccuracy); row["test_accuracy"] = .number(m.testAccuracy)
                row["layer_norm"] = .number(m.layerNorm); row["total_norm"] = .number(m.totalWeightNorm)
            }
            if let a = r.analysis {
                row["estimated_gap"] = .number(a.estimatedGap); row["measured_gap"] = .number(a.measuredGap)
                row["covariance_total"] = .number(a.covarianceTotal); row["sharp_part"] = .number(a.sharpPart)
                row["flat_part"] = .number(a.flatPart); row["mean_total"] = .number(a.meanTotal)
                row["second_order_gap"] = .number(a.secondOrderGap)
                row["duality_residual_max"] = .number(a.dualityResidualMax)
                row["activity_weighted_norm"] = .number(a.activityWeightedNorm)
                row["sum_sigma_w"] = .number(a.sigmaW.reduce(0, +)); row["sum_sigma_g"] = .number(a.sigmaG.reduce(0, +))
                row["eigen_method"] = .text(a.eigenMethod.rawValue)
                row["density_method"] = .text(a.densityMethod.name)
                if let top = a.eigenvalues.first { row["top_eigenvalue"] = .number(top) }
            }
            return row
        }
        columns = Self.fixedColumns + swept.sorted() + Self.tailColumns
    }

    public var csv: String {
        var out = columns.joined(separator: ",") + "\n"
        for row in rows { out += columns.map { row[$0]?.csv ?? "" }.joined(separator: ",") + "\n" }
        return out
    }

    public var json: String {
        let body = rows.map { row in
            "  {" + columns.compactMap { c in row[c].map { "\(JSONText.quoted(c)): \($0.json)" } }.joined(separator: ", ") + "}"
        }
        return "[\n" + body.joined(separator: ",\n") + "\n]\n"
    }
}
