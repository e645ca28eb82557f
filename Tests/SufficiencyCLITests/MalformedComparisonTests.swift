import Foundation
import SufficiencyModel
import XCTest

/// A comparison directory's own files damaged after it was written: `compare.json` and `sensitivity.json`. `report`
/// (and `gap`, for `compare.json`) exit with status 2 and say which file and what is wrong in words, never
/// Foundation's "The data is not in the correct format" or a decoder's debug text, and a sensitivity analysis whose
/// figures the briefing cannot word ("each assumption ±-1e+302%") is refused one line per key, as `results.json` is.
final class MalformedComparisonTests: CommandLineTestCase {
    override func setUpWithError() throws {
        try super.setUpWithError()
        XCTAssertEqual(try sufficiency(["compare", "peterborough-2022", "savings-plan-2022-23", "--replications", "3",
                                        "--years", "1", "--out", "cmp", "--quiet"]).status, 0)
        XCTAssertEqual(try sufficiency(["sensitivity", "savings-plan-2022-23", "--year", "2022-23", "--target", "1122000",
                                        "--parameters", "interventions.income.arrival_probability", "--replications", "3",
                                        "--out", "cmp", "--quiet"]).status, 0)
    }

    func assertRefused(_ arguments: [String], _ expected: [String], file: StaticString = #filePath, line: UInt = #line) throws {
        let result = try sufficiency(arguments, file: file, line: line)
        XCTAssertEqual(result.status, 2, result.stderr, file: file, line: line)
        XCTAssertEqual(result.stderr, expected.map { "error: \($0)\n" }.joined(), file: file, line: line)
        XCTAssertFalse(fm.fileExists(atPath: work.appendingPathComponent("cmp/briefing.html").path), file: file, line: line)
    }

    /// A path holding a line break was printed with it, one problem on two lines (a fuzz audit): every message the
    /// command prints is kept to one line, the break written `\n`.
    func testAnOutPathWithALineBreakIsPrintedOnOneLine() throws {
        try assertRefused(["report", "cmp", "--out", work.path + "/a\nb"], ["\(work.path)/a\\nb: --out must end in .html"])
    }

    func testAnEmptyOrBrokenCompareJSONIsNamedInWords() throws {
        let path = work.appendingPathComponent("cmp/compare.json")
        let compare = work.path + "/cmp/compare.json"
        try Data().write(to: path)
        try assertRefused(["report", "cmp"], ["\(compare): empty, not a comparison written by sufficiency"])
        try assertRefused(["gap", "cmp"], ["\(compare): empty, not a comparison written by sufficiency"])
        try Data("{\"baseline\": ".utf8).write(to: path)
        try assertRefused(["report", "cmp"], ["\(compare): not valid JSON, not a comparison written by sufficiency"])
    }

    func testABrokenOrImplausibleSensitivityJSONIsRefusedOneLinePerKey() throws {
        let path = work.appendingPathComponent("cmp/sensitivity.json")
        let name = work.path + "/cmp/sensitivity.json"
        let good = try SensitivitySummary.decode(Data(contentsOf: path))
        try Data().write(to: path)
        let empty = try sufficiency(["report", "cmp"])
        XCTAssertEqual(empty.status, 2)
        XCTAssertTrue(empty.stderr.hasPrefix("error: \(name): not a sensitivity analysis written by sufficiency ("), empty.stderr)
        XCTAssertFalse(empty.stderr.contains("DecodingError"), empty.stderr)
        XCTAssertEqual(empty.stderr.filter { $0 == "\n" }.count, 1, empty.stderr)

        var bad = good
        bad.swing = -1e300
        bad.year = "x"
        bad.central.mean = 1e300
        bad.drivers[0].high.probabilityOfTarget = 1.5
        try bad.encoded().write(to: path)
        let tail = ", not a finite number within ±1e+12 (no count or sum of pounds of a council's care system is that large)"
        try assertRefused(["report", "cmp"], ["\(name): swing is -1e+300, not a share above 0 and below 1",
                                              "\(name): year is x, not a financial year like 2022-23",
                                              "\(name): central.mean is 1e+300" + tail,
                                              "\(name): drivers[0].high.probability_of_target is 1.5, not a chance from 0 to 1"])
        try good.encoded().write(to: path)
        XCTAssertEqual(try sufficiency(["report", "cmp"]).status, 0, "the analysis as written is accepted")
    }
}
