/// The agreement metric of ../shared/anchors/video/scripts/compare_boxes.py: per frame, boxes
/// are matched one to one maximising total IoU; a pair with IoU ≥ `threshold` is a true
/// positive; per-frame F1 = 2TP / (2TP + FP + FN), 1 when both sides are empty.
public struct BoxAgreement: Sendable, Equatable {
    public private(set) var frames = 0
    public private(set) var truePositives = 0
    public private(set) var falsePositives = 0
    public private(set) var falseNegatives = 0
    public private(set) var sumFrameF1 = 0.0
    public private(set) var exactCountFrames = 0
    public let threshold: Double

    public init(threshold: Double = 0.5) { self.threshold = threshold }

    /// Mean per-frame F1, the headline number.
    public var meanFrameF1: Double { frames > 0 ? sumFrameF1 / Double(frames) : 1 }
    public var microF1: Double {
        let d = 2 * truePositives + falsePositives + falseNegatives
        return d > 0 ? Double(2 * truePositives) / Double(d) : 1
    }

    /// Adds one frame.
    public mutating func add(reference: [BoundingBox], candidate: [BoundingBox]) {
        let tp = Self.matchedPairs(reference, candidate, threshold: threshold)
        let fp = candidate.count - tp, fn = reference.count - tp
        frames += 1
        truePositives += tp; falsePositives += fp; falseNegatives += fn
        sumFrameF1 += (reference.isEmpty && candidate.isEmpty) ? 1 : Double(2 * tp) / Double(2 * tp + fp + fn)
        if reference.count == candidate.count { exactCountFrames += 1 }
    }

    /// True positives of the assignment that maximises total IoU. Exact (dynamic programming
    /// over subsets of the smaller side) up to 16 boxes on that side, greedy beyond.
    static func matchedPairs(_ a: [BoundingBox], _ b: [BoundingBox], threshold: Double) -> Int {
        let (small, large) = a.count <= b.count ? (a, b) : (b, a)
        if small.isEmpty { return 0 }
        let iou = large.map { l in small.map { l.iou($0) } }
        if small.count > 16 {
            var used = Set<Int>(), tp = 0
            for row in iou {
                if let best = row.indices.filter({ !used.contains($0) }).max(by: { row[$0] < row[$1] }) {
                    used.insert(best)
                    if row[best] >= threshold { tp += 1 }
                }
            }
            return tp
        }
        // best[mask] = (total IoU, true positives) after assigning the first k large boxes,
        // where mask is the set of small boxes already taken.
        let states = 1 << small.count
        var best = [(Double, Int)?](repeating: nil, count: states)
        best[0] = (0, 0)
        for row in iou {
            var next = best
            for mask in 0..<states {
                guard let (total, tp) = best[mask] else { continue }
                for j in 0..<small.count where mask & (1 << j) == 0 && row[j] > 0 {
                    let candidate = (total + row[j], tp + (row[j] >= threshold ? 1 : 0))
                    if let existing = next[mask | (1 << j)], existing.0 >= candidate.0 { continue }
                    next[mask | (1 << j)] = candidate
                }
            }
            best = next
        }
        return best.compactMap { $0 }.max { $0.0 < $1.0 || ($0.0 == $1.0 && $0.1 < $1.1) }!.1
    }
}
