import DeploymentModel

/// A point in processing-resolution pixels.
struct PixelPoint: Equatable {
    var x: Double
    var y: Double
}

/// A zone polygon scaled from normalised [0, 1] coordinates to pixels.
struct PixelZone {
    let id: String
    let polygon: [PixelPoint]

    init(_ zone: SceneLayout.Zone, width: Int, height: Int) {
        id = zone.id
        polygon = zone.polygon.map { PixelPoint(x: $0.x * Double(width), y: $0.y * Double(height)) }
    }

    /// Even-odd ray casting; points on an edge count as inside for axis-aligned edges only
    /// approximately, which does not matter for silhouettes many pixels wide.
    func contains(_ p: PixelPoint) -> Bool {
        var inside = false
        var j = polygon.count - 1
        for i in 0..<polygon.count {
            let a = polygon[i], b = polygon[j]
            if (a.y > p.y) != (b.y > p.y) {
                let xCross = (b.x - a.x) * (p.y - a.y) / (b.y - a.y) + a.x
                if p.x < xCross { inside.toggle() }
            }
            j = i
        }
        return inside
    }
}

/// A counting line scaled to pixels. Moving to the left of `from → to` *as seen on screen*
/// (image y grows downwards) is `in`, to the right is `out`.
struct PixelLine {
    let id: String
    let from: PixelPoint
    let to: PixelPoint
    let wrongWay: String?

    init(_ line: SceneLayout.Line, width: Int, height: Int) {
        id = line.id
        from = PixelPoint(x: line.from.x * Double(width), y: line.from.y * Double(height))
        to = PixelPoint(x: line.to.x * Double(width), y: line.to.y * Double(height))
        wrongWay = line.wrongWay
    }

    /// -1 left of the line on screen, +1 right, 0 on it.
    func side(_ p: PixelPoint) -> Int {
        let cross = (to.x - from.x) * (p.y - from.y) - (to.y - from.y) * (p.x - from.x)
        return cross < 0 ? -1 : (cross > 0 ? 1 : 0)
    }

    /// True when the movement `a → b`, whose ends are on opposite sides, passes between the
    /// line's end points (not beyond them).
    func segmentCrosses(from a: PixelPoint, to b: PixelPoint) -> Bool {
        let dx = to.x - from.x, dy = to.y - from.y
        let mx = b.x - a.x, my = b.y - a.y
        let denominator = mx * dy - my * dx
        guard denominator != 0 else { return false }
        // Position along the line of the intersection, 0 at `from`, 1 at `to`.
        let u = (mx * (a.y - from.y) - my * (a.x - from.x)) / denominator
        return u >= 0 && u <= 1
    }
}
