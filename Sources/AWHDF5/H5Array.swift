/// A dense n-dimensional array as read from (or written to) a dataset: flat row-major values and
/// a shape. A 0-d (scalar) dataset has `shape == []` and one value.
public struct H5Array<Element: H5Element>: Sendable {
    public var values: [Element]
    public var shape: [Int]

    public init(values: [Element], shape: [Int]) {
        self.values = values
        self.shape = shape
    }

    /// Number of elements implied by the shape (1 for a scalar).
    public var count: Int { shape.reduce(1, *) }
}

extension H5Array: Equatable where Element: Equatable {}
