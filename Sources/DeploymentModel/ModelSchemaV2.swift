/// Schema nodes of model language v2 (see `ModelV2.swift`).
extension ModelSchema {
    static let legalText: SchemaNode = .object(name: "LegalText", fields: [
        req("instrument", text, "The text: `GDPR`, `Directive (EU) 2016/680`, `loi n° 2023-380`, `CSI`, `CQLR c P-39.1`, `PIPEDA`…"),
        opt("article", text, "Article, section or clause (`art. 10`, `L251-2`, `s. 3.3`)."),
        opt("title", text, "Title or subject of the provision."),
        opt("in_force_from", text, "First day the provision applies.", format: "date"),
        opt("in_force_until", text, "Last day it applies (an experiment's end, a repeal).", format: "date"),
        opt("url", text, "Official source.", format: "uri"),
    ])

    static let lifecycle: SchemaNode = .object(name: "Lifecycle", fields: [
        req("phase", .string(enumValues: names(LifecyclePhase.self)), "`planned`, `pilot`, `production`, `suspended` or `decommissioned`."),
        opt("since", text, "First day of this phase.", format: "date"),
        opt("until", text, "Last day of this phase (a pilot's planned end).", format: "date"),
    ])

    static let specialCategoryCondition: SchemaNode = .object(name: "SpecialCategoryCondition", fields: [
        req("exception", .string(enumValues: names(SpecialCategoryException.self)), "The GDPR Art. 9(2) point relied on, e.g. `9(2)(a)` (explicit consent) or `9(2)(g)` (substantial public interest, on the basis of law)."),
        req("condition", freeText, "How the condition is met, concretely."),
        opt("law", legalText, "The Union or member-state law that points (b), (g), (h), (i) and (j) require."),
    ])

    static let retentionEvent: SchemaNode = .object(name: "RetentionEvent", fields: [
        req("event", freeText, "The event the retention is tied to (\"while the court order is in force\")."),
        opt("reference", legalText, "The order or text imposing the hold."),
    ])

    static let jointArrangement: SchemaNode = .object(name: "JointArrangement", fields: [
        req("reference", text, "Reference of the arrangement (GDPR Art. 26(1))."),
        opt("date", text, "Date signed.", format: "date"),
        flag("essence_available", "Its essence is made available to data subjects (Art. 26(2))."),
    ])

    static let informationChannel: SchemaNode = .object(name: "InformationChannel", fields: [
        req("id", text, "Channel id (referenced by `workforce.information_channels`)."),
        req("kind", .string(enumValues: names(ChannelKind.self)), "`sign`, `letter`, `contract-clause`, `consent-form`, `intranet`, `website`, `notice-board`, `email`, `meeting`, `handbook` or `other`."),
        list("states", .string(enumValues: names(InformationItem.self)), "What the channel actually says (GDPR Art. 13; EDPB 3/2019 §114–117)."),
        list("cameras", text, "Ids of the cameras it informs about (empty: every camera)."),
        list("purposes", text, "Ids of the purposes it informs about (empty: every purpose)."),
        list("audience", freeText, "Who it reaches (visitors, employees, residents…)."),
        opt("date", text, "Date it was given or posted.", format: "date"),
        opt("url", text, "Where it is published.", format: "uri"),
        opt("sign_version", text, "A sign version recorded in the store by `silhouette signage` (e.g. `SIGN-3`)."),
    ])

    static let staffCouncil: SchemaNode = .object(name: "StaffCouncil", fields: [
        req("name", text, "The body (`CSE`, works council, union)."),
        opt("informed_on", text, "Date it was informed.", format: "date"),
        opt("consulted_on", text, "Date it was consulted (C. trav. L2312-38).", format: "date"),
        opt("opinion", freeText, "Its opinion."),
    ])

    static let workforce: SchemaNode = .object(name: "Workforce", fields: [
        opt("headcount", .integer, "Number of employees."),
        opt("individually_informed_on", text, "Date employees were individually informed (C. trav. L1222-4).", format: "date"),
        list("information_channels", text, "Ids of the information channels that informed them."),
        opt("staff_council", staffCouncil, "Staff representatives and their consultation."),
    ])
}
