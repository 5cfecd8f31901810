import Assessment
import DeploymentModel
import Foundation

extension PIAView {
    // MARK: Legal framework and bases

    static func legal(_ document: DeploymentDocument, assessment: AssessmentResult, language lang: Language) -> [String: Any] {
        let fr = lang == .fr
        var frameworks: [String] = []
        let jurisdictions = Set(document.deployment.jurisdictions.map { $0.uppercased() })
        if !jurisdictions.isDisjoint(with: ["EU", "FR"]) || jurisdictions.contains(where: { EEA.contains($0) }) {
            frameworks.append(fr ? "Règlement (UE) 2016/679 (RGPD)" : "Regulation (EU) 2016/679 (GDPR)")
            frameworks.append(fr ? "Règlement (UE) 2024/1689 sur l'intelligence artificielle (AI Act)" : "Regulation (EU) 2024/1689 (Artificial Intelligence Act)")
        }
        if jurisdictions.contains("FR") {
            frameworks.append(fr ? "Loi n° 78-17 du 6 janvier 1978 (Informatique et Libertés) ; lignes directrices et recommandations de la CNIL"
                                 : "French Data Protection Act (loi n° 78-17 of 6 January 1978); CNIL guidance")
            if document.deployment.sector == .publicAuthority || document.deployment.publiclyAccessible {
                frameworks.append(fr ? "Code de la sécurité intérieure, livre II, titre V (vidéoprotection)"
                                     : "French Internal Security Code (CSI), Book II, Title V (video protection)")
            }
        }
        if jurisdictions.contains(where: { $0 == "CA" || $0.hasPrefix("CA-") }) {
            frameworks.append(fr ? "Loi sur la protection des renseignements personnels et les documents électroniques (LPRPDE)"
                                 : "Personal Information Protection and Electronic Documents Act (PIPEDA)")
        }
        // When the purposes were routed (regimes.yaml), the texts are the regimes in play, not
        // a guess from the jurisdiction codes (a Québec controller is not under PIPEDA).
        if !assessment.routes.isEmpty {
            var titles: [String] = []
            for route in assessment.routes where !titles.contains(route.regimeTitle.text(lang)) { titles.append(route.regimeTitle.text(lang)) }
            if assessment.routes.contains(where: { $0.territory == "eea" }) {
                titles.append(fr ? "Règlement (UE) 2024/1689 sur l'intelligence artificielle (AI Act)" : "Regulation (EU) 2024/1689 (Artificial Intelligence Act)")
            }
            frameworks = titles + frameworks.filter { $0.hasPrefix("Code de la sécurité") || $0.hasPrefix("French Internal Security") }
        }
        let purposes = document.purposes.map { purpose -> [String: Any] in
            let route = assessment.routes.first { $0.purpose == purpose.id }
            // The reason names the purpose by id; the list item already names it.
            let reason = (route?.reason.text(lang) ?? "—").replacingOccurrences(of: " (\(purpose.id))", with: "")
                .replacingOccurrences(of: ", \(purpose.id) →", with: " →")
            return ["id": purpose.id, "basis": Labels.legalBasis(purpose.legalBasis, lang),
                    "ref": purpose.legalBasisRef.map { UntranslatedMarker.marked(ReferenceText(Labels.table(lang)).translate($0), Labels.table(lang)) } ?? "—",
                    "regime": route?.regimeTitle.text(lang) ?? "—", "regimeReason": reason]
        }
        let authorisations = document.authorisations.map { authorisation -> [String: Any] in
            ["kind": Labels.table(lang).has("authorisation_kind.\(authorisation.kind)")
                ? Labels.table(lang).label("authorisation_kind.\(authorisation.kind)") : authorisation.kind,
             "reference": authorisation.reference, "date": authorisation.date ?? "—",
             "expires": authorisation.expires ?? "—"]
        }
        return [
            "frameworks": frameworks.map { ["text": $0] }, "purposes": purposes, "hasRoutes": !assessment.routes.isEmpty,
            "authorisations": authorisations, "hasAuthorisations": !authorisations.isEmpty,
            "findings": findings(assessment, under: ["authorisations", "deployment"], language: lang),
        ]
    }

    // MARK: Necessity and proportionality

    static func necessity(_ document: DeploymentDocument, assessment: AssessmentResult, language lang: Language) -> [String: Any] {
        let purposes = document.purposes.map { purpose -> [String: Any] in
            [
                "id": purpose.id, "description": purpose.description, "necessity": purpose.necessity,
                "alternatives": purpose.alternativesConsidered.isEmpty ? SheetView.notStated(lang) : purpose.alternativesConsidered.joined(separator: "; "),
                "humanReview": Labels.yesNo(purpose.humanReview, lang),
                "automatedDecisions": Labels.automatedDecisions(purpose.automatedDecisions, lang),
                "statisticsOnly": Labels.yesNo(purpose.statisticsOnly, lang),
            ]
        }
        let found = findings(assessment, under: ["purposes", "features"], language: lang)
        return ["purposes": purposes, "findings": found, "hasFindings": !found.isEmpty]
    }

