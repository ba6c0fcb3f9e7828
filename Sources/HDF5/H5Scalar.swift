import CHDF5

/// The numeric element kinds this API stores (little-endian IEEE / two's complement on disk).
public enum H5ScalarKind: Sendable, Equatable {
    case float32, float64, int32, int64, uint64

    /// The on-disk (file) type.
    var fileType: hid_t {
        switch self {
        case .float32: chdf5_ieee_f32le()
        case .float64: chdf5_ieee_f64le()
        case .int32: chdf5_native_int32()
        case .int64: chdf5_std_i64le()
        case .uint64: chdf5_std_u64le()
        }
    }

    /// The in-memory type.
    var memoryType: hid_t {
        switch self {
        case .float32: chdf5_native_float()
        case .float64: chdf5_native_double()
        case .int32: chdf5_native_int32()
        case .int64: chdf5_native_int64()
        case .uint64: chdf5_native_uint64()
        }
    }

    var isFloat: Bool { self == .float32 || self == .float64 }
    var name: String { "\(self)" }
}

/// A Swift number type that maps to an HDF5 element type.
public protocol H5Scalar: Numeric, Sendable {
    static var h5Kind: H5ScalarKind { get }
}

extension Float: H5Scalar { public static var h5Kind: H5ScalarKind { .float32 } }
extension Double: H5Scalar { public static var h5Kind: H5ScalarKind { .float64 } }
extension Int32: H5Scalar { public static var h5Kind: H5ScalarKind { .int32 } }
extension Int64: H5Scalar { public static var h5Kind: H5ScalarKind { .int64 } }
extension UInt64: H5Scalar { public static var h5Kind: H5ScalarKind { .uint64 } }

/// The element type of a stored dataset or attribute, as found in the file.
public enum H5ElementType: Sendable, Equatable, CustomStringConvertible {
    case float(bits: Int)
    case integer(bits: Int, signed: Bool)
    case string(variableLength: Bool)
    case other(String)

    public var description: String {
        switch self {
        case let .float(bits): "float\(bits)"
        case let .integer(bits, signed): (signed ? "int" : "uint") + "\(bits)"
        case let .string(variable): variable ? "string (variable length)" : "string (fixed length)"
        case let .other(name): name
        }
    }

    /// Describes an HDF5 datatype id.
    init(type: hid_t) {
        let bits = Int(H5Tget_size(type)) * 8
        let cls = H5Tget_class(type)
        if cls == H5T_FLOAT { self = .float(bits: bits) }
        else if cls == H5T_INTEGER { self = .integer(bits: bits, signed: H5Tget_sign(type) != H5T_SGN_NONE) }
        else if cls == H5T_STRING { self = .string(variableLength: H5Tis_variable_str(type) > 0) }
        else { self = .other("class \(cls.rawValue)") }
    }

    /// Whether values of this stored type convert to `kind` without changing class.
    func isCompatible(with kind: H5ScalarKind) -> Bool {
        switch self {
        case .float: kind.isFloat
        case .integer: !kind.isFloat
        default: false
        }
    }
}

/// Checks a shape against a value count; returns the dims as hsize_t.
func validatedDims(_ shape: [Int], count: Int, path: String) throws -> [hsize_t] {
    var product = 1
    for dim in shape {
        guard dim >= 0 else { throw HDF5Error.invalidShape(path: path, reason: "negative dimension in \(shape)") }
        let (next, overflow) = product.multipliedReportingOverflow(by: dim)
        guard !overflow else { throw HDF5Error.invalidShape(path: path, reason: "shape \(shape) overflows") }
        product = next
    }
    guard product == count else {
        throw HDF5Error.invalidShape(path: path, reason: "shape \(shape) holds \(product) values but \(count) were given")
    }
    return shape.map { hsize_t($0) }
}
