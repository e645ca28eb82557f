import Yams

/// The levers of `interventions:` as a template to uncomment, generated from the schema: every key of every lever,
/// with its unit and a value that loads (the schema's example, or one made from the kind), so that a lever
/// switched on by deleting the `# ` of its lines validates before it is edited.
extension ScenarioWriter {
    /// Lines of YAML, each starting with `# `: `interventions:` with every lever, then the IFA market's schedules.
    public static func leverTemplate(firstYear: FinancialYear) -> [String] {
        var lines = ["# interventions:"]
        for lever in Interventions.levers {
            lines += commented(lever.key, lever.parameters, indent: "#   ", firstYear: firstYear,
                               comment: lever.description)
        }
        let squeeze = Scenario.parameterSpecs.filter { spec in
            guard spec.keyPath.hasPrefix("ifa_market."), case .schedule = spec.kind else { return false }
            return true
        }.map { spec -> ParameterSpec in
            var s = spec
            s.keyPath = String(spec.keyPath.dropFirst("ifa_market.".count))
            return s
        }
        lines += ["#", "# The IFA market can also change by year (a squeeze; a value, or steps such as {\(firstYear.label): 0.9}):"]
        lines += commented("ifa_market", squeeze, indent: "# ", firstYear: firstYear, comment: nil)
        return lines
    }

    /// `key:` and one flow-style parameter line per spec, serialized by Yams and commented out; optional keys say so.
    static func commented(_ key: String, _ specs: [ParameterSpec], indent: String, firstYear: FinancialYear,
                          comment: String?) -> [String] {
        let parameters = specs.map { spec -> (Node, Node) in
            let example = spec.example ?? placeholder(spec.kind, firstYear: spec.required ? firstYear : FinancialYear(startYear: firstYear.startYear + 4))
            let value = node(example, spec.kind, keyPath: spec.keyPath)
            let pairs: [(Node, Node)] = [(Node("value"), value), (Node("unit"), Node(spec.unit, .implicit, .plain)),
                                         (Node("source"), Node("...", .implicit, .doubleQuoted))]
            return (Node(spec.keyPath), .mapping(Node.Mapping(pairs, .implicit, .flow)))
        }
        let root = Node.mapping(Node.Mapping([(Node(key), .mapping(Node.Mapping(parameters, .implicit, .block)))]))
        let text = YAMLText.serialize(root)
        let body = text.split(separator: "\n").map(String.init)
        return body.enumerated().map { i, line in
            let note = i == 0 ? comment.map { "  # " + $0.prefix(1).lowercased() + $0.dropFirst() }
                : specs[i - 1].required ? nil : "  # optional"
            guard let note else { return indent + line }
            // Notes line up after the lever names, as people would write them.
            return (indent + line + " ").padding(toLength: max(38, indent.count + line.count + 2), withPad: " ", startingAt: 0) + note.dropFirst(2)
        }
    }

    /// A value of `kind` that loads: inside the constraint, shares summing to 1, the first label of a list, `year`
    /// for a financial year (a later one for an optional end).
    static func placeholder(_ kind: ParameterKind, firstYear: FinancialYear) -> ParameterValue {
        func number(_ c: Constraint) -> Double {
            switch c {
            case .nonNegative, .positive, .probability: return c == .probability ? 0 : 1
            case .range(let r): return r.contains(1) ? 1 : r.lowerBound
            }
        }
        switch kind {
        case .number(let c): return .number(number(c))
        case .wholeNumber(let r): return .whole(r.contains(1) ? 1 : r.lowerBound)
        case .table(let labels, let c, let shares):
            return .numbers(labels.indices.map { shares ? ($0 == 0 ? 1 : 0) : number(c) })
        case .twoWayTable(let rows, let columns, let c, let shares):
            return .rows(rows.map { _ in columns.indices.map { shares ? ($0 == 0 ? 1 : 0) : number(c) } })
        case .namedValues(let names, let c): return .numbers(names.map { _ in number(c) })
        case .schedule(let c): return .schedule(Schedule(number(c)))
        case .scheduleTable(let labels, let c): return .schedules(labels.map { _ in Schedule(number(c)) })
        case .list(let c): return .numbers([number(c)])
        case .rowLists(let rows, let c): return .rows(rows.map { _ in [number(c)] })
        case .labelList(let labels, _): return .labels(Array(labels.prefix(1)))
        case .ageRangeShares: return .ageRangeShares([ApprovalRange(youngest: 0, oldest: 17)], [1])
        case .date: return .date(firstYear.firstDay)
        case .financialYear: return .year(firstYear)
        case .flag: return .flag(false)
        }
    }
}
