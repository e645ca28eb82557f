import Foundation
import Yams

/// A scenario tree with every layer of `extends:` merged, and which file set each key path.
struct LayeredTree {
    var root: Node
    /// Key path → the file (or `embedded:<name>`) whose layer set it. Problems are reported against the file
    /// of the longest matching path, with the line from that file.
    var origins: [String: String]
    /// The layer this one extends directly, if any.
    var parent: String? = nil
    /// Duplicate keys found in any layer, each in its own file (the repeats themselves are left out of `root`).
    var problems: [ScenarioProblem] = []
}

/// Resolves `extends:`: a scenario names a baseline (an embedded scenario by name, or a file by path relative to
/// itself) and overrides values by their key path.
///
/// Merging: mappings merge key by key, recursively; anything else (a parameter, a list, a text) in the later layer
/// replaces the earlier one whole, so a parameter's value, unit and source always come together from one layer.
/// Every parameter of the result is tagged with `layer:`, the file that set it, and that tag survives in
/// `scenario.resolved.yaml`.
enum ScenarioLayers {
    /// Deepest chain of `extends:` accepted.
    static let maximumDepth = 16

    /// Resolves the scenario `yaml` (read from `file`) and the chain of layers it extends.
    ///
    /// - Complexity: for each of the L ≤ `maximumDepth` layers: one `YAMLEventScan` (O(b) for its b bytes), Yams'
    ///   compose, the duplicate-key pass (O(N) for its N nodes, with a set of key texts per mapping), `record`
    ///   (O(N·p) for key paths of up to p characters, each built and hashed), one `merge` onto the tree below
    ///   (O(N + M) for that tree's M nodes) and an O(L) search of the chain for a cycle. So, with L bounded, linear
    ///   in the total size of the layers times the key path length.
    static func resolve(yaml: String, file: String, chain: [String] = []) throws -> LayeredTree {
        var problems: [ScenarioProblem] = []
        let root = try layer(yaml, file: file, problems: &problems)
        guard case .mapping(let mapping) = root, let extendsNode = mapping.value(forPlainKey: "extends") else {
            var origins: [String: String] = [:]
            record(root, path: "", file: file, into: &origins)
            return LayeredTree(root: root, origins: origins, problems: problems)
        }
        let line = extendsNode.mark?.line
        guard case .scalar(let scalar) = extendsNode, !scalar.string.isEmpty else {
            throw ScenarioError([ScenarioProblem(file: file, line: line, keyPath: "extends",
                                                 message: "expected the name of an embedded scenario or a relative path")])
        }
        let (parentFile, parentText) = try locate(scalar.string, from: file, line: line)
        let here = chain + [file]
        if here.contains(parentFile) {
            let cycle = (here.drop { $0 != parentFile } + [parentFile]).joined(separator: " → ")
            throw ScenarioError([ScenarioProblem(file: file, line: line, keyPath: "extends",
                                                 message: "extends cycle: \(cycle)")])
        }
        guard here.count < maximumDepth else {
            throw ScenarioError([ScenarioProblem(file: file, line: line, keyPath: "extends",
                                                 message: "more than \(maximumDepth) layers of extends")])
        }
        var parent = try resolve(yaml: parentText, file: parentFile, chain: here)
        let own = Node.mapping(Node.Mapping(mapping.filter { $0.key.scalarText != "extends" },
                                            mapping.tag, mapping.style, mapping.mark))
        record(own, path: "", file: file, into: &parent.origins)
        return LayeredTree(root: merge(parent.root, own), origins: parent.origins, parent: parentFile,
                           problems: problems + parent.problems)
    }

    /// One layer's own tree: checked against `ScenarioLimits` before Yams composes it (composing is what
    /// recurses and expands aliases), then with its duplicate keys reported into `problems` and dropped. An
    /// embedded scenario is neither (`EmbeddedScenarios.isEmbedded`): tests check it for both.
    static func layer(_ yaml: String, file: String, problems: inout [ScenarioProblem]) throws -> Node {
        let embedded = EmbeddedScenarios.isEmbedded(yaml)
        if !embedded { try YAMLEventScan.check(yaml, file: file) }
        let root: Node
        do {
            guard let node = try Yams.compose(yaml: yaml, .basic) else {
                throw ScenarioError([ScenarioProblem(file: file, line: nil, keyPath: "", message: "the file is empty")])
            }
            root = node
        } catch let error as YamlError {
            throw ScenarioError([ScenarioLoader.problem(from: error, file: file)])
        }
        return embedded ? root : DuplicateKeys.removed(from: root, path: "", file: file, problems: &problems)
    }

