import DeploymentModel

/// Decides whether a DPIA is required: the nine criteria of the Article 29 Working Party
/// guidelines WP248 rev.01 (endorsed by the EDPB), each derived from facts of the model, and
/// the three cases of GDPR Art. 35(3). Two criteria or more, or any Art. 35(3) case → required.
///
/// Thresholds that the law does not fix (what counts as "large scale") are vendor settings in
/// `Thresholds`, and every reason says which fact decided.
public enum ThresholdAnalyzer {
    public struct Thresholds: Sendable {
        /// Cameras from which a deployment counts as large scale (vendor setting, not law).
        public var largeScaleCameras = 50
        /// People seen per day from which a deployment counts as large scale (vendor setting).
        public var largeScaleDailySubjects = 5_000
        public init() {}
    }

    static let scoringKinds: Set<FeatureKind> = [.faceRecognition, .reid, .emotion, .attributeEstimation]
    static let biometricKinds: Set<FeatureKind> = [.faceRecognition, .reid]
    static let matchingKinds: Set<FeatureKind> = [.faceRecognition, .reid, .lpr, .semanticSearch]
    static let publicZones: Set<CameraZone> = [.publicRoad, .publicSpace, .publicBuilding, .transport, .entrance, .shopFloor, .parking]
    static let vulnerableSectors: Set<Sector> = [.workplace, .education, .healthcare]
    static let vulnerableSubjectWords = ["employee", "staff", "worker", "child", "minor", "pupil", "student", "patient", "elderly", "resident"]
    static let nonAnalyticKinds: Set<FeatureKind> = [.timelapse, .blur]

