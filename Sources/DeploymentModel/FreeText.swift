import Foundation

/// Free text of the model written per language (`description: {fr: …, en: …}`).
///
/// A free-text field (a purpose's description, a justification, a recipient's name…) takes a
/// plain string, as before, or a map from language code to text. The Swift model keeps one
/// string per field: the text in the model's *text language* (`FreeText.textLanguage`), which
/// is what rules read (`size(item.description)` keeps working on a map). The other variants are
/// kept in `DeploymentDocument.translations`, keyed by the value's path, and put back into the
/// model's value for its canonical JSON, so the model hash covers every language. Documents call
/// `DeploymentDocument.localised(to:untranslated:)` to get the texts of their own language, a
/// missing one replaced by the available text with a visible mark.
public enum FreeText {
    /// Languages a free text may be given in: the languages the tool writes documents in.
    public static let languages = ["en", "fr"]

    /// The language whose text stands for a localised field where one text is needed (rules,
    /// store, command-line summaries): the model's declared `deployment.language` when the map
    /// has it, else English, else the first code in alphabetical order.
    public static func textLanguage(of texts: [String: String], declared: String?) -> String? {
        if let declared, texts[declared] != nil { return declared }
        if texts["en"] != nil { return "en" }
        return texts.keys.sorted().first
    }

    /// The text of a localised value in the text language (see `textLanguage`).
    public static func text(of texts: [String: String], declared: String?) -> String {
        textLanguage(of: texts, declared: declared).flatMap { texts[$0] } ?? ""
    }

    /// The texts of a `{lang: text}` model value (nil for a plain string or anything else).
    static func variants(_ value: ModelValue) -> [String: String]? {
        guard case .object(let fields) = value else { return nil }
        var texts: [String: String] = [:]
        for (language, text) in fields { if let text = text.stringValue { texts[language] = text } }
        return texts
    }
}

/// One step of a path into the model's value: a key of an object or map, or a list index.
public enum ModelPathStep: Codable, Sendable, Hashable {
    case key(String)
    case index(Int)
}

/// The per-language variants of the model's localised free texts, by path
/// (`purposes[2].description` is `[.key("purposes"), .index(2), .key("description")]`).
public struct Translations: Codable, Sendable, Equatable {
    public struct Entry: Codable, Sendable, Equatable {
        public var path: [ModelPathStep]
        /// Language code → text, every variant the model gives (the text language's included).
        public var texts: [String: String]
    }

    public var entries: [Entry]

    public init(entries: [Entry] = []) { self.entries = entries }

    public var isEmpty: Bool { entries.isEmpty }

    /// The texts given at a path (nil when the field is a plain string).
    public func texts(at path: [ModelPathStep]) -> [String: String]? {
        entries.first { $0.path == path }?.texts
    }

    /// Splits a schema-read model value into the value rules and Swift types see (each localised
    /// map replaced by its text in the text language) and the variants, by path.
    static func extract(from value: ModelValue, schema: SchemaNode, declared: String?) -> (ModelValue, Translations) {
        var entries: [Entry] = []
        let resolved = resolve(value, schema: schema, path: []) { path, texts in
            entries.append(Entry(path: path, texts: texts))
            return .string(FreeText.text(of: texts, declared: declared))
        }
        return (resolved, Translations(entries: entries))
    }

    /// `value` with each localised map replaced by `replace(path, texts)`.
    static func resolve(_ value: ModelValue, schema: SchemaNode, path: [ModelPathStep],
                        _ replace: ([ModelPathStep], [String: String]) -> ModelValue) -> ModelValue {
        switch (value, schema) {
        case (.object, .localisedText):
            return FreeText.variants(value).map { replace(path, $0) } ?? value
        case (.object(let fields), .object(_, let schemaFields)):
            var result = fields
            for field in schemaFields {
                guard let child = fields[field.name] else { continue }
                result[field.name] = resolve(child, schema: field.node, path: path + [.key(field.name)], replace)
            }
            return .object(result)
        case (.object(let fields), .map(let item)):
            var result = fields
            for (key, child) in fields { result[key] = resolve(child, schema: item, path: path + [.key(key)], replace) }
            return .object(result)
        case (.list(let items), .array(let item)):
            return .list(items.enumerated().map { resolve($1, schema: item, path: path + [.index($0)], replace) })
        default:
            return value
        }
    }

    /// `value` with the localised maps put back at their paths (the inverse of `extract`, for
    /// the canonical JSON and the model hash).
    func applied(to value: ModelValue) -> ModelValue {
        var result = value
        for entry in entries {
            result = Self.set(.object(entry.texts.mapValues(ModelValue.string)), at: entry.path[...], in: result)
        }
        return result
    }

    private static func set(_ new: ModelValue, at path: ArraySlice<ModelPathStep>, in value: ModelValue) -> ModelValue {
        guard let step = path.first else { return new }
        switch (step, value) {
        case (.key(let key), .object(var fields)):
            guard let child = fields[key] else { return value }
            fields[key] = set(new, at: path.dropFirst(), in: child)
            return .object(fields)
        case (.index(let index), .list(var items)) where items.indices.contains(index):
            items[index] = set(new, at: path.dropFirst(), in: items[index])
            return .list(items)
        default:
            return value
        }
    }
}

extension DeploymentDocument {
    /// The model as a document in `language` reads it: every localised free text in that
    /// language; where the model does not give it, the text it does give (in the text language)
    /// marked by `untranslated` (e.g. « ⟨non traduit⟩ … »). Plain strings are left as written.
    public func localised(to language: String, untranslated: (String) -> String) -> DeploymentDocument {
        guard let translations, !translations.isEmpty else { return self }
        let declared = deployment.language
        var value = ModelEncoding.value(self)
        value = Translations.resolve(value, schema: ModelSchema.root, path: []) { _, texts in
            if let text = texts[language] { return .string(text) }
            return .string(untranslated(FreeText.text(of: texts, declared: declared)))
        }
        var json = ""
        ModelEncoding.writeDecodableJSON(value, schema: ModelSchema.root, into: &json)
        guard var document = try? JSONDecoder().decode(DeploymentDocument.self, from: Data(json.utf8)) else { return self }
        document.translations = nil
        return document
    }

    /// The languages the model's localised free texts are given in, and per language how many
    /// of them lack it.
    public var missingTranslations: [String: Int] {
        var missing: [String: Int] = [:]
        for entry in translations?.entries ?? [] {
            for language in FreeText.languages where entry.texts[language] == nil { missing[language, default: 0] += 1 }
        }
        return missing
    }
}
