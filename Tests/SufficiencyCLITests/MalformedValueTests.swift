import Foundation
import XCTest

/// Values a fuzz audit found accepted that crashed the run, wrote a run that could not be read back, or gave an
/// error on more than one line or naming the wrong place. Each is refused with exit status 2, one line per problem
/// naming `--set` (for a value from the command line) or the file and line, and nothing is written.
final class MalformedValueTests: CommandLineTestCase {

    static let header = "extends: peterborough-2017\nname: probe\ntitle: Probe\nquestion: Is this refused?\n"

    /// Runs `run` with `arguments` and `--out out`: exit 2, exactly the line `expected`, and no `out` left behind.
    func assertRunRefused(_ arguments: [String], _ expected: String, file: StaticString = #filePath, line: UInt = #line) throws {
        let result = try sufficiency(["run", "--replications", "5", "--years", "1", "--out", "out"] + arguments,
                                     file: file, line: line)
        XCTAssertEqual(result.status, 2, result.stderr, file: file, line: line)
        XCTAssertEqual(result.stderr, "error: " + expected + "\n", file: file, line: line)
        XCTAssertEqual(try fm.contentsOfDirectory(atPath: work.path), [], "left files behind", file: file, line: line)
    }

    /// A spell on hold of 1e-15 days was accepted and made a household go on and off hold until its count of
    /// changes overflowed: the run crashed (SIGILL) after about 20 seconds. Spells are at least a day.
    func testAnOnHoldSpellShorterThanADayIsRefused() throws {
        try assertRunRefused(["--set", "in_house.on_hold_share=0.5", "--set", "in_house.on_hold_mean_days=1e-15"],
                             "--set: in_house.on_hold_mean_days.value: must be between 1.0 and 3650.0 (found 1e-15)")
    }

    /// A table given on the command line with the same key twice ran, and wrote a scenario.resolved.yaml that
    /// `validate` and `report` then refused (a file with the same repeat is refused). The key path names the
    /// parameter's `value`, as every other problem with a value from the command line does.
    func testATableWithARepeatedKeyFromTheCommandLineIsRefused() throws {
        try assertRunRefused(["--set", "recruitment.approvals_per_year={2017-18: 10, 2017-18: 5}"],
                             "--set: recruitment.approvals_per_year.value.2017-18: duplicate key")
    }

    /// A bad value from the command line named the embedded scenario whose value it replaced.
    func testABadValueFromTheCommandLineNamesTheFlag() throws {
        try assertRunRefused(["--set", "population.children_in_care=-1"],
                             "--set: population.children_in_care.value: must not be negative (found -1.0)")
    }

    /// Years 0 and 9999 ran and labelled their financial years `-1-00` and `10000-01`, which `gap --year` refuses.
    func testAStartDateOutsideThe1900sTo2100sIsRefused() throws {
        try assertRunRefused(["--set", "start_date=0000-01-01"],
                             "--set: start_date.value: must be a date from 1900-01-01 to 2199-12-31 (found 0000-01-01)")
        try assertRunRefused(["--set", "start_date=9999-12-31"],
                             "--set: start_date.value: must be a date from 1900-01-01 to 2199-12-31 (found 9999-12-31)")
    }

    /// A name with a newline was accepted and made the directory `results/a\nb/`; a 300-character one validated and
    /// then could not be written. The name is one short path component.
    func testANameWithAControlCharacterOrOver100CharactersIsRefused() throws {
        let message = "name: must be a plain name of at most 100 characters with a letter or digit, without '/', control, "
            + "format or separator characters, a leading '.' or spaces at either end"
        // A blank name made the directory `results/ /`, and a right-to-left override one that lists backwards.
        for (file, name) in [("newline.yaml", "\"a\\nb\""), ("long.yaml", String(repeating: "a", count: 300)),
                             ("blank.yaml", "\" \""), ("padded.yaml", "\"  x  \""),
                             ("bidi.yaml", "\"\\u202Eevil\""), ("separator.yaml", "\"a\\u2028b\""), ("braille.yaml", "\"\\u2800\""),
                             ("punctuation.yaml", "\"--\"")] {
            let text = Self.header.replacingOccurrences(of: "name: probe", with: "name: " + name)
            try Data(text.utf8).write(to: work.appendingPathComponent(file))
            let result = try sufficiency(["validate", file])
            XCTAssertEqual(result.status, 2, result.stderr)
            XCTAssertEqual(result.stderr, "error: \(file):2: \(message)\n")
        }
    }

    /// A value spread over lines was quoted with its newlines, so one problem printed on three lines.
    func testAProblemQuotingANewlineIsPrintedOnOneLine() throws {
        let text = Self.header + "population:\n  children_in_care:\n    value: |\n      363\n      364\n"
            + "    unit: children\n    source: \"ADCS 2016/17\"\n"
        try Data(text.utf8).write(to: work.appendingPathComponent("lines.yaml"))
        let result = try sufficiency(["validate", "lines.yaml"])
        XCTAssertEqual(result.status, 2, result.stderr)
        XCTAssertEqual(result.stderr,
                       "error: lines.yaml:7: population.children_in_care.value: expected a number, found '363\\n364\\n'\n")
    }
}
