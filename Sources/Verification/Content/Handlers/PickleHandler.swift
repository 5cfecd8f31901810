/// Runs a pickle stream (protocols 0–5) on a small stack machine that builds inert values —
/// it never imports or calls anything — and recognises the NumPy arrays inside: arrays
/// pickled by NumPy (`_reconstruct` + state, `_frombuffer`, protocol-2 latin-1 strings) and
/// arrays joblib writes raw right after a `NumpyArrayWrapper` (with its alignment padding).
/// Python lists of numbers are arrays too. Budgeted in opcodes and stack size.
struct PickleHandler {
    final class Node {
        var callable: String
        var args: [Value]
        var state: Value?
        /// A dtype's byte order (`<`, `>`, `|`) and element size from its state.
        var byteOrder: String?
        var itemSize: Int?
        init(callable: String, args: [Value]) { self.callable = callable; self.args = args }
    }
    final class ListBox { var items: [Value] = [] }
    final class DictBox { var items: [(Value, Value)] = [] }

    enum Value {
        case none, mark
        case bool(Bool)
        case int(Int)
        case float(Double)
        case string(String)
        case bytes(ArraySlice<UInt8>)
        case tuple([Value])
        case list(ListBox)
        case dict(DictBox)
        case global(String)
        case node(Node)
        case array(Int)
    }

    enum Failure: Error, CustomStringConvertible {
        case malformed(String, offset: Int)
        case budget(String)
        var description: String {
            switch self {
            case .malformed(let what, let offset): return "\(what) at byte \(offset)"
            case .budget(let what): return what
            }
        }
    }

    static let maxOperations = 20_000_000
    static let maxStack = 1_000_000

    let bytes: [UInt8]
    let base: ContentPath
    private(set) var arrays: [NumericArray] = []
    private var position = 0
    private var stack: [Value] = []
    private var marks: [Int] = []
    private var memo: [Int: Value] = [:]
    private var operations = 0

    init(bytes: [UInt8], base: ContentPath) {
        self.bytes = bytes
        self.base = base.appending("pickle")
    }

    /// Runs every pickle in the stream (several `pickle.dump` calls append to one file).
    /// Returns the arrays found; throws only when nothing could be read.
    mutating func run() throws(Failure) -> [NumericArray] {
        var failure: Failure?
        while position < bytes.count, bytes[position] == 0x80 {
            do { try runOne() } catch { failure = error; break }
        }
        if let failure, arrays.isEmpty, position < 64 { throw failure }
        return arrays
    }

