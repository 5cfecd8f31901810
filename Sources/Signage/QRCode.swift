import CQRencode

/// A QR code from libqrencode (Debian's libqrencode-dev): the matrix of dark modules, drawn
/// by `SignLayout` as SVG rectangles. Error correction level M (15 %) survives the wear of a
/// posted sign; the code is byte mode, case preserved.
public struct QRCode: Sendable, Equatable {
    public let size: Int
    /// `modules[row][column]` is true for a dark module.
    public let modules: [[Bool]]

    /// Longest text encoded (a second-layer URL; version 40 holds far more, but a sign's QR
    /// code must stay scannable at arm's length).
    public static let maximumLength = 512

    public init?(encoding text: String) {
        guard !text.isEmpty, text.utf8.count <= Self.maximumLength else { return nil }
        guard let code = QRcode_encodeString8bit(text, 0, QR_ECLEVEL_M) else { return nil }
        defer { QRcode_free(code) }
        let width = Int(code.pointee.width)
        var rows: [[Bool]] = []
        rows.reserveCapacity(width)
        for row in 0..<width {
            var line: [Bool] = []
            line.reserveCapacity(width)
            for column in 0..<width { line.append(code.pointee.data[row * width + column] & 1 == 1) }
            rows.append(line)
        }
        size = width
        modules = rows
    }
}