    public static func analyse(_ document: DeploymentDocument, thresholds: Thresholds = Thresholds()) -> ThresholdAnalysis {
        let facts = Facts(document, thresholds: thresholds)
        let criteria = [
            criterion("evaluation-scoring", "Evaluation or scoring", "Évaluation ou notation", facts.scoringFeatures,
                      met: "features {} evaluate or identify people", metFr: "les fonctions {} évaluent ou identifient des personnes",
                      not: "no feature evaluates, profiles or identifies people", notFr: "aucune fonction n'évalue, ne profile ni n'identifie des personnes"),
            criterion("automated-decision", "Automated decision with legal or similar effect", "Décision automatisée avec effet juridique ou similaire",
                      facts.solelyAutomatedPurposes,
                      met: "purposes {} take solely automated decisions", metFr: "les finalités {} prennent des décisions entièrement automatisées",
                      not: "every purpose leaves the decision to a human", notFr: "chaque finalité laisse la décision à un humain"),
            criterion("systematic-monitoring", "Systematic monitoring", "Surveillance systématique", facts.monitoringCameras,
                      met: "cameras {} continuously film a publicly accessible area or a workplace",
                      metFr: "les caméras {} filment en continu un espace accessible au public ou un lieu de travail",
                      not: "no camera films a publicly accessible area or a workplace",
                      notFr: "aucune caméra ne filme un espace accessible au public ou un lieu de travail"),
            criterion("sensitive-data", "Sensitive or highly personal data", "Données sensibles ou à caractère hautement personnel",
                      facts.biometricFeatures,
                      met: "features {} process biometric data (Art. 9)", metFr: "les fonctions {} traitent des données biométriques (art. 9)",
                      not: "no feature processes biometric or other special-category data",
                      notFr: "aucune fonction ne traite de données biométriques ou d'autres catégories particulières"),
            largeScale(facts, thresholds),
            criterion("matching-datasets", "Matching or combining datasets", "Croisement ou combinaison d'ensembles de données",
                      facts.matchingFeatures,
                      met: "features {} match observations against other data or across cameras",
                      metFr: "les fonctions {} rapprochent des observations d'autres données ou entre caméras",
                      not: "no feature links observations across cameras or with other datasets",
                      notFr: "aucune fonction ne rapproche des observations entre caméras ou avec d'autres données"),
            criterion("vulnerable-subjects", "Data concerning vulnerable data subjects", "Personnes vulnérables",
                      facts.vulnerableReasons.map(\.en), evidenceFr: facts.vulnerableReasons.map(\.fr),
                      met: "vulnerable people are filmed: {}", metFr: "des personnes vulnérables sont filmées : {}",
                      not: "no employees, children, patients or other vulnerable people are declared",
                      notFr: "aucun salarié, enfant, patient ni autre personne vulnérable n'est déclaré"),
            criterion("innovative-technology", "Innovative use or new technology", "Usage innovant ou nouvelle technologie", facts.analyticFeatures,
                      met: "algorithmic video analysis (\"augmented cameras\", CNIL 2022) by features {}",
                      metFr: "analyse vidéo algorithmique (« caméras augmentées », CNIL 2022) par les fonctions {}",
                      not: "no algorithmic analysis of the images", notFr: "aucune analyse algorithmique des images"),
            criterion("prevents-rights", "Prevents exercising a right or using a service", "Empêche l'exercice d'un droit ou l'accès à un service",
                      facts.rightsPrevented.map(\.en), evidenceFr: facts.rightsPrevented.map(\.fr),
                      met: "the right to object cannot be exercised: {}", metFr: "le droit d'opposition ne peut pas être exercé : {}",
                      not: "the right to object is offered or not restricted", notFr: "le droit d'opposition est offert ou n'est pas restreint"),
        ]
        let met = criteria.filter(\.met)
        let byId = Dictionary(uniqueKeysWithValues: criteria.map { ($0.id, $0.met) })
        let article35 = [
            CriterionResult(
                id: "art35-3-a", title: LocalizedText(en: "Art. 35(3)(a): systematic and extensive evaluation with legal effects",
                                                     fr: "Article 35.3.a du RGPD — évaluation systématique et approfondie produisant des effets juridiques"),
                met: byId["evaluation-scoring"]! && byId["automated-decision"]!,
                reason: byId["evaluation-scoring"]! && byId["automated-decision"]!
                    ? LocalizedText(en: "people are evaluated and decisions about them are solely automated",
                                    fr: "des personnes sont évaluées et les décisions les concernant sont entièrement automatisées")
                    : LocalizedText(en: "no evaluation of people feeds a solely automated decision",
                                    fr: "aucune évaluation de personnes n'alimente une décision entièrement automatisée")),
            CriterionResult(
                id: "art35-3-b", title: LocalizedText(en: "Art. 35(3)(b): large-scale processing of special categories",
                                                     fr: "Article 35.3.b du RGPD — traitement à grande échelle de catégories particulières"),
                met: byId["sensitive-data"]! && byId["large-scale"]!,
                reason: byId["sensitive-data"]! && byId["large-scale"]!
                    ? LocalizedText(en: "biometric data are processed on a large scale", fr: "des données biométriques sont traitées à grande échelle")
                    : LocalizedText(en: "no special-category data on a large scale", fr: "pas de catégorie particulière de données à grande échelle")),
            CriterionResult(
                id: "art35-3-c", title: LocalizedText(en: "Art. 35(3)(c): systematic monitoring of a publicly accessible area on a large scale",
                                                     fr: "Article 35.3.c du RGPD — surveillance systématique à grande échelle d'une zone accessible au public"),
                met: facts.publicMonitoring && byId["large-scale"]!,
                reason: facts.publicMonitoring && byId["large-scale"]!
                    ? LocalizedText(en: "\(facts.publicCameraCount) camera\(facts.publicCameraCount == 1 ? "" : "s") monitor\(facts.publicCameraCount == 1 ? "s" : "") publicly accessible areas, on a large scale",
                                    fr: "\(facts.publicCameraCount) caméra\(facts.publicCameraCount == 1 ? "" : "s") surveille\(facts.publicCameraCount == 1 ? "" : "nt") des zones accessibles au public, à grande échelle")
                    : LocalizedText(en: "no large-scale monitoring of a publicly accessible area",
                                    fr: "pas de surveillance à grande échelle d'une zone accessible au public")),
        ]
        let cases = article35.filter(\.met)
        let required = met.count >= 2 || !cases.isEmpty
        let ids = met.map(\.id).joined(separator: ", ")
        let reason: LocalizedText
        if let first = cases.first {
            reason = LocalizedText(en: "DPIA required: \(first.title.en) (\(first.reason.en)); WP248 criteria met: \(met.count) (\(ids))",
                                   fr: "AIPD obligatoire au titre de l'\(first.title.fr.prefix(1).lowercased() + first.title.fr.dropFirst()) (\(first.reason.fr)) ; \(met.count) critère\(met.count > 1 ? "s" : "") WP248 rempli\(met.count > 1 ? "s" : "")\(met.isEmpty ? "" : " (\(ids))")")
        } else if required {
            reason = LocalizedText(en: "DPIA required: \(met.count) of the nine WP248 criteria are met (\(ids)); two or more call for a DPIA",
                                   fr: "AIPD requise, \(met.count) des neuf critères WP248 étant remplis (\(ids)) ; deux ou plus imposent une AIPD")
        } else {
            reason = LocalizedText(en: "DPIA not required by the criteria: \(met.count) WP248 criterion met\(met.isEmpty ? "" : " (\(ids))") and no Art. 35(3) case; check the supervisory authority's list",
                                   fr: "AIPD non requise par les critères, avec \(met.count) critère WP248 rempli\(met.isEmpty ? "" : " (\(ids))") et aucun cas de l'article 35.3 du RGPD ; la liste de l'autorité de contrôle reste à vérifier")
        }
        return ThresholdAnalysis(criteria: criteria, article35_3: article35, dpiaRequired: required, reason: reason)
    }

