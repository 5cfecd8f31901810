/// Positions of the values of a loaded model, by subject path: `cameras[12]`,
/// `features[3].kind`, `deployment.controller.dpo`. List items that have an `id` can also be
/// addressed by it (`features[face-blur]`), as waivers do.
public struct SourceMap: Sendable {
    private var positions: [String: SourcePosition]

    public init(_ positions: [String: SourcePosition] = [:]) {
        self.positions = positions
    }

    /// The position of `path`, or of its nearest ancestor that has one
    /// (`cameras[3].signage.first_layer` → `cameras[3].signage` → `cameras[3]` → …).
    public func position(of path: String) -> SourcePosition? {
        var current = Substring(path)
        while true {
            if let found = positions[String(current)] { return found }
            guard let parent = Self.parent(of: current) else { return nil }
            current = parent
        }
    }

    /// Every recorded path (for tools and tests).
    public var paths: Dictionary<String, SourcePosition>.Keys { positions.keys }

    static func parent(of path: Substring) -> Substring? {
        guard !path.isEmpty else { return nil }
        if path.hasSuffix("]"), let open = path.lastIndex(of: "[") { return path[..<open] }
        if let dot = path.lastIndex(of: ".") { return path[..<dot] }
        return ""
    }
}
