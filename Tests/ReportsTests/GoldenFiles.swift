import Foundation
import XCTest

/// Golden-file comparison. Files are only (re)written when `UPDATE_GOLDEN=1` is set: review the
/// diff with `git diff Tests/ReportsTests/Golden` before committing — never regenerate blindly.
enum GoldenFiles {
    static var updating: Bool { ProcessInfo.processInfo.environment["UPDATE_GOLDEN"] == "1" }

    static func assertMatches(_ actual: String, name: String, file: StaticString = #filePath, line: UInt = #line) throws {
        let path = ReportsTestSupport.golden + "/" + name
        if updating {
            try FileManager.default.createDirectory(atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
            try actual.write(toFile: path, atomically: true, encoding: .utf8)
            return
        }
        guard let expected = try? String(contentsOfFile: path, encoding: .utf8) else {
            XCTFail("golden file \(name) is missing; run UPDATE_GOLDEN=1 swift test --filter ReportsTests and review it", file: file, line: line)
            return
        }
        if expected == actual { return }
        let e = expected.components(separatedBy: "\n"), a = actual.components(separatedBy: "\n")
        let index = (0..<min(e.count, a.count)).first { e[$0] != a[$0] } ?? min(e.count, a.count)
        let expectedLine = index < e.count ? e[index] : "<end of file>"
        let actualLine = index < a.count ? a[index] : "<end of file>"
        XCTFail("\(name):\(index + 1): differs from the golden file\n  expected: \(expectedLine)\n  actual:   \(actualLine)\n(if the change is intended: UPDATE_GOLDEN=1, then review git diff)", file: file, line: line)
    }
}