    /// `evidence` names what meets the criterion (ids, in both languages unless `evidenceFr` differs).
    private static func criterion(_ id: String, _ en: String, _ fr: String, _ evidence: [String], evidenceFr: [String]? = nil,
                                  met: String, metFr: String, not: String, notFr: String) -> CriterionResult {
        func list(_ items: [String]) -> String {
            items.prefix(5).joined(separator: ", ") + (items.count > 5 ? " (+\(items.count - 5))" : "")
        }
        return CriterionResult(
            id: id, title: LocalizedText(en: en, fr: fr), met: !evidence.isEmpty,
            reason: evidence.isEmpty ? LocalizedText(en: not, fr: notFr)
                : LocalizedText(en: met.replacingOccurrences(of: "{}", with: list(evidence)),
                                fr: metFr.replacingOccurrences(of: "{}", with: list(evidenceFr ?? evidence))))
    }

    /// A count in French running text: thousands set apart by a narrow no-break space (60 000).
    static func grouped(_ number: Int) -> String {
        let digits = Array(String(number))
        guard digits.count > 4 else { return String(digits) }
        var out = ""
        for (index, digit) in digits.enumerated() {
            if index > 0, (digits.count - index) % 3 == 0 { out.append("\u{202F}") }
            out.append(digit)
        }
        return out
    }

    private static func largeScale(_ facts: Facts, _ thresholds: Thresholds) -> CriterionResult {
        let title = LocalizedText(en: "Large-scale processing", fr: "Traitement à grande échelle")
        let subjects = facts.dailySubjects.map { "\($0)" } ?? "unknown"
        let reason = LocalizedText(
            en: "\(facts.cameraCount) cameras (threshold \(thresholds.largeScaleCameras)), \(subjects) people a day (threshold \(thresholds.largeScaleDailySubjects)); thresholds are vendor settings, WP248 gives no figure",
            fr: "\(Self.grouped(facts.cameraCount)) caméras (seuil \(Self.grouped(thresholds.largeScaleCameras))), \(facts.dailySubjects.map { "\(Self.grouped($0)) personnes par jour" } ?? "nombre de personnes par jour inconnu") (seuil \(Self.grouped(thresholds.largeScaleDailySubjects))) ; seuils fixés par l'éditeur, le WP248 ne donne pas de chiffre")
        return CriterionResult(id: "large-scale", title: title, met: facts.largeScale, reason: reason)
    }
}

