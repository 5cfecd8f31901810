/// A single embedding-shaped vector: 64 … 2,048 values, mostly fractional, unit L2 norm or
/// float-distributed — the same test the stdout audit applies to JSON arrays.
enum EmbeddingDetector {
    static func finding(for array: NumericArray) -> ContentFinding? {
        guard !array.fromJSON, let (rows, length) = array.rowsAndLength, rows == 1, ValueAudit.embeddingLengths.contains(length) else { return nil }
        var stats = FloatStats()
        for index in 0..<length { stats.add(array.value(index)) }
        guard stats.nonIntegerFraction >= 0.9, stats.isUnitNorm || stats.maxAbs <= 64 else { return nil }
        let shape = stats.isUnitNorm ? "near unit L2 norm" : "float-distributed (max |x| \(format(stats.maxAbs)))"
        return ContentFinding(kind: .embedding, path: array.path, detail: "embedding test: \(length) floats, \(shape), L2 norm \(format(stats.norm))")
    }
}
