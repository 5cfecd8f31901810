import DeploymentModel
import Foundation

/// Writes a whole file or nothing (`AtomicFile`), so a failed import never leaves half a model
/// and never loses the previous file; a missing directory is named as such.
public enum AtomicWrite {
    public static func write(_ text: String, to path: String) throws(ImportError) {
        let url = URL(fileURLWithPath: path)
        let directory = url.deletingLastPathComponent()
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: directory.path, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw .unwritable(file: path, reason: "directory \(directory.path) does not exist")
        }
        do {
            try AtomicFile.write(Data(text.utf8), to: path)
        } catch {
            throw .unwritable(file: path, reason: error.reason)
        }
    }
}
