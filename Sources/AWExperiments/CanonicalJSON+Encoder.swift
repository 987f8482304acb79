import AWCore
// An Encoder that turns any Encodable into a `CanonicalJSON.Value` tree, so the canonical text of
// a type always follows its Codable conformance (the same keys JSONDecoder reads back).

extension CanonicalJSON {
    /// Builds a `Value` from an Encodable. Keyed containers become objects, unkeyed ones arrays;
    /// floats are widened through their shortest text (so Float 0.1 stays 0.1).
    public enum ValueEncoder {
        public static func value<T: Encodable>(of value: T) throws -> Value {
            let root = Slot()
            try value.encode(to: TreeEncoder(slot: root, codingPath: []))
            return try root.resolve(path: "$")
        }
    }

    /// One place in the tree being built.
    final class Slot {
        enum Content {
            case empty
            case value(Value)
            case object([String: Slot])
            case array([Slot])
        }
        var content: Content = .empty

        func resolve(path: String) throws -> Value {
            switch content {
            case .empty: return .object([:])  // an Encodable that wrote nothing (e.g. an empty struct)
            case .value(let v):
                if case .double(let d) = v, !d.isFinite { throw EncodingError.nonFinite(path: path, value: d) }
                return v
            case .object(let children):
                var out: [String: Value] = [:]
                for (key, slot) in children { out[key] = try slot.resolve(path: "\(path).\(key)") }
                return .object(out)
            case .array(let children):
                return .array(try children.enumerated().map { try $0.element.resolve(path: "\(path)[\($0.offset)]") })
            }
        }

        func objectChild(_ key: String) -> Slot {
            var children: [String: Slot] = [:]
            if case .object(let existing) = content { children = existing }
            let child = Slot()
            children[key] = child
            content = .object(children)
            return child
        }

        func ensureObject() {
            if case .object = content { return }
            content = .object([:])
        }

        func appendChild() -> Slot {
            var children: [Slot] = []
            if case .array(let existing) = content { children = existing }
            let child = Slot()
            children.append(child)
            content = .array(children)
            return child
        }

        func ensureArray() {
            if case .array = content { return }
            content = .array([])
        }

        var arrayCount: Int {
            if case .array(let a) = content { return a.count }
            return 0
        }
    }

    struct IndexKey: CodingKey {
        var stringValue: String
        var intValue: Int?
        init(_ i: Int) { stringValue = "\(i)"; intValue = i }
        init?(stringValue: String) { self.stringValue = stringValue; intValue = nil }
        init?(intValue: Int) { self.init(intValue) }
    }

    static func primitive<T: Encodable>(_ value: T) -> Value? {
        switch value {
        case let v as Bool: return .bool(v)
        case let v as String: return .string(v)
        case let v as Double: return .double(v)
        case let v as Float: return .double(Double(v.description) ?? Double(v))
        case let v as Int: return .int(Int64(v))
        case let v as Int8: return .int(Int64(v))
        case let v as Int16: return .int(Int64(v))
        case let v as Int32: return .int(Int64(v))
        case let v as Int64: return .int(v)
        case let v as UInt: return .uint(UInt64(v))
        case let v as UInt8: return .uint(UInt64(v))
        case let v as UInt16: return .uint(UInt64(v))
        case let v as UInt32: return .uint(UInt64(v))
        case let v as UInt64: return .uint(v)
        case let v as Value: return v
        default: return nil
        }
    }

    static func encodeInto<T: Encodable>(_ slot: Slot, _ value: T, codingPath: [CodingKey]) throws {
        if let p = primitive(value) {
            slot.content = .value(p)
        } else {
            try value.encode(to: TreeEncoder(slot: slot, codingPath: codingPath))
        }
    }

    struct TreeEncoder: Swift.Encoder {
        let slot: Slot
        var codingPath: [CodingKey]
        var userInfo: [CodingUserInfoKey: Any] { [:] }

