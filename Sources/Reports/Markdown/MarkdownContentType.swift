import Assessment
import Mustache

/// The Mustache content type of every report template: `{{value}}` is escaped with
/// `MarkdownEscaping.inline`. Templates opt in with `{{% CONTENT_TYPE: MARKDOWN}}` on their first
/// line (each partial too: swift-mustache resets partials to HTML).
struct MarkdownContentType: MustacheContentType {
    static let name = "MARKDOWN"

    func escapeText(_ text: String) -> String { MarkdownEscaping.inline(text) }

    /// Registers the content type; must run before any template is parsed, otherwise parsing
    /// fails with `unrecognisedConfigVariable`. Idempotent and cheap.
    static func register() {
        _ = registration
    }

    private static let registration: Void = {
        MustacheContentTypes.register(MarkdownContentType(), named: MarkdownContentType.name)
    }()
}
