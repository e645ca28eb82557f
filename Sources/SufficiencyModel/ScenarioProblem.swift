/// One thing wrong with a scenario file, located by file, line and key path.
public struct ScenarioProblem: Error, Hashable, Sendable, CustomStringConvertible {
    public var file: String
    /// 1-based line in the file, when known.
    public var line: Int?
    /// Dotted path of the key, such as `exits.reentry_probability.value`.
    public var keyPath: String
    public var message: String

    public init(file: String, line: Int?, keyPath: String, message: String) {
        self.file = file
        self.line = line
        self.keyPath = keyPath
        self.message = message
    }

    /// `file:line: key.path: message`, the one-line form printed to the user.
    public var description: String {
        var text = file
        if let line { text += ":\(line)" }
        if !keyPath.isEmpty { text += ": \(keyPath)" }
        return text + ": " + message
    }
}

/// Every problem found in a scenario: the loader reports them all at once rather than stopping at the first.
public struct ScenarioError: Error, Sendable, CustomStringConvertible {
    public var problems: [ScenarioProblem]

    public init(_ problems: [ScenarioProblem]) { self.problems = problems }

    public var description: String { problems.map(\.description).joined(separator: "\n") }
}
