import Yams

/// Writing a YAML tree out as text, as `Yams.serialize` does, without Yams' regular expressions.
///
/// Yams hands libyaml's emitter every scalar with its resolved tag, and resolving the tag of a scalar whose tag was
/// not written runs up to seven regular expressions over its text (is it a bool, an int, a float, null, a date?):
/// some 5,000 instructions a scalar, 43 million of the 53 million it took to write the default scenario's
/// `scenario.resolved.yaml`. The emitter then ignores every one of those tags: Yams marks each scalar event
/// implicit (plain and quoted), and libyaml writes a scalar's tag only when neither flag is set or the output is
/// canonical (`yaml_emitter_analyze_event`), which it never is here. So the tree is written through a copy whose
/// scalars carry a tag that is already resolved: the text is byte for byte what `Yams.serialize` makes of the
/// tree itself.
///
/// The copy also leaves the tree alone: Yams records a tag once it resolves it, in the `Tag` object the tree shares,
/// so writing the tree itself would change it (see `ScenarioTree`).
enum YAMLText {
    /// `node` as block YAML, lines of unlimited width and non-ASCII text written as it is: what
    /// `Yams.serialize(node: node, width: -1, allowUnicode: true, sortKeys: false)` returns ("" should Yams fail).
    static func serialize(_ node: Node) -> String {
        (try? Yams.serialize(node: emittable(node, scalarTag: nil), width: -1, allowUnicode: true, sortKeys: false)) ?? ""
    }

    /// A copy of `node` whose tags need no resolving: every scalar gets `scalarTag` (a `str` tag, made once from
    /// the first tag met and shared: a resolved tag is never changed again), and every mapping and list a fresh
    /// tag with the name Yams would resolve its own to, so the emitter writes the same tags and implicit flags.
    private static func emittable(_ node: Node, scalarTag: Tag?) -> Node {
        switch node {
        case .scalar(let s):
            return .scalar(Node.Scalar(s.string, scalarTag ?? s.tag.copy(with: .str), s.style, s.mark))
        case .sequence(let q):
            let tag = resolved(q.tag, collection: .seq)
            let shared = scalarTag ?? tag.copy(with: .str)
            return .sequence(Node.Sequence(q.map { emittable($0, scalarTag: shared) }, tag, q.style, q.mark))
        case .mapping(let m):
            let tag = resolved(m.tag, collection: .map)
            let shared = scalarTag ?? tag.copy(with: .str)
            let pairs = m.map { (emittable($0.key, scalarTag: shared), emittable($0.value, scalarTag: shared)) }
            return .mapping(Node.Mapping(pairs, tag, m.style, m.mark))
        }
    }

    /// A new tag with the name Yams resolves a collection's `tag` to: the collection's own kind when none was
    /// written (or only `!`), the written one otherwise. Made by copying, so no default resolver is built.
    private static func resolved(_ tag: Tag, collection: Tag.Name) -> Tag {
        let written = Tag.Name(rawValue: tag.description)
        return tag.copy(with: written == .implicit || written == .nonSpecific ? collection : written)
    }
}
