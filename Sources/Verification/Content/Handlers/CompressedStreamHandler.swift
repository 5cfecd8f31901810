import CCompression

/// Unpacks gzip, zlib (as joblib's `compress=` writes it), raw deflate (zip members), bzip2,
/// xz and LZ4 frame streams through the system libraries, under the budget: output stops at the
/// smaller of the remaining byte budget and `maxExpansionRatio` × the input size.
enum CompressedStreamHandler {
    enum Codec: String { case gzip, zlib, deflate, bzip2, xz, lz4 }

    enum Failure: Error, CustomStringConvertible {
        case corrupt(String)
        case tooLarge(limit: Int)

        var description: String {
            switch self {
            case .corrupt(let reason): return "corrupt stream (\(reason))"
            case .tooLarge(let limit): return "expands beyond \(limit) bytes (budget)"
            }
        }
    }

    /// Decompressed bytes, or the reason the stream could not be (fully) opened. A stream
    /// cut short (an engine killed mid-write) yields what decoded before the cut.
    static func inflate(_ input: ArraySlice<UInt8>, codec: Codec, limit: Int) -> Result<[UInt8], Failure> {
        switch codec {
        case .gzip: return zlibInflate(input, windowBits: 15 + 32, limit: limit)
        case .zlib: return zlibInflate(input, windowBits: 15, limit: limit)
        case .deflate: return zlibInflate(input, windowBits: -15, limit: limit)
        case .bzip2: return bzip2Inflate(input, limit: limit)
        case .xz: return xzInflate(input, limit: limit)
        case .lz4: return lz4Inflate(input, limit: limit)
        }
    }

    static let chunk = 1 << 16

