import Yams

/// Duplicate keys, found in each layer's own tree before layers are merged.
///
/// They must be found per file: once a child layer is merged over its baseline, a repeated key has already been
/// folded into the first (the last one winning), and what is left points at whichever layer set the surviving
/// node, the baseline's line included when the first occurrence was empty. Checked here, each repeat is
/// reported in the file where it occurs, at the line of its second (or later) occurrence, and dropped so the
/// first occurrence is the one read and merged.
enum DuplicateKeys {
    /// `node` without the repeated keys of any of its mappings, and a "duplicate key" problem in `file` for each.
    /// Keys are compared by their text, as `NodeReader` reads them. A node with no repeats is returned unchanged.
    static func removed(from node: Node, path: String, file: String, problems: inout [ScenarioProblem]) -> Node {
        rebuilt(node, path: path, file: file, problems: &problems) ?? node
    }

    /// `node` rebuilt without its repeated keys, or nil when it has none (so nothing is copied or compared).
    private static func rebuilt(_ node: Node, path: String, file: String, problems: inout [ScenarioProblem]) -> Node? {
        switch node {
        case .scalar:
            return nil
        case .sequence(let sequence):
            var items: [Node]? = nil
            for (i, item) in sequence.enumerated() {
                if case .scalar = item { continue }  // nothing to remove (and no path to build)
                if let kept = rebuilt(item, path: path + "[\(i)]", file: file, problems: &problems) {
                    if items == nil { items = Array(sequence) }
                    items![i] = kept
                }
            }
            return items.map { .sequence(Node.Sequence($0, sequence.tag, sequence.style, sequence.mark)) }
        case .mapping(let mapping):
            var changed = false
            var seen = KeySet()
            var pairs: [(Node, Node)] = []
            pairs.reserveCapacity(mapping.count)
            for (key, value) in mapping {
                guard let text = key.scalarText else {
                    pairs.append((key, value))  // not a plain name: `NodeReader` reports it
                    continue
                }
                guard seen.insert(text) else {
                    problems.append(ScenarioProblem(file: file, line: key.mark?.line, keyPath: join(path, text),
                                                    message: "duplicate key"))
                    changed = true
                    continue
                }
                // A key path is built only for a value with keys of its own: most values are scalars.
                if case .scalar = value {
                    pairs.append((key, value))
                } else if let kept = rebuilt(value, path: join(path, text), file: file, problems: &problems) {
                    pairs.append((key, kept))
                    changed = true
                } else {
                    pairs.append((key, value))
                }
            }
            return changed ? .mapping(Node.Mapping(pairs, mapping.tag, mapping.style, mapping.mark)) : nil
        }
    }
}
