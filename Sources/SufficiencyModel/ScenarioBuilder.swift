import Foundation
import Yams

/// Builds a `Scenario` from a YAML tree: the texts that name it, the citation table and the benchmarks by hand,
/// then every section by walking `Scenario.schema`.
struct ScenarioBuilder {
    let reader: NodeReader

    func build(_ root: Node) -> Scenario? {
        guard let top = reader.mapping(root, path: "") else { return nil }
        let name = top.string("name")
        let title = top.string("title")
        let question = top.string("question", required: false)
        _ = top.value("description", required: false)
        // The name is a directory name (`results/<name>/`): one path component, short enough for any file system,
        // that reads as written: with a letter or digit (not blank, as " " or a braille blank would be), not padded
        // with spaces, and without format characters such as the right-to-left override, which make a listed name
        // read other than it is, or line and paragraph separators.
        let unseen: [Unicode.GeneralCategory] = [.control, .format, .lineSeparator, .paragraphSeparator]
        if let name, name.contains("/") || name.hasPrefix(".") || name.count > 100
            || name.trimmingCharacters(in: .whitespacesAndNewlines) != name || !name.contains(where: { $0.isLetter || $0.isNumber })
            || name.unicodeScalars.contains(where: { unseen.contains($0.properties.generalCategory) }) {
            reader.fail(top.value("name"), "name",
                        "must be a plain name of at most 100 characters with a letter or digit, without '/', control, "
                            + "format or separator characters, a leading '.' or spaces at either end")
        }
        // Schedules must start no later than the first year: peek at the start date before the walk reads it.
        if case .mapping(let m) = root, case .mapping(let p)? = m.value(forPlainKey: "start_date"),
           let text = p.value(forPlainKey: "value")?.scalarText, let date = CivilDate(iso: text) {
            reader.firstYear = date.financialYear
        }
        // Citations first, so that every parameter's `reference:` can be checked against them.
        if top.value("references", required: false) != nil, let refs = top.section("references") {
            reader.readCitations(refs)
        }
        if top.value("benchmarks", required: false) != nil, let b = top.section("benchmarks") {
            reader.benchmarks = reader.readBenchmarks(b)
        }
        guard var scenario: Scenario = SchemaReader(reader: reader).read(top), let name, let title else { return nil }
        scenario.name = name
        scenario.title = title
        scenario.question = question
        return scenario
    }
}

/// Average days in a month (365.25 / 12), for parameters given in months.
public let daysPerMonth = 365.25 / 12
/// Days in a year, for annual rates and ages.
public let daysPerYear = 365.25
