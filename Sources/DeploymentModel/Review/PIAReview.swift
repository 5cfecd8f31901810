import Foundation

/// What the DPO and the controller decide about a PIA (the CNIL method's evaluation and
/// validation): a status and comment per fundamental principle, risk scores re-judged with
/// written reasons, reservations, the DPO's opinion, the opinion of the people concerned, the
/// Art. 36 decision and the controller's decision with the residual risks it accepts. Written
/// in a review file (`silhouette review import`), recorded in the store against the model hash:
/// when the model changes, the review no longer applies and the PIA says so.
public struct PIAReview: Codable, Sendable, Equatable {
    /// The deployment id the review is about (must match the model's).
    public var deployment: String
    /// Who wrote the review (the DPO, or the controller's representative for the decision).
    public var reviewer: String
    /// `YYYY-MM-DD`: when the review was made.
    public var date: String
    public var principles: [PrincipleReview]
    public var risks: [RiskReview]
    public var reservations: [Reservation]
    public var dpoOpinion: DPOOpinion?
    public var dataSubjectsOpinion: DataSubjectsOpinion?
    public var priorConsultation: PriorConsultationDecision?
    public var controllerDecision: ControllerDecision?

    public struct PrincipleReview: Codable, Sendable, Equatable {
        /// A principle id of the CNIL method (`purposes`, `minimisation`…).
        public var principle: String
        /// `acceptable` or `to-improve`.
        public var status: String
        public var comment: String?
    }

    /// The DPO's judgement of a risk's scores (1–4), each with the reason.
    public struct RiskReview: Codable, Sendable, Equatable {
        public var risk: String
        public var severity: Int?
        public var likelihood: Int?
        public var residualSeverity: Int?
        public var residualLikelihood: Int?
        public var severityJustification: String?
        public var likelihoodJustification: String?
    }

    /// A reservation of the DPO: an action the controller must take, merged into the action plan.
    public struct Reservation: Codable, Sendable, Equatable {
        public var action: String
        /// Who acts (a role or an office).
        public var owner: String?
        /// `YYYY-MM-DD`.
        public var due: String?
    }

    public struct DPOOpinion: Codable, Sendable, Equatable {
        /// `favourable`, `favourable-with-reservations` or `unfavourable`.
        public var opinion: String
        public var text: String?
    }

    public struct DataSubjectsOpinion: Codable, Sendable, Equatable {
        /// Whose opinion (residents' council, staff council, a survey…).
        public var who: String?
        public var text: String
        public var date: String?
    }

    /// The GDPR Art. 36 decision: consult the authority or not, and why.
    public struct PriorConsultationDecision: Codable, Sendable, Equatable {
        /// `not-required`, `required` or `done`.
        public var decision: String
        public var reason: String?
        public var reference: String?
        public var date: String?
    }

    public struct ControllerDecision: Codable, Sendable, Equatable {
        /// `accepted`, `accepted-with-conditions` or `refused`.
        public var decision: String
        /// Who decides for the controller.
        public var by: String
        public var date: String?
        public var conditions: [String]
        /// Risk ids whose residual level the controller accepts.
        public var residualRisksAccepted: [String]
    }

    public static let principleStatuses = ["acceptable", "to-improve"]
    public static let opinions = ["favourable", "favourable-with-reservations", "unfavourable"]
    public static let consultationDecisions = ["not-required", "required", "done"]
    public static let controllerDecisions = ["accepted", "accepted-with-conditions", "refused"]
    /// The first line of a review file.
    public static let format = "silhouette/pia-review/v1"
}
