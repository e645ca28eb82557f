import Foundation
@testable import SufficiencyModel
import XCTest

/// A source's checks (`checkSource`, `isBareAssumption`) trim and count words without Foundation's bridging, and
/// must say exactly what the Foundation-based checks they replaced said, for every kind of whitespace.
final class SourceTextTests: XCTestCase {
    /// The checks as they were written before, on Foundation's `trimmingCharacters(in:)`: the reference.
    static func wasEmpty(_ source: String) -> Bool { source.trimmingCharacters(in: .whitespaces).isEmpty }

    static func wasBareAssumption(_ source: String) -> Bool {
        let text = source.trimmingCharacters(in: .whitespacesAndNewlines).lowercased()
        guard text.hasPrefix("assumption") else { return false }
        var rest = text.dropFirst("assumption".count)
        if rest.first == "s" { rest = rest.dropFirst() }
        if let next = rest.first, next.isLetter || next.isNumber { return false }
        let words = rest.split(whereSeparator: { $0.isWhitespace }).filter { $0.contains { $0.isLetter || $0.isNumber } }
        return words.count < NodeReader.assumptionReasoningWords
    }

    /// Scalars at and around the edges of the whitespace sets: every Unicode space, the newlines, controls,
    /// zero-width and joining scalars, a combining mark, a prepended mark, letters, digits and a non-BMP letter.
    static let edgeScalars: [Unicode.Scalar] = {
        var scalars: [Unicode.Scalar] = []
        for v in [0x00...0x20, 0x7F...0xA0, 0x1680...0x1680, 0x180E...0x180E, 0x2000...0x202F, 0x205F...0x2060,
                  0x3000...0x3000, 0xFEFF...0xFEFF] as [ClosedRange<UInt32>] {
            scalars += v.compactMap(Unicode.Scalar.init)
        }
        return scalars + ["a", "A", "s", "1", "\u{301}", "\u{600}", "\u{661}", "é", "İ", "\u{1D400}", ".", ":", "-"]
    }()

    func testTrimmingMatchesFoundationForEveryEdgeScalarAtEitherEnd() {
        for set in [CharacterSet.whitespaces, .whitespacesAndNewlines] {
            for x in Self.edgeScalars {
                for y in Self.edgeScalars {
                    let text = "\(x)\(y)b\(x)c\(y)\(x)"
                    XCTAssertEqual(SourceText.trimmed(text, set), text.trimmingCharacters(in: set),
                                   "U+\(String(x.value, radix: 16)) U+\(String(y.value, radix: 16))")
                }
            }
        }
        XCTAssertEqual(SourceText.trimmed(" \t ", .whitespaces), "")
        XCTAssertEqual(SourceText.trimmed("", .whitespaces), "")
        XCTAssertEqual(SourceText.trimmed("a b", .whitespaces), "a b")
        XCTAssertEqual(SourceText.trimmed("\n a \n", .whitespacesAndNewlines), "a")
        XCTAssertEqual(SourceText.trimmed("\n a \n", .whitespaces), "\n a \n")
    }

    func testEmptyAndBareSourcesAreJudgedAsFoundationJudgedThem() {
        var sources = ["assumption", "Assumption: too short", "assumption: one two three four five six",
                       "assumption: one two three four five", "Assumptions: one two three four five six",
                       "assumptionism is a word here and it is long", "  assumption: a b c d e f",
                       "ASSUMPTION — — — — — — — —", "assumption: 1 2 3 4 5 6", "assumption:one two three four five six",
                       "assumption\u{301} one two three four five six", "assumptioné a b c d e f",
                       "assumption\none\ttwo\u{2028}three\u{A0}four\u{3000}five six", "assumption: x, y, z; -- ! ? . ,",
                       "assumptions", "assumptions, a b c d e f", "assumption_x a b c", "İassumption: a b c d e f",
                       "assumption: \u{661} \u{662} \u{663} \u{664} \u{665} \u{666}", "Statistical release, 2017",
                       "assumption \u{600} a b c d e", "assumption: a\u{600} b c d e f", "ASSUMPTIONS A B C D E F",
                       "assumption a b c d e \u{1D400}", "assumption\u{200B} a b c d e f", "", " ", "\t", "\n",
                       "assumption:\r\na\r\nb c d e f", "ASSUMPTIONS\r\nA B C D E", "assumptionS a b c d e f", "assumptio",
                       "assumption-a b c d e f", "assumption5 a b c d e f", "@ssumption: a b c d e f", "assumption`a b c d e f"]
        for x in Self.edgeScalars {
            sources += ["\(x)", "\(x)assumption: a b c d e f", "assumption\(x)a b c d e f", "assumption: a\(x)b c d e f",
                        "assumption: a b c d e\(x)", "assumption: a b c d e f\(x)", "\(x)\(x)assumption\(x)"]
        }
        for source in sources {
            XCTAssertEqual(NodeReader.isBareAssumption(source), Self.wasBareAssumption(source), source.debugDescription)
            let reader = NodeReader(file: "probe.yaml")
            reader.checkSource(source, nil, "a.source")
            let expected = Self.wasEmpty(source) ? ["probe.yaml: a.source: source must not be empty"]
                : Self.wasBareAssumption(source)
                    ? ["probe.yaml: a.source: source \"assumption\" must give its reasoning (at least a sentence)"] : []
            XCTAssertEqual(reader.problems.map(\.description), expected, source.debugDescription)
        }
    }

    func testOnlyAAndItsCapitalLowercaseToATextThatStartsWithA() {
        for value in UInt32(0)...0x10FFFF {
            guard let scalar = Unicode.Scalar(value) else { continue }
            let startsWithA = String(scalar).lowercased().unicodeScalars.first == "a"
            XCTAssertEqual(startsWithA, scalar == "a" || scalar == "A", "U+\(String(value, radix: 16))")
        }
    }

    func testASourceOfSixWordsAfterAssumptionIsReasonedAndOneOfFiveIsNot() {
        XCTAssertTrue(NodeReader.isBareAssumption("assumption: one two three four five"))
        XCTAssertFalse(NodeReader.isBareAssumption("assumption: one two three four five six"))
        XCTAssertTrue(NodeReader.isBareAssumption("assumption: - one - two - three - four - five -"),
                      "a dash is no word")
        XCTAssertFalse(NodeReader.isBareAssumption("Assumed: a guess"), "only a source that starts with the word")
    }
}
