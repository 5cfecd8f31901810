import Assessment
import DeploymentModel
import Foundation

/// The view of the PIA report (DESIGN.md "Reports"): one dictionary per section, raw text values
/// (the MARKDOWN content type escapes them), booleans for what the template says in prose.
enum PIAView {
    static func make(_ context: ReportContext, language lang: Language, labels: LabelTable) -> [String: Any] {
        let document = context.loaded.document
        let assessment = context.assessment
        let day = ReportDates.day(context.generatedAt)
        var view: [String: Any] = [
            "deploymentName": document.deployment.name,
            "deploymentId": document.deployment.id,
            "generatedOn": day,
        ]
        view["control"] = documentControl(context, language: lang, labels: labels)
        view["summary"] = summary(context, language: lang, labels: labels)
        view["threshold"] = threshold(assessment.threshold, language: lang)
        view["context"] = processingContext(document, language: lang, labels: labels)
        view["legal"] = legal(document, assessment: assessment, language: lang)
        view["necessity"] = necessity(document, assessment: assessment, language: lang)
        view["minimisation"] = minimisation(document, assessment: assessment, language: lang)
        view["rights"] = rights(document, assessment: assessment, language: lang)
        view["biometric"] = biometric(context, language: lang)
        view["risks"] = risks(assessment, language: lang)
        view["measures"] = measures(document, assessment: assessment, language: lang, labels: labels)
        view["regime"] = DocumentRegime(assessment, document).view(labels)
        let reviewed = ReviewState(context)
        view["principles"] = reviewed.principles(principles(context, labels: labels), ids: principleScopes.map(\.id), labels: labels)
        view["riskDetails"] = reviewed.riskDetails(riskDetails(context, labels: labels), risks: assessment.risks, labels: labels)
        view["reviewRecord"] = reviewed.record(labels)
        view["accuracy"] = accuracy(context, labels: labels)
        view["accuracyBias"] = labels.label("accuracy.bias")
        view["validation"] = reviewed.validation(validation(context, labels: labels), labels: labels)
        view["changes"] = changes(context, labels: labels)
        let plan = MergedActionPlan(context, labels: labels, language: lang).view(labels: labels)
        view["actionPlan"] = plan
        view["hasActionPlan"] = !plan.isEmpty
        // One owner and one status for every action: said once above the table, not in each row.
        let owners = Set(plan.compactMap { $0["owner"] as? String }), statuses = Set(plan.compactMap { $0["status"] as? String })
        view["actionPlanUniform"] = owners.count == 1 && statuses.count == 1
        view["actionPlanOwner"] = owners.first ?? ""
        view["actionPlanStatus"] = statuses.first ?? ""
        view["aiAct"] = aiAct(document, assessment: assessment, language: lang)
        view["ethics"] = ethics(context, language: lang)
        view["signOff"] = signOff(context, language: lang, labels: labels)
        view["review"] = review(context, language: lang)
        view["annex"] = annexes(context, language: lang)
        return view
    }

    // MARK: Document control

