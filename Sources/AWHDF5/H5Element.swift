/// A Swift element type that can be written to and read from an HDF5 dataset:
/// `Float` (float32), `Double` (float64), `Int64` (int64) and `UInt8` (uint8).
public protocol H5Element: Sendable {
    static var h5ElementType: H5ElementType { get }
    /// The zero value, used to allocate read buffers.
    static var h5Zero: Self { get }
}

extension Float: H5Element {
    public static var h5ElementType: H5ElementType { .float32 }
    public static var h5Zero: Float { 0 }
}

extension Double: H5Element {
    public static var h5ElementType: H5ElementType { .float64 }
    public static var h5Zero: Double { 0 }
}

extension Int64: H5Element {
    public static var h5ElementType: H5ElementType { .int64 }
    public static var h5Zero: Int64 { 0 }
}

extension UInt8: H5Element {
    public static var h5ElementType: H5ElementType { .uint8 }
    public static var h5Zero: UInt8 { 0 }
}
