/// Which end of the spectrum an iterative eigensolver looks for, and how results are ordered.
public enum EigenTarget: String, Sendable, Codable, CaseIterable {
    /// Largest algebraic eigenvalues, returned in DESCENDING order (the default; "top-k").
    case largestAlgebraic
    /// Smallest algebraic (most negative) eigenvalues, returned in ASCENDING order.
    case smallestAlgebraic
    /// Largest |lambda|, returned by DESCENDING |lambda| (ties: the larger lambda first).
    case largestMagnitude

    /// Indices of the `count` wanted values among `values`, best first.
    func select(_ values: [Double], count: Int) -> [Int] {
        let idx = Array(values.indices)
        let sorted: [Int]
        switch self {
        case .largestAlgebraic:
            sorted = idx.sorted { values[$0] != values[$1] ? values[$0] > values[$1] : $0 < $1 }
        case .smallestAlgebraic:
            sorted = idx.sorted { values[$0] != values[$1] ? values[$0] < values[$1] : $0 < $1 }
        case .largestMagnitude:
            sorted = idx.sorted {
                let a = abs(values[$0]), b = abs(values[$1])
                if a != b { return a > b }
                if values[$0] != values[$1] { return values[$0] > values[$1] }
                return $0 < $1
            }
        }
        return Array(sorted.prefix(count))
    }
}
