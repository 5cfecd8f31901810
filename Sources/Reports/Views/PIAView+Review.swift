import Assessment
import DeploymentModel
import Foundation

/// The DPO's recorded review in the PIA (`silhouette review import`): statuses and comments in
/// the principles table, re-judged scores with their reasons in the risk sections, the opinions
/// and decisions on the validation page, reservations in the action plan. Only reviews of this
/// very model count; when the latest review was made on another version, the PIA says which and
/// when, shows no review, and stays a draft.
struct ReviewState {
    /// Reviews of this model, oldest first: for each part, the latest review that gives it wins.
    let current: [ReportReview]
    /// The latest review of another model version, when no review of this one exists.
    let stale: ReportReview?

    init(_ context: ReportContext) {
        let hash = context.assessment.modelHash
        current = context.reviews.filter { $0.modelHash == hash }.sorted { $0.recordedAt < $1.recordedAt }
        stale = current.isEmpty ? context.reviews.filter { $0.modelHash != hash }.max { $0.recordedAt < $1.recordedAt } : nil
    }

    var isStale: Bool { stale != nil }

    /// The latest value of a part among this model's reviews, with the review that gives it.
    func latest<T>(_ part: (PIAReview) -> T?) -> (T, ReportReview)? {
        for record in current.reversed() { if let value = part(record.review) { return (value, record) } }
        return nil
    }

    func principle(_ id: String) -> PIAReview.PrincipleReview? {
        latest { $0.principles.first { $0.principle == id } }?.0
    }

    func risk(_ id: String) -> (PIAReview.RiskReview, ReportReview)? {
        latest { $0.risks.first { $0.risk == id } }
    }

    /// The reservations of the latest review that lists any.
    var reservations: [PIAReview.Reservation] {
        latest { $0.reservations.isEmpty ? nil : $0.reservations }?.0 ?? []
    }

    /// The risks with the DPO's scores where the review re-judges them: the score table, the
    /// risk map, the residual-risk conclusions and the action plan then follow the DPO.
    func scored(_ risks: [RiskAssessment]) -> [RiskAssessment] {
        risks.map { risk in
            guard case let (review, _)? = self.risk(risk.id) else { return risk }
            var result = risk
            if let value = review.severity { result.inherentSeverity = value }
            if let value = review.likelihood { result.inherentLikelihood = value }
            if let value = review.residualSeverity { result.residualSeverity = value }
            if let value = review.residualLikelihood { result.residualLikelihood = value }
            // Measures never raise a risk: the residual score stays at most the inherent one.
            result.residualSeverity = min(result.residualSeverity, result.inherentSeverity)
            result.residualLikelihood = min(result.residualLikelihood, result.inherentLikelihood)
            return result
        }
    }

    // MARK: Views

    /// One sentence on the review the document rests on (or its absence, or its staleness).
    func record(_ labels: LabelTable) -> [String: Any] {
        if let stale {
            return ["stale": true, "text": labels.label("pia_review.stale", [
                "id": stale.id, "reviewer": stale.review.reviewer, "date": labels.date(stale.review.date),
                "recorded": labels.date(stale.recordedAt), "hash": ReportDates.shortHash(stale.modelHash)])]
        }
        guard let last = current.last else { return ["stale": false, "text": labels.label("pia_review.none")] }
        return ["stale": false, "text": labels.label("pia_review.recorded", [
            "ids": current.map(\.id).joined(separator: ", "), "reviewer": last.review.reviewer,
            "date": labels.date(last.review.date), "recorded": labels.date(last.recordedAt)])]
    }

    func principles(_ rows: [[String: Any]], ids: [String], labels: LabelTable) -> [[String: Any]] {
        zip(rows, ids).map { row, id in
            guard let review = principle(id) else { return row }
            var result = row
            let status = labels.label("principle_status.\(review.status)")
            result["dpoStatus"] = review.comment.map { status + " — " + $0 } ?? status
            return result
        }
    }

    func riskDetails(_ rows: [[String: Any]], risks: [RiskAssessment], labels: LabelTable) -> [[String: Any]] {
        let lang = Language(rawValue: labels.language) ?? .en
        return zip(rows, risks).map { row, risk in
            guard case let (review, record)? = self.risk(risk.id) else { return row }
            var result = row
            let by = labels.label("pia_review.by-dpo", ["date": labels.date(record.review.date)])
            // `risks` already carry the DPO's scores (see `scored`).
            result["severity"] = Labels.level(risk.inherentSeverity, lang) + " → " + Labels.level(risk.residualSeverity, lang)
            result["likelihood"] = Labels.level(risk.inherentLikelihood, lang) + " → " + Labels.level(risk.residualLikelihood, lang)
            let trimmed = { (text: String) in text.trimmingCharacters(in: CharacterSet(charactersIn: ". ")) }
            if let why = review.severityJustification { result["severityWhy"] = "\(trimmed(why)) (\(by))" }
            if let why = review.likelihoodJustification { result["likelihoodWhy"] = "\(trimmed(why)) (\(by))" }
            return result
        }
    }

    func validation(_ view: [String: Any], labels: LabelTable) -> [String: Any] {
        var result = view
        let separator = labels.label("format.list-separator")
        if case let (decision, _)? = latest({ $0.controllerDecision }) {
            var text = labels.label("controller_decision.\(decision.decision)") + " — " + decision.by
            if let date = decision.date { text += ", " + labels.date(date) }
            if !decision.conditions.isEmpty {
                text += ". " + labels.label("pia_review.conditions", ["conditions": decision.conditions.joined(separator: separator)])
            }
            result["controllerDecision"] = text
            if !decision.residualRisksAccepted.isEmpty {
                let names = decision.residualRisksAccepted.map { labels.label("risk.\($0)") }.joined(separator: separator)
                result["residualRisks"] = labels.label("pia_review.residual-accepted", ["risks": names, "by": decision.by])
            }
        }
        if case let (opinion, record)? = latest({ $0.dpoOpinion }) {
            var text = labels.label("opinion.\(opinion.opinion)")
            if let words = opinion.text { text += " — " + words }
            result["dpoOpinion"] = text + " (" + record.review.reviewer + ", " + labels.date(record.review.date) + ")"
        }
        if case let (subjects, _)? = latest({ $0.dataSubjectsOpinion }) {
            var text = subjects.who.map { $0 + labels.label("format.colon") } ?? ""
            text += subjects.text
            if let date = subjects.date { text += " (" + labels.date(date) + ")" }
            result["subjectsOpinion"] = text
        }
        if case let (consultation, _)? = latest({ $0.priorConsultation }) {
            var text = labels.label("pia_review.consultation.\(consultation.decision)")
            if let reason = consultation.reason { text += labels.label("format.colon") + reason }
            if let reference = consultation.reference { text += " (" + reference + (consultation.date.map { ", " + labels.date($0) } ?? "") + ")" }
            result["priorConsultation"] = text
        }
        return result
    }
}

/// The ids a review file may judge: the PIA's fundamental principles (CNIL method).
public enum PIAMethod {
    public static var principleIds: [String] { PIAView.principleScopes.map(\.id) }
}