    private mutating func runOne() throws(Failure) {
        stack.removeAll(keepingCapacity: true); marks.removeAll(); memo.removeAll()
        while true {
            operations += 1
            if operations > Self.maxOperations { throw .budget("more than \(Self.maxOperations) pickle operations") }
            if stack.count > Self.maxStack { throw .budget("pickle stack deeper than \(Self.maxStack)") }
            let opcode = try byte()
            switch opcode {
            case 0x80: _ = try byte()                                   // PROTO
            case 0x95: _ = try take(8)                                  // FRAME: lengths only
            case 0x2E:                                                  // STOP
                if let root = stack.last { var seen = Set<ObjectIdentifier>(); collectLists(root, depth: 0, seen: &seen) }
                return
            case 0x28: marks.append(stack.count)                        // MARK
            case 0x30: _ = try pop()                                    // POP
            case 0x31: _ = try popMark()                                // POP_MARK
            case 0x32: stack.append(try top())                          // DUP
            case 0x4E: stack.append(.none)
            case 0x88: stack.append(.bool(true))
            case 0x89: stack.append(.bool(false))
            case 0x4B: stack.append(.int(Int(try byte())))              // BININT1
            case 0x4D: stack.append(.int(try uint(2)))                  // BININT2
            case 0x4A: stack.append(.int(Int(Int32(truncatingIfNeeded: try uint(4)))))  // BININT
            case 0x8A: stack.append(.int(try long(try Int(byte()))))    // LONG1
            case 0x8B: stack.append(.int(try long(try uint(4))))        // LONG4
            case 0x47:                                                  // BINFLOAT (big-endian)
                let raw = try take(8)
                stack.append(.float(Double(bitPattern: raw.reduce(UInt64(0)) { $0 << 8 | UInt64($1) })))
            case 0x46: stack.append(.float(Double(try line()) ?? .nan))     // FLOAT
            case 0x49:                                                      // INT (text; 00/01 are bools)
                let text = try line()
                stack.append(text == "01" ? .bool(true) : text == "00" ? .bool(false) : .int(Int(text) ?? 0))
            case 0x4C: stack.append(.int(Int(try line().dropLast(text: "L")) ?? 0))  // LONG (text)
            case 0x53: stack.append(.string(unquote(try line())))         // STRING
            case 0x54: stack.append(.bytes(try take(try uint(4))))         // BINSTRING
            case 0x55: stack.append(.bytes(try take(Int(try byte()))))     // SHORT_BINSTRING
            case 0x56: stack.append(.string(try line()))                   // UNICODE (raw-unicode-escape)
            case 0x58: stack.append(.string(String(decoding: try take(try uint(4)), as: UTF8.self)))
            case 0x8C: stack.append(.string(String(decoding: try take(Int(try byte())), as: UTF8.self)))
            case 0x8D: stack.append(.string(String(decoding: try take(try uint(8)), as: UTF8.self)))
            case 0x42: stack.append(.bytes(try take(try uint(4))))         // BINBYTES
            case 0x43: stack.append(.bytes(try take(Int(try byte()))))     // SHORT_BINBYTES
            case 0x8E, 0x96: stack.append(.bytes(try take(try uint(8))))   // BINBYTES8, BYTEARRAY8
            case 0x97: stack.append(.none)                                 // NEXT_BUFFER (out of band: absent)
            case 0x98: break                                               // READONLY_BUFFER
            case 0x29: stack.append(.tuple([]))
            case 0x74: stack.append(.tuple(try popMark()))
            case 0x85: stack.append(.tuple(try pop(1)))
            case 0x86: stack.append(.tuple(try pop(2)))
            case 0x87: stack.append(.tuple(try pop(3)))
            case 0x5D: stack.append(.list(ListBox()))
            case 0x6C: let box = ListBox(); box.items = try popMark(); stack.append(.list(box))
            case 0x61:                                                     // APPEND
                let item = try pop()
                if case .list(let box) = try top() { box.items.append(item) }
            case 0x65:                                                     // APPENDS
                let items = try popMark()
                if case .list(let box) = try top() { box.items.append(contentsOf: items) }
            case 0x7D, 0x8F: stack.append(.dict(DictBox()))                // EMPTY_DICT, EMPTY_SET
            case 0x64:                                                     // DICT
                let items = try popMark(); let box = DictBox()
                for index in stride(from: 0, to: items.count - 1, by: 2) { box.items.append((items[index], items[index + 1])) }
                stack.append(.dict(box))
            case 0x73:                                                     // SETITEM
                let value = try pop(), key = try pop()
                if case .dict(let box) = try top() { box.items.append((key, value)) }
            case 0x75:                                                     // SETITEMS
                let items = try popMark()
                if case .dict(let box) = try top() {
                    for index in stride(from: 0, to: items.count - 1, by: 2) { box.items.append((items[index], items[index + 1])) }
                }
            case 0x90: _ = try popMark()                                   // ADDITEMS
            case 0x91: _ = try popMark(); stack.append(.none)              // FROZENSET
            case 0x63:                                                     // GLOBAL
                let module = try line(), name = try line()
                stack.append(.global(module + "." + name))
            case 0x93:                                                     // STACK_GLOBAL
                let name = try pop(), module = try pop()
                if case .string(let m) = module, case .string(let n) = name { stack.append(.global(m + "." + n)) } else { stack.append(.global("?")) }
            case 0x52:                                                     // REDUCE
                let args = try pop(), callable = try pop()
                stack.append(reduce(callable, args))
            case 0x81:                                                     // NEWOBJ
                let args = try pop(), cls = try pop()
                stack.append(reduce(cls, args))
            case 0x92:                                                     // NEWOBJ_EX
                _ = try pop(); let args = try pop(), cls = try pop()
                stack.append(reduce(cls, args))
            case 0x6F:                                                     // OBJ
                var items = try popMark()
                let cls = items.isEmpty ? Value.none : items.removeFirst()
                stack.append(reduce(cls, .tuple(items)))
            case 0x69:                                                     // INST
                let module = try line(), name = try line()
                stack.append(reduce(.global(module + "." + name), .tuple(try popMark())))
            case 0x62:                                                     // BUILD
                let state = try pop()
                try build(try top(), state: state)
            case 0x50: _ = try line(); stack.append(.none)                 // PERSID
            case 0x51: _ = try pop(); stack.append(.none)                  // BINPERSID
            case 0x82: _ = try byte(); stack.append(.none)                 // EXT1
            case 0x83: _ = try take(2); stack.append(.none)
            case 0x84: _ = try take(4); stack.append(.none)
            case 0x70: memo[Int(try line()) ?? -1] = try top()             // PUT
            case 0x71: memo[Int(try byte())] = try top()                   // BINPUT
            case 0x72: memo[try uint(4)] = try top()                       // LONG_BINPUT
            case 0x94: memo[memo.count] = try top()                        // MEMOIZE
            case 0x67: stack.append(memo[Int(try line()) ?? -1] ?? .none)  // GET
            case 0x68: stack.append(memo[Int(try byte())] ?? .none)        // BINGET
            case 0x6A: stack.append(memo[try uint(4)] ?? .none)            // LONG_BINGET
            default:
                throw .malformed("unknown pickle opcode 0x\(String(opcode, radix: 16))", offset: position - 1)
            }
        }
    }

