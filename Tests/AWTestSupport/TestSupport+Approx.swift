import AWLinearAlgebra

/// The outcome of an element-wise approximate comparison; `description` names the worst entry,
/// so a failing `#expect(c.passed, "\(c)")` says where and by how much.
public struct ApproxComparison: CustomStringConvertible, Sendable {
    /// True iff the shapes agree and every pair is close (see `TestSupport.isClose`).
    public let passed: Bool
    /// Number of compared pairs.
    public let count: Int
    /// Number of pairs that are not close.
    public let failures: Int
    /// Index of the pair with the largest |a - b| / allowed ratio (nil when empty or shapes differ).
    public let worstIndex: Int?
    /// max |a_i - b_i|.
    public let maxAbsoluteError: Double
    /// max |a_i - b_i| / max(|a_i|, |b_i|) over pairs with a nonzero denominator.
    public let maxRelativeError: Double
    public let description: String
}

/// Approximate equality with documented semantics (the same rule as Python's `math.isclose`):
///
///     close(a, b)  <=>  |a - b| <= max(absolute, relative * max(|a|, |b|))
///
/// - `relative` scales with the magnitude of the two values; `absolute` is a floor for values near 0
///   (with absolute = 0, only exactly 0 is close to 0).
/// - NaN is never close to anything (not even NaN); +inf is close only to +inf, -inf only to -inf.
/// - Values are compared in Double (Float inputs are promoted exactly).
extension TestSupport {
    public static func isClose<T: BinaryFloatingPoint>(_ a: T, _ b: T, relative: Double = 1e-12, absolute: Double = 0) -> Bool {
        isClose(Double(a), Double(b), relative: relative, absolute: absolute)
    }

    public static func isClose(_ a: Double, _ b: Double, relative: Double = 1e-12, absolute: Double = 0) -> Bool {
        precondition(relative >= 0 && absolute >= 0, "isClose: tolerances must be >= 0")
        if a.isNaN || b.isNaN { return false }
        if a.isInfinite || b.isInfinite { return a == b }
        return abs(a - b) <= max(absolute, relative * max(abs(a), abs(b)))
    }

    /// Element-wise `isClose` over two sequences of the same length.
    public static func compare<T: BinaryFloatingPoint>(_ a: [T], _ b: [T], relative: Double = 1e-12, absolute: Double = 0) -> ApproxComparison {
        compareDoubles(a.map { Double($0) }, b.map { Double($0) }, relative: relative, absolute: absolute, shape: "")
    }

    /// Element-wise `isClose` over two matrices of the same shape (row-major index in `worstIndex`).
    public static func compare<T: BLASScalar>(_ a: Matrix<T>, _ b: Matrix<T>, relative: Double = 1e-12, absolute: Double = 0) -> ApproxComparison {
        if a.rows != b.rows || a.cols != b.cols {
            return ApproxComparison(passed: false, count: 0, failures: 0, worstIndex: nil, maxAbsoluteError: .infinity,
                                    maxRelativeError: .infinity,
                                    description: "shapes differ: \(a.rows)x\(a.cols) vs \(b.rows)x\(b.cols)")
        }
        return compareDoubles(a.data.map { $0.doubleValue }, b.data.map { $0.doubleValue }, relative: relative,
                              absolute: absolute, shape: " (\(a.rows)x\(a.cols), row-major)")
    }

    /// `compare(...).passed`.
    public static func allClose<T: BinaryFloatingPoint>(_ a: [T], _ b: [T], relative: Double = 1e-12, absolute: Double = 0) -> Bool {
        compare(a, b, relative: relative, absolute: absolute).passed
    }

    /// max_i |a_i - b_i| (infinity if the lengths differ).
    public static func maxAbsDifference<T: BinaryFloatingPoint>(_ a: [T], _ b: [T]) -> Double {
        guard a.count == b.count else { return .infinity }
        var m = 0.0
        for (x, y) in zip(a, b) { m = max(m, abs(Double(x) - Double(y))) }
        return m
    }

    /// Norm-wise relative error ||a - b||_2 / ||b||_2 (||a - b||_2 when b = 0; infinity if lengths differ).
    public static func relativeError<T: BinaryFloatingPoint>(_ a: [T], _ b: [T]) -> Double {
        guard a.count == b.count else { return .infinity }
        var d = 0.0, nb = 0.0
        for (x, y) in zip(a, b) {
            let dx = Double(x) - Double(y)
            d += dx * dx
            nb += Double(y) * Double(y)
        }
        return nb > 0 ? (d / nb).squareRoot() : d.squareRoot()
    }

    private static func compareDoubles(_ a: [Double], _ b: [Double], relative: Double, absolute: Double, shape: String) -> ApproxComparison {
        guard a.count == b.count else {
            return ApproxComparison(passed: false, count: 0, failures: 0, worstIndex: nil, maxAbsoluteError: .infinity,
                                    maxRelativeError: .infinity, description: "lengths differ: \(a.count) vs \(b.count)")
        }
        var failures = 0, worst: Int? = nil, worstRatio = -1.0, maxAbs = 0.0, maxRel = 0.0
        for i in a.indices {
            let x = a[i], y = b[i]
            let close = isClose(x, y, relative: relative, absolute: absolute)
            if !close { failures += 1 }
            // |a - b| with equal values (also equal infinities) giving 0 and NaN giving infinity.
            let d: Double = x == y ? 0 : (abs(x - y).isNaN ? .infinity : abs(x - y))
            let denom = max(abs(x), abs(y))
            maxAbs = max(maxAbs, d)
            if denom > 0 && denom.isFinite { maxRel = max(maxRel, d / denom) }
            let allowed = max(absolute, relative * denom)
            let ratio: Double = d == 0 ? 0 : (allowed > 0 && allowed.isFinite ? d / allowed : .infinity)
            if worst == nil || ratio > worstRatio { worstRatio = ratio; worst = i }
        }
        let desc: String
        if let w = worst {
            desc = "\(failures) of \(a.count) not close\(shape); worst at [\(w)]: \(a[w]) vs \(b[w]) "
                + "(|diff| = \(abs(a[w] - b[w])), allowed max(\(absolute), \(relative) * max|.|)); "
                + "max abs error \(maxAbs), max rel error \(maxRel)"
        } else {
            desc = "0 of 0 compared"
        }
        return ApproxComparison(passed: failures == 0, count: a.count, failures: failures, worstIndex: worst,
                                maxAbsoluteError: maxAbs, maxRelativeError: maxRel, description: desc)
    }
}
