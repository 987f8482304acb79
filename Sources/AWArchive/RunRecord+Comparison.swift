import AWCore
import AWLinearAlgebra

extension RunRecord {
    /// The first place where `other` differs from this record, or nil when they are the same bit
    /// for bit (NaN equal to NaN, 0.0 different from -0.0): how `RunArchive.write` checks the
    /// temporary file it read back against the record it meant to write.
    public func firstDifference(from other: RunRecord) -> String? {
        RecordComparison.difference(self, other, path: "record")
    }
}

/// Structural comparison by reflection, with fast paths for the numeric arrays an archive holds.
enum RecordComparison {
    static func difference(_ a: Any, _ b: Any, path: String) -> String? {
        switch (a, b) {
        case let (x as [Double], y as [Double]):
            return arrays(x, y, path: path) { $0.bitPattern == $1.bitPattern || ($0.isNaN && $1.isNaN) }
        case let (x as [Int64], y as [Int64]): return arrays(x, y, path: path, ==)
        case let (x as [UInt8], y as [UInt8]): return arrays(x, y, path: path, ==)
        case let (x as Double, y as Double):
            return x.bitPattern == y.bitPattern || (x.isNaN && y.isNaN) ? nil : "\(path): \(x) vs \(y)"
        case let (x as [String: CanonicalJSON.Value], y as [String: CanonicalJSON.Value]):
            guard x.keys.sorted() == y.keys.sorted() else { return "\(path): keys \(x.keys.sorted()) vs \(y.keys.sorted())" }
            for key in x.keys.sorted() where x[key] != y[key] { return "\(path)[\(key)]: \(x[key]!) vs \(y[key]!)" }
            return nil
        case let (x as [String: String], y as [String: String]):
            guard x.keys.sorted() == y.keys.sorted() else { return "\(path): keys \(x.keys.sorted()) vs \(y.keys.sorted())" }
            for key in x.keys.sorted() where x[key] != y[key] { return "\(path)[\(key)]: \(x[key]!) vs \(y[key]!)" }
            return nil
        case let (x as String, y as String): return x == y ? nil : "\(path): \"\(x.prefix(40))\" vs \"\(y.prefix(40))\""
        default: break
        }
        let ma = Mirror(reflecting: a), mb = Mirror(reflecting: b)
        let ca = Array(ma.children), cb = Array(mb.children)
        if ca.isEmpty && cb.isEmpty {
            let sa = String(describing: a), sb = String(describing: b)
            return sa == sb ? nil : "\(path): \(sa.prefix(40)) vs \(sb.prefix(40))"
        }
        guard ca.count == cb.count else { return "\(path): \(ca.count) vs \(cb.count) parts" }
        if ma.displayStyle == .enum || ma.displayStyle == .optional,
           ca.map(\.label) != cb.map(\.label) { return "\(path): \(a) vs \(b)" }
        for (i, (x, y)) in zip(ca, cb).enumerated() {
            if let d = difference(x.value, y.value, path: "\(path).\(x.label ?? String(i))") { return d }
        }
        return nil
    }

    static func arrays<T>(_ x: [T], _ y: [T], path: String, _ same: (T, T) -> Bool) -> String? {
        guard x.count == y.count else { return "\(path): \(x.count) vs \(y.count) values" }
        for i in x.indices where !same(x[i], y[i]) { return "\(path)[\(i)]: \(x[i]) vs \(y[i])" }
        return nil
    }
}
