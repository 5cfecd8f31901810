import Assessment
import DeploymentModel
import Foundation
import XCTest
@testable import Reports

/// Paths and loaders shared by the Reports tests.
enum ReportsTestSupport {
    /// The package root, from this file's path (Tests/ReportsTests/…).
    static let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().path
    static let templatesDirectory = packageRoot + "/templates"
    static let fixtures = packageRoot + "/Tests/ReportsTests/Fixtures"
    static let golden = packageRoot + "/Tests/ReportsTests/Golden"
    /// A fixed instant so that rendered dates are stable: 2026-01-15 09:00 UTC.
    static let fixedDate = Date(timeIntervalSince1970: 1_768_467_600)

    static func templates(_ language: Language) throws -> TemplateSet {
        try TemplateSet.load(directory: templatesDirectory, language: language)
    }

    static func fixture(_ name: String) throws -> LoadedDeployment {
        try DeploymentLoader.load(path: fixtures + "/" + name)
    }
}
