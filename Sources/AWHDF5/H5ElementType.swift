import CHDF5

/// The element types AWHDF5 stores in datasets. Files always use little-endian IEEE / two's
/// complement types, whatever the machine (h5py reads them as float32, float64, int64, uint8).
public enum H5ElementType: String, Sendable, CaseIterable, CustomStringConvertible {
    case float32, float64, int64, uint8

    public var description: String { rawValue }

    /// Size of one element in bytes.
    public var byteSize: Int {
        switch self {
        case .float32: 4
        case .float64: 8
        case .int64: 8
        case .uint8: 1
        }
    }

    /// Whether this is a floating-point type.
    public var isFloatingPoint: Bool { self == .float32 || self == .float64 }

    /// The HDF5 file (storage) type.
    var fileTypeID: hid_t {
        switch self {
        case .float32: awd_h5t_ieee_f32le()
        case .float64: awd_h5t_ieee_f64le()
        case .int64: awd_h5t_std_i64le()
        case .uint8: awd_h5t_std_u8le()
        }
    }

    /// The HDF5 memory type of the matching Swift type.
    var memoryTypeID: hid_t {
        switch self {
        case .float32: awd_h5t_native_float()
        case .float64: awd_h5t_native_double()
        case .int64: awd_h5t_native_int64()
        case .uint8: awd_h5t_native_uint8()
        }
    }
}
