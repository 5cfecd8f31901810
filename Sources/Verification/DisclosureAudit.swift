/// The published-count disclosure check. The engine's aggregate outputs — `count` events, a
/// count per zone and window — are what customers receive. A cell counting fewer than k
/// people (the deployment's `statistics.min_group_size`, the threshold GDPR-MIN-004 judges)
/// can single a person out, and so can windows so short that a count follows one person.
/// Reports how many cells would need suppression or coarsening; a warning, not a leak.
struct DisclosureAudit {
    /// Windows shorter than this make a count a trace of individuals (one minute).
    static let minimumWindowSeconds = 60.0
    static let maxCells = 1_000_000

    struct Cell {
        var stream: String
        var time: Double
        var count: Double
    }

    private(set) var cells: [Cell] = []
    private(set) var overflow = false

    mutating func observe(event: JSONValue) {
        guard case .object(let members) = event else { return }
        var type: String?, camera = "", zone = "", time: Double?, count: Double?
        for (key, value) in members {
            switch (key, value) {
            case ("type", .string(let text)): type = text
            case ("camera", .string(let text)): camera = text
            case ("zone", .string(let text)): zone = text
            case ("t", .number(let number, _)): time = number
            case ("count", .number(let number, _)): count = number
            default: break
            }
        }
        guard type == "count", let time, let count else { return }
        guard cells.count < Self.maxCells else { overflow = true; return }
        cells.append(Cell(stream: camera + "\u{1F}" + zone, time: time, count: count))
    }


    /// Records findings (as warnings) and returns the figures for the attestation.
    func audit(minGroupSize k: Int, into book: inout EvidenceBook) -> DisclosureSummary {
        var below = 0
        var first: Cell?
        for cell in cells where cell.count > 0 && cell.count < Double(k) {
            below += 1
            if first == nil { first = cell }
        }
        var short = 0
        var shortest: Double?
        var previous: [String: Double] = [:]
        for cell in cells.sorted(by: { ($0.stream, $0.time) < ($1.stream, $1.time) }) {
            if let last = previous[cell.stream], cell.time > last {
                let window = cell.time - last
                shortest = min(shortest ?? window, window)
                if window < Self.minimumWindowSeconds { short += 1 }
            }
            previous[cell.stream] = cell.time
        }
        if below > 0, let first {
            let zone = first.stream.split(separator: "\u{1F}", omittingEmptySubsequences: false).last.map(String.init) ?? ""
            book.add(.publishedCounts, EvidenceLocation(source: "stdout"),
                     "\(below) of \(cells.count) published count cell\(cells.count == 1 ? "" : "s") count fewer than \(k) people (first: zone \"\(zone)\" at t \(format(first.time)) counts \(format(first.count))): suppress them or merge windows/zones until each counts at least \(k)")
        }
        if short > 0 {
            book.add(.publishedCounts, EvidenceLocation(source: "stdout"),
                     "\(short) count window\(short == 1 ? " is" : "s are") shorter than \(format(Self.minimumWindowSeconds)) s (shortest \(format(shortest ?? 0)) s): a count that fine follows individuals; coarsen the windows")
        }
        if overflow {
            book.add(.publishedCounts, EvidenceLocation(source: "stdout"), "more than \(Self.maxCells) count cells: the rest were not judged")
        }
        return DisclosureSummary(minGroupSize: k, cells: cells.count, cellsBelowMinimum: below, shortWindows: short, shortestWindowSeconds: shortest)
    }
}

/// The published-count figures of a verification.
public struct DisclosureSummary: Codable, Sendable, Equatable {
    /// k: the deployment's `statistics.min_group_size`, or GDPR-MIN-004's default.
    public var minGroupSize: Int
    public var cells: Int
    /// Cells counting 1 … k−1 people: to suppress or coarsen.
    public var cellsBelowMinimum: Int
    /// Windows shorter than a minute between two counts of one zone.
    public var shortWindows: Int
    public var shortestWindowSeconds: Double?
}
