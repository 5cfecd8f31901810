/// The stream header of a YUV4MPEG2 stream (`YUV4MPEG2 W768 H576 F10:1 C420jpeg …`): frame
/// geometry, rate, chroma layout and luma range. Shared by the detection engine's luma reader
/// and the redaction pipeline's whole-frame reader, so both accept and refuse the same streams.
public struct Y4MStreamHeader: Sendable, Equatable {
    /// The header line as received, without its newline (re-emitted by redaction).
    public let line: String
    public let width: Int
    public let height: Int
    public let fps: Double
    /// The `C` tag (`420jpeg`, `420mpeg2`, `422`, `444`, `411`, `mono`…), `420jpeg` when absent.
    public let chroma: String
    /// True for `XCOLORRANGE=FULL`, and for untagged mono streams unless they were parsed with
    /// `monoIsLimitedRange`: luma needs no range expansion.
    public let fullRange: Bool
    /// Bytes of all chroma planes of one frame.
    public let chromaBytes: Int

    public var lumaBytes: Int { width * height }
    public var frameBytes: Int { lumaBytes + chromaBytes }
    /// 8-bit 4:2:0, the layout redaction edits in place.
    public var isYUV420: Bool { chroma.hasPrefix("420") && !chroma.contains("p1") && !chroma.contains("p9") }

    /// `clip(round((v - 16) * 255 / 219), 0, 255)`: swscale's limited → full range luma, so
    /// reading the Y plane gives exactly what ffmpeg's `-pix_fmt gray` would.
    public static let limitedToFullRange: [UInt8] = (0...255).map { v in
        let scaled = (Double(v - 16) * 255.0 / 219.0).rounded()
        return UInt8(max(0, min(255, scaled)))
    }

    /// The table that turns this stream's luma into full-range gray.
    public var lumaToGray: [UInt8] { fullRange ? (0...255).map { UInt8($0) } : Self.limitedToFullRange }

    /// Parses a header line; `path` only labels errors. An untagged `Cmono` stream is full-range
    /// gray, unless `monoIsLimitedRange`: ffmpeg's `extractplanes=y` writes the Y plane of a
    /// limited-range YUV source as untagged mono (and tags full-range sources `XCOLORRANGE=FULL`).
    public init(parsing text: String, path: String, monoIsLimitedRange: Bool = false) throws(DetectionError) {
        let fields = text.split(separator: " ")
        guard fields.first == "YUV4MPEG2" else {
            throw DetectionError.badY4M(path: path, offset: 0, reason: "missing 'YUV4MPEG2' signature")
        }
        var width = 0, height = 0, fps = 0.0
        var chroma = "420jpeg", fullRange = false
        for field in fields.dropFirst() {
            let key = field.first!, value = field.dropFirst()
            switch key {
            case "W": width = Int(value) ?? 0
            case "H": height = Int(value) ?? 0
            case "F":
                let parts = value.split(separator: ":")
                if parts.count == 2, let num = Double(parts[0]), let den = Double(parts[1]), den > 0 { fps = num / den }
            case "C": chroma = String(value)
            case "X": if value == "COLORRANGE=FULL" { fullRange = true }
            default: break
            }
        }
        guard width > 0, height > 0, width <= 16384, height <= 16384 else {
            throw DetectionError.badY4M(path: path, offset: 0, reason: "missing or invalid W/H (\(text))")
        }
        guard fps > 0 else { throw DetectionError.badY4M(path: path, offset: 0, reason: "missing or invalid frame rate F (\(text))") }
        let cw2 = (width + 1) / 2, ch2 = (height + 1) / 2
        let chromaBytes: Int
        switch chroma {
        case "mono": chromaBytes = 0; fullRange = fullRange || !monoIsLimitedRange
        case let c where c.hasPrefix("420") && !c.contains("p1") && !c.contains("p9"): chromaBytes = 2 * cw2 * ch2
        case "422": chromaBytes = 2 * cw2 * height
        case "444": chromaBytes = 2 * width * height
        case "411": chromaBytes = 2 * ((width + 3) / 4) * height
        default:
            throw DetectionError.badY4M(path: path, offset: 0, reason: "unsupported colour space C\(chroma) (8-bit 420, 422, 444, 411 and mono are supported)")
        }
        self.line = text
        self.width = width
        self.height = height
        self.fps = fps
        self.chroma = chroma
        self.fullRange = fullRange
        self.chromaBytes = chromaBytes
    }
}
