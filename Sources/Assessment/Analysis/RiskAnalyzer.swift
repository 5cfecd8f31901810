import DeploymentModel

/// Scores the feared events of the CNIL PIA method (illegitimate access, unwanted
/// modification, disappearance of data) and four risks specific to video analytics, on the
/// CNIL 1–4 scales of severity and likelihood. Inherent scores come from what the model
/// processes and exposes; each measure present lowers severity or likelihood by one step
/// (never below 1). The model's `risks:` entries override either pair with a justification.
public enum RiskAnalyzer {
    public static func analyse(_ document: DeploymentDocument) -> [RiskAssessment] {
        let facts = RiskFacts(document)
        var risks = [
            illegitimateAccess(facts), unwantedModification(facts), disappearance(facts),
            chillingEffect(facts), functionCreep(facts), reidentification(facts), discrimination(facts),
        ]
        for override in document.risks {
            guard let index = risks.firstIndex(where: { $0.id == override.risk }) else { continue }
            if let s = override.severity { risks[index].inherentSeverity = clamp(s) }
            if let l = override.likelihood { risks[index].inherentLikelihood = clamp(l) }
            if let s = override.residualSeverity { risks[index].residualSeverity = clamp(s) }
            if let l = override.residualLikelihood { risks[index].residualLikelihood = clamp(l) }
            risks[index].overridden = override.justification
        }
        return risks
    }

    /// Ids of the risks, for validating `risks:` overrides.
    public static let riskIds = ["illegitimate-access", "unwanted-modification", "disappearance", "chilling-effect",
                                 "function-creep", "re-identification", "discrimination"]

    static func clamp(_ value: Int) -> Int { min(4, max(1, value)) }

    /// Applies the measures present: each `(name, lowersSeverity)` lowers one step.
    private static func risk(_ id: String, _ en: String, _ fr: String, severity: Int, likelihood: Int,
                             measures: [(String, Bool, Bool)]) -> RiskAssessment {
        let present = measures.filter(\.1)
        let severityCuts = present.filter(\.2).count
        let likelihoodCuts = present.count - severityCuts
        let s = clamp(severity), l = clamp(likelihood)
        return RiskAssessment(id: id, title: LocalizedText(en: en, fr: fr), inherentSeverity: s, inherentLikelihood: l,
                              residualSeverity: clamp(s - severityCuts), residualLikelihood: clamp(l - likelihoodCuts),
                              measures: present.map(\.0), overridden: nil)
    }

    // (measure, present, lowers severity rather than likelihood)
    private static func illegitimateAccess(_ f: RiskFacts) -> RiskAssessment {
        risk("illegitimate-access", "Illegitimate access to data", "Accès illégitime à des données",
             severity: f.biometric ? 4 : (f.imagesKept ? 3 : 2),
             likelihood: 2 + (f.offsiteOrCloud ? 1 : 0) + (f.large ? 1 : 0),
             measures: [("access-control", f.has(.accessControl), false), ("encryption-at-rest", f.has(.encryptionAtRest), false),
                        ("audit-logging", f.has(.auditLogging), false),
                        ("pseudonymisation or anonymisation", f.has(.pseudonymisation) || f.has(.anonymisation), true)])
    }

    private static func unwantedModification(_ f: RiskFacts) -> RiskAssessment {
        risk("unwanted-modification", "Unwanted modification of data", "Modification non désirée de données",
             severity: f.authorityRecipient ? 3 : 2, likelihood: 2,
             measures: [("audit-logging", f.has(.auditLogging), false), ("access-control", f.has(.accessControl), false)])
    }

    private static func disappearance(_ f: RiskFacts) -> RiskAssessment {
        risk("disappearance", "Disappearance of data", "Disparition de données",
             severity: f.authorityRecipient ? 2 : 1, likelihood: 2,
             measures: [("backup", f.has(.backup), false), ("incident-response", f.has(.incidentResponse), true)])
    }

    private static func chillingEffect(_ f: RiskFacts) -> RiskAssessment {
        risk("chilling-effect", "Chilling effect on freedoms (feeling of being watched)", "Effet dissuasif sur les libertés (sentiment de surveillance)",
             severity: (f.publicSpace ? 3 : 2) + (f.workstations ? 1 : 0),
             likelihood: f.cameraCount >= 200 ? 4 : (f.cameraCount >= 50 ? 3 : 2),
             measures: [("privacy-masks", f.masked, true), ("signage on every camera", f.allSigned, false),
                        ("on-device-processing", f.has(.onDeviceProcessing) || f.allOnDevice, false)])
    }