    /// The file (or embedded scenario) that `reference` names, and its text.
    static func locate(_ reference: String, from file: String, line: Int?) throws -> (String, String) {
        let looksLikePath = reference.contains("/") || reference.hasSuffix(".yaml") || reference.hasSuffix(".yml")
        if !looksLikePath {
            guard let text = EmbeddedScenarios.text(named: reference) else {
                throw ScenarioError([ScenarioProblem(
                    file: file, line: line, keyPath: "extends",
                    message: "no embedded scenario '\(reference)' (embedded: \(EmbeddedScenarios.names.joined(separator: ", "))); "
                        + "write ./\(reference).yaml for a file")])
            }
            return ("embedded:\(reference)", text)
        }
        guard !file.hasPrefix("embedded:") else {
            // An embedded scenario may only extend another embedded one: it has no directory.
            let name = URL(fileURLWithPath: reference).deletingPathExtension().lastPathComponent
            guard let text = EmbeddedScenarios.text(named: name) else {
                throw ScenarioError([ScenarioProblem(file: file, line: line, keyPath: "extends",
                                                     message: "no embedded scenario '\(name)'")])
            }
            return ("embedded:\(name)", text)
        }
        let directory = URL(fileURLWithPath: file).deletingLastPathComponent()
        let url = reference.hasPrefix("/") ? URL(fileURLWithPath: reference)
            : directory.appendingPathComponent(reference).standardizedFileURL
        let path = relativePath(url.path)
        switch ScenarioFile.read(url.path) {
        case .success(let text):
            return (path, text)
        case .failure(let failure) where failure == .notUTF8 || failure.isTooLarge:
            // What is wrong is the baseline's content: say so in its own name, as for any other problem in it.
            throw ScenarioError([ScenarioProblem(file: path, line: nil, keyPath: "", message: failure.message)])
        case .failure(let failure):
            // The baseline cannot be reached: the mistake is this layer's `extends:`.
            throw ScenarioError([ScenarioProblem(file: file, line: line, keyPath: "extends",
                                                 message: "cannot read \(path): \(failure.message)")])
        }
    }

    /// `path` relative to the working directory when it lies below it, so messages stay short.
    static func relativePath(_ path: String) -> String {
        let cwd = FileManager.default.currentDirectoryPath + "/"
        return path.hasPrefix(cwd) ? String(path.dropFirst(cwd.count)) : path
    }

    static func isParameter(_ node: Node) -> Bool {
        if case .mapping(let m) = node, m.hasPlainKey("value") { return true }
        return false
    }

    /// `over` laid on `base`: mappings key by key, in one pass over each (keys found through an index by their
    /// text, so a layer of 40,000 keys merges in milliseconds); anything else whole.
    ///
    /// A merged mapping takes `over`'s position, as its key path takes `over`'s file (`record`): a problem with the
    /// mapping as a whole, such as a key missing from it, names the later layer with that layer's line, never the
    /// later layer with the earlier layer's line.
    ///
    /// - Complexity: O(|base| + |over|) in the nodes of the mappings visited: each mapping of `base` that `over`
    ///   also has is copied once and indexed by key text (a dictionary: an expected O(1) lookup per key of `over`,
    ///   hashing its text), and only keys in both are merged further; a parameter, list or scalar is replaced whole,
    ///   in O(1). Telling a parameter from a section (`isParameter`) reads the mapping's keys once.
    static func merge(_ base: Node, _ over: Node) -> Node {
        guard case .mapping(let b) = base, case .mapping(let o) = over, !isParameter(over), !isParameter(base) else {
            return over
        }
        var pairs: [(Node, Node)] = b.map { ($0.key, $0.value) }
        var index: [String: Int] = [:]
        for (i, pair) in pairs.enumerated() {
            if let text = pair.0.scalarText, index[text] == nil { index[text] = i }
        }
        for (key, value) in o {
            if let text = key.scalarText, let k = index[text] {
                pairs[k].1 = merge(pairs[k].1, value)
            } else {
                // A new key; one that is not a plain name is kept as it is, for `NodeReader` to refuse.
                if let text = key.scalarText { index[text] = pairs.count }
                pairs.append((key, value))
            }
        }
        return .mapping(Node.Mapping(pairs, b.tag, b.style, o.mark))
    }

    /// Records `file` as the origin of every key path in `node`.
    ///
    /// - Complexity: O(N·p) for N keys under `node` with key paths of up to p characters (each path is built and
    ///   hashed into `origins`); a parameter's own keys are not walked.
    static func record(_ node: Node, path: String, file: String, into origins: inout [String: String]) {
        if !path.isEmpty { origins[path] = file }
        guard case .mapping(let m) = node, !isParameter(node) else { return }
        for (key, value) in m {
            if case .scalar(let s) = key { record(value, path: join(path, s.string), file: file, into: &origins) }
        }
    }

    /// A scalar with no tag written, of the same resolver as `tag` (a tag of the tree it goes into).
    ///
    /// `Node(text)` would make its tag with Yams' default resolver, and the first use of that resolver compiles its
    /// seven regular expressions: 9 million instructions, a tenth of loading a scenario, for rules the loader never
    /// asks for (it reads every scalar as text, `NodeReader`).
    static func scalar(_ text: String, like tag: Tag, style: Node.Scalar.Style = .any) -> Node {
        .scalar(Node.Scalar(text, tag.copy(with: .implicit), style))
    }

    /// Adds `layer: <file>` to every parameter that does not have one.
    ///
    /// - Complexity: O(N·p), as `record`: every mapping is rebuilt once, with one `origins` lookup per parameter.
    static func tagLayers(_ node: Node, path: String, origins: [String: String]) -> Node {
        guard case .mapping(let m) = node else { return node }
        if isParameter(node) {
            guard !m.hasPlainKey("layer"), let origin = origins[path] else { return node }
            var pairs: [(Node, Node)] = m.map { ($0.key, $0.value) }
            pairs.append((scalar("layer", like: m.tag), scalar(origin, like: m.tag)))
            return .mapping(Node.Mapping(pairs, m.tag, m.style, m.mark))
        }
        let pairs: [(Node, Node)] = m.map { key, value in
            guard case .scalar(let s) = key else { return (key, value) }
            return (key, tagLayers(value, path: join(path, s.string), origins: origins))
        }
        return .mapping(Node.Mapping(pairs, m.tag, m.style, m.mark))
    }
}
