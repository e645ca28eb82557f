import Yams

/// A parameter value to write, with where it came from: what estimation hands the writer.
public struct ParameterSetting: Sendable, Equatable {
    /// From the scenario's root, such as `exits.adoption.age_multiplier`; must name a parameter of the schema.
    public var keyPath: String
    /// In the units the file is written in (the schema's unit).
    public var value: ParameterValue
    public var source: String
    /// Why the value is not simply what its source says (a cap), when it is not.
    public var note: String?

    public init(_ keyPath: String, _ value: ParameterValue, source: String, note: String? = nil) {
        self.keyPath = keyPath
        self.value = value
        self.source = source
        self.note = note
    }
}

/// A scenario file written from typed settings: the tree is built as Yams nodes and serialized by Yams, so any
/// text (a `"` or a `:` in a source, an odd name) loads back as itself, and every unit comes from the schema.
///
/// Yams writes no comments, so the header, the comments before top-level sections and the footer are text set
/// around the serialized tree (with a blank line before each top-level key, for people).
public struct ScenarioDocument: Sendable {
    /// Comment lines before everything, each starting with `#`.
    public var header: [String] = []
    public var extends: String?
    public var name: String
    public var title: String
    public var question: String?
    /// Parameters in writing order; `set` replaces one of the same key path in place.
    public private(set) var settings: [ParameterSetting] = []
    public var benchmarks: [Benchmark] = []
    /// Comment lines written just before a top-level section (`parameter_uncertainty`), each starting with `#`.
    public var sectionComments: [String: [String]] = [:]
    /// Comment lines after everything, each starting with `#`.
    public var footer: [String] = []

    public init(extends: String?, name: String, title: String, question: String?) {
        self.extends = extends
        self.name = name
        self.title = title
        self.question = question
    }

    /// Adds `setting`, or replaces the setting of the same key path where it stands.
    public mutating func set(_ setting: ParameterSetting) {
        if let i = settings.firstIndex(where: { $0.keyPath == setting.keyPath }) {
            settings[i] = setting
        } else {
            settings.append(setting)
        }
    }

    public mutating func set(_ all: [ParameterSetting]) { for s in all { set(s) } }

    /// The file's text.
    public func yaml() -> String {
        let specs = Dictionary(Scenario.parameterSpecs.map { ($0.keyPath, $0) }, uniquingKeysWith: { a, _ in a })
        var root = OrderedTree()
        if let extends { root.put(["extends"], .text(extends)) }
        root.put(["name"], .text(name))
        root.put(["title"], .text(title))
        if let question { root.put(["question"], .text(question)) }
        for s in settings {
            guard let spec = specs[s.keyPath] else { preconditionFailure("no parameter \(s.keyPath) in the scenario schema") }
            let value = ScenarioWriter.node(s.value, spec.kind, keyPath: s.keyPath)
            root.put(s.keyPath.split(separator: ".").map(String.init),
                     .node(ScenarioWriter.parameter(value, unit: spec.unit, source: s.source, note: s.note)))
        }
        for b in benchmarks {
            root.put(["benchmarks", b.key], .node(ScenarioWriter.parameter(
                Node(ScenarioWriter.number(b.value), .implicit, .plain), unit: b.unit, source: b.source, note: nil,
                asAt: b.asAt)))
        }
        // Blocks, width unlimited: each source stays on one line.
        let body = YAMLText.serialize(root.node)
        var lines: [String] = header
        for line in body.split(separator: "\n", omittingEmptySubsequences: false).map(String.init) {
            // A top-level key starts at column 0; nothing else does in a block mapping written by Yams.
            if let key = line.split(separator: ":").first, !line.hasPrefix(" "), !line.isEmpty {
                if !lines.isEmpty && !["name", "title", "question"].contains(String(key)) { lines.append("") }
                lines += sectionComments[String(key)] ?? []
            }
            lines.append(line)
        }
        while lines.last == "" { lines.removeLast() }
        if !footer.isEmpty { lines += [""] + footer }
        return lines.joined(separator: "\n") + "\n"
    }
}

/// Nested mappings in insertion order, for building a document key path by key path.
private struct OrderedTree {
    enum Leaf { case text(String), node(Node) }
    private var keys: [String] = []
    private var children: [String: OrderedTree] = [:]
    private var leaves: [String: Leaf] = [:]

    mutating func put(_ path: [String], _ leaf: Leaf) {
        let key = path[0]
        if !keys.contains(key) { keys.append(key) }
        if path.count == 1 {
            leaves[key] = leaf
        } else {
            children[key, default: OrderedTree()].put(Array(path.dropFirst()), leaf)
        }
    }

    var node: Node {
        .mapping(Node.Mapping(keys.map { key -> (Node, Node) in
            let value: Node
            switch leaves[key] {
            case .text(let t)?: value = ScenarioWriter.text(t)
            case .node(let n)?: value = n
            case nil: value = children[key]!.node
            }
            return (Node(key, .implicit, .plain), value)
        }, .implicit, .block))
    }
}

