import Assessment
import Foundation

/// Why reports could not be written.
public enum ReportOutputError: Error, CustomStringConvertible, Sendable {
    case cannotWrite(path: String, reason: String)
    case notADirectory(path: String)
    /// WeasyPrint or pandoc is not installed.
    case toolMissing(tool: String, format: String)
    /// The converter ran and failed.
    case conversionFailed(tool: String, format: String, reason: String)

    public var description: String {
        switch self {
        case .cannotWrite(let path, let reason): "cannot write \(path): \(reason)"
        case .notADirectory(let path): "\(path) exists and is not a directory; hint: pass a directory to -o"
        case .toolMissing(let tool, let format):
            "--format \(format) needs \(tool), which is not installed; hint: run scripts/install-deps (Debian package \(tool)), or ask for md, html or json"
        case .conversionFailed(let tool, let format, let reason):
            "\(tool) could not write the \(format) file: \(reason)"
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
    public static func write(_ reports: [RenderedReport], formats: [ReportFormat], to directory: String,
                             converter: DocumentConverter = DocumentConverter()) throws(ReportOutputError) -> [String] {
        let fileManager = FileManager.default
        // Every file is made before anything is written: a missing converter writes nothing.
        var contents: [(String, Data)] = []
        for report in reports {
            for format in formats {
                let data: Data
                if let text = report.content(format) { data = text } else { data = try converter.convert(report, to: format) }
                contents.append((report.baseName + "." + format.fileExtension, data))
            }
            for (name, data) in report.attachments.sorted(by: { $0.key < $1.key }) where !formats.isEmpty {
                contents.append((name, data))
            }
        }
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
            for (name, data) in contents {
                try data.write(to: staging.appendingPathComponent(name))
                names.append(name)
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