    // MARK: Minimisation and retention

    static func minimisation(_ document: DeploymentDocument, assessment: AssessmentResult, language lang: Language) -> [String: Any] {
        let cameras = document.cameras
        let fr = lang == .fr
        func count(_ predicate: (Camera) -> Bool) -> String {
            let n = cameras.reduce(0) { $0 + (predicate($1) ? 1 : 0) }
            return "\(n) / \(cameras.count)"
        }
        let rows: [[String: Any]] = [
            row(fr ? "Caméras avec masques de confidentialité" : "Cameras with privacy masks", count { !$0.privacyMasks.isEmpty }),
            row(fr ? "Caméras donnant sur des espaces privés" : "Cameras overlooking private space", count(\.overlooksPrivateSpace)),
            row(fr ? "Caméras filmant des postes de travail" : "Cameras filming workstations", count(\.filmsWorkstations)),
            row(fr ? "Caméras captant le son" : "Cameras recording sound", count(\.audio)),
            row(fr ? "Caméras orientables (PTZ)" : "Pan-tilt-zoom cameras", count(\.ptz)),
        ]
        let imageOutputs: Set<FeatureOutput> = [.snapshot, .clip, .image, .track, .template]
        let keepsImages = document.features.filter { !Set($0.outputs).isDisjoint(with: imageOutputs) }.map { feature -> [String: Any] in
            ["id": feature.id, "outputs": feature.outputs.filter { imageOutputs.contains($0) }.map { Labels.enumValue("feature_output", $0.rawValue, lang) }.joined(separator: ", ")]
        }
        let retention = document.retention.map { rule -> [String: Any] in
            ["data": Labels.dataCategory(rule.data, lang), "duration": Labels.duration(rule.duration, lang), "where": rule.where.map { $0 == "none" ? Labels.table(lang).label("status.none") : $0 } ?? "—",
             "anonymised": Labels.yesNo(rule.anonymised, lang), "justification": rule.justification ?? "—", "access": rule.access ?? "—"]
        }
        let found = findings(assessment, under: ["cameras", "retention", "statistics"], language: lang)
        return compact([
            "rows": rows, "keepsImages": keepsImages, "hasImageOutputs": !keepsImages.isEmpty,
            "retention": retention, "hasRetention": !retention.isEmpty,
            "statistics": document.statistics.map { policy -> [String: Any] in
                ["published": Labels.yesNo(policy.published, lang), "minGroupSize": policy.minGroupSize.map(String.init) ?? "—"]
            } as Any,
            "findings": found, "hasFindings": !found.isEmpty,
        ])
    }

    // MARK: Rights

    static func rights(_ document: DeploymentDocument, assessment: AssessmentResult, language lang: Language) -> [String: Any] {
        let cameras = document.cameras
        let fr = lang == .fr
        let firstLayer = cameras.filter(\.signage.firstLayer).count
        let secondLayer = cameras.filter { $0.signage.secondLayerUrl != nil || $0.signage.secondLayerPlace != nil }.count
        let before = cameras.filter { $0.signage.placedBeforeEntry == true }.count
        var view: [String: Any] = [
            "rows": RightsView.rows(document, purpose: nil, language: lang),
            "signage": [
                row(fr ? "Panneau d'information (premier niveau)" : "Information sign (first layer)", "\(firstLayer) / \(cameras.count)"),
                row(fr ? "Placé avant l'entrée dans le champ" : "Placed before entering the field of view", "\(before) / \(cameras.count)"),
                row(fr ? "Information complète (second niveau) indiquée" : "Full notice (second layer) indicated", "\(secondLayer) / \(cameras.count)"),
            ],
        ]
        let perPurpose = document.purposes.compactMap { purpose -> [String: Any]? in
            guard let objection = purpose.objection else { return nil }
            return ["id": purpose.id, "offered": Labels.yesNo(objection.offered, lang),
                    "detail": objection.offered ? (objection.how ?? "—") : (objection.reasonNot ?? SheetView.notStated(lang))]
        }
        view["objections"] = perPurpose
        view["hasObjections"] = !perPurpose.isEmpty
        if let views = document.dpia?.dataSubjectViews {
            view["subjectViews"] = views.sought
                ? (fr ? "Recueilli : " : "Sought: ") + (views.how ?? SheetView.notStated(lang))
                : (fr ? "Non recueilli : " : "Not sought: ") + (views.reasonNot ?? SheetView.notStated(lang))
        } else {
            view["subjectViews"] = fr ? "Non documenté (art. 35.9 du RGPD)." : "Not documented (GDPR Art. 35(9))."
        }
        let found = findings(assessment, under: ["rights"], language: lang)
        view["findings"] = found
        view["hasFindings"] = !found.isEmpty
        return view
    }
}
