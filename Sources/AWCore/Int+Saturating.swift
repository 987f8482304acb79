// Integer arithmetic on values that come from user input: saturating instead of trapping, so a
// hostile setting yields an out-of-range value that validation names, never a crash.

extension Int {
    /// `x` rounded toward zero, clamped to `Int.min...Int.max` (NaN gives 0).
    public init(saturating x: Double) {
        if x.isNaN { self = 0 } else if x >= 9.2e18 { self = .max } else if x <= -9.2e18 { self = .min } else { self = Int(x) }
    }

    /// `self * other`, clamped to the Int range.
    public func saturatingMultiplied(by other: Int) -> Int {
        let (p, overflow) = multipliedReportingOverflow(by: other)
        return overflow ? ((self < 0) != (other < 0) ? .min : .max) : p
    }

    /// `self + other`, clamped to the Int range.
    public func saturatingAdding(_ other: Int) -> Int {
        let (s, overflow) = addingReportingOverflow(other)
        return overflow ? (other < 0 ? .min : .max) : s
    }
}
