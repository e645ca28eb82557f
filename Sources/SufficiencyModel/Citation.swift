import Foundation
import Yams

/// A publication a scenario cites: an entry of its `references:` table, named by an id that parameters give in
/// `reference: {id: ..., page: N}`. Layers of `extends:` merge their tables, so a scenario may cite its baseline's.
///
/// ```yaml
/// references:
///   adcs-2016-17:
///     title: "Eastern Region self-assessment 2016/17"
///     publisher: ADCS Eastern Region
///     date: "2017"
///     file: shared/reference/seeds/001_6c61f582bcf5cbae.txt     # or link: https://...
/// ```
public struct Citation: Sendable, Equatable {
    public var id: String
    public var title: String
    public var publisher: String
    /// As text: `2017`, `July 2019`.
    public var date: String?
    /// Where the text can be read: a web address, or a file beside the project. Exactly one is given.
    public var link: String?
    public var file: String?

    /// `Title (Publisher, date)`: the name of the source, never its file.
    public var name: String {
        "\(title) (\(publisher)" + (date.map { ", \($0)" } ?? "") + ")"
    }

    /// The link or the file.
    public var location: String? { link ?? file }
}

/// A parameter's citation: the id of a `references:` entry and where in it (a page or a section), with an optional
/// link to the place itself.
public struct CitationReference: Sendable, Equatable {
    public var id: String
    public var page: Int?
    public var section: String?
    public var link: String?

    /// `Title (Publisher, date), p. 12` or `…, section 3.2`, given the scenario's citations.
    public func text(_ citation: Citation) -> String {
        citation.name + (page.map { ", p. \($0)" } ?? "") + (section.map { ", section \($0)" } ?? "")
    }
}

/// A figure for briefings to print beside a simulated one (`benchmarks:`), keyed by the indicator it stands
/// beside (`moves_3plus_pct_council`): checked like a parameter, never simulated.
public struct Benchmark: Sendable, Equatable {
    public var key: String
    public var value: Double
    /// The value as the file writes it (`6.3`, `38`).
    public var text: String
    public var unit: String
    public var source: String
    public var reference: CitationReference?
    /// The day the figure describes (`as_at`): 31 March for a stock or a year's flow, so that a briefing can set
    /// beside it the simulated figure of the financial year that holds the day, when the run simulates that year.
    public var asAt: CivilDate?
    public var layer: String

    public init(key: String, value: Double, text: String? = nil, unit: String, source: String,
                reference: CitationReference? = nil, asAt: CivilDate? = nil, layer: String = "") {
        self.key = key
        self.value = value
        self.text = text ?? ScenarioWriter.number(value)
        self.unit = unit
        self.source = source
        self.reference = reference
        self.asAt = asAt
        self.layer = layer
    }
}

extension NodeReader {
    /// Reads the `references:` table into `citations`: each entry needs a title and a publisher, may give a date,
    /// and gives exactly one of a link and a file.
    func readCitations(_ m: MappingReader) {
        m.useAll()
        for entry in m.entries {
            let path = join(m.path, entry.key)
            if case .mapping(let map) = entry.value, map.hasPlainKey("value") {
                fail(entry.keyNode, path, "references: lists publications (title, publisher, date, link or file); "
                    + "a figure for briefings belongs under benchmarks:")
                continue
            }
            guard let c = mapping(entry.value, path: path) else { continue }
            let title = c.string("title"), publisher = c.string("publisher")
            let date = c.string("date", required: false)
            let link = c.string("link", required: false), file = c.string("file", required: false)
            c.finish()
            let hasLink = c.value("link", required: false) != nil, hasFile = c.value("file", required: false) != nil
            if !hasLink && !hasFile {
                fail(entry.value, path, "needs a link or a file where the text can be read")
            } else if hasLink && hasFile {
                fail(c.value("file"), join(path, "file"), "give a link or a file, not both")
            }
            if let title, let publisher {
                citations[entry.key] = Citation(id: entry.key, title: title, publisher: publisher, date: date,
                                                link: link, file: file)
                citationOrder.append(entry.key)
            }
        }
    }

    /// A parameter's `reference:`: an id of the `references:` table, and a page or a section (not both).
    func citation(_ node: Node, _ path: String) -> CitationReference? {
        guard let m = mapping(node, path: path) else { return nil }
        defer { m.finish() }
        guard let id = m.string("id") else { return nil }
        var result = CitationReference(id: id)
        if citations[id] == nil {
            let known = citationOrder.isEmpty ? "the scenario's references: table is empty"
                : "known: " + citationOrder.joined(separator: ", ")
            fail(m.value("id"), join(path, "id"), "no entry '\(id)' in references: (\(known))")
        }
        if let pageNode = m.value("page", required: false) {
            if case .scalar(let s) = pageNode, let page = Int(s.string), page > 0 {
                result.page = page
            } else {
                fail(pageNode, join(path, "page"), "expected a page number, found \(describe(pageNode))")
            }
        }
        result.section = m.string("section", required: false)
        result.link = m.string("link", required: false)
        if result.page != nil && result.section != nil {
            fail(m.value("section"), join(path, "section"), "give a page or a section, not both")
        }
        return citations[id] == nil ? nil : result
    }

