import DeploymentModel

/// The zones and counting lines the event engine works with, in normalised [0, 1] image
/// coordinates (x to the right, y downwards). Built from a camera's `analytics` entry, or
/// directly (tests, other callers).
public struct SceneLayout: Sendable, Equatable {
    public struct Zone: Sendable, Equatable {
        public var id: String
        public var polygon: [Point]
        public init(id: String, polygon: [Point]) { self.id = id; self.polygon = polygon }
    }

    /// Crossed `in` when moving to the left of `from → to` as seen on screen.
    public struct Line: Sendable, Equatable {
        public var id: String
        public var from: Point
        public var to: Point
        /// `in` or `out`: the direction that also raises a `wrong-way` event.
        public var wrongWay: String?
        public init(id: String, from: Point, to: Point, wrongWay: String? = nil) {
            self.id = id; self.from = from; self.to = to; self.wrongWay = wrongWay
        }
    }

    public var zones: [Zone]
    public var lines: [Line]

    public init(zones: [Zone] = [], lines: [Line] = []) { self.zones = zones; self.lines = lines }

    public init(_ analytics: CameraAnalytics) {
        zones = analytics.zones.map { Zone(id: $0.id, polygon: $0.polygon) }
        lines = analytics.lines.map { Line(id: $0.id, from: $0.from, to: $0.to, wrongWay: $0.wrongWay) }
    }

    /// Loads `deployment` (validated as usual) and returns the layout of camera `camera`, empty
    /// when that camera declares no `analytics`.
    public static func load(deployment: String, camera: String) throws -> SceneLayout {
        let loaded = try DeploymentLoader.load(path: deployment)
        return try of(camera: camera, in: loaded.document, file: loaded.file)
    }

    /// The layout of camera `camera` in `document`; `file` labels errors.
    public static func of(camera: String, in document: DeploymentDocument, file: String) throws -> SceneLayout {
        guard let entry = document.cameras.first(where: { $0.id == camera }) else {
            throw DetectionError.unknownCamera(id: camera, deployment: file, known: document.cameras.map(\.id))
        }
        return entry.analytics.map(SceneLayout.init) ?? SceneLayout()
    }
}
