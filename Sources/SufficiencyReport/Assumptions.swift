import Foundation
import SufficiencyModel

/// The appendix of assumptions: every parameter of the resolved scenario with its value, unit, source and layer.
public struct Assumption: Sendable {
    public var keyPath: String
    public var value: String
    public var unit: String
    public var source: String
    public var layer: String
}

public enum Assumptions {
    /// Every parameter of `scenario`, in file order.
    public static func all(_ scenario: LoadedScenario) -> [Assumption] {
        scenario.parameters.map {
            Assumption(keyPath: $0.keyPath, value: summarise($0.value), unit: $0.unit, source: $0.source, layer: $0.layer)
        }
    }

    /// The layer most parameters come from: the baseline every other layer changes.
    public static func baseLayer(_ all: [Assumption]) -> String {
        var counts: [String: Int] = [:]
        for a in all { counts[a.layer, default: 0] += 1 }
        return counts.max { ($0.value, $1.key) < ($1.value, $0.key) }?.key ?? ""
    }

    /// A value in one line: numbers as written, tables as `key value` pairs, truncated.
    static func summarise(_ value: ScenarioParameter.Value) -> String {
        let text: String
        switch value {
        case .scalar(let s): text = s
        case .list(let items): text = "[" + items.map(summarise).joined(separator: ", ") + "]"
        case .table(let entries): text = entries.map { "\($0.key) \(summarise($0.value))" }.joined(separator: "; ")
        }
        return text.count > 140 ? String(text.prefix(137)) + "…" : text
    }
}
