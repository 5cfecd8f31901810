/// A per-pixel background model: learns the scene from every frame it sees and says, for each
/// pixel of that frame, whether it is foreground. It keeps statistics per pixel, never an image.
public protocol BackgroundSubtractor: AnyObject {
    /// Updates the model with consecutive frames, oldest first, and writes one mask per frame
    /// (0 background, 255 foreground). Every buffer holds `width * height` bytes. The result
    /// does not depend on how a stream is cut into batches.
    func apply(frames: [UnsafePointer<UInt8>], masks: [UnsafeMutablePointer<UInt8>])
}

extension BackgroundSubtractor {
    /// One frame.
    public func apply(_ gray: UnsafePointer<UInt8>, mask: UnsafeMutablePointer<UInt8>) {
        apply(frames: [gray], masks: [mask])
    }
}

/// Which background model the detector uses (`silhouette detect --background`).
public enum BackgroundModelKind: String, CaseIterable, Sendable {
    /// `GaussianBackgroundModel`: one Gaussian per pixel in fixed point; fast, the default.
    case gaussian
    /// `MixtureBackgroundModel`: OpenCV's MOG2, bit for bit; the reference, several times slower.
    case mixture

    /// Builds the model for frames of this size.
    public func makeModel(width: Int, height: Int) -> any BackgroundSubtractor {
        switch self {
        case .gaussian:
            // The default parameters always fit the fixed-point ranges.
            return try! GaussianBackgroundModel(width: width, height: height)
        case .mixture:
            return MixtureBackgroundModel(width: width, height: height)
        }
    }
}
