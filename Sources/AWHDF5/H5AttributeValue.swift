/// The value of an attribute AWHDF5 can write and read back.
///
/// Scalars (`double`, `int64`, `string`) are stored with a scalar dataspace; arrays with a 1-D
/// dataspace. Strings are fixed-length UTF-8, NUL-terminated (size = UTF-8 bytes + 1), which h5py
/// reads as `bytes` (decode with UTF-8). When reading, float32 attributes come back as `double`,
/// integer attributes of any size that fits Int64 as `int64`, and variable-length strings (as h5py
/// writes them) as `string` too.
public enum H5AttributeValue: Sendable, Equatable, CustomStringConvertible {
    case double(Double)
    case int64(Int64)
    case string(String)
    case doubleArray([Double])
    case int64Array([Int64])

    /// A short name of the kind of value, for error messages.
    public var kind: String {
        switch self {
        case .double: "scalar float64"
        case .int64: "scalar int64"
        case .string: "string"
        case .doubleArray: "1-D float64 array"
        case .int64Array: "1-D int64 array"
        }
    }

    public var description: String {
        switch self {
        case .double(let value): "\(value)"
        case .int64(let value): "\(value)"
        case .string(let value): "\"\(value)\""
        case .doubleArray(let values): "\(values)"
        case .int64Array(let values): "\(values)"
        }
    }
}