    /// Refuses an empty source, and an "assumption" that does not say what it rests on.
    func checkSource(_ source: String, _ node: Node?, _ path: String) {
        if source.unicodeScalars.allSatisfy({ SourceText.whitespace.contains($0) }) {
            fail(node, path, "source must not be empty")
        } else if Self.isBareAssumption(source) {
            fail(node, path, "source \"assumption\" must give its reasoning (at least a sentence)")
        }
    }

    /// Words a source that starts with "assumption" must go on with: a sentence, not a label.
    static let assumptionReasoningWords = 6

    /// True when `source` starts with the word "assumption" (any case) and gives fewer than
    /// `assumptionReasoningWords` words after it.
    static func isBareAssumption(_ source: String) -> Bool {
        let trimmed = SourceText.trimmed(source, SourceText.whitespaceAndNewlines)
        if let answer = asciiIsBareAssumption(trimmed) { return answer }
        // Only "a" and "A" lowercase to a text that starts with "a" (a test checks every scalar), so no other text
        // needs lowercasing, which is slow beyond ASCII.
        guard let first = trimmed.unicodeScalars.first, first == "a" || first == "A" else { return false }
        let text = trimmed.lowercased()
        guard text.hasPrefix("assumption") else { return false }
        var rest = text.dropFirst("assumption".count)
        if rest.first == "s" { rest = rest.dropFirst() }
        if let next = rest.first, next.isLetter || next.isNumber { return false }
        let words = rest.split(whereSeparator: { $0.isWhitespace }).filter { $0.contains { $0.isLetter || $0.isNumber } }
        return words.count < assumptionReasoningWords
    }

    /// `isBareAssumption` of a trimmed text, read byte by byte when it is all ASCII (nil otherwise), and only as far
    /// as the sixth word: this runs for every parameter of every scenario loaded, and lowercasing the text and
    /// walking it by `Character` cost some 30,000 instructions a source.
    ///
    /// In ASCII each character is one byte, but for CR LF (one `Character`, whitespace as its two bytes are), a
    /// byte is a letter, a digit or whitespace exactly when its `Character` is, and lowercasing goes byte by byte.
    static func asciiIsBareAssumption(_ text: String) -> Bool? {
        text.utf8.withContiguousStorageIfAvailable { bytes -> Bool? in
            guard bytes.allSatisfy({ $0 < 0x80 }) else { return nil }
            let prefix = Array("assumption".utf8)
            guard bytes.count >= prefix.count, zip(bytes, prefix).allSatisfy({ $0 | 0x20 == $1 })
            else { return false }
            func isSpace(_ b: UInt8) -> Bool { b == 0x20 || (0x09...0x0D).contains(b) }
            func isWordy(_ b: UInt8) -> Bool { (0x61...0x7A).contains(b | 0x20) || (0x30...0x39).contains(b) }
            var i = prefix.count
            if i < bytes.count && bytes[i] | 0x20 == 0x73 { i += 1 }  // "assumptions"
            if i < bytes.count && isWordy(bytes[i]) { return false }
            var words = 0, inWord = false, counted = false
            while i < bytes.count {
                let b = bytes[i]
                i += 1
                if isSpace(b) { inWord = false; continue }
                if !inWord { inWord = true; counted = false }
                if !counted && isWordy(b) {
                    counted = true
                    words += 1
                    if words >= assumptionReasoningWords { return false }
                }
            }
            return true
        } ?? nil
    }

    /// Reads `benchmarks:`: each a parameter with a number, any unit, a source and optionally a reference and the
    /// day it describes (`as_at`, a date from 1900 to 2199 as `start_date` takes).
    func readBenchmarks(_ m: MappingReader) -> [Benchmark] {
        var result: [Benchmark] = []
        for key in m.keys {
            let before = records.count
            var asAt: CivilDate?, asAtValid = true
            let parameter = m.parameter(key, unit: nil) { p, path in
                guard let node = p.value("as_at", required: false) else { return }
                guard case .scalar(let s) = node, let date = CivilDate(iso: s.string),
                      (1900...2199).contains(date.year) else {
                    asAtValid = false
                    return self.fail(node, join(path, "as_at"),
                                     "expected the day the figure describes as yyyy-mm-dd, from 1900-01-01 to 2199-12-31")
                }
                asAt = date
            }
            let record = records.count > before ? records.removeLast() : nil
            guard let (node, path) = parameter, let record, asAtValid,
                  let x = number(node, path, .range(-1e12...1e12)) else { continue }
            result.append(Benchmark(key: key, value: x, text: record.scalar, unit: record.unit, source: record.source,
                                    reference: record.reference, asAt: asAt, layer: record.layer))
        }
        m.finish()
        return result
    }
}
