/// Encodes a model value straight into a `PlainValue` tree with its Swift property names,
/// without the JSON round trip (`JSONEncoder` then `JSONSerialization` costs seconds on a
/// 10,000-camera model on Linux, through NSDictionary bridging). Nil optionals are left out,
/// as `Codable` does.
enum PlainValueEncoder {
    static func encode(_ value: some Encodable) throws -> PlainValue {
        let root = Slot()
        try value.encode(to: TreeEncoder(slot: root, codingPath: []))
        return root.plain
    }
}

/// A node being filled in by the encoder.
private final class Slot {
    var value: PlainValue?
    var keyed: [(String, Slot)]?
    var unkeyed: [Slot]?

    var plain: PlainValue {
        if let keyed { return .map(Dictionary(keyed.map { ($0.0, $0.1.plain) }, uniquingKeysWith: { _, last in last })) }
        if let unkeyed { return .list(unkeyed.map(\.plain)) }
        return value ?? .null
    }

    func child(_ key: String) -> Slot {
        let slot = Slot()
        if keyed == nil { keyed = [] }
        keyed!.append((key, slot))
        return slot
    }

    func append() -> Slot {
        let slot = Slot()
        if unkeyed == nil { unkeyed = [] }
        unkeyed!.append(slot)
        return slot
    }
}

private struct TreeEncoder: Encoder {
    let slot: Slot
    let codingPath: [any CodingKey]
    var userInfo: [CodingUserInfoKey: Any] { [:] }

    func container<Key: CodingKey>(keyedBy type: Key.Type) -> KeyedEncodingContainer<Key> {
        if slot.keyed == nil { slot.keyed = [] }
        return KeyedEncodingContainer(Keyed<Key>(slot: slot, codingPath: codingPath))
    }

    func unkeyedContainer() -> any UnkeyedEncodingContainer {
        if slot.unkeyed == nil { slot.unkeyed = [] }
        return Unkeyed(slot: slot, codingPath: codingPath)
    }

    func singleValueContainer() -> any SingleValueEncodingContainer { Single(slot: slot, codingPath: codingPath) }
}

/// Scalars every container shares.
private func scalar(_ value: some Encodable) -> PlainValue? {
    switch value {
    case let v as String: .string(v)
    case let v as Bool: .bool(v)
    case let v as Int: .int(v)
    case let v as Int64: .int(Int(v))
    case let v as Int32: .int(Int(v))
    case let v as UInt: .int(Int(v))
    case let v as Double: .double(v)
    case let v as Float: .double(Double(v))
    default: nil
    }
}

private struct Keyed<Key: CodingKey>: KeyedEncodingContainerProtocol {
    let slot: Slot
    let codingPath: [any CodingKey]

    mutating func encodeNil(forKey key: Key) throws { slot.child(key.stringValue).value = .null }
    mutating func encode<T: Encodable>(_ value: T, forKey key: Key) throws {
        try PlainValueEncoderSupport.encode(value, into: slot.child(key.stringValue), codingPath: codingPath + [key])
    }
    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type, forKey key: Key) -> KeyedEncodingContainer<NestedKey> {
        TreeEncoder(slot: slot.child(key.stringValue), codingPath: codingPath + [key]).container(keyedBy: keyType)
    }
    mutating func nestedUnkeyedContainer(forKey key: Key) -> any UnkeyedEncodingContainer {
        TreeEncoder(slot: slot.child(key.stringValue), codingPath: codingPath + [key]).unkeyedContainer()
    }
    mutating func superEncoder() -> any Encoder { TreeEncoder(slot: slot.child("super"), codingPath: codingPath) }
    mutating func superEncoder(forKey key: Key) -> any Encoder { TreeEncoder(slot: slot.child(key.stringValue), codingPath: codingPath + [key]) }
}

private struct Unkeyed: UnkeyedEncodingContainer {
    let slot: Slot
    let codingPath: [any CodingKey]
    var count: Int { slot.unkeyed?.count ?? 0 }

    mutating func encodeNil() throws { slot.append().value = .null }
    mutating func encode<T: Encodable>(_ value: T) throws {
        try PlainValueEncoderSupport.encode(value, into: slot.append(), codingPath: codingPath)
    }
    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type) -> KeyedEncodingContainer<NestedKey> {
        TreeEncoder(slot: slot.append(), codingPath: codingPath).container(keyedBy: keyType)
    }
    mutating func nestedUnkeyedContainer() -> any UnkeyedEncodingContainer { TreeEncoder(slot: slot.append(), codingPath: codingPath).unkeyedContainer() }
    mutating func superEncoder() -> any Encoder { TreeEncoder(slot: slot.append(), codingPath: codingPath) }
}

private struct Single: SingleValueEncodingContainer {
    let slot: Slot
    let codingPath: [any CodingKey]

    mutating func encodeNil() throws { slot.value = .null }
    mutating func encode<T: Encodable>(_ value: T) throws {
        try PlainValueEncoderSupport.encode(value, into: slot, codingPath: codingPath)
    }
}

private enum PlainValueEncoderSupport {
    static func encode(_ value: some Encodable, into slot: Slot, codingPath: [any CodingKey]) throws {
        if let plain = scalar(value) { slot.value = plain; return }
        try value.encode(to: TreeEncoder(slot: slot, codingPath: codingPath))
    }
}
