import Foundation

/// Trimming a parameter's `source:` text the way Foundation's `trimmingCharacters(in:)` does, without its cost.
///
/// `String.trimmingCharacters(in:)` bridges the whole text to `NSString` and builds the character set afresh on
/// every call: about 150,000 instructions a source, some 15 million for the default scenario's sources, at every
/// start of the tool. Here only the scalars at either end are looked at, and membership is asked of the very same
/// `CharacterSet`s, so what counts as whitespace cannot drift from Foundation's. Both sets hold only scalars of the
/// Basic Multilingual Plane, so trimming by scalar (here) and by UTF-16 unit (`NSString`) remove the same text.
enum SourceText {
    /// Foundation's `.whitespaces`: spaces and the tab.
    static let whitespace = CharacterSet.whitespaces
    /// Foundation's `.whitespacesAndNewlines`.
    static let whitespaceAndNewlines = CharacterSet.whitespacesAndNewlines

    /// `text` without the scalars of `set` at its start and end, as `text.trimmingCharacters(in: set)` gives it.
    static func trimmed(_ text: String, _ set: CharacterSet) -> String {
        let scalars = text.unicodeScalars
        guard let first = scalars.firstIndex(where: { !set.contains($0) }) else { return "" }
        let last = scalars.lastIndex(where: { !set.contains($0) })!
        if first == scalars.startIndex && scalars.index(after: last) == scalars.endIndex { return text }
        return String(scalars[first...last])
    }
}
