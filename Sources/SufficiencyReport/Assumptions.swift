import Foundation
import Yams

/// The appendix of assumptions: every parameter of the resolved scenario with its value, unit, source and layer.
public struct Assumption: Sendable {
    public var keyPath: String
    public var value: String
    public var unit: String
    public var source: String
    public var layer: String
}

public enum Assumptions {
    /// Every parameter in `root`, in file order.
    public static func all(_ root: Node?) -> [Assumption] {
        var out: [Assumption] = []
        func walk(_ node: Node, _ path: String) {
            guard case .mapping(let m) = node else { return }
            if let value = m["value"] {
                out.append(Assumption(keyPath: path, value: summarise(value), unit: m["unit"]?.string ?? "",
                                      source: m["source"]?.string ?? "", layer: m["layer"]?.string ?? ""))
                return
            }
            for (k, v) in m { if let key = k.string { walk(v, path.isEmpty ? key : path + "." + key) } }
        }
        if let root { walk(root, "") }
        return out
    }

    /// The layer most parameters come from: the baseline every other layer changes.
    public static func baseLayer(_ all: [Assumption]) -> String {
        var counts: [String: Int] = [:]
        for a in all { counts[a.layer, default: 0] += 1 }
        return counts.max { ($0.value, $1.key) < ($1.value, $0.key) }?.key ?? ""
    }

    /// A value in one line: numbers as written, tables as `key value` pairs, truncated.
    static func summarise(_ node: Node) -> String {
        let text: String
        switch node {
        case .scalar(let s): text = s.string
        case .sequence(let seq): text = "[" + seq.map(summarise).joined(separator: ", ") + "]"
        case .mapping(let m): text = m.map { "\($0.key.string ?? "?") \(summarise($0.value))" }.joined(separator: "; ")
        }
        return text.count > 140 ? String(text.prefix(137)) + "…" : text
    }
}
