import Foundation
import XCTest

/// The root command's list is edited by every module and merged with a union driver
/// (.gitattributes): a command listed twice shows up twice in `--help`. Guard against it.
final class CommandListTests: XCTestCase {
    func testEveryCommandAppearsOnceInHelp() throws {
        try SilhouetteBinary.requireBuilt()
        let run = try SilhouetteBinary.run(["--help"])
        XCTAssertEqual(run.status, 0)
        let section = run.stdout.components(separatedBy: "SUBCOMMANDS:").last ?? ""
        let names = section.split(separator: "\n").compactMap { line -> String? in
            guard line.hasPrefix("  "), !line.hasPrefix("   "), !line.contains("silhouette help"),
                  let name = line.split(separator: " ").first else { return nil }
            return String(name)
        }
        XCTAssertEqual(names, ["assess", "audit", "cel", "detect", "diff", "ethics", "history", "import", "init", "redact",
                               "report", "review", "rules", "schema", "sign", "signage", "store", "validate", "verify"])
    }
}
