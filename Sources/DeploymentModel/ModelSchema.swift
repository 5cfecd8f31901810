/// The deployment model's schema, field by field. Enum values come from the Swift enums
/// (`CaseIterable`), so the schema cannot drift from `Model.swift`.
public enum ModelSchema {
    /// The root of a deployment file (`apiVersion: silhouette/v1`).
    public static let root: SchemaNode = .object(name: "DeploymentDocument", fields: [
        req("apiVersion", .string(enumValues: ["silhouette/v1", "silhouette/v2"]), "Model format version: `silhouette/v1` or `silhouette/v2` (the same format: v2 only names the language with the fields marked v2)."),
        req("deployment", deployment, "Who runs the deployment, where, and with which processors."),
        list("purposes", purpose, "Why the cameras and analytics exist: one entry per purpose, each with its legal basis."),
        list("features", feature, "Analytics functions enabled (counting, intrusion, …); purposes refer to them by id."),
        list("cameras", camera, "Cameras written inline; those of `cameras_file` are appended after them."),
        opt("cameras_file", text, "CSV camera inventory, relative to this file: a header row naming camera keys (`signage.first_layer` for nested ones); list cells separated by `;`."),
        list("systems", system, "Where data is held or processed: edge devices, VMS, servers, cloud."),
        list("retention", retention, "How long each data category is kept."),
        list("data_flows", dataFlow, "Movements of data between cameras, systems and recipients (by id)."),
        list("recipients", recipient, "Who receives data."),
        list("security", .string(enumValues: names(SecurityMeasure.self)), "Security measures in place."),
        section("rights", rights, "How data subjects exercise their rights."),
        opt("engine", engine, "The analytics engine: `{name: builtin, version: \"1\"}` or a vendor command."),
        opt("dpia", dpia, "The DPIA record: reference, dates, DPO advice, views of data subjects."),
        list("authorisations", authorisation, "Authorisations obtained (prefectoral, CNIL, CAI, …)."),
        opt("statistics", statistics, "How statistics that leave the system are aggregated."),
        list("risks", riskOverride, "Author judgements that override computed risk scores, each justified."),
        list("waivers", waiver, "Accepted deviations from a rule, until they expire."),
        section("justifications", .map(freeText), "Free-text justifications rules may require, by key (`long_retention`, `audio`, …)."),
        list2("information_channels", informationChannel, "v2: how people are informed: signs, letters, contract clauses, consent forms, intranet…, what each states and which cameras and purposes it covers."),
        opt("workforce", workforce, "v2: the controller's staff: headcount, individual information, staff council (CSE) consultation."),
    ])

    // MARK: Sections

    static let contact: SchemaNode = .object(name: "Contact", fields: [
        req("name", text, "Person or office name."),
        opt("email", text, "E-mail address.", format: "email"),
        opt("phone", text, "Telephone number."),
    ])

    static let controller: SchemaNode = .object(name: "Controller", fields: [
        req("name", text, "Legal name of the data controller."),
        req("country", text, "ISO 3166 country code of the controller (`FR`, `CA`)."),
        opt("address", text, "Postal address."),
        req("contact", text, "How to reach the controller about this processing."),
        opt("dpo", contact, "Data protection officer (GDPR Art. 37–39)."),
        opt("accountable_person", contact, "PIPEDA principle 4.1: the person accountable for compliance."),
        opt("ethics_committee", .boolean, "Whether an ethics committee reviews this deployment."),
        opt("public_body", .boolean, "v2: a public authority or body governed by public law (absent: true when `sector` is `public-authority`). Decides the police-directive regime for offence purposes and the Canadian public-sector statutes."),
        opt("entrusted_by_law", legalText, "v2: the law entrusting this body with public authority (Directive 2016/680 Art. 3(7)(b)) or a public task: a private body is a competent authority only through such a text."),
        flag2("federally_regulated", "v2 (Canada): a federal work, undertaking or business (banks, airlines, telecoms, interprovincial transport): PIPEDA applies, Québec included, employees included."),
        opt("province", .string(enumValues: names(Province.self)), "v2 (Canada): the province or territory whose law applies (`QC`, `\"ON\"`, `AB`…; quote ON, which YAML 1.1 tools read as true); `CA-QC` in `jurisdictions` says the same."),
    ])

