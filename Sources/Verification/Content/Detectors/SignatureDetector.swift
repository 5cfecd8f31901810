/// Per-person signatures: a numeric vector of one fixed length (16 … 100,000 values) repeated
/// per track, face or person — embeddings, LBP/HOG/colour histograms however sparse. Found as
/// the rows of one matrix, or as several same-length vectors in one file (one per dictionary
/// key, tar member, table row). A per-track row of a few scalar facts (id, times, entry/exit
/// points, dwell, counts) is shorter than 16 values: a trajectory summary, not a signature.
enum SignatureDetector {
    static let lengths = 16...100_000

    static func findings(_ arrays: [NumericArray]) -> [ContentFinding] {
        var findings: [ContentFinding] = []
        var singles: [Int: [NumericArray]] = [:]
        for array in arrays {
            guard let (rows, length) = array.rowsAndLength, lengths.contains(length) else { continue }
            if rows >= 2 {
                let stats = ArrayStatistics(array)
                guard stats.allFinite, !stats.allZero else { continue }
                guard (0..<min(rows, 64)).contains(where: { $0 > 0 && !array.rowsEqual(0, $0, length: length) }) else { continue }
                findings.append(ContentFinding(kind: .signature, path: array.path,
                                               detail: "signature test: \(rows) vectors of \(length) values, one per row (\(stats.summary))"))
            } else {
                singles[length, default: []].append(array)
            }
        }
        for (length, group) in singles.sorted(by: { $0.key < $1.key }) where group.count >= 2 {
            let usable = group.filter { let s = ArrayStatistics($0); return s.allFinite && !s.allZero }
            guard usable.count >= 2 else { continue }
            let distinct = usable.dropFirst().contains { other in
                (0..<min(length, 4096)).contains { usable[0].value($0) != other.value($0) }
            }
            guard distinct else { continue }
            let stats = ArrayStatistics(usable[0])
            findings.append(ContentFinding(kind: .signature, path: usable[0].path,
                                           detail: "signature test: \(usable.count) separate vectors of \(length) values in one file (first here; \(stats.summary))"))
        }
        return findings
    }
}