    // MARK: objects

    private mutating func reduce(_ callable: Value, _ args: Value) -> Value {
        let name: String
        if case .global(let global) = callable { name = global } else { name = "?" }
        var list: [Value] = []
        if case .tuple(let items) = args { list = items }
        // Protocol 2 keeps bytes as latin-1 text: _codecs.encode(text, "latin1").
        if name == "_codecs.encode", case .string(let text)? = list.first {
            return .bytes(ArraySlice(text.unicodeScalars.map { UInt8(truncatingIfNeeded: $0.value) }))
        }
        let node = Node(callable: name, args: list)
        if name.hasSuffix("numeric._frombuffer"), list.count >= 3, case .bytes(let data) = list[0],
           let dtype = Self.dtype(list[1]), let shape = Self.shape(list[2]) {
            return .array(record(shape: shape, data: data, dtype: dtype))
        }
        return .node(node)
    }

    private mutating func build(_ target: Value, state: Value) throws(Failure) {
        guard case .node(let node) = target else { return }
        node.state = state
        if node.callable.hasSuffix("numpy.dtype") || node.callable == "numpy.dtype" {
            if case .tuple(let items) = state, items.count >= 2 {
                if case .string(let order) = items[1] { node.byteOrder = order }
                if items.count >= 6, case .int(let size) = items[5], size > 0 { node.itemSize = size }
            }
        } else if node.callable.hasSuffix("multiarray._reconstruct"), case .tuple(let items) = state, items.count >= 5,
                  let shape = Self.shape(items[1]), let dtype = Self.dtype(items[2]), case .bytes(let data) = items[4] {
            node.args = [.array(record(shape: shape, data: data, dtype: dtype))]
        } else if node.callable.hasSuffix("NumpyArrayWrapper"), case .dict(let box) = state {
            try readJoblibArray(box)
        }
    }

    /// joblib writes the array's bytes raw right after the wrapper's BUILD: optionally one
    /// byte giving the padding length and that many padding bytes, then the data.
    private mutating func readJoblibArray(_ state: DictBox) throws(Failure) {
        func field(_ key: String) -> Value? {
            state.items.first { if case .string(key) = $0.0 { return true } else { return false } }?.1
        }
        guard let shapeValue = field("shape"), let shape = Self.shape(shapeValue), let dtypeValue = field("dtype"),
              let dtype = Self.dtype(dtypeValue) else { return }
        if dtype.descr.hasSuffix("O") { return }   // object arrays are pickled inline, not raw
        if field("numpy_array_alignment_bytes") != nil {
            let padding = Int(try byte())
            _ = try take(padding)
        }
        let elements = shape.reduce(1) { $0.multipliedReportingOverflow(by: $1).partialValue }
        guard let size = dtype.itemSize, elements >= 0, elements <= Int.max / max(size, 1) else { throw .malformed("joblib array size", offset: position) }
        let data = try take(elements * size)
        _ = record(shape: shape, data: data, dtype: dtype)
    }

    struct DType { var descr: String; var bigEndian: Bool; var itemSize: Int? }

    static func dtype(_ value: Value) -> DType? {
        guard case .node(let node) = value, node.callable.hasSuffix("dtype"), case .string(let descr)? = node.args.first else { return nil }
        return DType(descr: descr, bigEndian: node.byteOrder == ">", itemSize: node.itemSize ?? ScalarType.numpyItemSize(descr))
    }

    static func shape(_ value: Value) -> [Int]? {
        switch value {
        case .tuple(let items):
            var shape: [Int] = []
            for item in items { guard case .int(let n) = item, n >= 0 else { return nil }; shape.append(n) }
            return shape
        case .int(let n): return n >= 0 ? [n] : nil
        default: return nil
        }
    }

    private mutating func record(shape: [Int], data: ArraySlice<UInt8>, dtype: DType) -> Int {
        guard let type = ScalarType.numpy(dtype.descr) else { return -1 }
        let text = "ndarray[\(NumericArray.shapeText(shape))] \(dtype.descr)"
        arrays.append(NumericArray(path: base.appending(text), shape: shape, bytes: Array(data), offset: 0, type: type.type, bigEndian: dtype.bigEndian))
        return arrays.count - 1
    }