    static let processor: SchemaNode = .object(name: "Processor", fields: [
        opt("id", text, "Short id, used by `systems[].operated_by`."),
        req("name", text, "Legal name."),
        req("role", .string(enumValues: names(ProcessorRole.self)), "Role under GDPR Art. 28 / 26."),
        req("country", text, "Country where it processes data."),
        req("contract", .string(enumValues: names(ContractState.self)), "State of the Art. 28 contract."),
        list("services", freeText, "What it does for the controller."),
        opt("subprocessors", .array(text), "Its sub-processors (names); absent when unknown."),
        opt("transfer_mechanism", text, "Chapter V mechanism when outside the EEA (SCC, adequacy, …)."),
        flag2("reuses_data", "v2: the processor reuses the data for its own purposes (model training, product improvement): it is then a controller for that use (GDPR Art. 28(10))."),
        opt("reuse_purposes", freeText, "v2: what it reuses the data for."),
        opt("arrangement", jointArrangement, "v2: the Art. 26 arrangement, for a joint controller."),
    ])

    static let deployment: SchemaNode = .object(name: "Deployment", fields: [
        req("id", text, "Stable identifier of the deployment (used by the store and reports)."),
        req("name", freeText, "Human-readable name."),
        opt("description", freeText, "What the deployment does, in a paragraph."),
        list("jurisdictions", text, "Legal systems that apply: `EU`, `FR`, `CA`, `CA-QC`, …; selects rule packs."),
        req("sector", .string(enumValues: names(Sector.self)), "Sector of the controller."),
        flag("publicly_accessible", "Cameras film places open to the public."),
        opt("estimated_daily_subjects", .integer, "Rough number of people seen per day (large-scale criterion)."),
        req("controller", controller, "The data controller."),
        list("processors", processor, "Processors and joint controllers."),
        opt("start_date", text, "Start of processing.", format: "date"),
        opt("legal_experiment", text, "Experimental legal regime relied on (e.g. `fr-jo-2024`)."),
        opt("lifecycle", lifecycle, "v2: pilot or production, and the dates of the phase; a pilot is processing like any other."),
        opt("language", .string(enumValues: FreeText.languages), "v2: the language the model's free text is written in (`en` or `fr`). A free text given per language (`{fr: …, en: …}`) is read by rules in this language, else in English, else in the first language given (alphabetical order)."),
    ])

    static let objection: SchemaNode = .object(name: "Objection", fields: [
        flag("offered", "Whether data subjects can object (GDPR Art. 21)."),
        opt("how", freeText, "How they object."),
        opt("reason_not", freeText, "Why objection is not offered."),
        opt("restricted_by", legalText, "v2: the legislative measure that restricts the right to object (GDPR Art. 23), when it is not offered."),
    ])

    static let purpose: SchemaNode = .object(name: "Purpose", fields: [
        req("id", text, "Short id, referenced by cameras."),
        req("description", freeText, "What the purpose is, specifically (GDPR Art. 5(1)(b))."),
        req("legal_basis", .string(enumValues: names(LegalBasis.self)), "GDPR Art. 6(1) basis, or PIPEDA consent form."),
        opt("legal_basis_ref", freeText, "The text granting the task or obligation (e.g. `CSI L251-2`); plain, or per language (`{en: \"CQLR c P-39.1 s. 4\", fr: \"RLRQ c P-39.1, art. 4\"}`)."),
        req("necessity", freeText, "Why cameras are needed and which less intrusive means were considered."),
        list("alternatives_considered", freeText, "Less intrusive means considered and why they fall short."),
        list("data_subjects", freeText, "Categories of people concerned."),
        list("data_categories", freeText, "Categories of data processed."),
        list("features", text, "Ids of the features that serve this purpose."),
        flag("human_review", "An operator reviews every alert before anything happens."),
        section("automated_decisions", .string(enumValues: names(AutomatedDecisions.self)),
                "Decisions taken by the system (default `none`).", default: .string("none")),
        flag("statistics_only", "Statistics only, no operational use: outputs anonymised at once, no image kept."),
        opt("objection", objection, "How the right to object is offered, or why not."),
        list2("additional_legal_bases", .string(enumValues: names(LegalBasis.self)), "v2: further legal bases relied on for the same purpose (several Art. 6(1) bases)."),
        list2("legal_texts", legalText, "v2: the texts the purpose relies on, structured, with their dates (the authorising text for algorithmic analysis, the CSI article, the statute entrusting the task)."),
        opt("special_category_condition", specialCategoryCondition, "v2: the GDPR Art. 9(2) exception relied on for special categories such as biometric data, and how its condition is met."),
        flag2("law_enforcement", "v2: the purpose is the prevention, investigation, detection or prosecution of criminal offences (Directive (EU) 2016/680 Art. 1(1)); pursued by a competent authority it falls under the police directive, not the GDPR."),
        flag2("employee_monitoring", "v2: the purpose monitors the controller's own employees (labour-law duties; PIPEDA covers employees only of federally regulated businesses)."),
    ])

