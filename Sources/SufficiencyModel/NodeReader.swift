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
    /// Every parameter read, in reading order (schema order), for the appendix of assumptions.
    var records: [ScenarioParameter] = []
    /// The scenario's `references:` table, read before any parameter so that citations can be checked.
    var citations: [String: Citation] = [:]
    var citationOrder: [String] = []
    /// The scenario's `benchmarks:`, figures for briefings.
    var benchmarks: [Benchmark] = []

    init(file: String, origins: [String: String] = [:]) {
        self.file = file
        self.origins = origins
    }

    /// A problem at `path`, in the file that set it; a value from the command line (`--set`) has no line.
    func fail(_ node: Node?, _ path: String, _ message: String) {
        let file = origin(of: path)
        problems.append(ScenarioProblem(file: file, line: file == ScenarioOverride.layer ? nil : node?.mark?.line, keyPath: path,
                                        message: message))
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

    /// A reader over `node` if it is a mapping, nil (with a problem) otherwise. Keys that are not plain names are
    /// reported and skipped. Duplicate keys never reach here: each layer's are reported and dropped before the
    /// layers merge (`DuplicateKeys`), where the file and line of the repeat are still known.
    func mapping(_ node: Node, path: String) -> MappingReader? {
        guard case .mapping(let mapping) = node else {
            fail(node, path, "expected a mapping of keys to values")
            return nil
        }
        var entries: [(key: String, keyNode: Node, value: Node)] = []
        for (keyNode, value) in mapping {
            guard case .scalar(let scalar) = keyNode else {
                fail(keyNode, path, "keys must be plain names")
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
    /// Key → its first entry in a mapping of more than `KeySet.smallest` keys, so asking for a key costs the same
    /// in a mapping of 40,000 keys as in one of 4. Smaller mappings, nearly all of a scenario's, are searched in
    /// order, which costs less than building and hashing into a dictionary.
    private let positions: [String: Int]?
    private var used = KeySet()

    init(reader: NodeReader, path: String, node: Node, entries: [(key: String, keyNode: Node, value: Node)]) {
        self.reader = reader
        self.path = path
        self.node = node
        self.entries = entries
        if entries.count > KeySet.smallest {
            var positions: [String: Int] = [:]
            for (i, entry) in entries.enumerated() where positions[entry.key] == nil { positions[entry.key] = i }
            self.positions = positions
        } else {
            positions = nil
        }
    }

    var keys: [String] { entries.map(\.key) }

    /// The position of the first entry whose key is `key`.
    private func position(of key: String) -> Int? {
        if let positions { return positions[key] }
        return entries.firstIndex { $0.key == key }
    }

    /// The value under `key`; a problem if it is missing and `required`.
    func value(_ key: String, required: Bool = true) -> Node? {
        used.insert(key)
        if let i = position(of: key) { return entries[i].value }
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
        // The candidates are prepared only for a mapping with an unknown key: most have none.
        guard entries.contains(where: { !used.contains($0.key) }) else { return }
        let expected = Suggestions(used.sorted)
        for entry in entries where !used.contains(entry.key) {
            let keyPath = join(path, entry.key)
            if let why = retiredKeys[keyPath] {
                reader.fail(entry.keyNode, keyPath, "no longer read: \(why); remove it")
                continue
            }
            var message = "unknown key"
            if let suggestion = expected.closest(to: entry.key) { message += "; did you mean '\(suggestion)'?" }
            reader.fail(entry.keyNode, join(path, entry.key), message)
        }
    }
}

/// Keys that scenarios once had and the model no longer reads, with the reason, so that an older file is told what
/// to do rather than only that a key is unknown.
let retiredKeys: [String: String] = [
    "population.years_in_care": "the start date's time in care is drawn from the model's own steady state for each "
        + "child's age and care plan (README, 'The start date's children')",
]

/// The keys a `MappingReader` was asked for: a list while there are few (most mappings of a scenario have fewer
/// than ten keys, and comparing short texts costs less than hashing them), a set once there are many.
struct KeySet {
    /// Keys held in a list before they move to a set.
    static let smallest = 16
    private var list: [String] = []
    private var set: Set<String>? = nil

    /// Adds `key`; false when it was there already.
    @discardableResult
    mutating func insert(_ key: String) -> Bool {
        if set != nil { return set!.insert(key).inserted }
        guard !list.contains(key) else { return false }
        list.append(key)
        if list.count > Self.smallest { set = Set(list) }
        return true
    }

    func contains(_ key: String) -> Bool { set?.contains(key) ?? list.contains(key) }

    /// The keys in ascending order.
    var sorted: [String] { (set.map(Array.init) ?? list).sorted() }
}

/// The candidate nearest to `word` by edit distance, if it is near enough to be a likely misspelling
/// (at most a third of the word's length, and at least 2 edits allowed).
func closest(to word: String, among candidates: [String]) -> String? {
    Suggestions(candidates).closest(to: word)
}

/// Candidate keys, prepared once for the `closest` of many unknown keys.
///
/// A file of 40,000 unknown keys asks 40,000 times, so each ask must stay cheap: the candidates are split into
/// Unicode scalars once, those whose length alone puts them out of reach are skipped, and a distance stops being
/// computed as soon as it must exceed the limit.
struct Suggestions {
    private let candidates: [(text: String, scalars: [Unicode.Scalar])]

    init(_ candidates: [String]) {
        self.candidates = candidates.map { ($0, Array($0.unicodeScalars)) }
    }

    func closest(to word: String) -> String? {
        let limit = max(2, word.count / 3)
        let x = Array(word.unicodeScalars)
        var best: (String, Int)? = nil
        for (text, y) in candidates where abs(x.count - y.count) <= limit {
            guard let d = editDistance(x, y, limit: limit), d < (best?.1 ?? Int.max) else { continue }
            best = (text, d)
        }
        return best?.0
    }
}

/// Levenshtein distance between two strings (by Unicode scalar).
func editDistance(_ a: String, _ b: String) -> Int {
    let x = Array(a.unicodeScalars), y = Array(b.unicodeScalars)
    return editDistance(x, y, limit: max(x.count, y.count))!
}

/// Levenshtein distance between `x` and `y`, or nil once it must exceed `limit` (when every entry of a row of the
/// table is over it: the distance is at least the smallest entry of any row). Written with index loops over two
/// rows: it runs once per unknown key and candidate, and range iteration is slow in a debug build.
func editDistance(_ x: [Unicode.Scalar], _ y: [Unicode.Scalar], limit: Int) -> Int? {
    let m = x.count, n = y.count
    if m == 0 || n == 0 { return max(m, n) <= limit ? max(m, n) : nil }
    var previous = [Int](repeating: 0, count: n + 1)
    var current = previous
    var j = 0
    while j <= n { previous[j] = j; j += 1 }
    var i = 1
    while i <= m {
        current[0] = i
        var smallest = i
        j = 1
        while j <= n {
            var d = previous[j - 1] + (x[i - 1] == y[j - 1] ? 0 : 1)
            if previous[j] + 1 < d { d = previous[j] + 1 }
            if current[j - 1] + 1 < d { d = current[j - 1] + 1 }
            current[j] = d
            if d < smallest { smallest = d }
            j += 1
        }
        if smallest > limit { return nil }
        swap(&previous, &current)
        i += 1
    }
    return previous[n] <= limit ? previous[n] : nil
}
