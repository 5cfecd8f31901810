import ArgumentParser
import Assessment
import DeploymentModel
import Foundation
import Store
#if canImport(Glibc)
import Glibc
#endif

/// `silhouette assess`: checks a deployment against the rule packs and prints the findings.
struct AssessCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "assess",
        abstract: "Assess a deployment against GDPR, CNIL, French law, PIPEDA, the AI Act and the ethics charter.",
        discussion: """
        Reads a deployment model (YAML, or - for stdin), chooses the rule packs from its \
        purposes' applicable law and the charter (--packs overrides), evaluates every rule on every camera, purpose, feature, flow, \
        retention entry, processor, system and recipient, and reports:
          - findings: rule, severity, subject (cameras[12]) at file:line:col, message, legal \
        references, remediation, waiver state (waivers in the model suppress a finding until \
        they expire; an expired waiver reopens it);
          - the DPIA threshold analysis (the nine WP248 criteria and GDPR Art. 35(3));
          - risks (CNIL feared events and video-specific ones), inherent and residual;
          - the verdict: compliant, compliant-with-reservations, non-compliant or vetoed;
          - the action plan (csv format).

        The store (.silhouette/store.sqlite beside the deployment, or --store PATH) supplies \
        the ethics committee's current opinions (an unfavourable one on an enabled feature \
        vetoes it), the latest engine verification and the last sign-off; every assessment is \
        recorded there (history, diff) unless --no-record.

        Applicable law is chosen per purpose by rules/regimes.yaml: EU/EEA → GDPR (+ fr for \
        France); offence purposes of a public authority or a body entrusted by law → police \
        directive (led); Québec private sector → qc; other provinces' commercial activity and \
        federally regulated businesses → pipeda. A purpose whose law no pack covers (Alberta, \
        British Columbia, provincial public bodies, UK…) or an unknown jurisdiction stops with \
        exit 2 and one line saying what applies; --packs forces packs (with a warning).

        Two verdicts: legal (law findings only) and charter (the vendor's charter and the \
        ethics register), legal first.

        Exit status: 0 when no open finding reaches --fail-on, 1 when one does, 2 on a usage \
        or input error (nothing is written then). --fail-on high (the default) counts law and \
        charter findings alike, as before; --fail-on legal:high,charter:critical sets each \
        kind apart (a kind not named never fails).

        Examples:
          silhouette assess examples/massy-city/deployment.yaml
          silhouette assess deployment.yaml --format sarif -o findings.sarif
          silhouette assess deployment.yaml --lang fr --fail-on critical
          silhouette assess deployment.yaml --fail-on legal:high,charter:critical
          silhouette assess deployment.yaml --packs gdpr,bio --rules-dir org-rules/
          silhouette assess deployment.yaml --format csv -o action-plan.csv
          silhouette assess stores/ --portfolio --report portfolio.html
        """)

    @Argument(help: "The deployment YAML file, or - to read it from stdin.")
    var deployment: String

    @Option(help: "Output format: text, json, sarif, junit or csv (the action plan).")
    var format: AssessmentFormat = .text

    @Option(help: "Language of the texts: en or fr.")
    var lang: Language = .en

    @Option(name: .customLong("fail-on"), help: "Exit 1 when an open finding reaches this severity (info, low, medium, high, critical), for law and charter alike; or per kind: legal:high,charter:critical (an unnamed kind never fails; none: never).")
    var failOn: String = "high"

    @OptionGroup var rules: RuleSelectionOptions

    @Option(name: .shortAndLong, help: "Write the output to this file instead of stdout (written atomically).")
    var output: String?

    @OptionGroup var storeOptions: StoreOptions

    @Flag(name: .customLong("no-record"), help: "Do not record this assessment in the store.")
    var noRecord = false

    @Flag(help: "DEPLOYMENT is a folder: assess every deployment under it in parallel, one line per site and a summary per base.")
    var portfolio = false

    @Option(help: "With --portfolio: also write the management report to FILE.md or FILE.html.")
    var report: String?

    func run() async throws {
        let threshold: FailThreshold
        switch FailThreshold.parse(failOn) {
        case .success(let parsed): threshold = parsed
        case .failure(let error): throw error
        }
        if portfolio {
            let failed = try PortfolioAssessment.run(.init(directory: deployment, format: format, language: lang, failOn: threshold,
                                                           rules: rules, output: output, report: report, store: storeOptions,
                                                           noRecord: noRecord))
            if failed { throw ExitCode(1) }
            return
        }
        if report != nil { throw AssessCommandError.reportNeedsPortfolio }
        let now = try self.rules.now()
        let loaded = try DeploymentLoader.load(path: deployment)
        let rules = try self.rules.loadRules(for: loaded.document)
        let context = try AssessmentStoreBridge.context(options: storeOptions, deploymentFile: deployment,
                                                        deploymentId: loaded.document.deployment.id, now: now,
                                                        declaredEngine: loaded.document.engine)
        let result = Assessor.assess(loaded, rules: rules, context: context)
        if !noRecord {
            _ = try AssessmentStoreBridge.record(result, loaded: loaded, options: storeOptions, deploymentFile: deployment)
        }

        let colour = output == nil && format == .text && isatty(STDOUT_FILENO) == 1
            && ProcessInfo.processInfo.environment["NO_COLOR"] == nil
        let text = AssessmentRenderer(language: lang, colour: colour, rules: rules.rules, routing: rules.routing).render(result, as: format)
        if let output {
            do { try AtomicFile.write(Data(text.utf8), to: output) } catch {
                throw AssessCommandError.cannotWrite(path: output, reason: error.reason)
            }
        } else {
            FileHandle.standardOutput.write(Data(text.utf8))
        }
        if threshold.fails(result) { throw ExitCode(1) }
    }
}

enum AssessCommandError: Error, CustomStringConvertible {
    case badDate(String)
    case emptyPacks
    case cannotWrite(path: String, reason: String)
    case reportNeedsPortfolio

    var description: String {
        switch self {
        case .badDate(let text): "--date '\(text)' is not a date (hint: write YYYY-MM-DD)"
        case .emptyPacks: "--packs is empty (hint: name packs separated by commas, e.g. gdpr,bio)"
        case .cannotWrite(let path, let reason): "\(path): cannot write: \(reason) (hint: check the directory exists and is writable)"
        case .reportNeedsPortfolio: "--report is for --portfolio (hint: one deployment's reports come from silhouette report pia)"
        }
    }
}

extension AssessmentFormat: ExpressibleByArgument {}
extension Language: ExpressibleByArgument {}
extension Severity: ExpressibleByArgument {}