    static func documentControl(_ context: ReportContext, language lang: Language, labels: LabelTable) -> [String: Any] {
        let assessment = context.assessment
        let document = context.loaded.document
        let fr = lang == .fr
        var staleness: [String] = []
        let current = assessment.modelHash
        if let previous = context.previousAssessment {
            let date = ReportDates.day(previous.assessedAt)
            if previous.modelHash != current {
                staleness.append(fr ? "Le modèle a changé depuis l'évaluation précédente du \(date) (\(ReportDates.shortHash(previous.modelHash)), verdict : \(previous.verdict))."
                                    : "The model changed since the previous assessment of \(date) (\(ReportDates.shortHash(previous.modelHash)), verdict: \(previous.verdict)).")
            } else {
                staleness.append(fr ? "Modèle identique à celui de l'évaluation précédente du \(date)."
                                    : "Same model as the previous assessment of \(date).")
            }
            if previous.rulesVersion != assessment.rulesVersion {
                staleness.append(fr ? "Les règles ont changé depuis l'évaluation précédente (\(ReportDates.shortHash(previous.rulesVersion)))."
                                    : "The rules changed since the previous assessment (\(ReportDates.shortHash(previous.rulesVersion))).")
            }
        } else {
            staleness.append(fr ? "Aucune évaluation antérieure n'est enregistrée pour ce dispositif."
                                : "No earlier assessment of this deployment is recorded.")
        }
        if let stale = ReviewState(context).stale {
            staleness.append(ReviewState(context).record(Labels.table(lang))["text"] as? String ?? stale.id)
        }
        let signed = context.signOffs
        if signed.isEmpty {
            staleness.append(fr ? "Le rapport n'a encore été signé par personne." : "Nobody has signed this report yet.")
        } else if signed.contains(where: { $0.modelHash != current }) {
            let stale = signed.filter { $0.modelHash != current }.map { "\($0.name) (\(Labels.signOffRole($0.role, labels)), \($0.date))" }.joined(separator: ", ")
            staleness.append(fr ? "ATTENTION : signature(s) portant sur une version antérieure du modèle : \(stale). Elles ne valent pas pour cette version."
                                : "WARNING: sign-off(s) given on an earlier version of the model: \(stale). They do not cover this version.")
        }
        if let verification = context.verification {
            let age = Int(context.generatedAt.timeIntervalSince(verification.date) / 86_400)
            if age > 365 {
                staleness.append(fr ? "La dernière vérification du moteur date de \(age) jours : à renouveler."
                                    : "The latest engine verification is \(age) days old: it should be renewed.")
            }
            if let engine = document.engine, !sameEngine(engine, verification) {
                staleness.append(fr ? "Le moteur déclaré (\(engine.name) \(engine.version)) n'est pas celui qui a été vérifié (\(verification.engine) \(verification.engineVersion))."
                                    : "The declared engine (\(engine.name) \(engine.version)) is not the one verified (\(verification.engine) \(verification.engineVersion)).")
            }
        }
        var rows: [[String: Any]] = [
            row(fr ? "Dispositif" : "Deployment", "\(document.deployment.name) (\(document.deployment.id))"),
            row(fr ? "Fichier du modèle" : "Model file", context.loaded.file.replacingOccurrences(of: "//", with: "/")),
            row(fr ? "Empreinte du modèle" : "Model hash", current),
            row(fr ? "Version des règles" : "Rules version", assessment.rulesVersion),
            row(fr ? "Référentiels appliqués" : "Rule packs applied", assessment.packs.map { labels.label("rule_pack.\($0)") }.joined(separator: ", ")),
            row(fr ? "Évaluation réalisée le" : "Assessed on", ReportDates.day(assessment.assessedAt)),
            row(fr ? "Rapport établi le" : "Report produced on", ReportDates.day(context.generatedAt)),
        ]
        if let dpia = document.dpia {
            let short = labels.label("regime_word.short")
            if let reference = dpia.reference { rows.append(row(fr ? "Référence de l'\(short)" : "\(short) reference", reference)) }
            if let date = dpia.date { rows.append(row(fr ? "\(short) initiale" : "First \(short)", date)) }
            if let review = dpia.lastReview { rows.append(row(fr ? "Dernière révision" : "Last review", review)) }
        }
        return ["rows": rows, "staleness": staleness.map { ["text": $0] }]
    }

    // MARK: Summary