    static let feature: SchemaNode = .object(name: "Feature", fields: [
        req("id", text, "Short id, referenced by purposes."),
        req("kind", .string(enumValues: names(FeatureKind.self)), "What the analytics does."),
        opt("description", freeText, "How it works, in a sentence."),
        list("subjects", .string(enumValues: names(SubjectClass.self)), "Object classes it detects."),
        list("outputs", .string(enumValues: names(FeatureOutput.self)), "What it produces."),
        flag("on_device", "Runs on the camera or edge box; video never leaves it."),
        flag("follows_individual", "Follows one chosen individual across the scene."),
        opt("biometric_modality", .string(enumValues: names(BiometricModality.self)), "v2: the biometric characteristic processed: face, fingerprint, iris, gait, voice…"),
        opt("biometric_comparison", .string(enumValues: names(BiometricComparison.self)), "v2: `one-to-one` verification (is this the claimed person?), `one-to-many` identification (who is this?) or `categorisation`."),
    ])

    static let point: SchemaNode = .point

    static let privacyMask: SchemaNode = .object(name: "PrivacyMask", fields: [
        req("id", text, "Name of the masked region (a plain string is shorthand for `{id: …}`)."),
        opt("polygon", .array(point), "Region in normalised [0, 1] image coordinates."),
    ])

    static let signage: SchemaNode = .object(name: "Signage", fields: [
        flag("first_layer", "A first-layer information sign is displayed (EDPB Guidelines 3/2019 §114)."),
        opt("placed_before_entry", .boolean, "The sign is seen before entering the filmed area."),
        opt("second_layer_url", text, "Where the full information notice is published.", format: "uri"),
        opt("second_layer_place", freeText, "Where the full notice can be read on site."),
    ])

    static let analyticsZone: SchemaNode = .object(name: "AnalyticsZone", fields: [
        req("id", text, "Zone name, used in events."),
        req("polygon", .array(point), "Zone polygon in normalised coordinates."),
    ])

    static let countingLine: SchemaNode = .object(name: "CountingLine", fields: [
        req("id", text, "Line name, used in events."),
        req("from", point, "Start of the line."),
        req("to", point, "End of the line."),
        opt("wrong_way", .string(enumValues: ["in", "out"]), "The direction that is wrong-way, if any."),
    ])

    static let cameraAnalytics: SchemaNode = .object(name: "CameraAnalytics", fields: [
        list("zones", analyticsZone, "Zones for intrusion, dwell and density."),
        list("lines", countingLine, "Lines for counting and direction."),
    ])

    static let camera: SchemaNode = .object(name: "Camera", fields: [
        req("id", text, "Camera id, used in data flows and events."),
        req("site", text, "Site or street."),
        req("zone", .string(enumValues: names(CameraZone.self)), "Kind of place filmed."),
        opt("location", freeText, "Precise location."),
        list("purposes", text, "Ids of the purposes this camera serves."),
        flag("audio", "The camera records or analyses sound."),
        opt("resolution", text, "Image size, e.g. `1920x1080`."),
        flag("ptz", "Pan-tilt-zoom camera."),
        flag("overlooks_private_space", "Private places (windows, gardens) are in the field of view."),
        flag("films_workstations", "Employees at their workstation are in the field of view."),
        list("privacy_masks", privacyMask, "Static regions blanked before analysis."),
        section("signage", signage, "Information signs for this camera (default: none)."),
        opt("analytics", cameraAnalytics, "Zones and lines used by the detection engine."),
        flag2("hidden", "v2: a covert camera, concealed from the people filmed."),
    ])

