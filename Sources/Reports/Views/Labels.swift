import Assessment
import DeploymentModel

/// Human wording, in English and French, for the model's enumerations. Exhaustive switches: a new
/// enum case does not compile until both languages name it. French follows the vocabulary of the
/// CNIL and of the GDPR's official French text (« mission d'intérêt public », « intérêts
/// légitimes », « sous-traitant »…).
enum Labels {
    static func legalBasis(_ basis: LegalBasis, _ lang: Language) -> String {
        switch (basis, lang) {
        case (.consent, .en): "Consent — GDPR Art. 6(1)(a)"
        case (.consent, .fr): "Consentement — art. 6.1.a du RGPD"
        case (.contract, .en): "Performance of a contract — GDPR Art. 6(1)(b)"
        case (.contract, .fr): "Exécution d'un contrat — art. 6.1.b du RGPD"
        case (.legalObligation, .en): "Legal obligation — GDPR Art. 6(1)(c)"
        case (.legalObligation, .fr): "Obligation légale — art. 6.1.c du RGPD"
        case (.vitalInterests, .en): "Vital interests — GDPR Art. 6(1)(d)"
        case (.vitalInterests, .fr): "Sauvegarde des intérêts vitaux — art. 6.1.d du RGPD"
        case (.publicTask, .en): "Task carried out in the public interest — GDPR Art. 6(1)(e)"
        case (.publicTask, .fr): "Mission d'intérêt public — art. 6.1.e du RGPD"
        case (.legitimateInterests, .en): "Legitimate interests — GDPR Art. 6(1)(f)"
        case (.legitimateInterests, .fr): "Intérêts légitimes — art. 6.1.f du RGPD"
        case (.expressConsent, .en): "Express consent — PIPEDA Sch. 1, 4.3"
        case (.expressConsent, .fr): "Consentement explicite — LPRPDE, annexe 1, 4.3"
        case (.impliedConsent, .en): "Implied consent — PIPEDA Sch. 1, 4.3"
        case (.impliedConsent, .fr): "Consentement implicite — LPRPDE, annexe 1, 4.3"
        case (.lawEnforcementTask, .en): "Task of a competent authority laid down by law — Directive (EU) 2016/680 Art. 8"
        case (.lawEnforcementTask, .fr): "Mission d'une autorité compétente prévue par la loi — art. 8 de la directive (UE) 2016/680"
        case (.seriousLegitimateReason, .en): "Serious and legitimate reason — CQLR c P-39.1 s. 4"
        case (.seriousLegitimateReason, .fr): "Intérêt sérieux et légitime — RLRQ c P-39.1, art. 4"
        case (.none, .en): "None stated"
        case (.none, .fr): "Aucune base indiquée"
        }
    }

    static func dataCategory(_ category: DataCategory, _ lang: Language) -> String {
        switch (category, lang) {
        case (.rawVideo, .en): "raw video"
        case (.rawVideo, .fr): "flux vidéo brut"
        case (.events, .en): "events (alerts, detections)"
        case (.events, .fr): "événements (alertes, détections)"
        case (.snapshots, .en): "snapshots"
        case (.snapshots, .fr): "instantanés (images fixes)"
        case (.clips, .en): "video clips"
        case (.clips, .fr): "extraits vidéo"
        case (.statistics, .en): "statistics"
        case (.statistics, .fr): "statistiques"
        case (.tracks, .en): "tracks (trajectories)"
        case (.tracks, .fr): "trajectoires"
        case (.audio, .en): "audio"
        case (.audio, .fr): "son"
        case (.licencePlates, .en): "licence plates"
        case (.licencePlates, .fr): "plaques d'immatriculation"
        case (.templates, .en): "biometric templates"
        case (.templates, .fr): "gabarits biométriques"
        case (.logs, .en): "access and operation logs"
        case (.logs, .fr): "journaux d'accès et d'exploitation"
        case (.blurredVideo, .en): "blurred video"
        case (.blurredVideo, .fr): "vidéo floutée"
        case (.timelapse, .en): "time-lapse"
        case (.timelapse, .fr): "vidéo accélérée (time-lapse)"
        }
    }

