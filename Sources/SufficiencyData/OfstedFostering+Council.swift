/// Finding a council in a year's file by the name a user types.
///
/// Names vary between years and sources (`County Durham` and `Durham`, `St Helens` and `St. Helens`, `Bedford`
/// and `Bedford Borough`), so matching is in two steps, each of which must find exactly one council:
/// 1. the names compared without case, punctuation or extra spaces (`&` reads as `and`);
/// 2. failing that, the names compared without an administrative word at either end (`City of`, `County`,
///    `Borough`, `Council`, ...) — but only where the shortened name is not itself the name of another area in
///    the file (`City of London` is not shortened to `London`, a region).
///
/// Two councils matching at either step is an error, never a guess (the 2017-18 file has two rows named
/// `Bournemouth`). An unknown name is an error suggesting the closest names by edit distance. Only
/// `local_authority` rows are matched; a region's name is refused with a suggestion.
extension OfstedFostering {
    /// A council's row and how its name was matched.
    public struct CouncilMatch: Sendable {
        public var row: OfstedFosteringRow
        /// Set when the name was matched only after dropping an administrative word: what was asked and what the
        /// file calls it, for the report.
        public var note: String?
    }

    /// The council named `name`; throws `OfstedFosteringError` (one line, naming the file) when there is none or
    /// more than one.
    public func council(named name: String) throws -> CouncilMatch {
        let councils = localAuthorities
        let wanted = Self.normalised(name)
        guard !wanted.isEmpty else { throw OfstedFosteringError(lines: ["\(path): --la is empty"]) }

        let exact = councils.filter { Self.normalised($0.area) == wanted }
        if exact.count == 1 { return CouncilMatch(row: exact[0], note: nil) }
        if exact.count > 1 { throw ambiguous(name, exact) }

        let others = Set(rows.filter { $0.level != "local_authority" }.map { Self.normalised($0.area) })
        let core = Self.core(wanted)
        if !others.contains(core) {
            let loose = councils.filter { row in
                let c = Self.core(Self.normalised(row.area))
                return c == core && !others.contains(c)
            }
            if loose.count == 1 {
                return CouncilMatch(row: loose[0], note: "\"\(name)\" matched \"\(loose[0].area)\" (administrative words "
                    + "such as City of, County or Borough ignored)")
            }
            if loose.count > 1 { throw ambiguous(name, loose) }
        }

        let suggestions = closest(to: name, among: councils.map(\.area))
        var line = "\(path): no local authority \"\(name)\""
        if let other = rows.first(where: { $0.level != "local_authority" && Self.normalised($0.area) == wanted }) {
            line += " (\"\(other.area)\" is the \(other.level == "england" ? "national" : "region") row; --la takes a council)"
        }
        if !suggestions.isEmpty { line += "; did you mean " + Self.alternatives(suggestions) + "?" }
        throw OfstedFosteringError(lines: [line])
    }

    func ambiguous(_ name: String, _ matches: [OfstedFosteringRow]) -> OfstedFosteringError {
        let rows = matches.map { "\($0.area) at row \($0.source.row)" }.joined(separator: ", ")
        return OfstedFosteringError(lines: ["\(path): \"\(name)\" matches \(matches.count) local authority rows "
            + "(\(rows)); the file is ambiguous, so none is used"])
    }

    /// Up to three council names closest to `name` by edit distance between the normalised names (the shortened
    /// forms count too, so `Durhm` finds `County Durham`); ties in name order.
    public func closest(to name: String, among names: [String], count: Int = 3) -> [String] {
        let wanted = Self.normalised(name)
        let scored = Set(names).map { candidate -> (String, Int) in
            let n = Self.normalised(candidate)
            return (candidate, min(Self.editDistance(wanted, n), Self.editDistance(Self.core(wanted), Self.core(n))))
        }
        return scored.sorted { $0.1 != $1.1 ? $0.1 < $1.1 : $0.0 < $1.0 }.prefix(count).map(\.0)
    }

    /// `'A'`, `'A' or 'B'`, `'A', 'B' or 'C'`.
    static func alternatives(_ names: [String]) -> String {
        let quoted = names.map { "'\($0)'" }
        return quoted.count <= 1 ? quoted.joined() : quoted.dropLast().joined(separator: ", ") + " or " + quoted.last!
    }

    /// Lower case, `&` as `and`, every run of characters other than letters and digits as one space.
    static func normalised(_ name: String) -> String {
        let lower = name.lowercased().replacingOccurrences(of: "&", with: " and ")
        var words: [String] = []
        var word = ""
        for ch in lower {
            if ch.isLetter || ch.isNumber {
                word.append(ch)
            } else if !word.isEmpty {
                words.append(word)
                word = ""
            }
        }
        if !word.isEmpty { words.append(word) }
        return words.joined(separator: " ")
    }

    /// Administrative words dropped at the start and the end of a normalised name, longest first.
    static let prefixes = ["london borough of ", "royal borough of ", "metropolitan borough of ", "borough of ",
                           "city of ", "county of ", "county "]
    static let suffixes = [" metropolitan borough council", " borough council", " county council", " city council",
                           " council", " city of", " county of", " borough", " city", " county"]

    /// A normalised name without its administrative words; never empty (`City of` alone stays as it is).
    static func core(_ normalised: String) -> String {
        var s = normalised
        for p in prefixes where s.hasPrefix(p) && s.count > p.count {
            s.removeFirst(p.count)
            break
        }
        for x in suffixes where s.hasSuffix(x) && s.count > x.count {
            s.removeLast(x.count)
            break
        }
        return s
    }

    /// Levenshtein distance over characters.
    static func editDistance(_ a: String, _ b: String) -> Int {
        let a = Array(a), b = Array(b)
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var previous = Array(0...b.count)
        var current = [Int](repeating: 0, count: b.count + 1)
        for i in 1...a.count {
            current[0] = i
            for j in 1...b.count {
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
            }
            swap(&previous, &current)
        }
        return previous[b.count]
    }
}
