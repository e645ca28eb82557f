import Yams

/// One parameter of a scenario as written: its key path, value, unit, source and the layer that set it. The
/// briefing's appendix of assumptions lists them; reference figures (`references.*`) are parameters too.
public struct ScenarioParameter: Sendable, Equatable {
    /// A value as written in the file: a number or word, a list, or a table of named values (in file order).
    public indirect enum Value: Sendable, Equatable {
        case scalar(String)
        case list([Value])
        case table([Entry])
    }

    /// A named value of a table.
    public struct Entry: Sendable, Equatable {
        public var key: String
        public var value: Value
    }

    /// Such as `population.children_in_care`.
    public var keyPath: String
    public var value: Value
    public var unit: String
    public var source: String
    /// The file (layer of `extends:`) that set the value, as recorded in the resolved scenario.
    public var layer: String

    /// The value when it is a single number or word.
    public var scalar: String? {
        if case .scalar(let s) = value { return s }
        return nil
    }
}

extension LoadedScenario {
    /// Every parameter of the resolved scenario (each mapping with a `value`), in file order, including the
    /// reference figures of `references:`.
    public var parameters: [ScenarioParameter] {
        guard let root = try? Yams.compose(yaml: resolvedYAML) else { return [] }
        var out: [ScenarioParameter] = []
        func walk(_ node: Node, _ path: String) {
            guard case .mapping(let m) = node else { return }
            if let value = m["value"] {
                out.append(ScenarioParameter(keyPath: path, value: Self.value(value), unit: m["unit"]?.string ?? "",
                                             source: m["source"]?.string ?? "", layer: m["layer"]?.string ?? ""))
                return
            }
            for (k, v) in m { if let key = k.string { walk(v, path.isEmpty ? key : path + "." + key) } }
        }
        walk(root, "")
        return out
    }

    /// The reference figures of the scenario's `references:` section, keyed by the indicator they stand beside
    /// (`moves_3plus_pct_council`, ...), in file order.
    public var references: [(key: String, parameter: ScenarioParameter)] {
        parameters.compactMap { p in
            guard p.keyPath.hasPrefix("references.") else { return nil }
            return (String(p.keyPath.dropFirst("references.".count)), p)
        }
    }

    static func value(_ node: Node) -> ScenarioParameter.Value {
        switch node {
        case .scalar(let s): return .scalar(s.string)
        case .sequence(let seq): return .list(seq.map(value))
        case .mapping(let m): return .table(m.map { ScenarioParameter.Entry(key: $0.key.string ?? "?", value: value($0.value)) })
        }
    }
}
