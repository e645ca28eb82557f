/// One headline of a briefing: a sentence, and optionally a numbered list under it. The drivers of a savings plan
/// are three findings of the same kind, each with its values and chances; run together in one sentence they made
/// the briefing's first paragraph the hardest to read, so each has an item of its own.
public struct Headline: Equatable, Sendable {
    public var text: String
    public var items: [String]

    public init(_ text: String, items: [String] = []) {
        self.text = text
        self.items = items
    }

    /// The headline as an HTML list item, `escape` applied to every piece of text.
    func html(_ escape: (String) -> String) -> String {
        guard !items.isEmpty else { return "<li>\(escape(text))</li>" }
        return "<li>\(escape(text))\n<ol>\n" + items.map { "<li>\(escape($0))</li>" }.joined(separator: "\n") + "\n</ol></li>"
    }

    /// The headline as a Markdown bullet, its items numbered and indented four spaces under it (CommonMark needs
    /// two after "- ", Python-Markdown and others four), `escape` applied to every piece of text.
    func markdown(_ escape: (String) -> String) -> String {
        (["- \(escape(text))"] + items.enumerated().map { "    \($0.offset + 1). \(escape($0.element))" }).joined(separator: "\n")
    }
}
