import Foundation
import ProcessTestSupport
import XCTest

/// The debug `silhouette` binary that `make test` builds, run the way a user runs it. Every
/// end-to-end test of this target goes through `run`.
enum SilhouetteBinary {
    static let root = ProcessRunner.packageRoot
    static let url = ProcessRunner.silhouette

    typealias Run = ProcessRunner.Run

    /// Skips the calling XCTest when the binary has not been built.
    static func requireBuilt() throws {
        guard FileManager.default.isExecutableFile(atPath: url.path) else { throw XCTSkip("silhouette is not built at \(url.path)") }
    }

    /// Runs the binary to completion in `directory` (the package root by default).
    static func run(_ arguments: [String], stdin: Data? = nil, in directory: URL = root,
                    environment: [String: String]? = nil) throws -> Run {
        try ProcessRunner.run(url, arguments, stdin: stdin, in: directory, environment: environment)
    }
}
