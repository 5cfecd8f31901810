import Foundation

/// Track ids must be anonymous and short-lived (DESIGN.md: random per run, expiring). Two
/// signs of a persistent identity: an id that lives longer than the allowed window of clip
/// time, and ids that reappear in another clip more often than chance allows.
struct TrackAudit {
    /// Distinct ids remembered per clip; beyond it, new ids are counted but not followed.
    static let capacityPerClip = 200_000
    /// Shared ids are reported when chance would produce that many less often than this.
    static let chanceThreshold = 0.001

    let window: Double

    private struct Span { var first: Double; var last: Double; var firstLine: Int }
    private struct ClipIDs { var clip: Int; var ids: [String: Int] }  // id → first line

    private var current: [String: Span] = [:]
    private var currentClip = 0
    private var previous: [ClipIDs] = []
    private(set) var overflowedClips: [Int] = []
    private(set) var observations = 0
    /// Distinct track ids seen, summed over clips (ids beyond the capacity not counted).
    private(set) var distinctTracks = 0

    init(window: Double) { self.window = window }

    mutating func startClip(_ clip: Int) {
        current.removeAll(keepingCapacity: true)
        currentClip = clip
    }

    mutating func observe(event: JSONValue, line: Int) {
        guard case .object(let members) = event else { return }
        var track: String?
        var time: Double?
        for (key, value) in members {
            if key == "track" {
                switch value {
                case .string(let id): track = id
                case .number(let number, true): track = String(Int64(exactly: number) ?? 0)
                default: break
                }
            } else if key == "t", case .number(let t, _) = value {
                time = t
            }
        }
        guard let track, let time else { return }
        observations += 1
        if var span = current[track] {
            span.first = min(span.first, time)
            span.last = max(span.last, time)
            current[track] = span
        } else if current.count < Self.capacityPerClip {
            current[track] = Span(first: time, last: time, firstLine: line)
        } else if overflowedClips.last != currentClip {
            overflowedClips.append(currentClip)
        }
    }

    /// Closes the current clip: lifetime and cross-clip checks go into `book`.
    mutating func finishClip(into book: inout EvidenceBook) {
        for (id, span) in current.sorted(by: { $0.value.firstLine < $1.value.firstLine }) where span.last - span.first > window {
            book.add(.trackLifetime, EvidenceLocation(source: "stdout", clip: currentClip, line: span.firstLine, jsonPath: "$.track"),
                     "track \"\(id)\" lives \(format(span.last - span.first, digits: 1)) s of clip time (t \(format(span.first)) → \(format(span.last))), beyond the \(format(window)) s window")
        }
        let ids = current.mapValues(\.firstLine)
        distinctTracks += ids.count
        for earlier in previous {
            let shared = ids.keys.filter { earlier.ids[$0] != nil }.sorted { ids[$0]! < ids[$1]! }
            guard !shared.isEmpty else { continue }
            let expected = Self.expectedCollisions(earlier.ids.keys, ids.keys)
            let chance = Self.poissonTail(atLeast: shared.count, mean: expected)
            guard chance < Self.chanceThreshold else { continue }
            let first = shared[0]
            let more = shared.count > 1 ? " and \(shared.count - 1) more" : ""
            book.add(.trackLifetime, EvidenceLocation(source: "stdout", clip: currentClip, line: ids[first]!, jsonPath: "$.track"),
                     "track id \"\(first)\"\(more) also appeared in clip \(earlier.clip) (line \(earlier.ids[first]!)): \(shared.count) shared id\(shared.count == 1 ? "" : "s") where chance predicts \(format(expected, digits: 4)) — ids persist across clips")
        }
        previous.append(ClipIDs(clip: currentClip, ids: ids))
    }

    /// Expected number of equal ids between two sets drawn at random from the id space the
    /// ids themselves suggest (digits → counters bounded by the largest value; hex, alphanumeric
    /// → alphabet size to the power of the shortest length).
    static func expectedCollisions(_ a: Dictionary<String, Int>.Keys, _ b: Dictionary<String, Int>.Keys) -> Double {
        let all = Array(a) + Array(b)
        let space: Double
        if all.allSatisfy({ !$0.isEmpty && $0.allSatisfy(\.isASCII) && $0.allSatisfy(\.isNumber) && $0.count <= 18 }) {
            // Counters restarting at 0/1 in each run collide by construction; that is not identity.
            space = Double(all.compactMap { Int64($0) }.max() ?? 0) + 1
        } else {
            let characters = Set(all.joined())
            let alphabet: Double
            if characters.isSubset(of: Set("0123456789abcdef")) || characters.isSubset(of: Set("0123456789ABCDEF")) { alphabet = 16 }
            else if characters.isSubset(of: Set("0123456789abcdefghijklmnopqrstuvwxyz")) { alphabet = 36 }
            else if characters.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber) }) { alphabet = 62 }
            else { alphabet = 95 }
            let length = Double(all.map(\.count).min() ?? 1)
            space = Foundation.pow(alphabet, min(length, 40))
        }
        return Double(a.count) * Double(b.count) / max(space, 1)
    }

    /// P(X ≥ k) for X ~ Poisson(mean).
    static func poissonTail(atLeast k: Int, mean: Double) -> Double {
        guard k > 0 else { return 1 }
        if mean <= 0 { return 0 }
        var term = Foundation.exp(-mean)
        var cumulative = term
        for i in 1..<k {
            term *= mean / Double(i)
            cumulative += term
        }
        return max(0, 1 - cumulative)
    }
}
