import Yams

/// Key lookups by the key's text alone.
///
/// Yams' `mapping["key"]` compares whole nodes, and comparing two scalars resolves each one's tag (is it a
/// number? a date?) by regular expressions: a single lookup in a mapping of 40,000 keys costs 40,000 such
/// resolutions, and a lookup inside a loop over the same mapping made the layer merge take minutes. A scenario's
/// keys are plain names, compared as text everywhere else (`NodeReader`), so these helpers compare text too.
extension Node {
    /// The text of a scalar node, whatever its tag; nil for a mapping or a list.
    var scalarText: String? {
        if case .scalar(let scalar) = self { return scalar.string }
        return nil
    }
}

extension Node.Mapping {
    /// The value of the first key whose text is `key`.
    func value(forPlainKey key: String) -> Node? {
        first { $0.key.scalarText == key }?.value
    }

    /// Whether some key's text is `key`.
    func hasPlainKey(_ key: String) -> Bool {
        contains { $0.key.scalarText == key }
    }
}
