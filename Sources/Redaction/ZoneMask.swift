import DeploymentModel

/// Static private zones (a camera's privacy masks), rasterised once per clip. Polygons are in
/// normalised [0, 1] image coordinates, as in the deployment model. A zone is redacted by
/// redacting its bounding rectangle and then restoring the pixels outside the polygon, so a
/// blur sees enough context to be strong while nothing outside the zone changes.
public struct ZoneMask: Sendable, Equatable {
    public struct Zone: Sendable, Equatable {
        public let bounds: PixelRect
        /// Row-major luma mask of `bounds`: true inside the polygon.
        let inside: [Bool]
    }

    public private(set) var zones: [Zone] = []

    public init(polygons: [[Point]], width: Int, height: Int) {
        for polygon in polygons where polygon.count >= 3 {
            var rows: [(y: Int, spans: [(Int, Int)])] = []
            for y in 0..<height {
                let spans = Self.spans(polygon: polygon, y: Double(y) + 0.5, width: width, height: height)
                if !spans.isEmpty { rows.append((y, spans)) }
            }
            guard let first = rows.first, let last = rows.last else { continue }
            let x0 = rows.flatMap { $0.spans.map(\.0) }.min()!, x1 = rows.flatMap { $0.spans.map(\.1) }.max()!
            let bounds = PixelRect(x: x0, y: first.y, width: x1 - x0, height: last.y - first.y + 1)
            var inside = [Bool](repeating: false, count: bounds.width * bounds.height)
            for row in rows {
                for (a, b) in row.spans {
                    for x in a..<b { inside[(row.y - bounds.y) * bounds.width + (x - bounds.x)] = true }
                }
            }
            zones.append(Zone(bounds: bounds, inside: inside))
        }
    }

    public var isEmpty: Bool { zones.isEmpty }

    /// Pixels covered, for the redaction log.
    public var pixelCount: Int { zones.reduce(0) { $0 + $1.inside.filter { $0 }.count } }

    /// Even-odd scanline fill at pixel-centre row `y`; spans are half-open pixel ranges.
    static func spans(polygon: [Point], y: Double, width: Int, height: Int) -> [(Int, Int)] {
        var crossings: [Double] = []
        for i in polygon.indices {
            let a = polygon[i], b = polygon[(i + 1) % polygon.count]
            let ay = a.y * Double(height), by = b.y * Double(height)
            guard (ay <= y) != (by <= y) else { continue }
            let t = (y - ay) / (by - ay)
            crossings.append((a.x + t * (b.x - a.x)) * Double(width))
        }
        crossings.sort()
        var result: [(Int, Int)] = []
        var i = 0
        while i + 1 < crossings.count {
            let x0 = max(0, Int((crossings[i] - 0.5).rounded(.up)))
            let x1 = min(width, Int((crossings[i + 1] - 0.5).rounded(.up)))
            if x1 > x0 { result.append((x0, x1)) }
            i += 2
        }
        return result
    }
}

extension YUVFrame {
    mutating func redact(zones mask: ZoneMask, method: RedactionMethod) {
        for zone in mask.zones {
            let before = bytes
            redact(zone.bounds, method: method)
            for plane in planes {
                let b = zone.bounds
                let x0 = b.x / plane.scale, y0 = b.y / plane.scale
                let x1 = min(plane.width, (b.x + b.width + plane.scale - 1) / plane.scale)
                let y1 = min(plane.height, (b.y + b.height + plane.scale - 1) / plane.scale)
                guard x1 > x0, y1 > y0 else { continue }
                for py in y0..<y1 {
                    for px in x0..<x1 {
                        let lx = min(px * plane.scale, b.x + b.width - 1) - b.x
                        let ly = min(py * plane.scale, b.y + b.height - 1) - b.y
                        let covered = lx >= 0 && ly >= 0 && zone.inside[ly * b.width + lx]
                        if !covered {
                            let index = plane.offset + py * plane.width + px
                            bytes[index] = before[index]
                        }
                    }
                }
            }
        }
    }
}
