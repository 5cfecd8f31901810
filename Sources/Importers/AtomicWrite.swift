import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Writes a whole file or nothing: the text goes to a temporary file in the same directory,
/// which `rename(2)` then puts over the destination in one step, so a failed import never
/// leaves half a model and never loses the previous file.
public enum AtomicWrite {
    public static func write(_ text: String, to path: String) throws(ImportError) {
        let url = URL(fileURLWithPath: path)
        let directory = url.deletingLastPathComponent()
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: directory.path, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw .unwritable(file: path, reason: "directory \(directory.path) does not exist")
        }
        let temporary = directory.appendingPathComponent(".\(url.lastPathComponent).\(getpid()).tmp")
        do {
            try Data(text.utf8).write(to: temporary)
        } catch {
            throw .unwritable(file: path, reason: "\(error.localizedDescription)")
        }
        guard rename(temporary.path, url.path) == 0 else {
            let reason = String(cString: strerror(errno))
            unlink(temporary.path)
            throw .unwritable(file: path, reason: reason)
        }
    }
}
