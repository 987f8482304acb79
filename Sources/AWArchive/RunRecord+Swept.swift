import AWCore

extension RunRecord {
    /// Numeric view of swept values (see `sweptValues`).
    static func numericSwept(_ swept: [String: CanonicalJSON.Value]) -> [String: Double] {
        var out: [String: Double] = [:]
        for (key, value) in swept {
            switch value {
            case .array(let list): if let first = list.first?.doubleValue { out[key] = first }
            case .bool(let b): out[key] = b ? 1 : 0
            default: if let x = value.doubleValue { out[key] = x }
            }
        }
        return out
    }
}