    private static func functionCreep(_ f: RiskFacts) -> RiskAssessment {
        risk("function-creep", "Function creep (reuse for other purposes)", "Détournement de finalité",
             severity: 3, likelihood: 2 + (f.rawVideoKept ? 1 : 0) + (f.orphanFeatures ? 1 : 0),
             measures: [("data-minimisation-by-default", f.has(.dataMinimisationByDefault), false),
                        ("ethics committee", f.ethicsCommittee, false)])
    }

    private static func reidentification(_ f: RiskFacts) -> RiskAssessment {
        risk("re-identification", "Re-identification of people", "Réidentification de personnes",
             severity: f.biometric ? 4 : 3,
             likelihood: f.biometric ? 4 : (f.imagesKept || f.tracksKept ? 3 : (f.eventsOnly ? 2 : 1)),
             measures: [("anonymisation", f.has(.anonymisation), false), ("blur", f.blurs, false),
                        ("minimum group size for statistics", f.minGroupSize, false), ("pseudonymisation", f.has(.pseudonymisation), true)])
    }

    private static func discrimination(_ f: RiskFacts) -> RiskAssessment {
        risk("discrimination", "Discrimination or unfair treatment", "Discrimination ou traitement inéquitable",
             severity: 3, likelihood: f.categorises ? 3 : 1,
             measures: [("human review of every alert", f.allHumanReview, false)])
    }
}

private struct RiskFacts {
    let measures: Set<SecurityMeasure>
    let biometric, imagesKept, tracksKept, eventsOnly, offsiteOrCloud, large, authorityRecipient: Bool
    let publicSpace, workstations, masked, allSigned, allOnDevice, rawVideoKept, orphanFeatures: Bool
    let ethicsCommittee, blurs, minGroupSize, categorises, allHumanReview: Bool
    let cameraCount: Int

    func has(_ measure: SecurityMeasure) -> Bool { measures.contains(measure) }

    init(_ d: DeploymentDocument) {
        measures = Set(d.security)
        let kinds = Set(d.features.map(\.kind))
        let outputs = Set(d.features.flatMap(\.outputs))
        biometric = !kinds.isDisjoint(with: [.faceRecognition, .reid]) || outputs.contains(.template)
        let stored = d.retention.filter { ($0.duration.totalSeconds ?? 1) > 0 }
        let storedData = Set(stored.map(\.data))
        imagesKept = !storedData.isDisjoint(with: [.rawVideo, .snapshots, .clips, .audio, .templates])
            || !outputs.isDisjoint(with: [.snapshot, .clip, .image])
        tracksKept = storedData.contains(.tracks) || outputs.contains(.track)
        eventsOnly = outputs.contains(.event) || storedData.contains(.events)
        offsiteOrCloud = d.systems.contains { $0.kind == .cloud } || d.dataFlows.contains { $0.country != nil && $0.country != d.deployment.controller.country }
        cameraCount = d.cameras.count
        large = cameraCount >= 50 || (d.deployment.estimatedDailySubjects ?? 0) >= 5_000
        authorityRecipient = d.recipients.contains { $0.kind == .authority } || d.deployment.sector == .publicAuthority
        publicSpace = d.deployment.publiclyAccessible
        workstations = d.cameras.contains { $0.filmsWorkstations }
        masked = d.cameras.allSatisfy { !$0.overlooksPrivateSpace || !$0.privacyMasks.isEmpty }
            && d.cameras.contains { $0.overlooksPrivateSpace || !$0.privacyMasks.isEmpty }
        allSigned = !d.cameras.isEmpty && d.cameras.allSatisfy(\.signage.firstLayer)
        allOnDevice = !d.features.isEmpty && d.features.allSatisfy(\.onDevice)
        rawVideoKept = stored.contains { $0.data == .rawVideo }
        let served = Set(d.purposes.flatMap(\.features))
        orphanFeatures = d.features.contains { !served.contains($0.id) }
        ethicsCommittee = d.deployment.controller.ethicsCommittee ?? false
        blurs = kinds.contains(.blur)
        minGroupSize = (d.statistics?.minGroupSize ?? 0) > 1
        categorises = !kinds.isDisjoint(with: [.attributeEstimation, .emotion, .faceRecognition])
        allHumanReview = !d.purposes.isEmpty && d.purposes.allSatisfy(\.humanReview)
    }
}