    static let system: SchemaNode = .object(name: "System", fields: [
        req("id", text, "System id, used in data flows."),
        req("kind", .string(enumValues: names(SystemKind.self)), "What it is."),
        req("operated_by", text, "`controller`, or the id or name of a processor."),
        opt("country", text, "Where it is located."),
        list("holds", .string(enumValues: names(DataCategory.self)), "Data categories it stores."),
        flag("access_control", "Access requires authentication and authorisation."),
        flag("access_logging", "Every access is logged."),
        flag("encrypted_at_rest", "Stored data is encrypted."),
    ])

    static let retention: SchemaNode = .object(name: "RetentionRule", fields: [
        req("data", .string(enumValues: names(DataCategory.self)), "Data category."),
        req("duration", .duration, "How long it is kept: `30d`, `72h`, `P30D`, `0` (not stored), `indefinite`."),
        opt("where", text, "System id where it is kept, or `none`."),
        flag("anonymised", "The kept data is anonymised."),
        opt("justification", freeText, "Why this duration."),
        opt("access", freeText, "Who may see it (e.g. `authenticated-users`, or a description per language)."),
        list2("purposes", text, "v2: ids of the purposes this entry serves (empty: every purpose)."),
        opt("until_event", retentionEvent, "v2: kept until an event ends (a legal hold, a court order in force, a hand-over to the police); `duration` is then the period kept after the event ends, or `indefinite`."),
    ])

    static let dataFlow: SchemaNode = .object(name: "DataFlow", fields: [
        req("from", text, "Camera, system or recipient id."),
        req("to", text, "Camera, system or recipient id."),
        req("data", .string(enumValues: names(DataCategory.self)), "Data category carried."),
        flag("encrypted", "Encrypted in transit."),
        opt("country", text, "Destination country."),
        opt("transfer_mechanism", text, "Chapter V mechanism for transfers outside the EEA."),
        list2("purposes", text, "v2: ids of the purposes this flow serves (empty: every purpose)."),
    ])

    static let recipient: SchemaNode = .object(name: "Recipient", fields: [
        req("id", text, "Recipient id, used in data flows."),
        req("name", freeText, "Who they are."),
        req("kind", .string(enumValues: names(RecipientKind.self)), "Kind of recipient."),
        list("data", .string(enumValues: names(DataCategory.self)), "Data categories received."),
        opt("country", text, "Country."),
        list2("purposes", text, "v2: ids of the purposes for which it receives data (empty: every purpose)."),
    ])

    static let rights: SchemaNode = .object(name: "Rights", fields: [
        opt("information", freeText, "How people are informed (GDPR Art. 12–14)."),
        opt("access", freeText, "How to request access (Art. 15)."),
        flag("access_redaction", "Third parties are redacted in footage given on access."),
        opt("objection", freeText, "How to object (Art. 21), or why not applicable."),
        opt("erasure", freeText, "How to request erasure (Art. 17)."),
        opt("rectification", freeText, "How to request rectification (Art. 16)."),
        opt("complaint", freeText, "Supervisory authority to complain to (Art. 77)."),
    ])

    static let engine: SchemaNode = .object(name: "Engine", fields: [
        req("name", text, "`builtin` or the vendor engine name."),
        req("version", text, "Engine version."),
        opt("command", text, "Command following the engine contract (vendor engines)."),
        opt("manifest", text, "Engine manifest file."),
        opt("digest", text, "Vendor engine identity (`sha256:…`, as `silhouette verify` reports it): the program and the script/model files its command names."),
    ])

    static let dpoAdvice: SchemaNode = .object(name: "DPOAdvice", fields: [
        req("date", text, "Date of the advice.", format: "date"),
        req("summary", freeText, "What the DPO advised (GDPR Art. 35(2))."),
    ])

    static let dataSubjectViews: SchemaNode = .object(name: "DataSubjectViews", fields: [
        flag("sought", "Views of data subjects were sought (GDPR Art. 35(9))."),
        opt("how", freeText, "How."),
        opt("reason_not", freeText, "Why not."),
    ])