    static func summary(_ context: ReportContext, language lang: Language, labels: LabelTable) -> [String: Any] {
        let assessment = context.assessment
        let open = assessment.findings.filter { if case .waived = $0.waiver { return false }; return true }
        var counts: [[String: Any]] = []
        for severity in Severity.allCases.reversed() {
            let openCount = open.filter { $0.severity == severity }.count
            let waived = assessment.findings.filter { finding in
                if case .waived = finding.waiver { return finding.severity == severity }
                return false
            }.count
            counts.append(["severity": Labels.severity(severity, lang), "open": openCount, "waived": waived])
        }
        // Said once: one line per rule, its first finding's message, the other subjects named after it
        // (six purposes failing the same rule are one line, not six copies of one paragraph).
        var groups: [(first: Finding, others: [String])] = []
        for finding in open where finding.severity >= .high {
            if let index = groups.firstIndex(where: { $0.first.ruleId == finding.ruleId }) {
                if let subject = finding.subjectId, subject != groups[index].first.subjectId, !groups[index].others.contains(subject) {
                    groups[index].others.append(subject)
                }
            } else {
                groups.append((finding, []))
            }
        }
        let major = groups.prefix(12).map { group -> [String: Any] in
            compact(["severity": Labels.severity(group.first.severity, lang), "rule": group.first.ruleId,
                     "title": group.first.title.text(lang), "message": group.first.message.text(lang),
                     "subjects": group.others.isEmpty ? nil : group.others.joined(separator: ", ") as Any])
        }
        return [
            // Legal verdict (law findings only) and the vendor charter's, apart (from the assessment).
            "legalTitle": labels.label("legal_verdict.title"),
            "legalVerdict": labels.label("legal_verdict.\(assessment.legalVerdict.rawValue)"),
            "legalCode": assessment.legalVerdict.rawValue,
            "charterTitle": labels.label("charter_verdict.title"),
            "charterVerdict": labels.label("charter_verdict.\(assessment.charterVerdict.rawValue)"),
            "charterCode": assessment.charterVerdict.rawValue,
            "verdict": Labels.verdict(assessment.legalVerdict, lang),
            "verdictCode": assessment.legalVerdict.rawValue,
            "compliant": assessment.legalVerdict == .compliant,
            "vetoed": assessment.charterVerdict == .vetoed,
            "dpiaRequired": assessment.threshold.dpiaRequired,
            "counts": counts,
            "openCount": open.count,
            "major": Array(major),
            "hasMajor": !major.isEmpty,
            "moreMajor": max(groups.count - 12, 0),
            "hasMoreMajor": groups.count > 12,
            "verified": context.verification.map { $0.passed && !$0.checks.contains { !$0.passed } && sameEngine(context.loaded.document.engine, $0) } ?? false,
            "verifiedClips": { (n: Int) in lang == .fr ? "\(n) séquence\(n > 1 ? "s" : "") de test" : "\(n) test clip\(n == 1 ? "" : "s")" }(context.verification?.clips.count ?? 0),
            "verifiedOtherEngine": context.verification.map { $0.passed && !sameEngine(context.loaded.document.engine, $0) } ?? false,
            "verificationFailed": context.verification.map { !$0.passed } ?? false,
            "cameraCount": context.loaded.document.cameras.count,
            "purposeCount": context.loaded.document.purposes.count,
            "cameraPhrase": counted(context.loaded.document.cameras.count, lang == .fr ? ("caméra", "caméras") : ("camera", "cameras"), lang),
            "purposePhrase": counted(context.loaded.document.purposes.count, lang == .fr ? ("finalité", "finalités") : ("purpose", "purposes"), lang),
        ]
    }

    /// "1 finalité", "2 finalités", "18 caméras" — French takes the singular for 0 and 1.
    static func counted(_ n: Int, _ words: (one: String, many: String), _ lang: Language) -> String {
        "\(integer(n, lang)) \((lang == .fr ? n <= 1 : n == 1) ? words.one : words.many)"
    }

    // MARK: Threshold analysis

    static func threshold(_ analysis: ThresholdAnalysis, language lang: Language) -> [String: Any] {
        func rows(_ criteria: [CriterionResult]) -> [[String: Any]] {
            criteria.map { ["id": $0.id, "title": $0.title.text(lang), "met": Labels.yesNo($0.met, lang), "reason": $0.reason.text(lang)] }
        }
        return [
            "criteria": rows(analysis.criteria),
            "metCount": analysis.criteria.filter(\.met).count,
            "article35_3": rows(analysis.article35_3),
            "hasArticle35_3": !analysis.article35_3.isEmpty,
            "required": analysis.dpiaRequired,
            "reason": (analysis.criteria + analysis.article35_3).reduce(analysis.reason.text(lang)) { text, criterion in
                // The reason lists criteria by id: the reader gets their titles.
                text.replacingOccurrences(of: criterion.id, with: criterion.title.text(lang).lowercased())
            },
        ]
    }

