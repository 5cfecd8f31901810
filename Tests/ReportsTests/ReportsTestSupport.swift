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

extension ReportsTestSupport {
    static let examples = ["massy-city", "mall-visitor-analytics", "construction-timelapse", "noncompliant-store"]

    /// An example deployment with `file` set to its path relative to the package, so that reports
    /// do not depend on where the checkout lives. Skips when the example is absent.
    static func example(_ name: String) throws -> LoadedDeployment {
        let path = packageRoot + "/examples/\(name)/deployment.yaml"
        guard FileManager.default.fileExists(atPath: path) else { throw XCTSkip("example \(name) is not in this checkout") }
        // Loaded by its path relative to the package, so that positions in findings read
        // `examples/…/deployment.yaml:12:5` wherever the checkout lives.
        let previous = FileManager.default.currentDirectoryPath
        _ = FileManager.default.changeCurrentDirectoryPath(packageRoot)
        defer { _ = FileManager.default.changeCurrentDirectoryPath(previous) }
        return try DeploymentLoader.load(path: "examples/\(name)/deployment.yaml")
    }

    /// The Reports tests' own three rules, so that golden PIA files do not move with the rule packs.
    static func fixtureRules() throws -> RuleSet {
        try RuleSet.load(packs: ["gdpr", "bio"], extraDirectories: [], jurisdictions: [], builtinDirectory: fixtures + "/rules")
    }

    static func assess(_ loaded: LoadedDeployment) throws -> AssessmentResult {
        Assessor.assess(loaded, rules: try fixtureRules(), context: AssessmentContext(now: fixedDate))
    }

    /// A register with one opinion of each kind, for ethics sections and reports.
    static let opinions: [ReportOpinion] = [
        ReportOpinion(id: "EC-2025-01", featureKind: "face-recognition", decision: "unfavourable", veto: true,
                      vetoScope: "all deployments", rationale: "Identifies people: contrary to the charter.",
                      members: ["A. Chair", "B. Member"], date: "2025-02-01"),
        ReportOpinion(id: "EC-2025-02", featureKind: "counting", decision: "favourable-with-reservations",
                      reservations: ["Publish only groups of 10 or more", "Review the thresholds yearly"],
                      rationale: "Anonymous counts serve planning.", members: ["A. Chair"], date: "2025-03-01", reviewBy: "2026-03-01"),
        ReportOpinion(id: "EC-2025-03", featureKind: "direction", decision: "favourable", rationale: "Road safety.",
                      members: ["A. Chair", "C. Member"], date: "2025-03-15", reviewBy: "2027-03-15"),
    ]

    /// A full context: a passed verification, opinions, one current and one stale sign-off, and a
    /// previous assessment of another model.
    static func context(_ loaded: LoadedDeployment) throws -> ReportContext {
        let assessment = try assess(loaded)
        return ReportContext(
            loaded: loaded, assessment: assessment,
            verification: ReportVerification(attestationId: "sha256:0123456789abcdef", engine: "builtin", engineVersion: "0.1.0", passed: true,
                                              date: fixedDate.addingTimeInterval(-30 * 86_400), clips: ["street.y4m (sha256:feedbeef)"],
                                              checks: [.init(name: "Fields outside the contract", passed: true, detail: "none in 1,204 events")]),
            ethicsOpinions: opinions,
            signOffs: [ReportSignOff(role: "dpo", name: "C. Martin", opinion: "Favourable", date: "2025-12-01", modelHash: "sha256:0000"),
                       ReportSignOff(role: "controller", name: "Mayor", opinion: "Approved", date: "2026-01-10", modelHash: loaded.modelHash)],
            previousAssessment: PreviousAssessment(modelHash: "sha256:0000", rulesVersion: assessment.rulesVersion, verdict: "non-compliant",
                                                   assessedAt: fixedDate.addingTimeInterval(-40 * 86_400)),
            generatedAt: fixedDate)
    }

    /// Every report of `context`'s deployment in `lang`: the PIA, the processing sheets and the
    /// ethics-committee report on the context's opinions.
    static func allReports(_ context: ReportContext, _ lang: Language) throws -> [RenderedReport] {
        let templates = try templates(lang)
        var reports = [try PIAReport.render(context, templates: templates)]
        reports += try ProcessingSheetReport.render(context.loaded.document, modelHash: context.loaded.modelHash,
                                                    templates: templates, generatedAt: fixedDate)
        reports.append(try EthicsReport.render(opinions: context.ethicsOpinions, scope: .deployment(context.loaded.document),
                                               templates: templates, generatedAt: fixedDate))
        return reports
    }
}
