/// A top-level section of a written scenario (`in_house:`) as ordered, already formatted entries.
///
/// Two writers contribute to the same sections when `calibrate` reads both an SSDA903 return and Ofsted's
/// fostering figures; merging by key keeps each section and each key once, since a duplicate key is an error
/// in a scenario file (and YAML would otherwise silently keep only one of them).
struct ScenarioSection {
    var name: String
    /// Key and its YAML text (the key line included), in writing order.
    var entries: [(key: String, text: String)]

    init(_ name: String, _ entries: [(key: String, text: String)]) {
        self.name = name
        self.entries = entries
    }

    /// `base` with `over` laid on it: an entry of `over` replaces the entry of the same key in place, new entries
    /// and sections are appended in `over`'s order.
    static func merge(_ base: [ScenarioSection], _ over: [ScenarioSection]) -> [ScenarioSection] {
        var result = base
        for section in over {
            guard let s = result.firstIndex(where: { $0.name == section.name }) else {
                result.append(section)
                continue
            }
            for entry in section.entries {
                if let e = result[s].entries.firstIndex(where: { $0.key == entry.key }) {
                    result[s].entries[e] = entry
                } else {
                    result[s].entries.append(entry)
                }
            }
        }
        return result
    }

    /// The sections as YAML, each after a blank line; sections without entries are left out.
    static func text(_ sections: [ScenarioSection]) -> String {
        sections.filter { !$0.entries.isEmpty }.map { "\n\($0.name):\n" + $0.entries.map(\.text).joined() }.joined()
    }
}