    /// Python lists of numbers (and lists of equal-length number lists) anywhere in the
    /// object graph: galleries kept as plain lists are arrays too.
    private mutating func collectLists(_ value: Value, depth: Int, seen: inout Set<ObjectIdentifier>) {
        guard depth < 64, arrays.count < 100_000 else { return }
        switch value {
        case .list(let box):
            guard seen.insert(ObjectIdentifier(box)).inserted else { return }
            if let numbers = Self.numberLists(in: value), numbers.count >= 2 {
                arrays.append(NumericArray(path: base.appending("list[\(numbers.count)]"), shape: [numbers.count], values: numbers))
                return
            }
            let rows = box.items.compactMap { Self.numberLists(in: $0) }
            if rows.count == box.items.count, rows.count >= 2, let width = rows.first?.count, width >= 2, rows.allSatisfy({ $0.count == width }) {
                arrays.append(NumericArray(path: base.appending("list[\(rows.count)×\(width)]"), shape: [rows.count, width], values: rows.flatMap { $0 }))
                return
            }
            for item in box.items { collectLists(item, depth: depth + 1, seen: &seen) }
        case .dict(let box):
            guard seen.insert(ObjectIdentifier(box)).inserted else { return }
            for (_, item) in box.items { collectLists(item, depth: depth + 1, seen: &seen) }
        case .tuple(let items):
            for item in items { collectLists(item, depth: depth + 1, seen: &seen) }
        case .node(let node):
            guard seen.insert(ObjectIdentifier(node)).inserted else { return }
            for item in node.args { collectLists(item, depth: depth + 1, seen: &seen) }
            if let state = node.state { collectLists(state, depth: depth + 1, seen: &seen) }
        default:
            return
        }
    }

    /// The numbers of a list or tuple made only of numbers.
    static func numberLists(in value: Value) -> [Double]? {
        var numbers: [Double] = []
        let items: [Value]
        switch value {
        case .list(let box): items = box.items
        case .tuple(let t): items = t
        default: return nil
        }
        for item in items {
            switch item {
            case .int(let n): numbers.append(Double(n))
            case .float(let x): numbers.append(x)
            default: return nil
            }
        }
        return numbers
    }

    // MARK: reading

    private mutating func byte() throws(Failure) -> UInt8 {
        guard position < bytes.count else { throw .malformed("pickle ends early", offset: position) }
        defer { position += 1 }
        return bytes[position]
    }

    private mutating func take(_ count: Int) throws(Failure) -> ArraySlice<UInt8> {
        guard count >= 0, count <= bytes.count - position else { throw .malformed("pickle ends early", offset: position) }
        defer { position += count }
        return bytes[position..<(position + count)]
    }

    private mutating func uint(_ width: Int) throws(Failure) -> Int {
        let raw = try take(width)
        var value = 0
        for (shift, b) in raw.enumerated() where shift < 8 { value |= Int(b) << (8 * shift) }
        if value < 0 { throw .malformed("length out of range", offset: position) }
        return value
    }

    private mutating func long(_ width: Int) throws(Failure) -> Int {
        let raw = try take(width)
        guard width > 0 else { return 0 }
        var value = 0
        for (shift, b) in raw.prefix(8).enumerated() { value |= Int(b) << (8 * shift) }
        if width < 8, let last = raw.last, last & 0x80 != 0 { value -= 1 << (8 * width) }
        return value
    }

    private mutating func line() throws(Failure) -> String {
        guard let end = bytes[position...].firstIndex(of: 0x0A) else { throw .malformed("pickle text ends early", offset: position) }
        defer { position = end + 1 }
        return String(decoding: bytes[position..<end], as: UTF8.self)
    }

    private func unquote(_ text: String) -> String {
        guard text.count >= 2, let first = text.first, first == text.last, first == "'" || first == "\"" else { return text }
        return String(text.dropFirst().dropLast())
    }

    private mutating func pop() throws(Failure) -> Value {
        guard let value = stack.popLast() else { throw .malformed("pickle stack underflow", offset: position) }
        return value
    }

    private mutating func pop(_ count: Int) throws(Failure) -> [Value] {
        guard stack.count >= count else { throw .malformed("pickle stack underflow", offset: position) }
        defer { stack.removeLast(count) }
        return Array(stack.suffix(count))
    }

    private func top() throws(Failure) -> Value {
        guard let value = stack.last else { throw .malformed("pickle stack underflow", offset: position) }
        return value
    }

    private mutating func popMark() throws(Failure) -> [Value] {
        guard let mark = marks.popLast(), mark <= stack.count else { throw .malformed("pickle MARK missing", offset: position) }
        defer { stack.removeLast(stack.count - mark) }
        return Array(stack[mark...])
    }
}

private extension String {
    func dropLast(text suffix: String) -> String { hasSuffix(suffix) ? String(dropLast(suffix.count)) : self }
}
