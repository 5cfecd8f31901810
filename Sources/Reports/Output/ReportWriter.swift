import Assessment
import Foundation

/// Why reports could not be written.
public enum ReportOutputError: Error, CustomStringConvertible, Sendable {
    case cannotWrite(path: String, reason: String)
    case notADirectory(path: String)

    public var description: String {
        switch self {
        case .cannotWrite(let path, let reason): "cannot write \(path): \(reason)"
        case .notADirectory(let path): "\(path) exists and is not a directory; hint: pass a directory to -o"
        }
    }
}

/// Writes rendered reports into a directory without ever leaving a half-written file: every file
/// is first written into a temporary directory beside the target, then moved into place by
/// `rename(2)` (atomic on one file system). When the target directory does not exist yet, the whole
/// temporary directory is renamed at once. On failure the temporary directory is removed.
public enum ReportWriter {
    /// Writes `reports` in `formats` to `directory`; returns the paths written, in order.
    @discardableResult
    public static func write(_ reports: [RenderedReport], formats: [ReportFormat], to directory: String) throws(ReportOutputError) -> [String] {
        let fileManager = FileManager.default
        let target = URL(fileURLWithPath: directory).standardizedFileURL
        var isDirectory: ObjCBool = false
        let exists = fileManager.fileExists(atPath: target.path, isDirectory: &isDirectory)
        if exists, !isDirectory.boolValue { throw .notADirectory(path: directory) }
        let parent = target.deletingLastPathComponent()
        do {
            try fileManager.createDirectory(at: parent, withIntermediateDirectories: true)
        } catch {
            throw .cannotWrite(path: parent.path, reason: error.localizedDescription)
        }
        // Inside the target when it exists (same file system as the final names), else beside it.
        let staging = (exists ? target : parent).appendingPathComponent(".silhouette-report-\(UUID().uuidString)")
        do {
            try fileManager.createDirectory(at: staging, withIntermediateDirectories: false)
        } catch {
            throw .cannotWrite(path: staging.path, reason: error.localizedDescription)
        }
        var names: [String] = []
        do {
            for report in reports {
                for format in formats {
                    let name = report.baseName + "." + format.fileExtension
                    try report.content(format).write(to: staging.appendingPathComponent(name))
                    names.append(name)
                }
            }
        } catch {
            try? fileManager.removeItem(at: staging)
            throw .cannotWrite(path: staging.path, reason: error.localizedDescription)
        }
        if !exists {
            if rename(staging.path, target.path) != 0 {
                let reason = String(cString: strerror(errno))
                try? fileManager.removeItem(at: staging)
                throw .cannotWrite(path: target.path, reason: reason)
            }
        } else {
            for name in names {
                let destination = target.appendingPathComponent(name)
                if rename(staging.appendingPathComponent(name).path, destination.path) != 0 {
                    let reason = String(cString: strerror(errno))
                    try? fileManager.removeItem(at: staging)
                    throw .cannotWrite(path: destination.path, reason: reason)
                }
            }
            try? fileManager.removeItem(at: staging)
        }
        return names.map { target.appendingPathComponent($0).path }
    }
}
