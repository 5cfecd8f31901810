import DeploymentModel
import Foundation

/// The review sheet (`--review-sheet out.png|out.html`): sampled output frames for the DPO to
/// look at before footage is released, the frames of highest residual risk first, every redacted
/// rectangle outlined (red: redacted person, yellow: held track, green: the requester kept
/// visible, magenta: an overlap with the requester, redacted), with the warnings of the log on
/// top. PNG through ffmpeg (captions with its drawtext filter); HTML with the same tiles inline.
final class ReviewSheetCollector: @unchecked Sendable {  // confined to the decoding task
    struct Tile {
        let record: FrameRedactor.Record
        let width: Int, height: Int
        var rgb: [UInt8]
    }

    let path: String
    static let riskiest = 8
    static let evenly = 8
    private var risky: [Tile] = []
    private var even: [Tile] = []
    private var stride: Int
    private var seen = 0

    init(path: String, frames: Int) {
        self.path = path
        stride = max(1, frames / Self.evenly)
    }

    func offer(_ frame: YUVFrame, _ record: FrameRedactor.Record) {
        defer { seen += 1 }
        let isRisky = record.risk > 0 && (risky.count < Self.riskiest || record.risk > risky.last!.record.risk)
        let isEven = seen % stride == 0 && even.count < Self.evenly
        guard isRisky || isEven else { return }
        let tile = Self.thumbnail(frame, record)
        if isRisky {
            risky.append(tile)
            risky.sort { $0.record.risk > $1.record.risk || ($0.record.risk == $1.record.risk && $0.record.frame < $1.record.frame) }
            if risky.count > Self.riskiest { risky.removeLast() }
        }
        if isEven { even.append(tile) }
    }

    /// The tiles in sheet order: riskiest first, then the evenly spaced ones not already there.
    var tiles: [Tile] {
        let riskyFrames = Set(risky.map(\.record.frame))
        return risky + even.filter { !riskyFrames.contains($0.record.frame) }
    }

    static func caption(_ record: FrameRedactor.Record) -> String {
        var parts = ["frame \(record.frame)", String(format: "%.1f s", record.t), "\(record.boxes.count) redacted"]
        if record.uncoveredForeground > 0 { parts.append("\(record.uncoveredForeground) px uncovered") }
        if !record.held.isEmpty { parts.append("\(record.held.count) held") }
        if !record.overlaps.isEmpty { parts.append("\(record.overlaps.count) overlap") }
        return parts.joined(separator: ", ")
    }

    static func headerLines(_ summary: RedactionSummary) -> [String] {
        var lines = ["Redaction review: \((summary.clip as NSString).lastPathComponent), \(summary.frames) frames, method \(summary.method.rawValue), background \(summary.detection.background)",
                     "Static people: \(summary.exposure.staticPeople)"]
        lines.append("Frames with uncovered foreground: \(summary.exposure.framesWithUncoveredForeground); held tracks in \(summary.exposure.framesWithHeldTracks) frames")
        if let frame = summary.exposure.requesterHiddenFrom {
            lines.append("The requester met someone at frame \(frame) and is redacted from there on (tracks cannot tell who is who)")
        }
        return lines
    }

    func write(summary: RedactionSummary) throws {
        let tiles = self.tiles
        guard let first = tiles.first else {
            throw RedactionError.outputUnwritable(path: path, reason: "no frame to put on the review sheet")
        }
        if path.lowercased().hasSuffix(".html") || path.lowercased().hasSuffix(".htm") {
            try writeHTML(tiles, summary: summary)
        } else {
            try writePNG(tiles, tileWidth: first.width, tileHeight: first.height, summary: summary)
        }
    }

    // MARK: - Rendering

    static func thumbnail(_ frame: YUVFrame, _ record: FrameRedactor.Record) -> Tile {
        let f = max(1, (frame.width + 319) / 320)
        let w = frame.width / f, h = frame.height / f
        var rgb = [UInt8](repeating: 0, count: w * h * 3)
        frame.bytes.withUnsafeBufferPointer { b in
            for y in 0..<h {
                for x in 0..<w {
                    let sx = x * f, sy = y * f
                    let luma = Double(b[sy * frame.width + sx]) - 16
                    let ci = (sy / 2) * frame.chromaWidth + sx / 2
                    let u = Double(b[frame.lumaCount + ci]) - 128, v = Double(b[frame.lumaCount + frame.chromaCount + ci]) - 128
                    let r = 1.164 * luma + 1.596 * v, g = 1.164 * luma - 0.392 * u - 0.813 * v, bl = 1.164 * luma + 2.017 * u
                    let o = (y * w + x) * 3
                    rgb[o] = UInt8(max(0, min(255, r))); rgb[o + 1] = UInt8(max(0, min(255, g))); rgb[o + 2] = UInt8(max(0, min(255, bl)))
                }
            }
        }
        var tile = Tile(record: record, width: w, height: h, rgb: rgb)
        for rect in record.boxes { tile.outline(rect, scale: f, color: (255, 40, 40)) }
        for rect in record.held { tile.outline(rect, scale: f, color: (255, 220, 0)) }
        for rect in record.overlaps { tile.outline(rect, scale: f, color: (255, 0, 255)) }
        if let kept = record.kept { tile.outline(kept, scale: f, color: (0, 230, 0)) }
        return tile
    }

