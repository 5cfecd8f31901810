import DeploymentModel

/// A document shows the model's free texts in its own language: a text given per language
/// (`{fr: …, en: …}`) in that language, and where the model lacks it, the text it does give
/// with the visible mark of the label tables (« ⟨non traduit⟩ », "⟨untranslated⟩").
enum LocalisedDocument {
    static func mark(_ labels: LabelTable) -> (String) -> String {
        let word = labels.label("status.untranslated")
        return { "⟨\(word)⟩ " + $0 }
    }

    static func localised(_ document: DeploymentDocument, _ labels: LabelTable) -> DeploymentDocument {
        document.localised(to: labels.language, untranslated: mark(labels))
    }
}

extension ReportContext {
    /// The context with the model's free texts in the document's language (see `LocalisedDocument`).
    func localised(_ labels: LabelTable) -> ReportContext {
        var context = self
        context.loaded.document = LocalisedDocument.localised(loaded.document, labels)
        // The assessment ran on the model's rule-reading text: an author's risk judgement it
        // carries is shown in the document's language too (a DPO's recorded one is left alone).
        for (original, shown) in zip(loaded.document.risks, context.loaded.document.risks) {
            guard let index = context.assessment.risks.firstIndex(where: { $0.id == original.risk }),
                  context.assessment.risks[index].overridden == original.justification else { continue }
            context.assessment.risks[index].overridden = shown.justification
        }
        return context
    }
}
