import Foundation

extension ScenarioLoader {
    /// How a scenario given as `path` is named in its problems and results: the path, or `embedded:<name>` for an
    /// embedded scenario's name when no file of that name exists.
    static func origin(of path: String) -> String {
        !FileManager.default.fileExists(atPath: path) && EmbeddedScenarios.text(named: path) != nil ? "embedded:\(path)" : path
    }

    /// The key paths `--set` can set in the scenario `text` (its layers merged), or nil when its layers cannot be
    /// merged (its own problems say why).
    static func settableKeyPaths(text: String, origin: String) -> Set<String>? {
        guard let tree = try? ScenarioLayers.resolve(yaml: text, file: origin) else { return nil }
        return Set(ScenarioOverride.keyPaths(in: ScenarioLayers.tagLayers(tree.root, path: "", origins: tree.origins)))
    }

    /// Loads scenarios that the same values apply to alike (a comparison's baseline and scenarios, each with
    /// `overrides`), reporting every problem of every file once (a file given twice has the same problems):
    /// - a problem of a value set on the command line (a negative rate, a missing table key) is the same in every
    ///   file it is set in, so it is given once, not once a file; one that some of the files have and others not
    ///   (a list of one multiplier per time-in-care band, where a file has a band fewer) ends "(in FILE)";
    /// - a key path that some of the scenarios give and others lack is named in each that lacks it, with one that
    ///   has it, instead of a near key to try: a near key there is another parameter (business-as-usual approvals
    ///   for a programme's), not the one meant.
    public static func loadAlike(paths: [String], overrides: [ScenarioOverride]) throws -> [LoadedScenario] {
        // Each file that failed, with its problems.
        var loaded: [LoadedScenario] = [], problems: [(origin: String, problems: [ScenarioProblem])] = []
        var texts: [(text: String, origin: String)?] = []
        for path in paths {
            var read: (text: String, origin: String)? = nil
            do {
                read = try text(at: path)
                loaded.append(try load(yaml: read!.text, file: read!.origin, overrides: overrides))
            } catch let error as ScenarioError {
                problems.append((read?.origin ?? path, error.problems))
            }
            texts.append(read)
        }
        guard !problems.isEmpty else { return loaded }
        let origins = paths.indices.map { texts[$0]?.origin ?? paths[$0] }
        let settable = texts.map { $0.flatMap { settableKeyPaths(text: $0.text, origin: $0.origin) } }
        var seen = Set<String>(), all: [ScenarioProblem] = []
        for k in paths.indices {
            for o in overrides where settable[k].map({ !$0.contains(o.keyPath) }) ?? false {
                if let other = paths.indices.first(where: { settable[$0]?.contains(o.keyPath) ?? false }) {
                    all.append(ScenarioProblem(file: ScenarioOverride.layer, line: nil, keyPath: o.keyPath,
                                               message: missingKeyMessage + origins[k] + ", though \(origins[other]) has one: "
                                                + "a value set for several scenarios alike must be a key each of them gives"))
                }
            }
        }
        // The loader's own problems, each once (a file given twice has the same ones), but for the missing keys
        // named above. A value's problem found in some of the files and not others (a list of one multiplier per
        // time-in-care band, where one file has a band fewer) says which.
        let named = Set(all.map(\.keyPath))
        var having: [String: [String]] = [:]
        for (origin, own) in problems {
            for p in own where p.file == ScenarioOverride.layer { having[p.description, default: []].append(origin) }
        }
        for p in problems.flatMap(\.problems) {
            if p.file == ScenarioOverride.layer && named.contains(p.keyPath) && p.message.hasPrefix(missingKeyMessage) { continue }
            guard seen.insert(p.description).inserted else { continue }
            var q = p
            if p.file == ScenarioOverride.layer, !p.message.hasPrefix(missingKeyMessage),  // which names its file
               let files = having[p.description], Set(files).count < Set(origins).count {
                q.message += " (in " + Set(files).sorted().joined(separator: ", ") + ")"
            }
            all.append(q)
        }
        throw ScenarioError(all)
    }
}
