import Yams

/// One parameter of a scenario as the loader read it: its key path, value as written, unit, source, citation and
/// the layer that set it. The briefing's appendix of assumptions lists them, in schema order.
public struct ScenarioParameter: Sendable, Equatable {
    /// A value as written in the file: a number or word, a list, or a table of named values (in file order).
    public indirect enum Value: Sendable, Equatable {
        case scalar(String)
        case list([Value])
        case table([Entry])

        init(_ node: Node) {
            switch node {
            case .scalar(let s): self = .scalar(s.string)
            case .sequence(let seq): self = .list(seq.map(Value.init))
            case .mapping(let m): self = .table(m.map { Entry(key: $0.key.scalarText ?? "?", value: Value($0.value)) })
            }
        }
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
    /// The publication cited, when the parameter gives `reference:`.
    public var reference: CitationReference? = nil

    /// The value when it is a single number or word.
    public var scalar: String? {
        if case .scalar(let s) = value { return s }
        return nil
    }
}

extension LoadedScenario {
    /// The text of the parameter value at `keyPath` (such as `recruitment.approvals_per_year`), when it is a
    /// single value.
    public func value(at keyPath: String) -> String? {
        parameters.first { $0.keyPath == keyPath }?.scalar
    }

    /// The publication a parameter cites, by its `references:` id.
    public func citation(_ reference: CitationReference) -> Citation? {
        citations.first { $0.id == reference.id }
    }
}
