import CSV
@testable import SufficiencyData
import XCTest

/// The SSDA903 reader's own CSV parser must read every file, well formed or not, exactly as CSV.swift's `CSVReader`
/// (which it replaced for speed) reads it: same records, same fields, so the same rows are kept and rejected.
final class CSVRecordsTests: XCTestCase {
    /// Every record of `text` by the reader's parser.
    func parsed(_ text: String) -> [[String]] {
        var text = text
        let records = text.withUTF8 { CSVRecords(utf8: $0) }
        var result: [[String]] = []
        records.forEach { _, record in result.append((0..<record.count).map { record.string($0) }) }
        return result
    }

    /// Every record of `text` by CSV.swift, as the reader used it (`hasHeaderRow`, then `next()`).
    func reference(_ text: String) -> [[String]] {
        guard let reader = try? CSVReader(string: text, hasHeaderRow: true) else { return [] }
        var result = [reader.headerRow ?? []]
        while let row = reader.next() { result.append(row) }
        return result
    }

    func testWellFormedRecords() {
        XCTAssertEqual(parsed("A,B,C\n1,2,3\n"), [["A", "B", "C"], ["1", "2", "3"]])
        XCTAssertEqual(parsed("A,B\r\n1,2\r\n"), [["A", "B"], ["1", "2"]])
        XCTAssertEqual(parsed("A,B\r1,2"), [["A", "B"], ["1", "2"]])  // a lone CR ends a record; no final newline
        XCTAssertEqual(parsed("A,\"b, \"\"quoted\"\"\nacross lines\",C\n"), [["A", "b, \"quoted\"\nacross lines", "C"]])
        XCTAssertEqual(parsed("Å,é\n\u{1F}x,\"ü\"\n"), [["Å", "é"], ["\u{1F}x", "ü"]])
    }

    func testEdgeCasesReadAsCSVSwiftReadsThem() {
        XCTAssertEqual(parsed(""), [])
        XCTAssertEqual(parsed("\n"), [[""]])  // a blank line is a record of one empty field
        XCTAssertEqual(parsed("A,B\n\n1,2\n"), [["A", "B"], [""], ["1", "2"]])
        XCTAssertEqual(parsed("A,B,"), [["A", "B", ""]])  // a comma at the very end adds an empty field
        XCTAssertEqual(parsed("a\"b,c\n"), [["a\"b", "c"]])  // a quote inside an unquoted field is a character
        // A stray quote in a quoted field is kept and the character after it dropped (the whole character, however
        // many bytes); the field stays quoted.
        XCTAssertEqual(parsed("\"ab\"cd\",e\n"), [["ab\"d", "e"]])
        XCTAssertEqual(parsed("\"ab\"éd\",e\n"), [["ab\"d", "e"]])
        XCTAssertEqual(parsed("\"ab\"cd,e\n"), [["ab\"d,e\n"]])
        XCTAssertEqual(parsed("\"open,to the end\nof the text"), [["open,to the end\nof the text"]])
        XCTAssertEqual(parsed("\"a\"\r\nb"), [["a"], ["b"]])
        for text in ["", "\n", "A,B\n\n1,2\n", "A,B,", "a\"b,c\n", "\"ab\"cd\",e\n", "\"ab\"éd,e\n", "\"open,to\nend",
                     "\"a\"\r\nb", "\r\r\n,\r", "\"\"", "\"", ",", "\"a\"\"", " \"a\" ,b"] {
            XCTAssertEqual(parsed(text), reference(text), text.debugDescription)
        }
    }

    /// Random texts over the characters that matter to CSV, and some that do not.
    func testRandomTextsMatchCSVSwift() {
        let alphabet: [String] = ["a", "B", "1", ",", ",", "\"", "\"", "\r", "\n", "\r\n", " ", "\t", "é", "€",
                                  "\u{1F}", "\u{FEFF}", "e\u{301}"]
        var state: UInt64 = 0x9E37_79B9_7F4A_7C15
        func next(_ n: Int) -> Int {  // SplitMix64: deterministic, no seed to manage
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return Int((z ^ (z >> 31)) % UInt64(n))
        }
        for _ in 0..<3000 {
            let text = (0..<next(40)).map { _ in alphabet[next(alphabet.count)] }.joined()
            XCTAssertEqual(parsed(text), reference(text), text.debugDescription)
        }
    }

    func testTrimmingMatchesTheReadersTrim() {
        for field in ["", " ", " a ", "\ta\r", " é ", "é", " e\u{301} ", " \u{301}x ", "a b"] {
            var text = "\"" + field + "\""
            let records = text.withUTF8 { CSVRecords(utf8: $0) }
            records.forEach { _, record in
                XCTAssertEqual(record.trimmed(0), SSDA903Reader.trimmed(field), field.debugDescription)
            }
        }
    }
}
