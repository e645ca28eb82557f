import Yams

/// The merged tree of a loaded scenario (every layer of `extends:`, every `--set`, parameters tagged with their
/// layer), kept so that `scenario.resolved.yaml` is written only by the commands that write it.
///
/// `@unchecked Sendable`: Yams' `Node` is not `Sendable`, because a tag is an object whose name Yams fills in the
/// first time the tag is resolved. Nothing changes this tree once the loader has built it: `resolvedYAML` writes a
/// copy whose tags are already resolved (`YAMLText`), so threads that share a loaded scenario only read it.
final class ScenarioTree: @unchecked Sendable {
    let root: Node
    /// Where the scenario came from: a path, or `embedded:<name>`.
    let origin: String

    init(root: Node, origin: String) {
        self.root = root
        self.origin = origin
    }

    /// The tree as read, written out with a header naming its origin.
    var resolvedYAML: String {
        "# Resolved scenario, as run. Origin: \(origin)\n" + YAMLText.serialize(root)
    }
}
