import Yams

/// A parameter value set from the command line (`--set interventions.recruitment.approvals_per_year=20`),
/// applied on top of every layer of a scenario. The parameter keeps its unit; its source becomes the command line
/// (and the citation and tuning target of the value it replaces are dropped).
public struct ScenarioOverride: Sendable, Hashable {
    public var keyPath: String
    public var value: String

    public init(keyPath: String, value: String) {
        self.keyPath = keyPath
        self.value = value
    }

    /// Parses `KEY=VALUE`.
    public init?(assignment: String) {
        guard let eq = assignment.firstIndex(of: "="), eq != assignment.startIndex else { return nil }
        keyPath = String(assignment[..<eq])
        value = String(assignment[assignment.index(after: eq)...])
        guard !value.isEmpty else { return nil }
    }

    /// `root` with the override applied, or nil when no parameter has that key path.
    static func apply(_ o: ScenarioOverride, to root: Node) -> Node? {
        let keys = o.keyPath.split(separator: ".").map(String.init)
        return apply(keys[...], o, root)
    }

    private static func apply(_ keys: ArraySlice<String>, _ o: ScenarioOverride, _ node: Node) -> Node? {
        guard case .mapping(let m) = node else { return nil }
        if keys.isEmpty {
            guard m["value"] != nil else { return nil }
            var pairs: [(Node, Node)] = m.filter { !["value", "source", "layer", "reference", "tuned_against"].contains($0.key.string ?? "") }
                .map { ($0.key, $0.value) }
            pairs.insert((Node("value"), Node(o.value, .implicit, .plain)), at: 0)
            pairs.append((Node("source"), Node("command line: --set \(o.keyPath)=\(o.value)")))
            pairs.append((Node("layer"), Node("--set")))
            return .mapping(Node.Mapping(pairs, m.tag, m.style, m.mark))
        }
        guard let child = m[keys.first!], let changed = apply(keys.dropFirst(), o, child) else { return nil }
        let pairs: [(Node, Node)] = m.map { ($0.key, $0.key.string == keys.first! ? changed : $0.value) }
        return .mapping(Node.Mapping(pairs, m.tag, m.style, m.mark))
    }
}