    private func writePNG(_ tiles: [Tile], tileWidth: Int, tileHeight: Int, summary: RedactionSummary) throws {
        let columns = min(4, tiles.count), caption = 18, gap = 6, header = 20 * Self.headerLines(summary).count + 8
        let sheetWidth = columns * (tileWidth + gap) + gap
        let rows = (tiles.count + columns - 1) / columns
        let sheetHeight = header + rows * (tileHeight + caption + gap) + gap
        var canvas = [UInt8](repeating: 32, count: sheetWidth * sheetHeight * 3)
        var texts: [(x: Int, y: Int, text: String, color: String)] = []
        for (i, line) in Self.headerLines(summary).enumerated() {
            texts.append((gap, 6 + 20 * i, line, i == 1 && !summary.detection.staticPeopleExcluded ? "yellow" : "white"))
        }
        for (i, tile) in tiles.enumerated() {
            let x0 = gap + (i % columns) * (tileWidth + gap), y0 = header + (i / columns) * (tileHeight + caption + gap)
            for y in 0..<tile.height {
                let src = y * tile.width * 3, dst = ((y0 + y) * sheetWidth + x0) * 3
                canvas.replaceSubrange(dst..<(dst + tile.width * 3), with: tile.rgb[src..<(src + tile.width * 3)])
            }
            texts.append((x0, y0 + tile.height + 3, Self.caption(tile.record), tile.record.risk > 0 ? "yellow" : "white"))
        }
        let work = FileManager.default.temporaryDirectory.appendingPathComponent("silhouette-sheet-\(getpid())-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: work, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: work) }
        let raw = work.appendingPathComponent("sheet.rgb")
        try Data(canvas).write(to: raw)
        var filters: [String] = []
        for (i, text) in texts.enumerated() {
            let file = work.appendingPathComponent("t\(i).txt")
            try Data(text.text.utf8).write(to: file)
            filters.append("drawtext=fontfile=\(Self.font):textfile=\(file.path):x=\(text.x):y=\(text.y):fontsize=13:fontcolor=\(text.color)")
        }
        let png = work.appendingPathComponent("sheet.png")
        try Self.ffmpeg(["-f", "rawvideo", "-pix_fmt", "rgb24", "-s", "\(sheetWidth)x\(sheetHeight)", "-i", raw.path,
                         "-vf", filters.joined(separator: ","), "-frames:v", "1", png.path], output: path)
        try AtomicFile.write(try Data(contentsOf: png), to: path)
    }

    private func writeHTML(_ tiles: [Tile], summary: RedactionSummary) throws {
        let work = FileManager.default.temporaryDirectory.appendingPathComponent("silhouette-sheet-\(getpid())-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: work, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: work) }
        var figures: [String] = []
        for (i, tile) in tiles.enumerated() {
            let raw = work.appendingPathComponent("\(i).rgb"), png = work.appendingPathComponent("\(i).png")
            try Data(tile.rgb).write(to: raw)
            try Self.ffmpeg(["-f", "rawvideo", "-pix_fmt", "rgb24", "-s", "\(tile.width)x\(tile.height)", "-i", raw.path, "-frames:v", "1", png.path], output: path)
            let encoded = try Data(contentsOf: png).base64EncodedString()
            let risky = tile.record.risk > 0 ? " class=\"risk\"" : ""
            figures.append("<figure\(risky)><img alt=\"frame \(tile.record.frame)\" src=\"data:image/png;base64,\(encoded)\"><figcaption>\(Self.escape(Self.caption(tile.record)))</figcaption></figure>")
        }
        let warnings = summary.detection.warnings.map { "<p class=\"warning\">\(Self.escape($0))</p>" }.joined(separator: "\n")
        let lines = Self.headerLines(summary).map { "<p>\(Self.escape($0))</p>" }.joined(separator: "\n")
        let html = """
        <!DOCTYPE html>
        <html lang="en"><head><meta charset="utf-8"><title>Redaction review</title>
        <style>body{font-family:sans-serif;background:#222;color:#eee}figure{display:inline-block;margin:6px}figure.risk figcaption{color:#fd0}.warning{color:#fd0;font-weight:bold}</style>
        </head><body>
        <h1>Redaction review</h1>
        \(lines)
        \(warnings)
        <p>Outlines: red redacted, yellow held track, green requester kept, magenta overlap redacted. Highest residual risk first.</p>
        \(figures.joined(separator: "\n"))
        </body></html>
        """
        try AtomicFile.write(Data(html.utf8), to: path)
    }

    static let font = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"

    static func escape(_ text: String) -> String {
        text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;").replacingOccurrences(of: ">", with: "&gt;").replacingOccurrences(of: "\"", with: "&quot;")
    }

    private static func ffmpeg(_ arguments: [String], output: String) throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["ffmpeg", "-hide_banner", "-nostdin", "-loglevel", "error", "-y"] + arguments
        let err = Pipe()
        process.standardError = err
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        let message = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw RedactionError.outputUnwritable(path: output, reason: "ffmpeg could not draw the review sheet: \(message.split(separator: "\n").first ?? "")")
        }
    }
}

extension ReviewSheetCollector.Tile {
    mutating func outline(_ rect: PixelRect, scale f: Int, color: (UInt8, UInt8, UInt8)) {
        let x0 = max(0, rect.x / f), y0 = max(0, rect.y / f)
        let x1 = min(width - 1, (rect.x + rect.width) / f), y1 = min(height - 1, (rect.y + rect.height) / f)
        guard x1 > x0, y1 > y0 else { return }
        func set(_ x: Int, _ y: Int) { let o = (y * width + x) * 3; rgb[o] = color.0; rgb[o + 1] = color.1; rgb[o + 2] = color.2 }
        for x in x0...x1 { set(x, y0); set(x, y1) }
        for y in y0...y1 { set(x0, y); set(x1, y) }
    }
}
