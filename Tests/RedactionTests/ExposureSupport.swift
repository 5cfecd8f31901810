import Foundation
import ProcessTestSupport
import XCTest

/// The exposure benchmark's clips and measure (scripts/redact-exposure.py, numpy on
/// /usr/bin/python3), for tests that assert its bounds on short clips with exact masks.
enum Exposure {
    static let script = ProcessRunner.packageRoot.appendingPathComponent("scripts/redact-exposure.py").path
    static let python = URL(fileURLWithPath: "/usr/bin/python3")

    struct Figures: Decodable {
        let frames: Int
        let exposureMean: Double
        let exposureWorst: Double
        let worstFrame: Int
        let framesExposedShare: Double
        let overRedactionMean: Double
    }

    /// Writes `NAME.y4m`, `NAME.npz` and `NAME-empty.png` into `directory`.
    static func generate(_ name: String, in directory: URL) throws -> URL {
        guard (try? ProcessRunner.run(python, ["-c", "import numpy"]).status) == 0 else {
            throw XCTSkip("/usr/bin/python3 has no numpy (scripts/install-deps installs python3-numpy)")
        }
        let run = try ProcessRunner.run(python, ["-B", script, "generate", directory.path, "--only", name])
        XCTAssertEqual(run.status, 0, run.stderr)
        return directory.appendingPathComponent("\(name).y4m")
    }

    static func measure(_ clip: URL, output: URL, othersOf: Int? = nil, log: URL? = nil) throws -> Figures {
        let truth = clip.deletingPathExtension().appendingPathExtension("npz")
        var arguments = ["-B", script, "measure", clip.path, truth.path, output.path]
        if let othersOf { arguments += ["--others-of", String(othersOf)] }
        if let log { arguments += ["--log", log.path] }
        let run = try ProcessRunner.run(python, arguments)
        XCTAssertEqual(run.status, 0, run.stderr)
        let decoder = JSONDecoder()
        decoder.keyDecodingStrategy = .convertFromSnakeCase
        return try decoder.decode(Figures.self, from: Data(run.stdout.utf8))
    }
}
