import Assessment
import DeploymentModel
import Foundation

extension PIAView {
    /// Feature kinds that process biometric data or identify people (GDPR Art. 4(14), Art. 9;
    /// AI Act Art. 3(34)–(41)).
    static let biometricKinds: Set<FeatureKind> = [.faceDetection, .faceRecognition, .reid, .emotion, .attributeEstimation]

    // MARK: Biometric-free assurance

    static func biometric(_ context: ReportContext, language lang: Language) -> [String: Any] {
        let document = context.loaded.document
        let fr = lang == .fr
        let declared = document.features.filter { feature in
            biometricKinds.contains(feature.kind) || feature.outputs.contains(.template) || feature.subjects.contains(.face)
                || feature.followsIndividual
        }.map { feature -> [String: Any] in
            var why: [String] = []
            if biometricKinds.contains(feature.kind) { why.append(Labels.enumValue("feature_kind", feature.kind.rawValue, lang)) }
            if feature.outputs.contains(.template) { why.append(fr ? "produit un gabarit" : "outputs a template") }
            if feature.subjects.contains(.face) { why.append(fr ? "traite des visages" : "processes faces") }
            if feature.followsIndividual { why.append(fr ? "suit une personne choisie" : "follows a chosen individual") }
            return ["id": feature.id, "why": why.joined(separator: ", ")]
        }
        var view: [String: Any] = [
            "declaredBiometric": declared, "hasDeclaredBiometric": !declared.isEmpty,
            "engine": document.engine.map { Labels.engineName($0.name, $0.version, lang) } ?? (fr ? "non déclaré" : "not declared"),
        ]
        guard let verification = context.verification else {
            view["verified"] = false
            return view
        }
        view["verified"] = true
        // Claim only what was tested: a check that had nothing to examine ("0 tracked events")
        // was not exercised, and one failed check makes the result a failure.
        let anyFailed = !verification.passed || verification.checks.contains { !$0.passed }
        let clipCount = verification.clips.count
        view["attestation"] = compact([
            "id": verification.attestationId, "engine": Labels.engineName(verification.engine, verification.engineVersion, lang),
            "date": ReportDates.day(verification.date), "passed": !anyFailed,
            "result": !anyFailed ? (fr ? "aucune fuite biométrique détectée sur \(clipCount) séquence\(clipCount > 1 ? "s" : "") de test"
                                       : "no biometric leakage found in \(clipCount) test clip\(clipCount == 1 ? "" : "s")")
                                 : (fr ? "ÉCHEC : au moins un contrôle n'est pas satisfait" : "FAILED: at least one check did not pass"),
            "clips": verification.clips.isEmpty ? "—" : verification.clips.joined(separator: ", "),
            "checks": verification.checks.map { [detail = VerificationDetail(Labels.table(lang))] check -> [String: Any] in
                let idle = check.skipped || (check.passed && check.detail.range(of: #"(^|\D)0 [a-zA-Zé]"#, options: .regularExpression) != nil)
                let state = !check.passed ? (fr ? "échoué" : "failed") : idle ? (fr ? "non testé" : "not exercised") : (fr ? "réussi" : "passed")
                // French documents name the check from the label tables (its title is English).
                let name = fr ? check.id.map { checkName($0, lang) } ?? check.name : check.name
                return ["name": name, "passed": state, "detail": detail.text(check.detail)]
            },
            "hasChecks": !verification.checks.isEmpty,
            "sameEngine": sameEngine(document.engine, verification),
            "scope": verificationScope(verification.scope, declared: document.engine, language: lang) as Any,
        ] as [String: Any])
        return view
    }

    /// True when the attestation covers the engine the model declares (same name and version);
    /// a model that declares no engine is judged on the attestation alone.
    static func sameEngine(_ engine: Engine?, _ verification: ReportVerification) -> Bool {
        guard let engine else { return true }
        if let covers = verification.coversDeclaredEngine { return covers }
        return engine.name == verification.engine && engine.version == verification.engineVersion
    }

    // MARK: Risks

    static func risks(_ assessment: AssessmentResult, language lang: Language) -> [String: Any] {
        let rows = assessment.risks.enumerated().map { index, risk -> [String: Any] in
            compact([
                "label": "R\(index + 1)", "id": risk.id, "title": risk.title.text(lang),
                "inherentSeverity": Labels.level(risk.inherentSeverity, lang), "inherentLikelihood": Labels.level(risk.inherentLikelihood, lang),
                "residualSeverity": Labels.level(risk.residualSeverity, lang), "residualLikelihood": Labels.level(risk.residualLikelihood, lang),
                "measures": risk.measures.isEmpty ? "—" : risk.measures.map { measureWords($0, lang) }.joined(separator: ", "),
                "overridden": risk.overridden as Any,
            ])
        }
        let high = assessment.risks.contains { $0.residualSeverity + $0.residualLikelihood >= 7 || ($0.residualSeverity >= 3 && $0.residualLikelihood >= 3) }
        return ["rows": rows, "hasRisks": !rows.isEmpty, "highResidual": high]
    }

    /// A measure named by the risk analysis, in words.
    static func measureWords(_ measure: String, _ lang: Language) -> String {
        if let known = SecurityMeasure(rawValue: measure) { return Labels.securityMeasure(known, lang).lowercased() }
        return PIAView.measureLabel(measure, Labels.table(lang))
    }

    static func riskMapEntries(_ assessment: AssessmentResult, language lang: Language) -> [RiskMapSVG.Entry] {
        assessment.risks.enumerated().map { index, risk in
            RiskMapSVG.Entry(label: "R\(index + 1)", title: risk.title.text(lang),
                             inherent: (risk.inherentSeverity, risk.inherentLikelihood),
                             residual: (risk.residualSeverity, risk.residualLikelihood))
        }
    }

    // MARK: Measures and action plan

    static func measures(_ document: DeploymentDocument, assessment: AssessmentResult, language lang: Language, labels: LabelTable) -> [String: Any] {
        let actions = assessment.actionPlan.map { item -> [String: Any] in
            ["action": item.action.text(lang), "rule": item.ruleId ?? "—", "owner": item.owner, "due": item.due,
             "status": item.status, "severity": Labels.severity(item.severity, lang)]
        }
        let systems = document.systems.map { system -> [String: Any] in
            ["id": system.id, "kind": Labels.systemKind(system.kind, lang),
             // A processor is named as the model names it, not by its id.
             "operatedBy": system.operatedBy == "controller" ? labels.label("role.controller")
                : document.deployment.processors.first { $0.id == system.operatedBy || $0.name == system.operatedBy }?.name ?? system.operatedBy,
             "country": system.country ?? "—", "accessControl": Labels.yesNo(system.accessControl, lang),
             "accessLogging": Labels.yesNo(system.accessLogging, lang), "encrypted": Labels.yesNo(system.encryptedAtRest, lang)]
        }
        let found = findings(assessment, under: ["security", "systems", "data_flows", "recipients"], language: lang)
        return [
            "security": document.security.map { ["measure": Labels.securityMeasure($0, lang)] },
            "hasSecurity": !document.security.isEmpty,
            "systems": systems, "hasSystems": !systems.isEmpty,
            "actions": actions, "hasActions": !actions.isEmpty,
            "findings": found, "hasFindings": !found.isEmpty,
        ]
    }

    // MARK: AI Act

    static func aiAct(_ document: DeploymentDocument, assessment: AssessmentResult, language lang: Language) -> [String: Any] {
        let fr = lang == .fr
        var concerns: [String] = []
        for feature in document.features {
            switch feature.kind {
            case .emotion:
                concerns.append(fr ? "\(feature.id) : reconnaissance des émotions — interdite sur le lieu de travail et dans l'enseignement (art. 5.1.f), à haut risque ailleurs (annexe III, point 1.c)"
                                   : "\(feature.id): emotion recognition — prohibited in workplaces and education (Art. 5(1)(f)), high-risk elsewhere (Annex III, point 1(c))")
            case .faceRecognition, .reid:
                concerns.append(fr ? "\(feature.id) : identification biométrique à distance — annexe III, point 1.a ; en temps réel dans l'espace public à des fins répressives : art. 5.1.h"
                                   : "\(feature.id): remote biometric identification — Annex III, point 1(a); real-time in publicly accessible spaces for law enforcement: Art. 5(1)(h)")
            case .attributeEstimation:
                concerns.append(fr ? "\(feature.id) : catégorisation biométrique — annexe III, point 1.b ; interdite si elle déduit des données sensibles (art. 5.1.g)"
                                   : "\(feature.id): biometric categorisation — Annex III, point 1(b); prohibited when it infers sensitive traits (Art. 5(1)(g))")
            default: break
            }
        }
        let found = assessment.findings.filter { $0.pack.lowercased().contains("ai-act") }.map { findingRow($0, language: lang) }
        return ["concerns": concerns.map { ["text": $0] }, "hasConcerns": !concerns.isEmpty,
                "findings": found, "hasFindings": !found.isEmpty,
                "packApplied": assessment.packs.contains { $0.lowercased().contains("ai-act") }]
    }

    // MARK: Ethics committee

    static func ethics(_ context: ReportContext, language lang: Language) -> [String: Any] {
        let features = context.loaded.document.features
        let relevant = context.ethicsOpinions.filter { opinion in features.contains { opinion.concerns($0) } }
        let rows = relevant.map { opinion -> [String: Any] in
            let enabled = features.filter { opinion.concerns($0) }.map(\.id).joined(separator: ", ")
            return [
                "id": opinion.id, "subject": opinion.feature ?? opinion.featureKind ?? "—", "features": enabled,
                "decision": Labels.decision(opinion.decision, lang), "veto": opinion.veto,
                "reservations": opinion.reservations.isEmpty ? "—" : opinion.reservations.joined(separator: "; "),
                "date": opinion.date ?? "—", "reviewBy": opinion.reviewBy ?? "—",
            ]
        }
        let vetoes = rows.filter { $0["veto"] as? Bool == true }
        let found = context.assessment.findings.filter { $0.pack.lowercased().contains("ethics") }.map { findingRow($0, language: lang) }
        return ["opinions": rows, "hasOpinions": !rows.isEmpty, "vetoes": vetoes, "hasVetoes": !vetoes.isEmpty,
                "findings": found, "hasFindings": !found.isEmpty,
                "committee": context.loaded.document.deployment.controller.ethicsCommittee == true]
    }

    // MARK: DPO opinion and sign-off

    static func signOff(_ context: ReportContext, language lang: Language, labels: LabelTable) -> [String: Any] {
        let current = context.assessment.modelHash
        let fr = lang == .fr
        let rows = context.signOffs.map { signOff -> [String: Any] in
            ["role": Labels.signOffRole(signOff.role, labels), "name": signOff.name, "opinion": signOff.opinion, "date": signOff.date,
             "model": signOff.modelHash == current ? (fr ? "cette version" : "this version")
                                                   : (fr ? "AUTRE VERSION " : "OTHER VERSION ") + ReportDates.shortHash(signOff.modelHash)]
        }
        var view: [String: Any] = ["signOffs": rows, "hasSignOffs": !rows.isEmpty, "modelHash": current]
        if let advice = context.loaded.document.dpia?.dpoAdvice {
            view["advice"] = ["date": advice.date, "summary": advice.summary]
        }
        view["dpo"] = context.loaded.document.deployment.controller.dpo?.name ?? (fr ? "(aucun délégué désigné)" : "(no DPO designated)")
        view["controller"] = context.loaded.document.deployment.controller.name
        return view
    }

    // MARK: Review plan

    static func review(_ context: ReportContext, language lang: Language) -> [String: Any] {
        let fr = lang == .fr
        let document = context.loaded.document
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        // The yearly review runs from the last review on record, not from today: an overdue
        // review must show.
        let base = (document.dpia?.lastReview ?? document.dpia?.date).flatMap(DateText.parse) ?? context.assessment.assessedAt
        let nextReview = calendar.date(byAdding: .year, value: 1, to: base) ?? base
        let overdue = nextReview < context.generatedAt
        var dates: [(String, String)] = [(ReportDates.day(nextReview), (fr ? "Révision annuelle de la présente analyse" : "Yearly review of this assessment")
                                          + (overdue ? (fr ? " — EN RETARD" : " — OVERDUE") : ""))]
        for opinion in context.ethicsOpinions where document.features.contains(where: { opinion.concerns($0) }) {
            if let reviewBy = opinion.reviewBy {
                dates.append((reviewBy, (fr ? "Réexamen de l'avis du comité d'éthique " : "Ethics committee review of opinion ") + opinion.id))
            }
        }
        for authorisation in document.authorisations {
            if let expires = authorisation.expires {
                dates.append((expires, (fr ? "Échéance de l'autorisation " : "Expiry of authorisation ") + authorisation.reference))
            }
        }
        for waiver in document.waivers {
            dates.append((waiver.expires, (fr ? "Fin de la dérogation à " : "End of the waiver of ") + waiver.rule + (waiver.subject.map { " (\($0))" } ?? "")))
        }
        dates.sort { $0.0 < $1.0 }
        return ["dates": dates.map { ["date": $0.0, "what": $0.1] }]
    }
}