    private static func zlibInflate(_ input: ArraySlice<UInt8>, windowBits: Int32, limit: Int) -> Result<[UInt8], Failure> {
        var stream = z_stream()
        guard inflateInit2_(&stream, windowBits, ZLIB_VERSION, Int32(MemoryLayout<z_stream>.size)) == Z_OK else {
            return .failure(.corrupt("zlib could not start"))
        }
        defer { inflateEnd(&stream) }
        var output: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: chunk)
        var remaining = input
        while true {
            let status: Int32 = remaining.withUnsafeBytes { raw in
                stream.next_in = UnsafeMutablePointer(mutating: raw.bindMemory(to: Bytef.self).baseAddress)
                stream.avail_in = uInt(raw.count)
                return buffer.withUnsafeMutableBytes { out in
                    stream.next_out = out.bindMemory(to: Bytef.self).baseAddress
                    stream.avail_out = uInt(out.count)
                    return CCompression.inflate(&stream, Z_NO_FLUSH)
                }
            }
            let consumed = remaining.count - Int(stream.avail_in)
            remaining = remaining.dropFirst(consumed)
            let produced = chunk - Int(stream.avail_out)
            if output.count + produced > limit { return .failure(.tooLarge(limit: limit)) }
            output.append(contentsOf: buffer[0..<produced])
            switch status {
            case Z_STREAM_END:
                // gzip allows several members back to back (`cat a.gz b.gz`).
                if windowBits > 15, remaining.count >= 2, remaining.first == 0x1F {
                    inflateReset(&stream)
                    continue
                }
                return .success(output)
            case Z_OK:
                if consumed == 0 && produced == 0 { return output.isEmpty ? .failure(.corrupt("truncated")) : .success(output) }
            case Z_BUF_ERROR:
                return output.isEmpty ? .failure(.corrupt("truncated")) : .success(output)
            default:
                return output.isEmpty ? .failure(.corrupt("zlib status \(status)")) : .success(output)
            }
        }
    }

    private static func bzip2Inflate(_ input: ArraySlice<UInt8>, limit: Int) -> Result<[UInt8], Failure> {
        var stream = bz_stream()
        guard BZ2_bzDecompressInit(&stream, 0, 0) == BZ_OK else { return .failure(.corrupt("bzip2 could not start")) }
        defer { BZ2_bzDecompressEnd(&stream) }
        var output: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: chunk)
        var remaining = input
        while true {
            let status: Int32 = remaining.withUnsafeBytes { raw in
                stream.next_in = UnsafeMutablePointer(mutating: raw.bindMemory(to: CChar.self).baseAddress)
                stream.avail_in = UInt32(raw.count)
                return buffer.withUnsafeMutableBytes { out in
                    stream.next_out = out.bindMemory(to: CChar.self).baseAddress
                    stream.avail_out = UInt32(out.count)
                    return BZ2_bzDecompress(&stream)
                }
            }
            let consumed = remaining.count - Int(stream.avail_in)
            remaining = remaining.dropFirst(consumed)
            let produced = chunk - Int(stream.avail_out)
            if output.count + produced > limit { return .failure(.tooLarge(limit: limit)) }
            output.append(contentsOf: buffer[0..<produced])
            if status == BZ_STREAM_END { return .success(output) }
            if status != BZ_OK || (consumed == 0 && produced == 0) {
                return output.isEmpty ? .failure(.corrupt("bzip2 status \(status)")) : .success(output)
            }
        }
    }

    private static func xzInflate(_ input: ArraySlice<UInt8>, limit: Int) -> Result<[UInt8], Failure> {
        var stream = lzma_stream()
        // 256 MiB of decoder memory at most: a hostile header cannot ask for more.
        guard lzma_stream_decoder(&stream, 256 << 20, 0x08 /* LZMA_CONCATENATED */) == LZMA_OK else {
            return .failure(.corrupt("xz could not start"))
        }
        defer { lzma_end(&stream) }
        var output: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: chunk)
        var remaining = input
        while true {
            let action = remaining.isEmpty ? LZMA_FINISH : LZMA_RUN
            let status: lzma_ret = remaining.withUnsafeBytes { raw in
                stream.next_in = raw.bindMemory(to: UInt8.self).baseAddress
                stream.avail_in = raw.count
                return buffer.withUnsafeMutableBytes { out in
                    stream.next_out = out.bindMemory(to: UInt8.self).baseAddress
                    stream.avail_out = out.count
                    return lzma_code(&stream, action)
                }
            }
            let consumed = remaining.count - stream.avail_in
            remaining = remaining.dropFirst(consumed)
            let produced = chunk - stream.avail_out
            if output.count + produced > limit { return .failure(.tooLarge(limit: limit)) }
            output.append(contentsOf: buffer[0..<produced])
            if status == LZMA_STREAM_END { return .success(output) }
            if status != LZMA_OK || (consumed == 0 && produced == 0 && remaining.isEmpty && action == LZMA_FINISH) {
                return output.isEmpty ? .failure(.corrupt("xz status \(status.rawValue)")) : .success(output)
            }
        }
    }

    /// LZ4 frames (`lz4.frame`, as joblib's `compress="lz4"` writes them), back to back.
    private static func lz4Inflate(_ input: ArraySlice<UInt8>, limit: Int) -> Result<[UInt8], Failure> {
        var context: OpaquePointer?
        guard LZ4F_isError(LZ4F_createDecompressionContext(&context, UInt32(LZ4F_VERSION))) == 0, let context else {
            return .failure(.corrupt("lz4 could not start"))
        }
        defer { LZ4F_freeDecompressionContext(context) }
        var output: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: chunk)
        var remaining = input
        while true {
            var consumed = remaining.count
            var produced = chunk
            let hint: Int = remaining.withUnsafeBytes { raw in
                buffer.withUnsafeMutableBytes { out in
                    LZ4F_decompress(context, out.baseAddress, &produced, raw.baseAddress, &consumed, nil)
                }
            }
            if LZ4F_isError(hint) != 0 {
                return output.isEmpty ? .failure(.corrupt(String(cString: LZ4F_getErrorName(hint)))) : .success(output)
            }
            remaining = remaining.dropFirst(consumed)
            if output.count + produced > limit { return .failure(.tooLarge(limit: limit)) }
            output.append(contentsOf: buffer[0..<produced])
            if hint == 0 {
                // End of a frame: another may follow (`cat a.lz4 b.lz4`).
                if remaining.count >= 4, remaining.prefix(4).elementsEqual([0x04, 0x22, 0x4D, 0x18]) { continue }
                return .success(output)
            }
            if consumed == 0 && produced == 0 { return output.isEmpty ? .failure(.corrupt("truncated")) : .success(output) }
        }
    }
}
