import Foundation

extension ScenarioLoader {
    /// The message of a value set on the command line whose key path the scenario does not give.
    static let missingKeyMessage = "no parameter with this key path in "

    /// How a scenario given as `path` is named in its problems and results: the path, or `embedded:<name>` for an
    /// embedded scenario's name when no file of that name exists.
    public static func origin(of path: String) -> String {
        !FileManager.default.fileExists(atPath: path) && EmbeddedScenarios.text(named: path) != nil ? "embedded:\(path)" : path
    }

    /// Loads scenarios that the same values apply to alike (a comparison's baseline and scenarios, each with
    /// `overrides`), reporting every problem of every file. A key path that some of them give and others lack is
    /// named in each that lacks it, with one that has it, instead of a near key to try: a near key in the one that
    /// lacks it is another parameter (business-as-usual approvals for a programme's), not the one meant.
    public static func loadAlike(paths: [String], overrides: [ScenarioOverride]) throws -> [LoadedScenario] {
        var loaded: [LoadedScenario?] = [], problems: [[ScenarioProblem]] = []
        for path in paths {
            do {
                loaded.append(try load(path: path, overrides: overrides))
                problems.append([])
            } catch let error as ScenarioError {
                loaded.append(nil)
                problems.append(error.problems)
            }
        }
        guard problems.contains(where: { !$0.isEmpty }) else { return loaded.map { $0! } }
        // A scenario gives a key when it loaded, or when its overrides were checked (another key is named missing)
        // and this one is not named; one that failed before the overrides were read (bad YAML) says nothing.
        func gives(_ k: Int, _ keyPath: String) -> Bool {
            let missing = problems[k].filter { $0.file == ScenarioOverride.layer && $0.message.hasPrefix(missingKeyMessage) }.map(\.keyPath)
            return loaded[k] != nil || (!missing.isEmpty && !missing.contains(keyPath))
        }
        let origins = paths.map(origin(of:))
        let all = problems.indices.flatMap { k in
            problems[k].map { p -> ScenarioProblem in
                guard p.file == ScenarioOverride.layer, p.message.hasPrefix(missingKeyMessage),
                      let other = paths.indices.first(where: { gives($0, p.keyPath) }) else { return p }
                var q = p
                q.message = missingKeyMessage + origins[k] + ", though \(origins[other]) has one: a value set for "
                    + "several scenarios alike must be a key each of them gives"
                return q
            }
        }
        throw ScenarioError(all)
    }
}
