import Foundation
import Yams

/// A scenario as read from a file or the embedded library, with the text that reproduces it.
public struct LoadedScenario: Sendable {
    public var scenario: Scenario
    /// Where it came from: a path, or `embedded:<name>`.
    public var origin: String
    /// The resolved scenario as YAML: a valid scenario file that reproduces the run.
    ///
    /// Written out from the merged tree each time it is read (some 10 million instructions for the default
    /// scenario), so that the commands that never write it (`bench`, `validate`, `--dry-run`) do not pay for it:
    /// read it once.
    public var resolvedYAML: String { tree.resolvedYAML }
    /// The merged tree the scenario was read from, and its origin.
    let tree: ScenarioTree
    /// What the scenario's `extends:` names, resolved to something `ScenarioLoader.load(path:)` accepts, if any.
    public var parent: String?
    /// Every parameter read, in schema order, with its value as written, unit, source, citation and layer.
    public var parameters: [ScenarioParameter] = []
    /// The publications the scenario cites (`references:`, merged across layers), in file order.
    public var citations: [Citation] = []
    /// Figures for briefings to print beside simulated ones (`benchmarks:`), in file order.
    public var benchmarks: [Benchmark] = []
}

/// Reads and checks scenario files.
///
/// Checks, each reported with file, line and key path: YAML syntax, unknown and duplicate keys, missing keys,
/// wrong types, parameters without unit or source or with the wrong unit, a source "assumption" without its
/// reasoning, a `reference:` to an id the `references:` table lacks, negative rates, probabilities outside [0, 1],
/// shares that do not sum to 1 (±0.001), and cross-field rules (an approval range inside 0–17, etc.). What each
/// parameter may be comes from the scenario schema (`Scenario.schema`, `ParameterSpec`).
/// Before any of that, each file (every layer of `extends:`) is held to `ScenarioLimits`: size, nesting, number
/// of nodes, key path length, and no anchors or aliases.
public enum ScenarioLoader {
    /// Loads the scenario at `path`, or the embedded scenario of that name when no such file exists and the
    /// name has no slash or extension.
    public static func load(path: String, overrides: [ScenarioOverride] = []) throws -> LoadedScenario {
        let (text, origin) = try text(at: path)
        return try load(yaml: text, file: origin, overrides: overrides)
    }

    /// The text of the scenario at `path` (the embedded one of that name when no such file exists) and how it is
    /// named in problems and results (`origin(of:)`); read once, since a pipe gives its text only once.
    static func text(at path: String) throws -> (text: String, origin: String) {
        let origin = origin(of: path)
        if origin != path, let embedded = EmbeddedScenarios.text(named: path) { return (embedded, origin) }
        switch ScenarioFile.read(path) {
        case .success(let text):
            return (text, path)
        case .failure(let failure):
            throw ScenarioError([ScenarioProblem(file: path, line: nil, keyPath: "", message: failure.message)])
        }
    }

    /// The message for a value set on the command line whose key path the scenario does not give; `loadAlike`
    /// recognises the loader's own problem by it to name the key once, in its own words.
    static let missingKeyMessage = "no parameter with this key path in "

    /// The default scenario, embedded in the binary.
    public static func loadDefault() throws -> LoadedScenario {
        try load(yaml: EmbeddedScenarios.text(named: EmbeddedScenarios.defaultName)!,
                 file: "embedded:\(EmbeddedScenarios.defaultName)")
    }