    static let dpia: SchemaNode = .object(name: "DPIARecord", fields: [
        opt("reference", text, "Document reference."),
        opt("date", text, "Date of the DPIA.", format: "date"),
        opt("last_review", text, "Date of the last review.", format: "date"),
        opt("dpo_advice", dpoAdvice, "The DPO's advice."),
        opt("data_subject_views", dataSubjectViews, "Views of data subjects."),
        opt("prior_consultation", freeText, "Art. 36 prior consultation, when done."),
        opt("kind", .string(enumValues: names(DPIAKind.self)), "v2: `gdpr-dpia` (GDPR Art. 35), `led-dpia` (Directive 2016/680 Art. 27), `qc-efvp` (Québec EFVP, CQLR c P-39.1 s. 3.3) or `pia` (PIPEDA: OPC good practice, no statutory duty)."),
        list2("parts", .string(enumValues: names(DPIAPart.self)), "v2: the GDPR Art. 35(7) parts the document contains: (a) `description`, (b) `necessity`, (c) `risks`, (d) `measures`."),
        opt("next_review", text, "v2: date of the next planned review.", format: "date"),
    ])

    static let authorisation: SchemaNode = .object(name: "Authorisation", fields: [
        req("kind", text, "`prefectoral`, `cnil`, `cai-disclosure`, …"),
        req("reference", text, "Reference of the decision."),
        opt("date", text, "Date granted.", format: "date"),
        opt("expires", text, "Expiry date.", format: "date"),
    ])

    static let statistics: SchemaNode = .object(name: "StatisticsPolicy", fields: [
        flag("published", "Statistics are published outside the controller."),
        opt("min_group_size", .integer, "Smallest group size published (k-anonymity threshold)."),
    ])

    static let riskOverride: SchemaNode = .object(name: "RiskOverride", fields: [
        req("risk", text, "Risk id (e.g. `illegitimate-access`, `chilling-effect`)."),
        opt("severity", .integer, "Inherent severity 1–4."),
        opt("likelihood", .integer, "Inherent likelihood 1–4."),
        opt("residual_severity", .integer, "Residual severity 1–4."),
        opt("residual_likelihood", .integer, "Residual likelihood 1–4."),
        req("justification", freeText, "Why the computed score is overridden."),
    ])

    static let waiver: SchemaNode = .object(name: "Waiver", fields: [
        req("rule", text, "Rule id, e.g. `GDPR-STORAGE-001`."),
        opt("subject", text, "Subject path (`cameras[3]`, `features[face-blur]`); absent = whole deployment."),
        req("justification", freeText, "Why the deviation is accepted."),
        req("approver", text, "Who accepted it."),
        req("expires", text, "Expiry date.", format: "date"),
    ])

    // MARK: Helpers

    static let text: SchemaNode = .string(enumValues: nil)
    /// Free text a person writes: plain, or per language (`{fr: …, en: …}`; see `FreeText`).
    static let freeText: SchemaNode = .localisedText

    static func names<E: CaseIterable & RawRepresentable>(_: E.Type) -> [String] where E.RawValue == String {
        E.allCases.map(\.rawValue)
    }

    static func req(_ name: String, _ node: SchemaNode, _ doc: String, format: String? = nil) -> SchemaField {
        SchemaField(name: name, node: node, required: true, doc: doc, format: format)
    }

    static func opt(_ name: String, _ node: SchemaNode, _ doc: String, format: String? = nil) -> SchemaField {
        SchemaField(name: name, node: node, required: false, doc: doc, format: format)
    }

    static func list(_ name: String, _ item: SchemaNode, _ doc: String) -> SchemaField {
        SchemaField(name: name, node: .array(item), required: false, doc: doc + " Default: empty.", defaultValue: .list([]))
    }

    /// A v2 list: its empty default stays out of the canonical form.
    static func list2(_ name: String, _ item: SchemaNode, _ doc: String) -> SchemaField {
        SchemaField(name: name, node: .array(item), required: false, doc: doc + " Default: empty.", defaultValue: .list([]), v2: true)
    }

    /// A v2 flag: its `false` default stays out of the canonical form.
    static func flag2(_ name: String, _ doc: String) -> SchemaField {
        SchemaField(name: name, node: .boolean, required: false, doc: doc + " Default: false.", defaultValue: .bool(false), v2: true)
    }

    static func flag(_ name: String, _ doc: String) -> SchemaField {
        SchemaField(name: name, node: .boolean, required: false, doc: doc + " Default: false.", defaultValue: .bool(false))
    }

    /// A section that is always present in the model: an absent key is read as `{}` (or `default`).
    static func section(_ name: String, _ node: SchemaNode, _ doc: String,
                        default value: ModelValue = .object([:])) -> SchemaField {
        SchemaField(name: name, node: node, required: false, doc: doc, defaultValue: value)
    }
}