    // MARK: Context

    static func processingContext(_ document: DeploymentDocument, language lang: Language, labels: LabelTable) -> [String: Any] {
        let deployment = document.deployment
        var sites = Set<String>()
        var zones: [String: Int] = [:]
        for camera in document.cameras {
            sites.insert(camera.site)
            zones[Labels.enumValue("camera_zone", camera.zone.rawValue, lang), default: 0] += 1
        }
        let fr = lang == .fr
        var rows: [[String: Any]] = [
            row(labels.label("role.controller"), "\(deployment.controller.name) (\(deployment.controller.country)) — \(deployment.controller.contact)"),
            // Canada has no DPO: the person in charge of personal information (P-39.1 s. 3.1, PIPEDA 4.1).
            TransferArea(document).canadian
                ? row(fr ? "Personne responsable de la protection des renseignements personnels" : "Person in charge of the protection of personal information",
                      deployment.controller.accountablePerson.map { [$0.name, $0.email].compactMap { $0 }.joined(separator: " — ") } ?? (fr ? "aucune désignée" : "none designated"))
                : row(fr ? "Délégué à la protection des données" : "Data protection officer",
                      deployment.controller.dpo.map { [$0.name, $0.email].compactMap { $0 }.joined(separator: " — ") } ?? (fr ? "aucun désigné" : "none designated")),
            row(fr ? "Secteur" : "Sector", Labels.sector(deployment.sector, lang)),
            row(fr ? "Lieux ouverts au public" : "Publicly accessible places", Labels.yesNo(deployment.publiclyAccessible, lang)),
            row(fr ? "Droit applicable" : "Applicable law", deployment.jurisdictions.joined(separator: ", ")),
            row(fr ? "Caméras" : "Cameras", "\(document.cameras.count)"),
            row(fr ? "Sites" : "Sites", "\(sites.count)"),
            row(fr ? "Zones filmées (caméras)" : "Zones filmed (cameras)", zones.sorted { $0.key < $1.key }.map { "\($0.key) (\($0.value))" }.joined(separator: ", ")),
        ]
        if let start = deployment.startDate { rows.append(row(fr ? "Mise en service" : "Start of operation", start)) }
        if let subjects = deployment.estimatedDailySubjects { rows.append(row(fr ? "Personnes vues par jour (estimation)" : "People seen per day (estimate)", integer(subjects, lang))) }
        if let experiment = deployment.legalExperiment { rows.append(row(fr ? "Cadre expérimental" : "Experimental legal regime", experiment)) }
        if let engine = document.engine {
            // The engine's command line is a tool internal: the technical annex has the model.
            rows.append(row(fr ? "Moteur d'analyse" : "Analytics engine", Labels.engineName(engine.name, engine.version, lang)))
        }
        let processors = deployment.processors.map { processor -> [String: Any] in
            ["name": processor.name, "role": TransferArea(document).canadian ? labels.label("processor_role_ca.\(processor.role.rawValue)")
                                                            : Labels.processorRole(processor.role, lang), "country": processor.country,
             "contract": Labels.contract(processor.contract, lang), "services": processor.services.joined(separator: ", ")]
        }
        let purposes = document.purposes.map { purpose -> [String: Any] in
            ["id": purpose.id, "description": purpose.description, "features": purpose.features.joined(separator: ", "),
             "cameras": document.cameras.filter { $0.purposes.contains(purpose.id) }.count]
        }
        let features = document.features.map { feature -> [String: Any] in
            ["id": feature.id, "kind": Labels.enumValue("feature_kind", feature.kind.rawValue, lang),
             "subjects": feature.subjects.map { Labels.enumValue("subject_class", $0.rawValue, lang) }.joined(separator: ", "),
             "outputs": feature.outputs.map { Labels.enumValue("feature_output", $0.rawValue, lang) }.joined(separator: ", "),
             "onDevice": Labels.yesNo(feature.onDevice, lang),
             "description": feature.description ?? "—"]
        }
        return compact([
            "description": deployment.description as Any,
            "rows": rows, "processors": processors, "hasProcessors": !processors.isEmpty,
            "purposes": purposes, "features": features,
        ])
    }

