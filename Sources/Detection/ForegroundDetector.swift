/// The per-frame silhouette detector: background model → foreground mask (0/255) → 3×3
/// opening then closing → 8-connected components → boxes larger than `minArea` pixels.
///
/// This is the pipeline of the OpenCV reference in ../shared/anchors/video (MOG2 without
/// shadow detection, `morphologyEx` OPEN then CLOSE, `connectedComponentsWithStats`, area
/// > 200 at 768×576). With `background: .mixture` it produces the same boxes from the same
/// gray frames; with the default, faster `.gaussian` model the boxes agree at F1 ≈ 0.92. It
/// keeps no image beyond the model's statistics and one mask buffer per frame of a batch,
/// reused for every batch.
///
/// Use one detector per stream, frames (or batches of frames) in order, on one thread (it is
/// not `Sendable`).
public final class ForegroundDetector {
    public let width: Int
    public let height: Int
    /// Components must have more pixels than this to become boxes.
    public let minArea: Int
    public let model: any BackgroundSubtractor
    private let morphology: Morphology
    private let components = ConnectedComponents()
    /// One mask per frame of the largest batch seen so far.
    private var masks: [UnsafeMutablePointer<UInt8>] = []
    private let scratch: UnsafeMutablePointer<UInt8>

    /// The reference keeps components of more than 200 pixels at 768×576; other sizes scale it
    /// by area (50 at 384×288).
    public static func defaultMinArea(width: Int, height: Int) -> Int {
        Int((200.0 * Double(width * height) / Double(768 * 576)).rounded())
    }

    public convenience init(width: Int, height: Int, minArea: Int? = nil, background: BackgroundModelKind = .gaussian) {
        self.init(width: width, height: height, minArea: minArea, model: background.makeModel(width: width, height: height))
    }

    /// A detector over any background model (redaction compares frames with a background
    /// built from the whole clip instead of learning it as it goes).
    public init(width: Int, height: Int, minArea: Int? = nil, model: any BackgroundSubtractor) {
        self.width = width
        self.height = height
        self.minArea = minArea ?? Self.defaultMinArea(width: width, height: height)
        self.model = model
        morphology = Morphology(width: width, height: height)
        scratch = .allocate(capacity: width * height)
    }

    deinit {
        for mask in masks { mask.deallocate() }
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
        detect(frames: [gray])[0]
    }

    /// The cleaned foreground mask (0/255, after opening and closing) of frame `index` of the
    /// last batch, valid until the next call: redaction measures what its boxes leave uncovered.
    public func lastMask(_ index: Int = 0) -> UnsafePointer<UInt8> { UnsafePointer(masks[index]) }

    /// Boxes for consecutive frames, oldest first: the same as calling `detect(_:)` on each in
    /// turn, but the background model goes through the frames block of pixels by block, with
    /// its state in cache (see `MixtureBackgroundModel.apply(frames:masks:)`). Each buffer
    /// holds `width * height` gray bytes.
    public func detect(frames grays: [UnsafePointer<UInt8>]) -> [[BoundingBox]] {
        while masks.count < grays.count { masks.append(.allocate(capacity: width * height)) }
        let used = Array(masks.prefix(grays.count))
        model.apply(frames: grays, masks: used)
        var boxes: [[BoundingBox]] = []
        boxes.reserveCapacity(grays.count)
        for mask in used {
            morphology.openThenClose(mask, scratch: scratch)
            boxes.append(components.boxes(mask, width: width, height: height, minArea: minArea))
        }
        return boxes
    }
}
