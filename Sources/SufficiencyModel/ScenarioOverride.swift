import Yams

/// A parameter value set from the command line (`--set interventions.recruitment.approvals_per_year=20`),
/// applied on top of every layer of a scenario. The parameter keeps its unit; its source becomes the command line
/// (and the citation and tuning target of the value it replaces are dropped).
public struct ScenarioOverride: Sendable, Hashable {
    /// The layer, and the file in problems, of a value set on the command line.
    public static let layer = "--set"

    public var keyPath: String
    public var value: String

    public init(keyPath: String, value: String) {
        self.keyPath = keyPath
        self.value = value
    }

    /// Parses `KEY=VALUE`; nil when `problem(assignment:)` has one.
    public init?(assignment: String) {
        guard Self.problem(assignment: assignment) == nil, let eq = assignment.firstIndex(of: "=") else { return nil }
        keyPath = String(assignment[..<eq])
        value = String(assignment[assignment.index(after: eq)...])
    }

    /// Why `assignment` is not `KEY=VALUE`, in words that follow it; nil when it is. A key path with an empty part
    /// (`uasc..annual_rate`, a leading or trailing dot) is refused: it would set the same parameter as its plain
    /// form while escaping the check for a key set twice.
    public static func problem(assignment: String) -> String? {
        guard let eq = assignment.firstIndex(of: "="), eq != assignment.startIndex,
              assignment.index(after: eq) != assignment.endIndex else { return "expected KEY=VALUE" }
        if assignment[..<eq].split(separator: ".", omittingEmptySubsequences: false).contains(where: \.isEmpty) {
            return "the key path has an empty part (two dots together, or a dot at either end); expected KEY=VALUE"
        }
        return nil
    }

    /// Why a list of `--set` overrides cannot be applied as given: a key path set more than once, which would
    /// silently keep the last value. Empty when every key path is set once.
    public static func problems(in overrides: [ScenarioOverride]) -> [String] {
        repeatedKeys(overrides.map(\.keyPath))
    }

    /// "--set: K given twice" for each key path given more than once (`run`'s overrides, `sweep`'s axes).
    public static func repeatedKeys(_ keyPaths: [String]) -> [String] {
        Repeats.positions(in: keyPaths).map { key, at in "--set: \(key) given \(Repeats.times(at.count))" }
    }

    /// `root` with the override applied, or nil when no parameter has that key path.
    static func apply(_ o: ScenarioOverride, to root: Node) -> Node? {
        let keys = o.keyPath.split(separator: ".").map(String.init)
        return apply(keys[...], o, root)
    }

    /// Every key path under `root` that `apply` can set (a mapping with a `value`), for the "did you mean" of a
    /// misspelt `--set` key.
    static func keyPaths(in root: Node) -> [String] {
        var out: [String] = []
        func walk(_ node: Node, _ path: String) {
            guard case .mapping(let m) = node else { return }
            if !path.isEmpty && m.contains(where: { names($0.key, "value") }) { out.append(path) }
            for (key, child) in m {
                guard let k = key.string else { continue }
                walk(child, path.isEmpty ? k : path + "." + k)
            }
        }
        walk(root, "")
        return out
    }

    /// Why this value cannot be set as given, found before it is composed; nil when it can. A value is printed in
    /// its source, in headers and in briefings, so it must be one line: a line break or other control character
    /// (but a tab) is refused. A table or list is held to `ScenarioLimits` as a scenario file is, with its key
    /// paths measured from where it lands: Yams composes recursively and expands aliases, so a value nested 10,000
    /// deep crashed the process and 400 bytes of nested aliases ran it out of time.
    var problem: ScenarioProblem? {
        func refuse(_ message: String) -> ScenarioProblem {
            ScenarioProblem(file: Self.layer, line: nil, keyPath: keyPath, message: message)
        }
        // A tab is YAML's whitespace and stays on its line.
        if value.unicodeScalars.contains(where: { $0 != "\t" && ScenarioProblem.breaksLine($0) }) {
            return refuse("the value has a line break or other control character; give it on one line")
        }
        guard let first = value.first, first == "{" || first == "[" else { return nil }
        do {
            try YAMLEventScan.check(value, file: Self.layer, keyPathPrefix: keyPath.count + ".value".count)
            return nil
        } catch {
            return refuse((error as? ScenarioError)?.problems.first?.message ?? "\(error)")
        }
    }

    /// The value as YAML: a table (`{a: 1, b: 2}`) or list (`[1, 2]`) in flow style becomes one, anything else a
    /// plain scalar, so `--set` can change a table as well as a number. `like` is a tag of the tree the value goes
    /// into: new scalars copy it (`ScenarioLayers.scalar`).
    static func valueNode(_ text: String, like tag: Tag) -> Node {
        if let first = text.first, first == "{" || first == "[", let node = try? Yams.compose(yaml: text) {
            return node
        }
        return ScenarioLayers.scalar(text, like: tag, style: .plain)
    }

    private static func apply(_ keys: ArraySlice<String>, _ o: ScenarioOverride, _ node: Node) -> Node? {
        guard case .mapping(let m) = node else { return nil }
        if keys.isEmpty {
            guard m.contains(where: { names($0.key, "value") }) else { return nil }
            var pairs: [(Node, Node)] = m.filter { !["value", "source", "layer", "reference", "tuned_against"].contains($0.key.string ?? "") }
                .map { ($0.key, $0.value) }
            let scalar = { (text: String) in ScenarioLayers.scalar(text, like: m.tag) }
            pairs.insert((scalar("value"), valueNode(o.value, like: m.tag)), at: 0)
            pairs.append((scalar("source"), scalar("command line: --set \(o.keyPath)=\(o.value)")))
            pairs.append((scalar("layer"), scalar(Self.layer)))
            return .mapping(Node.Mapping(pairs, m.tag, m.style, m.mark))
        }
        guard let child = m.reversed().first(where: { names($0.key, keys.first!) })?.value,
              let changed = apply(keys.dropFirst(), o, child) else { return nil }
        let pairs: [(Node, Node)] = m.map { ($0.key, $0.key.string == keys.first! ? changed : $0.value) }
        return .mapping(Node.Mapping(pairs, m.tag, m.style, m.mark))
    }

    /// Whether `key` is the key that the part `text` of a key path names, as Yams' `mapping[text]` decides with its
    /// default resolver: the same text, and the same type once the tags are resolved.
    ///
    /// The loader composes scenarios with a resolver that has no rules (`ScenarioLayers.layer`), so here the rule
    /// is spelt out: a plain key with no tag is resolved from its text, as `text` is, so they always agree; a quoted
    /// key (tagged `str` by Yams) or one tagged `!` is a string, and any other tag is the type it names, so either
    /// matches only a `text` that Yams' default rules read as that type (`"1"` is not the key `1`). Yams' rules run
    /// only for such keys, which scenarios do not have on a key path.
    static func names(_ key: Node, _ text: String) -> Bool {
        guard case .scalar(let scalar) = key, scalar.string == text else { return false }
        let written = Tag.Name(rawValue: scalar.tag.description)
        if written == .implicit { return true }
        return Resolver.default.resolveTag(of: Node(text)) == (written == .nonSpecific ? .str : written)
    }
}
