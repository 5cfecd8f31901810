/// The per-frame silhouette detector: background model → foreground mask (0/255) → 3×3
/// opening then closing → 8-connected components → boxes larger than `minArea` pixels.
///
/// This is the pipeline of the OpenCV reference in ../shared/anchors/video (MOG2 without
/// shadow detection, `morphologyEx` OPEN then CLOSE, `connectedComponentsWithStats`, area
/// > 200 at 768×576) and produces the same boxes from the same gray frames. It keeps no
/// image beyond the model's statistics and two mask buffers, reused for every frame.
///
/// Use one detector per stream, frame by frame, on one thread (it is not `Sendable`).
public final class ForegroundDetector {
    public let width: Int
    public let height: Int
    /// Components must have more pixels than this to become boxes.
    public let minArea: Int
    public let model: BackgroundModel
    private let morphology: Morphology
    private let components = ConnectedComponents()
    private let mask: UnsafeMutablePointer<UInt8>
    private let scratch: UnsafeMutablePointer<UInt8>

    /// The reference keeps components of more than 200 pixels at 768×576; other sizes scale it
    /// by area (50 at 384×288).
    public static func defaultMinArea(width: Int, height: Int) -> Int {
        Int((200.0 * Double(width * height) / Double(768 * 576)).rounded())
    }

    public init(width: Int, height: Int, minArea: Int? = nil, parameters: BackgroundModel.Parameters = .init()) {
        self.width = width
        self.height = height
        self.minArea = minArea ?? Self.defaultMinArea(width: width, height: height)
        model = BackgroundModel(width: width, height: height, parameters: parameters)
        morphology = Morphology(width: width, height: height)
        mask = .allocate(capacity: width * height)
        scratch = .allocate(capacity: width * height)
    }

    deinit {
        mask.deallocate()
        scratch.deallocate()
    }

    /// Boxes of the moving silhouettes in `frame`, sorted by (y, x, width, height). The first
    /// frame is all foreground (the model has not seen anything yet).
    public func detect(_ frame: GrayFrame) -> [BoundingBox] {
        precondition(frame.width == width && frame.height == height, "frame size changed mid-stream")
        return detect(frame.pixels.baseAddress!)
    }

    /// Same as `detect(_:)` for a raw `width × height` gray buffer.
    public func detect(_ gray: UnsafePointer<UInt8>) -> [BoundingBox] {
        model.apply(gray, mask: mask)
        morphology.openThenClose(mask, scratch: scratch)
        return components.boxes(mask, width: width, height: height, minArea: minArea)
    }

    /// The cleaned foreground mask of the last frame (0 or 255 per pixel); valid until the next
    /// call to `detect`.
    public var lastMask: UnsafeBufferPointer<UInt8> { UnsafeBufferPointer(start: mask, count: width * height) }
}
