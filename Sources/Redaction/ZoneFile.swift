import DeploymentModel
import Foundation
import Yams

/// Where `silhouette redact` gets its static zones: a zones file, or the privacy masks of a
/// camera in a deployment model. Coordinates are normalised [0, 1], as in the model.
public enum ZoneSource {
    /// Reads `zones: [{id, polygon: [[x, y], …]}]` (or a bare list); points may also be `{x, y}`.
    public static func load(file path: String) throws -> [[Point]] {
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else {
            throw RedactionError.badOption("\(path): cannot read the zones file (hint: a YAML list of {id, polygon: [[x, y], …]})")
        }
        let root: Any?
        do { root = try Yams.load(yaml: text) } catch {
            throw RedactionError.badOption("\(path): not valid YAML: \(error)")
        }
        let list = (root as? [String: Any])?["zones"] ?? root
        guard let zones = list as? [Any] else {
            throw RedactionError.badOption("\(path): expected a list of zones (hint: zones: [{id: windows, polygon: [[0.1, 0.2], [0.3, 0.2], [0.3, 0.4]]}])")
        }
        return try zones.enumerated().map { index, zone in
            guard let polygon = (zone as? [String: Any])?["polygon"] as? [Any], polygon.count >= 3 else {
                throw RedactionError.badOption("\(path): zones[\(index)]: a zone needs a polygon of at least 3 points")
            }
            return try polygon.enumerated().map { p, raw in
                guard let point = point(raw), (0...1).contains(point.x), (0...1).contains(point.y) else {
                    throw RedactionError.badOption("\(path): zones[\(index)].polygon[\(p)]: a point is [x, y] with both in [0, 1]")
                }
                return point
            }
        }
    }

    /// The privacy masks of `camera` that carry a polygon; masks named without geometry are
    /// returned by name so the caller can say they were not applied.
    public static func privacyMasks(of camera: Camera) -> (polygons: [[Point]], withoutGeometry: [String]) {
        var polygons: [[Point]] = []
        var missing: [String] = []
        for mask in camera.privacyMasks {
            if let polygon = mask.polygon, polygon.count >= 3 { polygons.append(polygon) } else { missing.append(mask.id) }
        }
        return (polygons, missing)
    }

    private static func number(_ value: Any) -> Double? {
        if let d = value as? Double { return d }
        if let i = value as? Int { return Double(i) }
        return nil
    }

    private static func point(_ raw: Any) -> Point? {
        if let pair = raw as? [Any], pair.count == 2, let x = number(pair[0]), let y = number(pair[1]) { return Point(x: x, y: y) }
        if let map = raw as? [String: Any], let x = map["x"].flatMap(number), let y = map["y"].flatMap(number) { return Point(x: x, y: y) }
        return nil
    }
}
