import Foundation
import XCTest

/// `sufficiency calibrate` on malformed SSDA903 returns, as a user runs it (issue 11): the built binary in a fresh
/// working directory. A return that cannot be used exits 2 with one line naming the file (and the row, when a row
/// is at fault), leaving nothing behind but, when rows were rejected, the report that lists them; a row that
/// cannot be used among good ones is rejected, listed in the report with its file, row and reason, and the rest
/// calibrate; `calibrate` overwrites nothing without --force.
final class MalformedReturnTests: CommandLineTestCase {

    static let episodesHeader = "CHILD,DECOM,RNE,LS,CIN,PLACE,PLACE_PROVIDER,DEC,REC,REASON_PLACE_CHANGE,HOME_POST,PL_POST,URN"
    static let headerHeader = "CHILD,SEX,DOB,ETHNIC,UPN,MOTHER,MC_DOB"

    // MARK: - Returns

    static func dmy(_ d: (year: Int, month: Int, day: Int)) -> String { String(format: "%02d/%02d/%04d", d.day, d.month, d.year) }

    /// A day `days` after 1 April 2019, as dd/mm/yyyy.
    static func day(_ days: Int) -> String {
        // Civil date from a day count (days since 1970-01-01), Howard Hinnant's algorithm.
        let z = 17_987 + days + 719_468  // 17,987 is 1 April 2019
        let era = z / 146_097, doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100), mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1, m = mp < 10 ? mp + 3 : mp - 9
        return dmy((yoe + era * 400 + (m <= 2 ? 1 : 0), m, d))
    }

    /// A good return: 80 children entering between April 2019 and November 2021, a third of them going home 100
    /// days later, aged 1 to 15 at entry. Its episode rows are rows 2 to 81.
    static let goodEpisodes: [String] = (0..<80).map { i in
        let closed = i % 3 == 0
        return "\(1000 + i),\(day(i * 12)),S,C2,N1,\(["U4", "U5", "K2", "U1"][i % 4]),\(["PR1", "PR4"][i % 2]),"
            + "\(closed ? day(i * 12 + 100) : ""),\(closed ? "E4A" : ""),,,,"
    }
    static let goodHeader: [String] = (0..<80).map { i in "\(1000 + i),\(1 + i % 2),\(day(i * 12 - 365 * (1 + i % 15) - 17)),WBRI,,," }

    /// Writes a return into `work/name`: `episodes.csv` and `header.csv` from rows (nil leaves the file out), or raw
    /// bytes in `files`; returns the folder's name.
    @discardableResult
    func writeReturn(_ name: String, episodes: [String]? = goodEpisodes, header: [String]? = goodHeader,
                     lineEnding: String = "\n", bom: Bool = false, files: [String: Data] = [:]) throws -> String {
        let dir = work.appendingPathComponent(name)
        try fm.createDirectory(at: dir, withIntermediateDirectories: true)
        func text(_ lines: [String]) -> Data { Data(((bom ? "\u{FEFF}" : "") + lines.map { $0 + lineEnding }.joined()).utf8) }
        if let episodes { try text([Self.episodesHeader] + episodes).write(to: dir.appendingPathComponent("episodes.csv")) }
        if let header { try text([Self.headerHeader] + header).write(to: dir.appendingPathComponent("header.csv")) }
        for (file, data) in files { try data.write(to: dir.appendingPathComponent(file)) }
        return name
    }

    func read(_ path: String) throws -> String { try String(contentsOf: work.appendingPathComponent(path), encoding: .utf8) }

    /// Everything under `work`, as relative paths (hidden temporary files included).
    func tree() throws -> Set<String> {
        var paths = Set<String>()
        let e = try XCTUnwrap(fm.enumerator(atPath: work.path))
        while let p = e.nextObject() as? String { paths.insert(p) }
        return paths
    }

    /// `calibrate` on `data` is refused: exit 2, nothing on stdout, one `error:` line holding each of `expected`,
    /// and nothing new under the working directory but `leaves`.
    @discardableResult
    func assertRefused(_ data: [String], out: String = "out/c.yaml", extra: [String] = [], _ expected: [String],
                       leaves: Set<String> = [], file: StaticString = #filePath, line: UInt = #line) throws -> String {
        let before = try tree()
        let result = try sufficiency(["calibrate"] + data + ["--out", out] + extra, file: file, line: line)
        XCTAssertEqual(result.status, 2, result.stderr, file: file, line: line)
        XCTAssertEqual(result.stdout, "", file: file, line: line)
        let lines = result.stderr.split(separator: "\n")
        XCTAssertEqual(lines.count, 1, "one line: \(result.stderr)", file: file, line: line)
        XCTAssertTrue(result.stderr.hasPrefix("error: "), result.stderr, file: file, line: line)
        for text in expected {
            XCTAssertTrue(result.stderr.contains(text), "stderr lacks '\(text)': \(result.stderr)", file: file, line: line)
        }
        XCTAssertEqual(try tree().subtracting(before), leaves, "left behind", file: file, line: line)
        return result.stderr
    }

    /// `calibrate` on `data` succeeds; returns the report.
    @discardableResult
    func assertCalibrates(_ data: [String], out: String = "out/c.yaml", extra: [String] = [],
                          file: StaticString = #filePath, line: UInt = #line) throws -> String {
        let result = try sufficiency(["calibrate"] + data + ["--out", out] + extra, file: file, line: line)
        XCTAssertEqual(result.status, 0, result.stderr, file: file, line: line)
        let folder = (out as NSString).deletingLastPathComponent
        return try read(folder.isEmpty ? "calibration-report.md" : folder + "/calibration-report.md")
    }

    /// The report's row for `file`, `row`.
    func assertReportLists(_ report: String, _ file: String, row: Int, _ reason: String,
                           sourceFile: StaticString = #filePath, line: UInt = #line) {
        XCTAssertTrue(report.contains("| \(file) | \(row) | \(reason)"), "no row \(file) \(row) \(reason) in:\n\(report)",
                      file: sourceFile, line: line)
    }

    // MARK: - Files that cannot be read as a return: exit 2, nothing written

    func testAnEmptyEpisodesFile() throws {
        try writeReturn("r", files: ["episodes.csv": Data()])
        try assertRefused(["r"], ["r/episodes.csv: empty file, no header row"])
    }

    func testAnEpisodesFileWithOnlyItsHeaderRow() throws {
        try writeReturn("r", episodes: [])
        try assertRefused(["r"], ["r/episodes.csv: no episode rows (the episodes files hold only their column names)"])
    }

    func testAMissingColumnNamesTheFileAndTheColumn() throws {
        try writeReturn("r", files: ["episodes.csv": Data((Self.episodesHeader.replacingOccurrences(of: "DECOM,", with: "")
            + "\n1,S,C2,N1,U4,PR1,,,,,,\n").utf8)])
        try assertRefused(["r"], ["r/episodes.csv: missing required column DECOM (episodes file)"])
    }

    func testBinaryGarbage() throws {
        var bytes = [UInt8](repeating: 0, count: 4096)
        var x: UInt32 = 12_345
        for i in bytes.indices { x = x &* 1_103_515_245 &+ 12_345; bytes[i] = UInt8(truncatingIfNeeded: x >> 16) }
        bytes[100] = 0
        try writeReturn("r", files: ["episodes.csv": Data(bytes)])
        try assertRefused(["r"], ["r/episodes.csv: not a text file; export the table as CSV"])
    }

    func testSemicolonsOrTabsForCommas() throws {
        for (separator, label) in [(";", "semicolons"), ("\t", "tabs")] {
            let lines = ([Self.episodesHeader] + Self.goodEpisodes).map { $0.replacingOccurrences(of: ",", with: separator) }
            try writeReturn("r-\(label)", files: ["episodes.csv": Data(lines.joined(separator: "\n").utf8)])
            try assertRefused(["r-\(label)"], ["r-\(label)/episodes.csv: the columns are separated by \(label), not commas"])
        }
    }

    func testAFolderGivenForAFile() throws {
        try writeReturn("r")
        try fm.createDirectory(at: work.appendingPathComponent("r/2020-episodes.csv"), withIntermediateDirectories: false)
        try assertRefused(["r"], ["r/2020-episodes.csv: a folder, not a CSV file"])
        // --out naming a folder: refused even with --force, the folder untouched.
        try writeReturn("s")
        try fm.createDirectory(at: work.appendingPathComponent("out/c.yaml"), withIntermediateDirectories: true)
        try assertRefused(["s"], extra: ["--force"], ["out/c.yaml: is a folder; calibrate writes a file there"])
        XCTAssertEqual(try fm.contentsOfDirectory(atPath: work.appendingPathComponent("out/c.yaml").path), [])
    }

    func testNoHeaderFileAndAMissingPath() throws {
        try writeReturn("r", header: nil)
        try assertRefused(["r"], ["r: no header file found"])
        try assertRefused(["nowhere"], ["nowhere: no such file or folder"])
    }

    func testAFileThatIsNotAReturn() throws {
        try writeReturn("r")
        try Data("name,age\nann,4\n".utf8).write(to: work.appendingPathComponent("notes.csv"))
        try assertRefused(["r", "notes.csv"], ["notes.csv: not recognised as an SSDA903 episodes, header or UASC file"])
    }

    func testABadCollectionEndIsAUsageError() throws {
        try writeReturn("r")
        let result = try sufficiency(["calibrate", "r", "--collection-end", "31/03/2022", "--out", "out/c.yaml"])
        XCTAssertEqual(result.status, 2)
        XCTAssertTrue(result.stderr.contains("--collection-end must be a date as yyyy-mm-dd (got 31/03/2022)"), result.stderr)
        XCTAssertFalse(fm.fileExists(atPath: work.appendingPathComponent("out").path))
    }

    // MARK: - Every row rejected: the report alone, exit 2 pointing to it

    func testNonDateTextInDECOMOnEveryRow() throws {
        try writeReturn("r", episodes: ["1000,next tuesday,S,C2,N1,U4,PR1,,,,,,"], header: ["1000,1,01/01/2012,,,,"])
        try assertRefused(["r"], ["r/episodes.csv: every episode row was rejected (1 of 1; the first, r/episodes.csv row 2: "
            + "unparseable DECOM \"next tuesday\")", "the 1 rejected row is listed in ", "out/calibration-report.md"],
            leaves: ["out", "out/calibration-report.md"])
        assertReportLists(try read("out/calibration-report.md"), "r/episodes.csv", row: 2, "unparseable DECOM \"next tuesday\"")
    }

    func testAHeaderFileNamingOtherChildrenThanTheEpisodes() throws {
        try writeReturn("r", header: Self.goodHeader.map { "9" + $0 })  // every child renamed: none has a header row
        let message = try assertRefused(["r"], ["r/episodes.csv: every episode row was rejected (80 of 80; the first, "
            + "r/episodes.csv row 2: episode without a header row (CHILD 1000 is in no header file))"],
            leaves: ["out", "out/calibration-report.md"])
        XCTAssertTrue(message.contains("the 80 rejected rows are listed in "), message)
        let report = try read("out/calibration-report.md")
        XCTAssertTrue(report.contains("No scenario was written: r/episodes.csv: every episode row was rejected"), report)
        assertReportLists(report, "r/episodes.csv", row: 81, "episode without a header row (CHILD 1079 is in no header file)")
        // Header rows for children absent from the episodes are no problem by themselves (children who left).
        try writeReturn("s", header: Self.goodHeader + Self.goodHeader.map { "9" + $0 })
        XCTAssertTrue(try assertCalibrates(["s"], out: "s-out/c.yaml").contains("| Rows rejected | 0 |"))
    }

    func testNoUsableDateOfBirth() throws {
        try writeReturn("r", header: Self.goodHeader.map { $0.replacingOccurrences(of: "/20", with: "/") })  // dd/mm/yy
        let message = try assertRefused(["r"], ["r/episodes.csv: none of the 80 children with episodes has a usable DOB",
                                                "the 80 rejected rows are listed in "],
                                        leaves: ["out", "out/calibration-report.md"])
        XCTAssertFalse(message.contains("no children are in care"), message)
        assertReportLists(try read("out/calibration-report.md"), "r/header.csv", row: 2, "unparseable DOB \"")
    }

    func testADOBOf1850() throws {
        // Alone: every row rejected. Among good rows: that row rejected, the rest calibrate.
        try writeReturn("r", episodes: ["7,01/04/2019,S,C2,N1,U4,PR1,,,,,,"], header: ["7,1,01/01/1850,,,,"])
        try assertRefused(["r"], ["r/episodes.csv row 2: DECOM 2019-04-01 is at age 169, on or after the child's 18th "
            + "birthday 1868-01-01 (DOB 1850-01-01, r/header.csv row 2)"], leaves: ["out", "out/calibration-report.md"])
        try writeReturn("s", episodes: Self.goodEpisodes + ["7,01/04/2019,S,C2,N1,U4,PR1,,,,,,"],
                        header: Self.goodHeader + ["7,1,01/01/1850,,,,"])
        assertReportLists(try assertCalibrates(["s"], out: "s-out/c.yaml"), "s/episodes.csv", row: 82,
                          "DECOM 2019-04-01 is at age 169, on or after the child's 18th birthday 1868-01-01 (DOB 1850-01-01, "
                            + "s/header.csv row 82)")
    }

    // MARK: - Rows rejected among good ones: listed in the report, the rest calibrate

    func testADateOfBirthAfterDECOMAndAChildAged25() throws {
        try writeReturn("r", episodes: Self.goodEpisodes + ["8,01/05/2019,S,C2,N1,U4,PR1,,,,,,",
                                                            "9,01/05/2019,S,C2,N1,U4,PR1,01/07/2019,E4A,,,,"],
                        header: Self.goodHeader + ["8,1,01/01/2020,,,,", "9,2,01/03/1994,,,,"])
        let report = try assertCalibrates(["r"])
        assertReportLists(report, "r/episodes.csv", row: 82,
                          "DECOM 2019-05-01 is before the child's DOB 2020-01-01 (r/header.csv row 82)")
        assertReportLists(report, "r/episodes.csv", row: 83, "DECOM 2019-05-01 is at age 25, on or after the child's 18th "
            + "birthday 2012-03-01 (DOB 1994-03-01, r/header.csv row 83)")
        // The child aged 25 invents no exit at 18.
        XCTAssertTrue(report.contains("Exits at 18: 0 "), report)
    }

    /// The clean return's scenario, for comparison.
    func cleanScenario() throws -> String {
        try writeReturn("clean")
        try assertCalibrates(["clean"], out: "clean-out/c.yaml")
        return try read("clean-out/c.yaml")
    }

    func testA2099DECIsRejectedAndTheScenarioIsTheCleanOnes() throws {
        let clean = try cleanScenario()
        try writeReturn("r", episodes: Self.goodEpisodes + ["5,01/02/2021,S,C2,N1,U4,PR1,01/01/2099,E4A,,,,"],
                        header: Self.goodHeader + ["5,1,01/01/2012,,,,"])
        let report = try assertCalibrates(["r"])
        XCTAssertTrue(report.contains("| r/episodes.csv | 82 | DEC 2099-01-01 is after today ("), report)
        XCTAssertEqual(try read("out/c.yaml"), clean, "the window, snapshot and every estimate as without the row")
    }

    func testDatesAfterTheCollectionYearsEnd() throws {
        // Inferred: a DEC typed 2023 in a return to March 2022 is one date in a year of its own. The good return is
        // taken three times over (240 children, a hundred or more dates a year), as one date can only be told from
        // a year of the return where a year holds 50 or more.
        let copies = (1...2).flatMap { k in Self.goodEpisodes.map { "\(k)" + $0 } }
        let copiedHeader = (1...2).flatMap { k in Self.goodHeader.map { "\(k)" + $0 } }
        try writeReturn("r", episodes: Self.goodEpisodes + copies + ["5,01/02/2022,S,C2,N1,U4,PR1,15/01/2023,E4A,,,,"],
                        header: Self.goodHeader + copiedHeader + ["5,1,01/01/2012,,,,"])
        let report = try assertCalibrates(["r"])
        XCTAssertTrue(report.contains("Collection year end: 2022-03-31, inferred from the episode dates"), report)
        assertReportLists(report, "r/episodes.csv", row: 242, "DEC 2023-01-15 is after the collection year's end 2022-03-31")
        // Given: rows after it rejected field by field (child 1070's DECOM is 12 × 70 days after 1 April 2019).
        let given = try assertCalibrates(["r"], out: "given/c.yaml", extra: ["--collection-end", "2021-03-31"])
        XCTAssertTrue(given.contains("Collection year end: 2021-03-31, as given"), given)
        assertReportLists(given, "r/episodes.csv", row: 72, "DECOM 2021-07-19 is after the collection year's end 2021-03-31")
    }

    func testDuplicateRowsAreDroppedAndCounted() throws {
        try writeReturn("r", episodes: Self.goodEpisodes + Self.goodEpisodes.prefix(3))
        let report = try assertCalibrates(["r"])
        XCTAssertTrue(report.contains("| Exact duplicate episode rows dropped | 3 |"), report)
        XCTAssertTrue(report.contains("| Rows rejected | 0 |"), report)
    }

    func testUnknownCodesAndAShortRow() throws {
        try writeReturn("r", episodes: Self.goodEpisodes + ["6,01/04/2019,S,C2,N1,Q9,PR1,,,,,,", "6,01/05/2019,X,C2,N1,U4,PR1,,,,,,",
                                                            "6,01/06/2019,P,C2,N1,U4,PR1,02/06/2019,E99,,,,", "6,01/07/2019,P"],
                        header: Self.goodHeader + ["6,1,01/01/2012,,,,"])
        let report = try assertCalibrates(["r"])
        assertReportLists(report, "r/episodes.csv", row: 82, "unknown PLACE code \"Q9\"")
        assertReportLists(report, "r/episodes.csv", row: 83, "unknown RNE code \"X\"")
        assertReportLists(report, "r/episodes.csv", row: 84, "unknown REC code \"E99\"")
        assertReportLists(report, "r/episodes.csv", row: 85, "wrong number of fields: expected 13, found 3")
    }

    func testAnUnclosedQuoteIsNamedAtItsRow() throws {
        try writeReturn("r", episodes: Self.goodEpisodes + ["6,\"01/04/2019,S,C2,N1,U4,PR1,,,,,,", "6,01/05/2019,S,C2,N1,U4,PR1,,,,,,"],
                        header: Self.goodHeader + ["6,1,01/01/2012,,,,"])
        assertReportLists(try assertCalibrates(["r"]), "r/episodes.csv", row: 82, "wrong number of fields: expected 13, "
            + "found 2 (a quoted field runs across lines: a quote left open takes in the rows after it)")
    }

    func testWindowsLineEndingsAByteOrderMarkAndUTF16AreAccepted() throws {
        let clean = try cleanScenario()
        try writeReturn("crlf", lineEnding: "\r\n")
        try writeReturn("bom", bom: true)
        let utf16 = ([Self.episodesHeader] + Self.goodEpisodes).joined(separator: "\r\n") + "\r\n"
        try writeReturn("utf16", files: ["episodes.csv": Data([0xFF, 0xFE]) + utf16.data(using: .utf16LittleEndian)!])
        for name in ["crlf", "bom", "utf16"] {
            XCTAssertTrue(try assertCalibrates([name], out: "\(name)-out/c.yaml").contains("| Rows rejected | 0 |"), name)
            XCTAssertEqual(try read("\(name)-out/c.yaml"), clean, name)
        }
    }

    // MARK: - Beyond what a scenario holds

    func testA110000ChildReturnIsRefusedNamingTheCountAndTheLimit() throws {
        var episodes = [Self.episodesHeader], header = [Self.headerHeader]
        episodes.reserveCapacity(110_001)
        header.reserveCapacity(110_001)
        for i in 0..<110_000 {
            episodes.append("\(i),\(Self.day(i % 700)),S,C2,N1,U4,PR1,,,,,,")
            header.append("\(i),1,01/01/2015,,,,")
        }
        try writeReturn("big", episodes: nil, header: nil, files: [
            "episodes.csv": Data((episodes.joined(separator: "\n") + "\n").utf8),
            "header.csv": Data((header.joined(separator: "\n") + "\n").utf8),
        ])
        let message = try assertRefused(["big"], ["big/episodes.csv: 110,000 children are in care on the snapshot date "
            + "2021-02-28, more than the 100,000 a scenario can hold"])
        XCTAssertFalse(message.contains("bug"), message)
    }

    // MARK: - Outputs: nothing overwritten without --force, nothing half-written

    func testExistingOutputsAreNotOverwrittenWithoutForce() throws {
        try writeReturn("r")
        try assertCalibrates(["r"])
        let yaml = try read("out/c.yaml"), report = try read("out/calibration-report.md")
        // Both exist.
        try assertRefused(["r"], ["out/c.yaml: exists, as does ", "out/calibration-report.md; use --force to overwrite them"])
        // Only the report (another scenario beside it).
        try assertRefused(["r"], out: "out/d.yaml", ["out/calibration-report.md: exists; use --force to overwrite it"])
        // Only the scenario.
        try fm.removeItem(at: work.appendingPathComponent("out/calibration-report.md"))
        try assertRefused(["r"], ["out/c.yaml: exists; use --force to overwrite it"])
        XCTAssertEqual(try read("out/c.yaml"), yaml, "untouched")
        // --force writes both, and no temporary file is left.
        try Data("old".utf8).write(to: work.appendingPathComponent("out/c.yaml"))
        XCTAssertEqual(try assertCalibrates(["r"], extra: ["--force"]), report)
        XCTAssertEqual(try read("out/c.yaml"), yaml)
        XCTAssertEqual(Set(try fm.contentsOfDirectory(atPath: work.appendingPathComponent("out").path)),
                       ["c.yaml", "calibration-report.md"])
    }

    func testAnOutNameThatIsNotAPlainYAMLWordStillGivesAScenarioThatLoads() throws {
        try writeReturn("r")
        try assertCalibrates(["r"], out: "x/a: b #2.yaml")
        let validate = try sufficiency(["validate", "x/a: b #2.yaml"])
        XCTAssertEqual(validate.status, 0, validate.stderr)
        XCTAssertTrue(try read("x/a: b #2.yaml").contains("\nname: \"a: b #2\"\n"))
    }

    func testBacktestOfAReturnWhoseEveryRowIsRejectedNamesTheFileAndWritesNothing() throws {
        try writeReturn("r", episodes: ["1000,next tuesday,S,C2,N1,U4,PR1,,,,,,"], header: ["1000,1,01/01/2012,,,,"])
        let before = try tree()
        let result = try sufficiency(["backtest", "r", "--out", "bt", "--replications", "5"])
        XCTAssertEqual(result.status, 2, result.stderr)
        XCTAssertEqual(result.stderr, "error: r/episodes.csv: every episode row was rejected (1 of 1; the first, "
            + "r/episodes.csv row 2: unparseable DECOM \"next tuesday\")\n")
        XCTAssertEqual(try tree(), before)
    }
}
