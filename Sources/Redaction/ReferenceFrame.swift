import Detection
import Foundation

/// An empty-scene reference frame (`--background-frame`, or the one recorded for the camera in
/// the store): any image ffmpeg reads, as full-range gray at its own size. It must have the
/// clip's size — the same camera's framing — or the redaction refuses it.
public struct ReferenceFrame: Sendable {
    public let width: Int
    public let height: Int
    /// Full-range gray, `width × height`.
    let gray: [UInt8]

    /// Reads the image at `path`; `label` names it in error messages (default `--background-frame PATH`).
    public static func read(path: String, ffmpeg: String = "ffmpeg", label: String? = nil) throws -> ReferenceFrame {
        let label = label ?? "--background-frame \(path)"
        guard FileManager.default.fileExists(atPath: path) else {
            throw RedactionError.badOption("\(label): no such file (hint: an image of the empty scene, e.g. a PNG exported from the camera)")
        }
        let (width, height, gray): (Int, Int, [UInt8])
        do {
            (width, height, gray) = try firstFrameAsPGM(path, ffmpeg: ffmpeg)
        } catch let failure as DecodeFailure {
            throw RedactionError.badOption("\(label): not a readable image (\(failure.reason)) (hint: a PNG or JPEG of the empty scene, same framing as the clip)")
        }
        return ReferenceFrame(width: width, height: height, gray: gray)
    }

    /// The size of a clip's frames (its first frame, decoded).
    static func frameSize(of clip: String, ffmpeg: String) throws -> (width: Int, height: Int) {
        do {
            let (width, height, _) = try firstFrameAsPGM(clip, ffmpeg: ffmpeg)
            return (width, height)
        } catch let failure as DecodeFailure {
            throw DetectionError.unreadableClip(path: clip, reason: failure.reason)
        }
    }

    /// The frame averaged down to the analysis size (`AnalysisScale`), as the clip's frames are.
    func analysisGray(width analysisWidth: Int, height analysisHeight: Int) -> [UInt8] {
        let scale = AnalysisScale(width: width, height: height)
        precondition(scale.width == analysisWidth && scale.height == analysisHeight)
        let identity = (0...255).map { UInt8($0) }
        var out = [UInt8](repeating: 0, count: scale.width * scale.height)
        gray.withUnsafeBufferPointer { source in
            out.withUnsafeMutableBufferPointer { target in
                scale.downscale(luma: source.baseAddress!, stride: width, lut: identity, into: target.baseAddress!)
            }
        }
        return out
    }

    private struct DecodeFailure: Error { let reason: String }

    /// The first frame of `path` as 8-bit gray, through ffmpeg's PGM encoder (its header gives
    /// the size). At most 64 MB of output is accepted (a 8000×8000 image).
    private static func firstFrameAsPGM(_ path: String, ffmpeg: String) throws -> (Int, Int, [UInt8]) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = [ffmpeg, "-hide_banner", "-nostdin", "-loglevel", "error", "-i", path, "-frames:v", "1",
                             "-pix_fmt", "gray", "-c:v", "pgm", "-f", "image2pipe", "-fs", String(64 << 20), "-"]
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        do { try process.run() } catch { throw DetectionError.ffmpegNotFound(executable: ffmpeg) }
        // `-loglevel error` keeps stderr far below a pipe's buffer: reading it second cannot block ffmpeg.
        let data = out.fileHandleForReading.readDataToEndOfFile()
        let message = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        if process.terminationStatus == 127 { throw DetectionError.ffmpegNotFound(executable: ffmpeg) }
        let firstLine = message.split(separator: "\n").first.map(String.init)
        guard process.terminationStatus == 0 else { throw DecodeFailure(reason: firstLine ?? "ffmpeg failed") }
        guard let parsed = parsePGM(data), parsed.2.count <= 64 << 20 else { throw DecodeFailure(reason: firstLine ?? "no image decoded") }
        return parsed
    }

    /// `P5 W H 255` then W×H bytes.
    static func parsePGM(_ data: Data) -> (Int, Int, [UInt8])? {
        var fields: [Int] = []
        var index = data.startIndex
        guard data.count > 2, data[index] == UInt8(ascii: "P"), data[index + 1] == UInt8(ascii: "5") else { return nil }
        index += 2
        while fields.count < 3 {
            while index < data.endIndex, [9, 10, 13, 32].contains(data[index]) { index += 1 }
            var value = 0, digits = 0
            while index < data.endIndex, (48...57).contains(data[index]), digits < 9 {
                value = value * 10 + Int(data[index] - 48); digits += 1; index += 1
            }
            guard digits > 0 else { return nil }
            fields.append(value)
        }
        index += 1  // the single whitespace after maxval
        let (width, height) = (fields[0], fields[1])
        guard fields[2] == 255, width > 0, height > 0, width * height == data.endIndex - index else { return nil }
        return (width, height, [UInt8](data[index...]))
    }
}
