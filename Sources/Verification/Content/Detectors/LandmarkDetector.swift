/// Facial/body landmarks: point sets of the sizes landmark models output — 5 (eyes, nose,
/// mouth corners), 68 (dlib, iBUG 300-W), 98 (WFLW), 468 (MediaPipe Face Mesh) — as [N, 2|3]
/// arrays, or flattened to 2N/3N values per face ([x0, y0, x1, y1, …]). A flat list of 10 or
/// 15 values is too common (a count per window) to be judged alone: 5-point sets are caught
/// only as points.
enum LandmarkDetector {
    static let pointCounts: Set<Int> = [5, 68, 98, 468]
    static let flatPointCounts: [Int] = [68, 98, 468]

    /// Points for a flat length, with their dimension: 136 → (68, 2).
    static func flatLayout(_ length: Int) -> (points: Int, dimension: Int)? {
        for points in flatPointCounts {
            if length == points * 2 { return (points, 2) }
            if length == points * 3 { return (points, 3) }
        }
        return nil
    }

    /// Values a coordinate takes: pixels (0 … 20,000) or normalised (−1 … 1), nearly all finite.
    static func coordinateLike(_ stats: ArrayStatistics) -> Bool {
        stats.allFinite && !stats.allZero && !stats.isConstant && stats.minimum >= -1 && stats.maximum <= 20_000
    }

    static func finding(for array: NumericArray) -> ContentFinding? {
        let shape = array.shape
        if !array.fromJSON, shape.count >= 2, let last = shape.last, last == 2 || last == 3, pointCounts.contains(shape[shape.count - 2]) {
            let stats = ArrayStatistics(array)
            guard coordinateLike(stats) || stats.allFinite && !stats.isConstant else { return nil }
            let faces = shape.dropLast(2).reduce(1, *)
            return ContentFinding(kind: .landmarks, path: array.path,
                                  detail: "landmarks test: \(faces > 1 ? "\(faces) sets of " : "")\(shape[shape.count - 2]) points of \(last) coordinates (\(stats.summary))")
        }
        guard let (rows, length) = array.rowsAndLength, let layout = flatLayout(length) else { return nil }
        let stats = ArrayStatistics(array)
        guard coordinateLike(stats) else { return nil }
        return ContentFinding(kind: .landmarks, path: array.path,
                              detail: "landmarks test: \(rows > 1 ? "\(rows) rows of " : "")\(length) values = \(layout.points) points × \(layout.dimension) coordinates flattened (\(stats.summary))")
    }
}
