/// A matrix-free `SymmetricOperator` from a closure `(x, y) -> Void` that writes y = A x.
/// The closure must satisfy the `SymmetricOperator.apply` contract (no aliasing, overwrite y, symmetric A).
public struct ClosureSymmetricOperator: SymmetricOperator {
    public let dimension: Int
    private let body: (UnsafePointer<Double>, UnsafeMutablePointer<Double>) -> Void

    public init(dimension: Int, _ body: @escaping (UnsafePointer<Double>, UnsafeMutablePointer<Double>) -> Void) {
        precondition(dimension >= 0)
        self.dimension = dimension
        self.body = body
    }

    public func apply(_ x: UnsafePointer<Double>, _ y: UnsafeMutablePointer<Double>) { body(x, y) }
}