    static func securityMeasure(_ measure: SecurityMeasure, _ lang: Language) -> String {
        switch (measure, lang) {
        case (.accessControl, .en): "Access control"
        case (.accessControl, .fr): "Contrôle d'accès"
        case (.encryptionInTransit, .en): "Encryption in transit"
        case (.encryptionInTransit, .fr): "Chiffrement des flux"
        case (.encryptionAtRest, .en): "Encryption at rest"
        case (.encryptionAtRest, .fr): "Chiffrement des données stockées"
        case (.auditLogging, .en): "Audit logging"
        case (.auditLogging, .fr): "Journalisation des accès"
        case (.pseudonymisation, .en): "Pseudonymisation"
        case (.pseudonymisation, .fr): "Pseudonymisation"
        case (.anonymisation, .en): "Anonymisation"
        case (.anonymisation, .fr): "Anonymisation"
        case (.privacyMasks, .en): "Privacy masks"
        case (.privacyMasks, .fr): "Masques de confidentialité"
        case (.onDeviceProcessing, .en): "On-device processing"
        case (.onDeviceProcessing, .fr): "Traitement embarqué dans la caméra"
        case (.dataMinimisationByDefault, .en): "Data minimisation by default"
        case (.dataMinimisationByDefault, .fr): "Minimisation par défaut"
        case (.staffTraining, .en): "Staff training"
        case (.staffTraining, .fr): "Formation et sensibilisation des opérateurs"
        case (.physicalSecurity, .en): "Physical security"
        case (.physicalSecurity, .fr): "Sécurité physique des locaux et équipements"
        case (.backup, .en): "Backup"
        case (.backup, .fr): "Sauvegarde"
        case (.incidentResponse, .en): "Incident response"
        case (.incidentResponse, .fr): "Gestion des incidents et des violations de données"
        case (.penetrationTesting, .en): "Penetration testing"
        case (.penetrationTesting, .fr): "Tests d'intrusion"
        case (.networkSegmentation, .en): "Network segmentation"
        case (.networkSegmentation, .fr): "Cloisonnement réseau"
        }
    }

    /// `gdpr: false` for a deployment under Canadian law: no GDPR article on its processors
    /// (a service provider under P-39.1 s. 18.3 or PIPEDA Sch. 1 cl. 4.1.3).
    static func processorRole(_ role: ProcessorRole, _ lang: Language, gdpr: Bool = true) -> String {
        if !gdpr {
            switch (role, lang) {
            case (.processor, .en): return "service provider acting on the controller's behalf"
            case (.processor, .fr): return "prestataire de services agissant pour le compte de l'entreprise"
            case (.subprocessor, .en): return "subcontractor of a service provider"
            case (.subprocessor, .fr): return "sous-traitant d'un prestataire de services"
            case (.jointController, .en): return "jointly responsible organisation"
            case (.jointController, .fr): return "organisation conjointement responsable"
            }
        }
        return switch (role, lang) {
        case (.processor, .en): "processor (GDPR Art. 28)"
        case (.processor, .fr): "sous-traitant (art. 28 du RGPD)"
        case (.subprocessor, .en): "sub-processor (GDPR Art. 28(4))"
        case (.subprocessor, .fr): "sous-traitant ultérieur (art. 28.4 du RGPD)"
        case (.jointController, .en): "joint controller (GDPR Art. 26)"
        case (.jointController, .fr): "responsable conjoint (art. 26 du RGPD)"
        }
    }

    static func contract(_ state: ContractState, _ lang: Language) -> String {
        switch (state, lang) {
        case (.art28Signed, .en): "Art. 28 contract signed"
        case (.art28Signed, .fr): "contrat de sous-traitance (art. 28) signé"
        case (.pending, .en): "contract pending"
        case (.pending, .fr): "contrat en cours de signature"
        case (.none, .en): "no contract"
        case (.none, .fr): "aucun contrat"
        case (.signed, .en): "written contract signed"
        case (.signed, .fr): "contrat écrit signé"
        }
    }

    static func recipientKind(_ kind: RecipientKind, _ lang: Language) -> String {
        switch (kind, lang) {
        case (.internalStaff, .en): "internal staff"
        case (.internalStaff, .fr): "destinataire interne"
        case (.processor, .en): "processor"
        case (.processor, .fr): "sous-traitant"
        case (.authority, .en): "public authority"
        case (.authority, .fr): "autorité publique"
        case (.thirdParty, .en): "third party"
        case (.thirdParty, .fr): "tiers"
        case (.publicAudience, .en): "the public"
        case (.publicAudience, .fr): "public"
        }
    }

