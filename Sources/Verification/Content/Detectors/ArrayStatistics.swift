/// Statistics over (a sample of) an array's values, shared by the detectors. At most
/// `sampleLimit` values are read, spread over the whole array, so a 60 MB array costs the
/// same as a small one.
struct ArrayStatistics {
    static let sampleLimit = 65_536

    var sampled = 0
    var finite = 0
    var zeros = 0
    var integers = 0
    var minimum = Double.infinity
    var maximum = -Double.infinity

    init() {}

    init(_ array: NumericArray, range: Range<Int>? = nil) {
        let span = range ?? 0..<array.count
        guard !span.isEmpty else { return }
        let step = max(1, span.count / Self.sampleLimit)
        var index = span.lowerBound
        while index < span.upperBound {
            add(array.value(index))
            index += step
        }
    }

    mutating func add(_ value: Double) {
        sampled += 1
        guard value.isFinite else { return }
        finite += 1
        if value == 0 { zeros += 1 }
        if value == value.rounded() { integers += 1 }
        minimum = min(minimum, value)
        maximum = max(maximum, value)
    }

    var allFinite: Bool { sampled > 0 && finite == sampled }
    var allZero: Bool { zeros == sampled }
    var zeroShare: Double { sampled == 0 ? 0 : Double(zeros) / Double(sampled) }
    var integerShare: Double { sampled == 0 ? 0 : Double(integers) / Double(sampled) }
    var isConstant: Bool { minimum == maximum }

    /// "64% zeros, values 0 … 0.18"
    var summary: String {
        let zeroText = zeros > 0 ? "\(Int((zeroShare * 100).rounded()))% zeros, " : ""
        return zeroText + "values \(format(minimum)) … \(format(maximum))"
    }
}

extension NumericArray {
    /// Rows and row length when the array is a stack of vectors: [n, L] (n ≥ 1) or [L].
    var rowsAndLength: (rows: Int, length: Int)? {
        switch shape.count {
        case 1: return (1, shape[0])
        case 2: return (shape[0], shape[1])
        default:
            guard let first = shape.first, first > 0 else { return nil }
            return (first, shape.dropFirst().reduce(1, *))
        }
    }

    /// Whether rows `a` and `b` hold the same values (over a sample of at most 4096 columns).
    func rowsEqual(_ a: Int, _ b: Int, length: Int) -> Bool {
        let step = max(1, length / 4096)
        var column = 0
        while column < length {
            if value(a * length + column) != value(b * length + column) { return false }
            column += step
        }
        return true
    }
}
