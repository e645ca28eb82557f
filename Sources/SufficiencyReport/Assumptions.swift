import Foundation
import SufficiencyModel

/// The appendix of assumptions: every parameter of the resolved scenario, in schema order, with its value, unit,
/// what it is, its source and citation, and the layer that set it.
public struct Assumption: Sendable {
    public var keyPath: String
    public var value: String
    public var unit: String
    /// The schema's one-line description.
    public var description: String
    public var source: String
    /// `Title (Publisher, date), p. N` when the parameter cites a publication; never a file name.
    public var citation: String?
    /// Where the cited text can be read (the reference's own link, else the publication's link or file).
    public var citationLocation: String?
    public var layer: String
}

public enum Assumptions {
    /// Every parameter of `scenario`, in schema order, then the benchmarks briefings print beside indicators.
    public static func all(_ scenario: LoadedScenario) -> [Assumption] {
        let descriptions = Dictionary(Scenario.parameterSpecs.map { ($0.keyPath, $0.description) }, uniquingKeysWith: { a, _ in a })
        func cite(_ r: CitationReference?) -> (String?, String?) {
            guard let r, let c = scenario.citation(r) else { return (nil, nil) }
            return (r.text(c), r.link ?? c.location)
        }
        let parameters = scenario.parameters.map { p -> Assumption in
            let (citation, location) = cite(p.reference)
            return Assumption(keyPath: p.keyPath, value: summarise(p.value), unit: p.unit,
                              description: descriptions[p.keyPath] ?? "", source: p.source, citation: citation,
                              citationLocation: location, layer: p.layer)
        }
        let benchmarks = scenario.benchmarks.map { b -> Assumption in
            let (citation, location) = cite(b.reference)
            return Assumption(keyPath: "benchmarks." + b.key, value: b.text, unit: b.unit,
                              description: "A figure for briefings, printed beside the simulated indicator"
                                + (b.asAt.map { "; it describes \(SimulatedYear.long($0)), in \($0.financialYear)" } ?? ""),
                              source: b.source, citation: citation, citationLocation: location, layer: b.layer)
        }
        return parameters + benchmarks
    }

    /// The layer most parameters come from: the baseline every other layer changes.
    public static func baseLayer(_ all: [Assumption]) -> String {
        var counts: [String: Int] = [:]
        for a in all { counts[a.layer, default: 0] += 1 }
        return counts.max { ($0.value, $1.key) < ($1.value, $0.key) }?.key ?? ""
    }

    /// Each parameter's and benchmark's value in full, by key path: what comparisons of two runs' values compare,
    /// since `Assumption.value` is cut to one line and two tables differing only near their ends read alike.
    static func values(_ scenario: LoadedScenario) -> [String: String] {
        var out: [String: String] = [:]
        for p in scenario.parameters { out[p.keyPath] = render(p.value) }
        for b in scenario.benchmarks { out["benchmarks." + b.key] = b.text + (b.asAt.map { " as at \($0)" } ?? "") }
        return out
    }

    /// A value in one line: numbers as written, tables as `key value` pairs, truncated.
    static func summarise(_ value: ScenarioParameter.Value) -> String {
        let text = render(value)
        return text.count > 140 ? String(text.prefix(137)) + "…" : text
    }

    /// A value in one line, whole.
    static func render(_ value: ScenarioParameter.Value) -> String {
        switch value {
        case .scalar(let s): return s
        case .list(let items): return "[" + items.map(render).joined(separator: ", ") + "]"
        case .table(let entries): return entries.map { "\($0.key) \(render($0.value))" }.joined(separator: "; ")
        }
    }
}