    static func automatedDecisions(_ value: AutomatedDecisions, _ lang: Language) -> String {
        switch (value, lang) {
        case (.none, .en): "No automated decision"
        case (.none, .fr): "Aucune décision automatisée"
        case (.withHumanReview, .en): "Automated alerts, every decision taken by a person"
        case (.withHumanReview, .fr): "Alertes automatiques ; toute décision est prise par une personne"
        case (.solelyAutomated, .en): "Decisions based solely on automated processing (GDPR Art. 22)"
        case (.solelyAutomated, .fr): "Décisions fondées exclusivement sur un traitement automatisé (art. 22 du RGPD)"
        }
    }

    static func systemKind(_ kind: SystemKind, _ lang: Language) -> String {
        switch (kind, lang) {
        case (.edgeDevice, .en): "edge device"
        case (.edgeDevice, .fr): "boîtier embarqué"
        case (.vms, .en): "video management system"
        case (.vms, .fr): "logiciel de gestion vidéo"
        case (.server, .en): "server"
        case (.server, .fr): "serveur"
        case (.cloud, .en): "cloud service"
        case (.cloud, .fr): "service en nuage"
        case (.workstation, .en): "workstation"
        case (.workstation, .fr): "poste de travail"
        case (.nvr, .en): "network video recorder"
        case (.nvr, .fr): "enregistreur vidéo réseau"
        case (.storage, .en): "storage"
        case (.storage, .fr): "stockage"
        }
    }

    static func sector(_ sector: Sector, _ lang: Language) -> String {
        switch (sector, lang) {
        case (.publicAuthority, .en): "public authority"
        case (.publicAuthority, .fr): "autorité publique"
        case (.retail, .en): "retail"
        case (.retail, .fr): "commerce"
        case (.transport, .en): "transport"
        case (.transport, .fr): "transport"
        case (.construction, .en): "construction"
        case (.construction, .fr): "construction"
        case (.workplace, .en): "workplace"
        case (.workplace, .fr): "lieu de travail"
        case (.healthcare, .en): "healthcare"
        case (.healthcare, .fr): "santé"
        case (.education, .en): "education"
        case (.education, .fr): "enseignement"
        case (.hospitality, .en): "hospitality"
        case (.hospitality, .fr): "hôtellerie et restauration"
        case (.residential, .en): "residential"
        case (.residential, .fr): "habitat"
        case (.events, .en): "events"
        case (.events, .fr): "événementiel"
        case (.other, .en): "other"
        case (.other, .fr): "autre"
        }
    }

    /// A retention period in words: "not stored", "30 days", "indefinitely".
    static func duration(_ duration: RetentionDuration, _ lang: Language) -> String {
        guard let seconds = duration.totalSeconds else { return lang == .fr ? "sans limite de durée" : "indefinitely" }
        if seconds == 0 { return lang == .fr ? "aucune conservation" : "not stored" }
        let units: [(Int64, String, String, String, String)] = [
            (31_536_000, "year", "years", "an", "ans"), (86_400, "day", "days", "jour", "jours"),
            (3_600, "hour", "hours", "heure", "heures"), (60, "minute", "minutes", "minute", "minutes"),
        ]
        // Below a week, whole hours read better than days (a DPO writes "72h", not "3d").
        for (factor, en1, enN, fr1, frN) in units where seconds % factor == 0 && !(factor == 86_400 && seconds < 604_800 && seconds > 86_400) {
            let n = seconds / factor
            return lang == .fr ? "\(n) \(n == 1 ? fr1 : frN)" : "\(n) \(n == 1 ? en1 : enN)"
        }
        return lang == .fr ? "\(seconds) secondes" : "\(seconds) seconds"
    }

    static func yesNo(_ value: Bool, _ lang: Language) -> String {
        switch (value, lang) {
        case (true, .en): "yes"
        case (false, .en): "no"
        case (true, .fr): "oui"
        case (false, .fr): "non"
        }
    }
}
