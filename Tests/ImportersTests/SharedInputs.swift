import Foundation
import ProcessTestSupport
import XCTest

/// Locates the project and `../shared` from this file, so tests run from any directory.
enum TestPaths {
    static let packageRoot = ProcessRunner.packageRoot
    static let shared = packageRoot.deletingLastPathComponent().appendingPathComponent("shared")
    static let binary = ProcessRunner.silhouette

    /// A file under ../shared/external, or a skip with the reason printed.
    static func external(_ relative: String) throws -> String {
        let url = shared.appendingPathComponent("external").appendingPathComponent(relative)
        guard FileManager.default.fileExists(atPath: url.path) else {
            throw XCTSkip("../shared/external/\(relative) is absent (the shared inputs are not beside this clone)")
        }
        return url.path
    }

    static func temporaryDirectory() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("silhouette-import-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }
}

/// Runs the real binary; returns exit code, stdout and stderr.
func runSilhouette(_ arguments: [String], stdin: Data? = nil) throws -> ProcessRunner.Run {
    guard FileManager.default.isExecutableFile(atPath: TestPaths.binary.path) else {
        throw XCTSkip("the silhouette binary is not built at \(TestPaths.binary.path)")
    }
    return try ProcessRunner.run(TestPaths.binary, arguments, stdin: stdin)
}
