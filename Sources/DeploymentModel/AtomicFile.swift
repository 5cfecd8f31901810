import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Writes a whole file or nothing: the bytes go to a temporary file beside the target, which
/// `rename(2)` then puts over it in one step. A failed write never leaves half a file and never
/// loses the previous one. (`FileManager.replaceItemAt` can lose the target on Linux, and
/// `Data.write(options: .atomic)` cannot say which step failed.) One implementation for every
/// command that writes a user's file.
public enum AtomicFile {
    /// Why the file could not be written, in the system's words.
    public struct Failure: Error, Sendable {
        public let reason: String
    }

    public static func write(_ data: Data, to path: String) throws(Failure) {
        let url = URL(fileURLWithPath: path)
        let temporary = url.deletingLastPathComponent().appendingPathComponent(".\(url.lastPathComponent).\(getpid()).tmp")
        do {
            try data.write(to: temporary)
        } catch {
            unlink(temporary.path)
            throw Failure(reason: error.localizedDescription)
        }
        guard rename(temporary.path, url.path) == 0 else {
            let reason = String(cString: strerror(errno))
            unlink(temporary.path)
            throw Failure(reason: reason)
        }
    }
}