    /// Parses and checks `yaml`, resolving `extends:`; `file` names it in messages and locates relative parents.
    /// `overrides` set parameter values by key path on top of every layer (the command line's `--set`).
    public static func load(yaml: String, file: String, overrides: [ScenarioOverride] = []) throws -> LoadedScenario {
        let tree = try ScenarioLayers.resolve(yaml: yaml, file: file)
        var root = ScenarioLayers.tagLayers(tree.root, path: "", origins: tree.origins)
        var problems: [ScenarioProblem] = []
        // A problem in a value set on the command line names `--set`, not the file whose value it replaced (and
        // so does one a cross-field check reports at the parameter); a unit the file left out is still the file's.
        var origins = tree.origins
        let asRead = overrides.isEmpty ? nil : beyondLimits(root, file: file, overridden: false)
        /// `--set` naming a key path no layer has, with the nearest one that exists.
        func missing(_ o: ScenarioOverride) -> ScenarioProblem {
            var message = missingKeyMessage + file
            if let near = closest(to: o.keyPath, among: ScenarioOverride.keyPaths(in: root)) {
                message += "; did you mean '\(near)'?"
            }
            return ScenarioProblem(file: ScenarioOverride.layer, line: nil, keyPath: o.keyPath, message: message)
        }
        for o in overrides {
            if let problem = o.problem {
                problems.append(problem)
                // Its key path is checked all the same (with a value that can be set), so both problems show at once.
                if ScenarioOverride.apply(ScenarioOverride(keyPath: o.keyPath, value: "0"), to: root) == nil {
                    problems.append(missing(o))
                }
            } else if let changed = ScenarioOverride.apply(o, to: root) {
                root = changed
                origins[o.keyPath] = ScenarioOverride.layer
                if let owner = tree.origins[o.keyPath] { origins[o.keyPath + ".unit"] = owner }
                // A table given twice the same key is refused, as in a file (`DuplicateKeys`): the run's
                // scenario.resolved.yaml must read back.
                _ = DuplicateKeys.removed(from: ScenarioOverride.valueNode(o.value, like: Tag(.implicit)), path: o.keyPath + ".value",
                                          file: ScenarioOverride.layer, problems: &problems)
            } else {
                problems.append(missing(o))
            }
        }
        // Past a limit as read, it is the files' doing; within them as read and past them with the values set,
        // the values'.
        if problems.isEmpty, let problem = asRead ?? beyondLimits(root, file: file, overridden: !overrides.isEmpty) {
            throw ScenarioError([problem])
        }
        let reader = NodeReader(file: file, origins: origins)
        let scenario = ScenarioBuilder(reader: reader).build(root)
        // The values that could not be set come first, then duplicate keys (found per layer, each in its own file),
        // in file order, then what the reader found in the merged tree: a key path missing because the file's own
        // parameter there is malformed is said with the file's problem at its line.
        problems = problems.map { var p = $0; p.line = nil; return p } + tree.problems + reader.problems
        if !problems.isEmpty || scenario == nil {
            throw ScenarioError(problems.isEmpty
                ? [ScenarioProblem(file: file, line: nil, keyPath: "", message: "invalid scenario")]
                : problems)
        }
        let parent = tree.parent.map { $0.hasPrefix("embedded:") ? String($0.dropFirst("embedded:".count)) : $0 }
        return LoadedScenario(scenario: scenario!, origin: file, tree: ScenarioTree(root: root, origin: file), parent: parent,
                              parameters: reader.records, citations: reader.citationOrder.compactMap { reader.citations[$0] },
                              benchmarks: reader.benchmarks)
    }

    /// Why the tree a scenario runs cannot be written out and read back, if it cannot: each file is held to
    /// `ScenarioLimits` on its own, but layers merged, the `layer:` tag each parameter gets and `--set` values can
    /// together go past them, and a run wrote a `scenario.resolved.yaml` that neither `report` nor a rerun would
    /// read. Depth and nodes are counted on the tree; its size is written out and measured only when a rough
    /// count says it could be near the limit (`YAMLEventScan.TreeExtent`).
    static func beyondLimits(_ root: Node, file: String, overridden: Bool) -> ScenarioProblem? {
        let tree = YAMLEventScan.extent(of: root)
        let what: String
        if tree.extent.depth > ScenarioLimits.maximumDepth {
            what = "nested deeper than \(ScenarioLimits.maximumDepth) levels"
        } else if tree.extent.nodes > ScenarioLimits.maximumNodes {
            what = "more than \(ScenarioLimits.maximumNodes) YAML nodes (\(tree.extent.nodes))"
        } else if tree.roughBytes > ScenarioLimits.maximumBytes / 4,
                  case let bytes = ScenarioTree(root: root, origin: file).resolvedYAML.utf8.count, bytes > ScenarioLimits.maximumBytes {
            what = "\(bytes) bytes, larger than \(ScenarioLimits.maximumBytes) bytes (4 MiB)"
        } else {
            return nil
        }
        let whole = overridden ? "the scenario with these values set is"
            : "the scenario as a run writes it out (its layers merged, each parameter tagged with its layer) is"
        return ScenarioProblem(file: overridden ? ScenarioOverride.layer : file, line: nil, keyPath: "",
                               message: "\(whole) \(what), past the limit for a scenario file, so the run's "
                                + "scenario.resolved.yaml could not be read back")
    }

    static func problem(from error: YamlError, file: String) -> ScenarioProblem {
        switch error {
        case .scanner(_, let problem, let mark, _), .parser(_, let problem, let mark, _),
             .composer(_, let problem, let mark, _):
            return ScenarioProblem(file: file, line: mark.line, keyPath: "", message: "YAML syntax: \(problem)")
        case .reader(let problem, let offset, _, let yaml):
            // `offset` counts characters from the start of the text: the line is one more than the newlines before.
            let line = offset.map { n in 1 + yaml.prefix(n).reduce(0) { $1 == "\n" || $1 == "\r\n" ? $0 + 1 : $0 } }
            return ScenarioProblem(file: file, line: line, keyPath: "", message: "YAML: \(problem)")
        default:
            return ScenarioProblem(file: file, line: nil, keyPath: "", message: "YAML: \(error)")
        }
    }
}
