/// An axis-aligned box in pixels: `x + width` is exclusive. `area` is the component's pixel
/// count (what OpenCV calls `CC_STAT_AREA`), not `width * height`.
public struct BoundingBox: Sendable, Hashable, Codable, CustomStringConvertible {
    public var x: Int
    public var y: Int
    public var width: Int
    public var height: Int
    public var area: Int

    public init(x: Int, y: Int, width: Int, height: Int, area: Int? = nil) {
        self.x = x; self.y = y; self.width = width; self.height = height
        self.area = area ?? width * height
    }

    public var description: String { "[\(x),\(y),\(width),\(height)]" }

    /// Intersection over union of the two rectangles.
    public func iou(_ other: BoundingBox) -> Double {
        let ix = max(0, min(x + width, other.x + other.width) - max(x, other.x))
        let iy = max(0, min(y + height, other.y + other.height) - max(y, other.y))
        let inter = Double(ix * iy)
        let union = Double(width * height + other.width * other.height) - inter
        return union > 0 ? inter / union : 0
    }
}

/// 8-connected component labelling of a 0/255 mask, run-based: each row is cut into runs of
/// foreground, runs touching a run of the previous row (including diagonally) are merged with
/// union-find, then areas and bounds are summed per root. Work is proportional to the number
/// of runs, and empty stretches are skipped 8 bytes at a time. Buffers are reused across frames.
final class ConnectedComponents {
    private var starts: [Int32] = []
    private var ends: [Int32] = []      // exclusive
    private var rows: [Int32] = []
    private var parent: [Int32] = []

    /// Components of `mask` (`width × height`) whose pixel count is greater than `minArea`,
    /// sorted by (y, x, width, height).
    func boxes(_ mask: UnsafePointer<UInt8>, width: Int, height: Int, minArea: Int) -> [BoundingBox] {
        starts.removeAll(keepingCapacity: true)
        ends.removeAll(keepingCapacity: true)
        rows.removeAll(keepingCapacity: true)
        parent.removeAll(keepingCapacity: true)

        var previousFirst = 0, previousEnd = 0   // runs of the previous row: [previousFirst, previousEnd)
        for y in 0..<height {
            let row = mask + y * width
            let rowFirst = starts.count
            var x = 0
            while x < width {
                // Skip background 8 bytes at a time.
                while x + 8 <= width && UnsafeRawPointer(row + x).loadUnaligned(as: UInt64.self) == 0 { x += 8 }
                while x < width && row[x] == 0 { x += 1 }
                guard x < width else { break }
                let start = x
                while x < width && row[x] != 0 { x += 1 }
                starts.append(Int32(start)); ends.append(Int32(x)); rows.append(Int32(y))
                parent.append(Int32(parent.count))
            }
            let rowEnd = starts.count
            // Merge with touching runs of the previous row (two-pointer sweep; both sorted by x).
            if previousEnd > previousFirst {
                var j = previousFirst
                for i in rowFirst..<rowEnd {
                    let s = starts[i], e = ends[i]
                    while j < previousEnd && ends[j] < s { j += 1 }     // ends before column s-1
                    var k = j
                    while k < previousEnd && starts[k] <= e {           // starts at or before column e
                        union(Int32(i), Int32(k))
                        k += 1
                    }
                }
            }
            previousFirst = rowFirst
            previousEnd = rowEnd
        }

        // Sum areas and bounds per root.
        var index: [Int32: Int] = [:]
        var minX: [Int] = [], minY: [Int] = [], maxX: [Int] = [], maxY: [Int] = [], area: [Int] = []
        for i in 0..<starts.count {
            let root = find(Int32(i))
            let s = Int(starts[i]), e = Int(ends[i]), y = Int(rows[i])
            if let c = index[root] {
                minX[c] = min(minX[c], s); maxX[c] = max(maxX[c], e)
                maxY[c] = max(maxY[c], y + 1)
                area[c] += e - s
            } else {
                index[root] = area.count
                minX.append(s); maxX.append(e); minY.append(y); maxY.append(y + 1); area.append(e - s)
            }
        }
        var result: [BoundingBox] = []
        for c in 0..<area.count where area[c] > minArea {
            result.append(BoundingBox(x: minX[c], y: minY[c], width: maxX[c] - minX[c], height: maxY[c] - minY[c], area: area[c]))
        }
        result.sort { ($0.y, $0.x, $0.width, $0.height) < ($1.y, $1.x, $1.width, $1.height) }
        return result
    }

    @inline(__always) private func find(_ i: Int32) -> Int32 {
        var root = i
        while parent[Int(root)] != root { root = parent[Int(root)] }
        var node = i
        while parent[Int(node)] != root {
            let next = parent[Int(node)]
            parent[Int(node)] = root
            node = next
        }
        return root
    }

    @inline(__always) private func union(_ a: Int32, _ b: Int32) {
        let ra = find(a), rb = find(b)
        if ra == rb { return }
        if ra < rb { parent[Int(rb)] = ra } else { parent[Int(ra)] = rb }
    }
}