    static func row(_ label: String, _ value: String) -> [String: Any] { ["label": label, "value": value] }

    /// Rule texts mark commands and model keys as code (`silhouette verify`); a signed document
    /// shows them as plain words, never as literal backticks.
    static func plain(_ text: String) -> String { text.replacingOccurrences(of: "`", with: "") }

    /// The findings whose subject is under one of `prefixes` (`purposes`, `retention`…), for the
    /// section that discusses that part of the model.
    /// Said once: findings of one rule whose messages differ only by their subject (six cameras
    /// without a sign) are one row naming every subject; annex B lists each finding.
    static func findings(_ assessment: AssessmentResult, under prefixes: [String], language lang: Language) -> [[String: Any]] {
        let selected = assessment.findings.filter { finding in
            prefixes.contains { finding.subjectPath == $0 || finding.subjectPath.hasPrefix($0 + "[") || finding.subjectPath.hasPrefix($0 + ".") }
        }
        var rows: [[String: Any]] = []
        var groupOf: [String: Int] = [:]
        var subjects: [[String]] = []
        for finding in selected {
            var pattern = finding.message.text(lang)
            if let subject = finding.subjectId {
                let id = NSRegularExpression.escapedPattern(for: subject)
                let space = "[\\s\\u00A0\\u202F]*"
                if let quoted = try? NSRegularExpression(pattern: "«\(space)\(id)\(space)»|'\(id)'|“\(id)”|\"\(id)\"") {
                    pattern = quoted.stringByReplacingMatches(in: pattern, range: NSRange(pattern.startIndex..., in: pattern), withTemplate: "\u{1}")
                }
            }
            let key = finding.ruleId + "\u{2}" + finding.severity.rawValue + "\u{2}" + pattern
            if let index = groupOf[key], let subject = finding.subjectId, !subjects[index].contains(subject) {
                subjects[index].append(subject)
                rows[index]["subject"] = subjects[index].joined(separator: ", ")
                continue
            }
            groupOf[key] = rows.count
            subjects.append(finding.subjectId.map { [$0] } ?? [])
            rows.append(findingRow(finding, language: lang))
        }
        return rows
    }

    /// One finding as a table row. In the body (`annex: false`) the remediation says what to do,
    /// without the model keys and commands the technical annex gives (`BodyText`).
    static func findingRow(_ finding: Finding, language lang: Language, annex: Bool = false) -> [String: Any] {
        let citation = ReferenceText(Labels.table(lang))
        let refs = finding.refs.map { ref -> String in
            var text = citation.cite(law: ref.law, article: ref.article)
            // Rule packs give titles and notes in one language: marked when it is not the document's.
            if let title = ref.title(lang) { text += " (\(UntranslatedMarker.marked(citation.translate(title), Labels.table(lang))))" }
            if ref.uncertain { text += lang == .fr ? " [référence incertaine]" : " [uncertain reference]" }
            if let note = ref.note(lang) { text += " — \(UntranslatedMarker.marked(note, Labels.table(lang)))" }
            return text
        }
        return [
            "severity": Labels.severity(finding.severity, lang), "rule": finding.ruleId, "pack": finding.pack,
            "title": plain(finding.title.text(lang)), "message": plain(finding.message.text(lang)),
            "remediation": annex ? plain(finding.remediation.text(lang)) : BodyText.withoutToolInternals(finding.remediation.text(lang)),
            "subject": finding.subjectId ?? (lang == .fr ? "ensemble du dispositif" : "whole deployment"),
            "path": finding.subjectPath,
            "position": finding.position.map { "\($0)" } ?? "—", "refs": refs.joined(separator: "; "),
            "waiver": Labels.waiver(finding.waiver, lang),
        ]
    }
}
