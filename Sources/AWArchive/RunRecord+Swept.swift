import Foundation

extension RunRecord {
    /// Numeric view of a swept-values JSON object (see `sweptValues`).
    static func numericSwept(_ json: String) -> [String: Double] {
        guard let data = json.data(using: .utf8),
              let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any] else { return [:] }
        var out: [String: Double] = [:]
        for (key, value) in object {
            if let list = value as? [Any], let first = list.first as? NSNumber {
                out[key] = first.doubleValue
            } else if let number = value as? NSNumber {
                out[key] = number.doubleValue
            }
        }
        return out
    }
}
