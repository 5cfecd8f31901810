import DeploymentModel
/// One event of the engine contract (DESIGN.md "Engine contract"): only these keys are ever
/// written, in this order, and absent values are left out.
public struct DetectionEvent: Sendable, Equatable {
    public enum Kind: String, Sendable, Equatable, CaseIterable {
        /// Distinct silhouettes seen in a zone (or the whole frame) during a time bucket.
        case count
        /// A track crossed a counting line; `direction` is `in` or `out`.
        case lineCrossing = "line-crossing"
        /// A crossing in the line's `wrong_way` direction (emitted with its `line-crossing`).
        case wrongWay = "wrong-way"
        /// A track entered a zone.
        case intrusion
        /// A track stayed in a zone at least the dwell threshold; `count` is the seconds spent.
        case dwell
        /// Mean number of silhouettes present per frame in a zone during a time bucket.
        case density
    }

    /// Seconds from the start of the clip.
    public var t: Double
    public var camera: String?
    public var type: Kind
    public var objectClass: String?
    /// `[x, y, w, h]` in pixels of the original clip.
    public var bbox: [Int]?
    public var track: String?
    public var zone: String?
    public var direction: String?
    public var count: Double?

    public init(t: Double, camera: String? = nil, type: Kind, objectClass: String? = nil, bbox: [Int]? = nil,
                track: String? = nil, zone: String? = nil, direction: String? = nil, count: Double? = nil) {
        self.t = t; self.camera = camera; self.type = type; self.objectClass = objectClass; self.bbox = bbox
        self.track = track; self.zone = zone; self.direction = direction; self.count = count
    }

    /// The event as one JSON object without a trailing newline.
    public var jsonLine: String {
        var out = "{\"t\": \(Self.number(t, places: 3))"
        if let camera { out += ", \"camera\": \(Self.quoted(camera))" }
        out += ", \"type\": \"\(type.rawValue)\""
        if let objectClass { out += ", \"class\": \(Self.quoted(objectClass))" }
        if let bbox { out += ", \"bbox\": [\(bbox.map(String.init).joined(separator: ","))]" }
        if let track { out += ", \"track\": \(Self.quoted(track))" }
        if let zone { out += ", \"zone\": \(Self.quoted(zone))" }
        if let direction { out += ", \"direction\": \(Self.quoted(direction))" }
        if let count { out += ", \"count\": \(Self.number(count, places: 2))" }
        return out + "}"
    }

    /// Integral values print without a fraction; others with at most `places` decimals.
    static func number(_ value: Double, places: Int) -> String {
        var factor = 1.0
        for _ in 0..<places { factor *= 10 }
        let rounded = (value * factor).rounded() / factor
        if rounded == rounded.rounded(), abs(rounded) < 1e15 { return String(Int(rounded)) }
        return String(rounded)
    }

    static func quoted(_ s: String) -> String { JSONText.quoted(s) }
}

/// The oracle's per-frame box format, `{"frame":i,"boxes":[[x,y,w,h],...]}`.
public func boxesJSONLine(frame: Int, boxes: [BoundingBox]) -> String {
    "{\"frame\":\(frame),\"boxes\":[" + boxes.map { "[\($0.x),\($0.y),\($0.width),\($0.height)]" }.joined(separator: ",") + "]}"
}
