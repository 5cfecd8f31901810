/// Words shared by rules, findings and reports. They live in `Rules` (which `Assessment`
/// re-exports) because a rule file already carries severities, bilingual texts and legal
/// references before any assessment exists.

/// How serious a breach of a rule is, in increasing order.
public enum Severity: String, Codable, Sendable, Comparable, CaseIterable {
    case info, low, medium, high, critical

    private var rank: Int { Self.allCases.firstIndex(of: self)! }
    public static func < (lhs: Severity, rhs: Severity) -> Bool { lhs.rank < rhs.rank }
}

/// The two languages every user-facing text is written in.
public enum Language: String, Codable, Sendable, CaseIterable {
    case en, fr
}

/// A text in English and French.
public struct LocalizedText: Codable, Sendable, Hashable {
    public var en: String
    public var fr: String

    public init(en: String, fr: String) {
        self.en = en
        self.fr = fr
    }

    /// The text in `lang`.
    public func text(_ lang: Language) -> String {
        switch lang {
        case .en: en
        case .fr: fr
        }
    }
}

/// A citation: the law or guidance, the article, and how sure we are of it.
public struct LegalReference: Codable, Sendable, Hashable {
    public var law: String
    public var article: String
    public var title: String?
    public var url: String?
    /// True when the reference still needs checking against the official text.
    public var uncertain: Bool
    /// The note in English (what JSON, SARIF and `rules show` print).
    public var note: String?
    /// The title and note in French when the rule gives them as `{en:, fr:}`; a plain string is
    /// one text for both languages (the French report marks it untranslated).
    public var frenchTitle: String?
    public var frenchNote: String?

    public init(law: String, article: String, title: String? = nil, url: String? = nil,
                uncertain: Bool = false, note: String? = nil,
                frenchTitle: String? = nil, frenchNote: String? = nil) {
        self.law = law
        self.article = article
        self.title = title
        self.url = url
        self.uncertain = uncertain
        self.note = note
        self.frenchTitle = frenchTitle
        self.frenchNote = frenchNote
    }

    /// The title in `lang` (the rule's one text when it gives no French).
    public func title(_ lang: Language) -> String? { lang == .fr ? (frenchTitle ?? title) : title }

    /// The note in `lang` (the rule's one text when it gives no French).
    public func note(_ lang: Language) -> String? { lang == .fr ? (frenchNote ?? note) : note }

    /// `GDPR Art. 5(1)(e)`, with ` [verify]` when uncertain.
    public var citation: String {
        "\(law) \(article)" + (uncertain ? " [verify]" : "")
    }
}