/// Typed values as Yams nodes, in the forms the loader reads.
public enum ScenarioWriter {
    /// `x` as the files write numbers: rounded to four places, whole numbers without a decimal point.
    public static func number(_ x: Double) -> String {
        guard x.isFinite else { return "0" }
        let r = (x * 10_000).rounded() / 10_000
        return r == r.rounded() && abs(r) < 1e15 ? String(Int(r)) : String(r)
    }

    /// A parameter mapping: value, unit, source and an optional note.
    static func parameter(_ value: Node, unit: String, source: String, note: String?, asAt: CivilDate? = nil) -> Node {
        var pairs: [(Node, Node)] = [(key("value"), value), (key("unit"), Node(unit, .implicit, .plain)),
                                     (key("source"), Node(source, .implicit, .doubleQuoted))]
        // A benchmark's day, written as the reader takes it (`as_at: 2019-03-31`).
        if let asAt { pairs.append((key("as_at"), Node(asAt.description, .implicit, .plain))) }
        if let note { pairs.append((key("note"), Node(note, .implicit, .doubleQuoted))) }
        return .mapping(Node.Mapping(pairs, .implicit, .block))
    }

    static func key(_ k: String) -> Node {
        // A label that other YAML readers would take for a number ("0", "1-4" is fine but "0" is not) is quoted.
        Node(k, .implicit, k.first.map { $0.isNumber || $0 == "-" } ?? true ? .doubleQuoted : .plain)
    }

    static func scalar(_ x: Double) -> Node { Node(number(x), .implicit, .plain) }

    /// A text such as a name or title: plain when it is only letters, digits, spaces and `_ . - / ( ) , +` (and
    /// starts with neither a space nor `-`), as names and paths usually are; otherwise double-quoted, so that an
    /// --out name such as `a: b #2` reads as what it is.
    static func text(_ s: String) -> Node { Node(s, .implicit, isPlain(s) ? .plain : .doubleQuoted) }

    /// Whether `text` writes a text plainly (otherwise it is double-quoted).
    static func isPlain(_ s: String) -> Bool {
        let plain = s.unicodeScalars.allSatisfy {
            ($0.isASCII && ($0.properties.isAlphabetic || ("0"..."9").contains($0))) || " _.-/(),+".unicodeScalars.contains($0)
        }
        return plain && s.first.map { $0 != " " && $0 != "-" } == true && s.last != " "
    }

    /// A text as `text` writes it, for a line of YAML written by hand (`init`'s template): `peterborough-2017` as it
    /// is, `plan #2` as `"plan #2"` (YAML's double-quoted style, which JSON's strings are).
    public static func inlineText(_ s: String) -> String { isPlain(s) ? s : Format.json(s) }

    static func flow(_ pairs: [(String, Node)]) -> Node {
        .mapping(Node.Mapping(pairs.map { (key($0.0), $0.1) }, .implicit, .flow))
    }

    static func flowList(_ items: [Node]) -> Node { .sequence(Node.Sequence(items, .implicit, .flow)) }

    static func schedule(_ s: Schedule) -> Node {
        s.steps.isEmpty ? scalar(s.constant) : flow(s.steps.map { ($0.from.label, scalar($0.value)) })
    }

    /// `value` as the node of a parameter of `kind`; a value that does not fit its kind is a programming error.
    static func node(_ value: ParameterValue, _ kind: ParameterKind, keyPath: String) -> Node {
        switch (kind, value) {
        case (.number, .number(let x)): return scalar(x)
        case (.wholeNumber, .whole(let n)): return Node(String(n), .implicit, .plain)
        case (.table(let labels, _, _), .numbers(let xs)) where xs.count == labels.count,
             (.namedValues(let labels, _), .numbers(let xs)) where xs.count == labels.count:
            return flow(zip(labels, xs).map { ($0, scalar($1)) })
        case (.twoWayTable(let rows, let columns, _, _), .rows(let xs)) where xs.count == rows.count:
            return .mapping(Node.Mapping(zip(rows, xs).map { row, values in
                (key(row), flow(zip(columns, values).map { ($0, scalar($1)) }))
            }, .implicit, .block))
        case (.schedule, .schedule(let s)): return schedule(s)
        case (.scheduleTable(let labels, _), .schedules(let ss)) where ss.count == labels.count:
            return flow(zip(labels, ss).map { ($0, schedule($1)) })
        case (.list, .numbers(let xs)): return flowList(xs.map(scalar))
        case (.rowLists(let rows, _), .rows(let xs)) where xs.count == rows.count:
            return flow(zip(rows, xs).map { ($0, flowList($1.map(scalar))) })
        case (.labelList, .labels(let ls)): return flowList(ls.map { key($0) })
        case (.ageRangeShares, .ageRangeShares(let ranges, let mix)):
            return flow(zip(ranges, mix).map { ($0.label, scalar($1)) })
        case (.date, .date(let d)): return Node(d.description, .implicit, .plain)
        case (.financialYear, .year(let y)): return Node(y.label, .implicit, .plain)
        case (.flag, .flag(let b)): return Node(b ? "true" : "false", .implicit, .plain)
        default: preconditionFailure("\(keyPath): \(value) does not fit a \(kind.name)")
        }
    }
}
