import Assessment
import DeploymentModel
import Foundation
import XCTest
@testable import Reports

/// Renders the PIA of the 200-camera example in headless Chromium: a screenshot and an A4 PDF.
/// Skipped, with the reason printed, only when Chromium is not installed
/// (scripts/install-deps installs it). Set REPORTS_SCREENSHOT_DIR to keep the images.
final class ChromiumRenderTests: XCTestCase {
    static func chromium() -> String? {
        for name in ["chromium", "chromium-browser", "google-chrome"] {
            for directory in (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin").split(separator: ":") {
                let path = "\(directory)/\(name)"
                if FileManager.default.isExecutableFile(atPath: path) { return path }
            }
        }
        return nil
    }

    func run(_ executable: String, _ arguments: [String]) throws -> Int32 {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        let deadline = Date().addingTimeInterval(120)
        while process.isRunning, Date() < deadline { Thread.sleep(forTimeInterval: 0.1) }
        if process.isRunning { process.terminate(); XCTFail("chromium did not finish in 120 s") }
        process.waitUntilExit()
        return process.terminationStatus
    }

    func testScreenshotAndPDF() throws {
        guard let chromium = Self.chromium() else {
            print("ChromiumRenderTests: SKIPPED — chromium is not installed (scripts/install-deps installs it)")
            throw XCTSkip("chromium is not installed")
        }
        let loaded = try ReportsTestSupport.example("massy-city")
        let directory = ProcessInfo.processInfo.environment["REPORTS_SCREENSHOT_DIR"].map { URL(fileURLWithPath: $0) }
            ?? FileManager.default.temporaryDirectory.appendingPathComponent("reports-chromium-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { if ProcessInfo.processInfo.environment["REPORTS_SCREENSHOT_DIR"] == nil { try? FileManager.default.removeItem(at: directory) } }
        for lang in Language.allCases {
            let report = try PIAReport.render(ReportsTestSupport.context(loaded), templates: ReportsTestSupport.templates(lang))
            let html = directory.appendingPathComponent("pia.\(lang.rawValue).html")
            try Data(report.html.utf8).write(to: html)
            let png = directory.appendingPathComponent("pia.\(lang.rawValue).png")
            let pdf = directory.appendingPathComponent("pia.\(lang.rawValue).pdf")
            let common = ["--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars", "--no-first-run",
                          "--user-data-dir=" + directory.appendingPathComponent("profile").path]
            XCTAssertEqual(try run(chromium, common + ["--screenshot=" + png.path, "--window-size=1280,2000", html.absoluteString]), 0)
            XCTAssertEqual(try run(chromium, common + ["--no-pdf-header-footer", "--print-to-pdf=" + pdf.path, html.absoluteString]), 0)

            let image = try Data(contentsOf: png)
            XCTAssertEqual(Array(image.prefix(8)), [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A], "not a PNG")
            // PNG IHDR: width and height, big-endian, at bytes 16–23.
            let width = image[16..<20].reduce(0) { $0 << 8 | Int($1) }, height = image[20..<24].reduce(0) { $0 << 8 | Int($1) }
            XCTAssertEqual(width, 1280)
            XCTAssertEqual(height, 2000)
            XCTAssertGreaterThan(image.count, 50_000, "the screenshot is (nearly) blank")

            let document = try Data(contentsOf: pdf)
            XCTAssertEqual(String(decoding: document.prefix(5), as: UTF8.self), "%PDF-")
            let pages = String(decoding: document, as: UTF8.self).components(separatedBy: "/Type /Page\n").count - 1
                + String(decoding: document, as: UTF8.self).components(separatedBy: "/Type /Page/").count - 1
                + String(decoding: document, as: UTF8.self).components(separatedBy: "/Type /Page ").count - 1
            XCTAssertGreaterThan(pages, 10, "a 200-camera PIA prints on many A4 pages")
        }
    }
}
