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

    /// `file:line: key.path: message`, the one-line form printed to the user: a control character quoted from the
    /// input (a newline in a value or key) is written as an escape, so that a problem is always one line.
    public var description: String {
        var text = file
        if let line { text += ":\(line)" }
        if !keyPath.isEmpty { text += ": \(keyPath)" }
        return Self.oneLine(text + ": " + message)
    }

    /// Whether `u` would break a printed line or reorder it: a control character, a line or paragraph separator,
    /// or a bidirectional control (a right-to-left override quoted from a key path reverses the rest of the line).
    public static func breaksLine(_ u: Unicode.Scalar) -> Bool {
        switch u.properties.generalCategory {
        case .control, .lineSeparator, .paragraphSeparator: return true
        default: return u.properties.isBidiControl
        }
    }

    /// `text` with each character that `breaksLine` written as `\n`, `\r`, `\t` or `\u{…}`: how every message the
    /// command line prints is kept to one line, whatever the input it quotes (a cell, a path, a value).
    public static func oneLine(_ text: String) -> String {
        guard text.unicodeScalars.contains(where: breaksLine) else { return text }
        var out = ""
        for u in text.unicodeScalars {
            switch u {
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            default:
                if breaksLine(u) {
                    out += "\\u{" + String(u.value, radix: 16) + "}"
                } else {
                    out.unicodeScalars.append(u)
                }
            }
        }
        return out
    }
}

/// Every problem found in a scenario: the loader reports them all at once rather than stopping at the first.
public struct ScenarioError: Error, Sendable, CustomStringConvertible {
    public var problems: [ScenarioProblem]

    public init(_ problems: [ScenarioProblem]) { self.problems = problems }

    public var description: String { problems.map(\.description).joined(separator: "\n") }
}
