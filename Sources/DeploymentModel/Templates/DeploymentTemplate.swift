/// Commented starting models for `silhouette init`. Each validates as written; the comments
/// say what a DPO replaces.
public enum DeploymentTemplate: String, Sendable, CaseIterable {
    case city, retail, construction, workplace

    public var yaml: String {
        switch self {
        case .city: return Self.cityText
        case .retail: return Self.retailText
        case .construction: return Self.constructionText
        case .workplace: return Self.workplaceText
        }
    }
}
