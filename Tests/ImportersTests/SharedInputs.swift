import Foundation
import XCTest

/// Locates the project and `../shared` from this file, so tests run from any directory.
enum TestPaths {
    static let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let shared = packageRoot.deletingLastPathComponent().appendingPathComponent("shared")
    static let binary = packageRoot.appendingPathComponent(".build/debug/silhouette")

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
func runSilhouette(_ arguments: [String], stdin: Data? = nil) throws -> (code: Int32, out: String, err: String) {
    guard FileManager.default.isExecutableFile(atPath: TestPaths.binary.path) else {
        throw XCTSkip("the silhouette binary is not built at \(TestPaths.binary.path)")
    }
    let process = Process()
    process.executableURL = TestPaths.binary
    process.arguments = arguments
    let out = Pipe(), err = Pipe(), input = Pipe()
    process.standardOutput = out
    process.standardError = err
    process.standardInput = input
    try process.run()
    if let stdin { input.fileHandleForWriting.write(stdin) }
    try input.fileHandleForWriting.close()
    let outData = out.fileHandleForReading.readDataToEndOfFile()
    let errData = err.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return (process.terminationStatus, String(decoding: outData, as: UTF8.self), String(decoding: errData, as: UTF8.self))
}