        func container<Key: CodingKey>(keyedBy type: Key.Type) -> KeyedEncodingContainer<Key> {
            slot.ensureObject()
            return KeyedEncodingContainer(Keyed<Key>(slot: slot, codingPath: codingPath))
        }

        func unkeyedContainer() -> UnkeyedEncodingContainer {
            slot.ensureArray()
            return Unkeyed(slot: slot, codingPath: codingPath)
        }

        func singleValueContainer() -> SingleValueEncodingContainer {
            Single(slot: slot, codingPath: codingPath)
        }
    }

    struct Keyed<Key: CodingKey>: KeyedEncodingContainerProtocol {
        let slot: Slot
        var codingPath: [CodingKey]

        mutating func encodeNil(forKey key: Key) throws { slot.objectChild(key.stringValue).content = .value(.null) }

        mutating func encode<T: Encodable>(_ value: T, forKey key: Key) throws {
            try CanonicalJSON.encodeInto(slot.objectChild(key.stringValue), value, codingPath: codingPath + [key])
        }

        mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type,
                                                            forKey key: Key) -> KeyedEncodingContainer<NestedKey> {
            let child = slot.objectChild(key.stringValue)
            child.ensureObject()
            return KeyedEncodingContainer(Keyed<NestedKey>(slot: child, codingPath: codingPath + [key]))
        }

        mutating func nestedUnkeyedContainer(forKey key: Key) -> UnkeyedEncodingContainer {
            let child = slot.objectChild(key.stringValue)
            child.ensureArray()
            return Unkeyed(slot: child, codingPath: codingPath + [key])
        }

        mutating func superEncoder() -> Swift.Encoder {
            TreeEncoder(slot: slot.objectChild("super"), codingPath: codingPath)
        }

        mutating func superEncoder(forKey key: Key) -> Swift.Encoder {
            TreeEncoder(slot: slot.objectChild(key.stringValue), codingPath: codingPath + [key])
        }
    }

    struct Unkeyed: UnkeyedEncodingContainer {
        let slot: Slot
        var codingPath: [CodingKey]
        var count: Int { slot.arrayCount }

        mutating func encodeNil() throws { slot.appendChild().content = .value(.null) }

        mutating func encode<T: Encodable>(_ value: T) throws {
            let key = IndexKey(count)
            try CanonicalJSON.encodeInto(slot.appendChild(), value, codingPath: codingPath + [key])
        }

        mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type) -> KeyedEncodingContainer<NestedKey> {
            let key = IndexKey(count)
            let child = slot.appendChild()
            child.ensureObject()
            return KeyedEncodingContainer(Keyed<NestedKey>(slot: child, codingPath: codingPath + [key]))
        }

        mutating func nestedUnkeyedContainer() -> UnkeyedEncodingContainer {
            let key = IndexKey(count)
            let child = slot.appendChild()
            child.ensureArray()
            return Unkeyed(slot: child, codingPath: codingPath + [key])
        }

        mutating func superEncoder() -> Swift.Encoder {
            let key = IndexKey(count)
            return TreeEncoder(slot: slot.appendChild(), codingPath: codingPath + [key])
        }
    }

    struct Single: SingleValueEncodingContainer {
        let slot: Slot
        var codingPath: [CodingKey]

        mutating func encodeNil() throws { slot.content = .value(.null) }

        mutating func encode<T: Encodable>(_ value: T) throws {
            try CanonicalJSON.encodeInto(slot, value, codingPath: codingPath)
        }
    }
}

extension CanonicalJSON.Value: Encodable {
    public func encode(to encoder: Encoder) throws {
        var c = encoder.singleValueContainer()
        switch self {
        case .null: try c.encodeNil()
        case .bool(let b): try c.encode(b)
        case .int(let i): try c.encode(i)
        case .uint(let u): try c.encode(u)
        case .double(let d): try c.encode(d)
        case .string(let s): try c.encode(s)
        case .array(let a): try c.encode(a)
        case .object(let o): try c.encode(o)
        }
    }
}