/// The facts of the model that the criteria and the rules' `derived` values rest on.
struct Facts {
    let cameraCount: Int
    let dailySubjects: Int?
    let largeScale: Bool
    let scoringFeatures, solelyAutomatedPurposes, monitoringCameras, biometricFeatures: [String]
    let matchingFeatures, analyticFeatures: [String]
    let vulnerableReasons, rightsPrevented: [LocalizedText]
    let publicMonitoring: Bool
    let publicCameraCount: Int

    init(_ document: DeploymentDocument, thresholds: ThresholdAnalyzer.Thresholds) {
        typealias T = ThresholdAnalyzer
        let features = document.features
        cameraCount = document.cameras.count
        dailySubjects = document.deployment.estimatedDailySubjects
        largeScale = cameraCount >= thresholds.largeScaleCameras || (dailySubjects ?? 0) >= thresholds.largeScaleDailySubjects
        scoringFeatures = features.filter { T.scoringKinds.contains($0.kind) || $0.followsIndividual }.map(\.id)
        solelyAutomatedPurposes = document.purposes.filter { $0.automatedDecisions == .solelyAutomated }.map(\.id)
        let publicCameras = document.cameras.filter { document.deployment.publiclyAccessible || T.publicZones.contains($0.zone) }
        publicCameraCount = publicCameras.count
        publicMonitoring = !publicCameras.isEmpty
        monitoringCameras = document.cameras.filter {
            document.deployment.publiclyAccessible || T.publicZones.contains($0.zone) || $0.zone == .workplace || $0.filmsWorkstations
        }.map(\.id)
        biometricFeatures = features.filter { T.biometricKinds.contains($0.kind) || $0.outputs.contains(.template) }.map(\.id)
        matchingFeatures = features.filter { T.matchingKinds.contains($0.kind) }.map(\.id)
        var vulnerable: [LocalizedText] = []
        let sector = document.deployment.sector.rawValue
        if T.vulnerableSectors.contains(document.deployment.sector) { vulnerable.append(LocalizedText(en: "sector \(sector)", fr: "secteur « \((try? LabelTable.load(language: "fr"))?.enumLabel("sector", sector) ?? sector) »")) }
        let workCameras = document.cameras.filter { $0.zone == .workplace || $0.filmsWorkstations }.count
        if workCameras > 0 {
            vulnerable.append(LocalizedText(en: "employees on \(workCameras) camera\(workCameras == 1 ? "" : "s")",
                                            fr: "des salariés sur \(workCameras) caméra\(workCameras == 1 ? "" : "s")"))
        }
        let subjects = Set(document.purposes.flatMap(\.dataSubjects)).sorted()
        vulnerable += subjects.filter { subject in T.vulnerableSubjectWords.contains { subject.lowercased().contains($0) } }
            .map { LocalizedText(en: $0, fr: $0) }
        vulnerableReasons = vulnerable
        analyticFeatures = features.filter { !T.nonAnalyticKinds.contains($0.kind) }.map(\.id)
        var prevented = document.purposes.filter { $0.objection?.offered == false }
            .map { LocalizedText(en: "purpose \($0.id)", fr: "finalité « \($0.id) »") }
        if let objection = document.rights.objection?.lowercased(), ["not-applicable", "none", "not-offered"].contains(objection) {
            prevented.append(LocalizedText(en: "rights.objection is \(objection)", fr: "droit d'opposition déclaré non ouvert"))
        }
        rightsPrevented = prevented
    }
}
