/// Image crops kept as pixel arrays rather than image files: 8-bit arrays shaped
/// [H, W] or [H, W, 1|3|4] (or a stack [n, H, W(, C)]) with H and W of at least 16.
enum ImageArrayDetector {
    static let minimumSide = 16

    static func finding(for array: NumericArray) -> ContentFinding? {
        guard array.elementType == .uint8 else { return nil }
        var shape = array.shape
        if let last = shape.last, [1, 3, 4].contains(last), shape.count >= 3 { shape.removeLast() }
        guard shape.count == 2 || shape.count == 3 else { return nil }
        let height = shape[shape.count - 2], width = shape[shape.count - 1]
        guard height >= minimumSide, width >= minimumSide else { return nil }
        let stats = ArrayStatistics(array)
        guard !stats.isConstant else { return nil }
        let stack = shape.count == 3 ? "\(shape[0]) images of " : ""
        return ContentFinding(kind: .imageCrop, path: array.path,
                              detail: "image-crop test: \(stack)\(height)×\(width) 8-bit pixels\(array.shape.count > shape.count ? " × \(array.shape.last!) channels" : "") kept as an array")
    }
}
