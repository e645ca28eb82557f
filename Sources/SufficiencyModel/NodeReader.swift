import Yams

/// Walks a composed YAML tree, collecting problems with their line and key path instead of throwing.
///
/// Every mapping read through a `MappingReader` remembers the keys it was asked for, so `finish()` can refuse
/// keys nobody asked for (a typo such as `anual_rate` is an error, never silently ignored).
final class NodeReader {
    let file: String
    /// Which layer's file set each key path (from `ScenarioLayers`); problems name that file.
    let origins: [String: String]
    /// The scenario's first financial year, once read: a schedule must start no later.
    var firstYear: FinancialYear?
    private(set) var problems: [ScenarioProblem] = []

    init(file: String, origins: [String: String] = [:]) {
        self.file = file
        self.origins = origins
    }

    func fail(_ node: Node?, _ path: String, _ message: String) {
        problems.append(ScenarioProblem(file: origin(of: path), line: node?.mark?.line, keyPath: path, message: message))
    }

    /// The file of the longest prefix of `path` that a layer set.
    func origin(of path: String) -> String {
        var p = Substring(path)
        while !p.isEmpty {
            if let file = origins[String(p)] { return file }
            guard let cut = p.lastIndex(where: { $0 == "." || $0 == "[" }) else { break }
            p = p[..<cut]
        }
        return file
    }

    /// A reader over `node` if it is a mapping with unique string keys, nil (with a problem) otherwise.
    func mapping(_ node: Node, path: String) -> MappingReader? {
        guard case .mapping(let mapping) = node else {
            fail(node, path, "expected a mapping of keys to values")
            return nil
        }
        var entries: [(key: String, keyNode: Node, value: Node)] = []
        var seen = Set<String>()
        for (keyNode, value) in mapping {
            guard case .scalar(let scalar) = keyNode else {
                fail(keyNode, path, "keys must be plain names")
                continue
            }
            if !seen.insert(scalar.string).inserted {
                fail(keyNode, join(path, scalar.string), "duplicate key")
                continue
            }
            entries.append((scalar.string, keyNode, value))
        }
        return MappingReader(reader: self, path: path, node: node, entries: entries)
    }
}

func join(_ path: String, _ key: String) -> String { path.isEmpty ? key : path + "." + key }

/// A mapping being read; tracks which keys were used.
final class MappingReader {
    let reader: NodeReader
    let path: String
    let node: Node
    let entries: [(key: String, keyNode: Node, value: Node)]
    private var used = Set<String>()

    init(reader: NodeReader, path: String, node: Node, entries: [(key: String, keyNode: Node, value: Node)]) {
        self.reader = reader
        self.path = path
        self.node = node
        self.entries = entries
    }

    var keys: [String] { entries.map(\.key) }

    /// The value under `key`; a problem if it is missing and `required`.
    func value(_ key: String, required: Bool = true) -> Node? {
        used.insert(key)
        if let entry = entries.first(where: { $0.key == key }) { return entry.value }
        if required { reader.fail(node, join(path, key), "missing required key") }
        return nil
    }

    /// The nested mapping under `key`.
    func section(_ key: String, required: Bool = true) -> MappingReader? {
        guard let node = value(key, required: required) else { return nil }
        return reader.mapping(node, path: join(path, key))
    }

    /// A plain string under `key`.
    func string(_ key: String, required: Bool = true) -> String? {
        guard let node = value(key, required: required) else { return nil }
        guard case .scalar(let scalar) = node, !scalar.string.isEmpty else {
            reader.fail(node, join(path, key), "expected text")
            return nil
        }
        return scalar.string
    }

    /// Marks every key as used (for free-form sections such as `notes`).
    func useAll() { for entry in entries { used.insert(entry.key) } }

    /// Reports every key that no reader asked for, suggesting the nearest key that is expected here.
    func finish() {
        for entry in entries where !used.contains(entry.key) {
            var message = "unknown key"
            if let suggestion = closest(to: entry.key, among: used.sorted()) { message += "; did you mean '\(suggestion)'?" }
            reader.fail(entry.keyNode, join(path, entry.key), message)
        }
    }
}

/// The candidate nearest to `word` by edit distance, if it is near enough to be a likely misspelling
/// (at most a third of the word's length, and at least 2 edits allowed).
func closest(to word: String, among candidates: [String]) -> String? {
    let limit = max(2, word.count / 3)
    var best: (String, Int)? = nil
    for candidate in candidates {
        let d = editDistance(word, candidate)
        if d <= limit && d < (best?.1 ?? Int.max) { best = (candidate, d) }
    }
    return best?.0
}

/// Levenshtein distance between two strings (by Unicode scalar).
func editDistance(_ a: String, _ b: String) -> Int {
    let x = Array(a.unicodeScalars), y = Array(b.unicodeScalars)
    if x.isEmpty { return y.count }
    if y.isEmpty { return x.count }
    var previous = Array(0...y.count)
    var current = [Int](repeating: 0, count: y.count + 1)
    for i in 1...x.count {
        current[0] = i
        for j in 1...y.count {
            current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (x[i - 1] == y[j - 1] ? 0 : 1))
        }
        swap(&previous, &current)
    }
    return previous[y.count]
}
