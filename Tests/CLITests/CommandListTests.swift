import Foundation
import XCTest

/// The root command's list is edited by every module and merged with a union driver
/// (.gitattributes): a command listed twice shows up twice in `--help`. Guard against it.
final class CommandListTests: XCTestCase {
    func testEveryCommandAppearsOnceInHelp() throws {
        let binary = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent(".build/debug/silhouette")
        guard FileManager.default.isExecutableFile(atPath: binary.path) else { throw XCTSkip("silhouette is not built") }
        let process = Process()
        process.executableURL = binary
        process.arguments = ["--help"]
        let pipe = Pipe()
        process.standardOutput = pipe
        try process.run()
        let help = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        XCTAssertEqual(process.terminationStatus, 0)
        let section = help.components(separatedBy: "SUBCOMMANDS:").last ?? ""
        let names = section.split(separator: "\n").compactMap { line -> String? in
            guard line.hasPrefix("  "), !line.hasPrefix("   "), !line.contains("silhouette help"),
                  let name = line.split(separator: " ").first else { return nil }
            return String(name)
        }
        XCTAssertEqual(names, ["assess", "audit", "cel", "detect", "diff", "ethics", "history", "import", "init", "redact",
                               "report", "rules", "schema", "sign", "validate", "verify"])
    }
}
