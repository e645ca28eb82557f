import Foundation
@testable import SufficiencyCalibration
import SufficiencyData
import SufficiencyModel
import XCTest

/// Calibration on returns with rejected rows (issue 11): the window comes from accepted rows only, and every
/// refusal names the episodes files (and, when every row was rejected, the first rejected row).
final class RejectedDataCalibrationTests: XCTestCase {
    var folders: [URL] = []

    override func tearDown() {
        for f in folders { try? FileManager.default.removeItem(at: f) }
        super.tearDown()
    }

    func newFolder() throws -> URL {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("rejected-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        folders.append(dir)
        return dir
    }

    /// ParameterRecoveryTests' return (six years to March 2020) with `episodes` and `header` rows appended.
    func recoveryReturn(episodes: [String] = [], header: [String] = []) throws -> SSDA903Data {
        let dir = try newFolder()
        _ = try ParameterRecoveryTests.generate(into: dir)
        for (name, rows) in [("episodes.csv", episodes), ("header.csv", header)] where !rows.isEmpty {
            let url = dir.appendingPathComponent(name)
            let text = try String(contentsOf: url, encoding: .utf8) + rows.joined(separator: "\n") + "\n"
            try Data(text.utf8).write(to: url)
        }
        return try SSDA903Reader.load(paths: [dir.path], la: nil)
    }

    func testOne2099DECMovesNeitherTheWindowNorTheScenario() throws {
        let clean = try recoveryReturn()
        let typo = try recoveryReturn(episodes: ["999999,01/01/2019,S,C2,N1,U4,PR1,01/01/2099,E4A,,,,"],
                                      header: ["999999,1,01/01/2008,WBRI,,,"])
        XCTAssertEqual(typo.quality.rejected.count, 1)
        XCTAssertTrue(typo.quality.rejected[0].reason.hasPrefix("DEC 2099-01-01 is after today"), typo.quality.rejected[0].reason)
        XCTAssertEqual(typo.lastDate, clean.lastDate)
        var a = try Calibration(data: clean, options: Calibration.Options())
        var b = try Calibration(data: typo, options: Calibration.Options())
        XCTAssertEqual(b.estimates.windowStart, a.estimates.windowStart)
        XCTAssertEqual(b.estimates.windowEnd, a.estimates.windowEnd)
        XCTAssertEqual(b.estimates.snapshot, a.estimates.snapshot)
        XCTAssertLessThan(b.estimates.snapshot, CivilDate(year: 2021, month: 1, day: 1))
        // The rejected row's child is in no estimate: the scenarios are the same text (the files are named alike).
        let files = { (yaml: String) in yaml.replacingOccurrences(of: #"rejected-[0-9A-F-]+"#, with: "", options: .regularExpression) }
        XCTAssertEqual(files(b.scenarioYAML()), files(a.scenarioYAML()))
        XCTAssertTrue(b.reportMarkdown().contains("| DEC 2099-01-01 is after today ("), "the report lists the row")
    }

    func load(_ episodes: [String], header: [String]) throws -> (SSDA903Data, String) {
        let dir = try newFolder()
        let e = "CHILD,DECOM,RNE,LS,CIN,PLACE,PLACE_PROVIDER,DEC,REC,REASON_PLACE_CHANGE,HOME_POST,PL_POST,URN\n"
        try Data((e + episodes.map { $0 + "\n" }.joined()).utf8).write(to: dir.appendingPathComponent("episodes.csv"))
        try Data(("CHILD,SEX,DOB\n" + header.map { $0 + "\n" }.joined()).utf8).write(to: dir.appendingPathComponent("header.csv"))
        return (try SSDA903Reader.load(paths: [dir.path], la: nil), dir.path)
    }

    func refusal(_ data: SSDA903Data, _ options: Calibration.Options = Calibration.Options(),
                 file: StaticString = #filePath, line: UInt = #line) -> String {
        do {
            _ = try Calibration(data: data, options: options)
            XCTFail("calibration did not refuse", file: file, line: line)
        } catch {
            return "\(error)"
        }
        return ""
    }

    func testEveryRowRejectedNamesTheFileAndTheFirstRejectedRow() throws {
        let (data, dir) = try load(["1,01/04/2019,S,C2,N1,U4,PR1,,,,,,", "2,01/04/2019,S,C2,N1,U4,PR1,,,,,,"],
                                   header: ["1,1,01/01/1990", "2,1,01/01/1991"])
        XCTAssertEqual(refusal(data), "\(dir)/episodes.csv: every episode row was rejected (2 of 2; the first, "
            + "\(dir)/episodes.csv row 2: DECOM 2019-04-01 is at age 29, on or after the child's 18th birthday 2008-01-01 "
            + "(DOB 1990-01-01, \(dir)/header.csv row 2))")
        let report = Calibration.qualityReport(data: data, name: "x", failure: refusal(data))
        XCTAssertTrue(report.contains("No scenario was written: \(dir)/episodes.csv: every episode row was rejected"), report)
        XCTAssertTrue(report.contains("| \(dir)/episodes.csv | 3 | DECOM 2019-04-01 is at age 28, "), report)
    }

    func testAnEpisodesFileWithOnlyItsColumnNamesIsNamed() throws {
        let (data, dir) = try load([], header: ["1,1,01/01/2010"])
        XCTAssertEqual(refusal(data), "\(dir)/episodes.csv: no episode rows (the episodes files hold only their column names)")
    }

    func testNoUsableDateOfBirthIsSaidRatherThanNoChildInCare() throws {
        let (data, dir) = try load(["1,01/04/2019,S,C2,N1,U4,PR1,,,,,,", "2,01/06/2019,S,C2,N1,U4,PR1,,,,,,"],
                                   header: ["1,1,unknown", "2,1,31/02/2012"])
        XCTAssertEqual(data.children.count, 2, "a header row with a bad DOB still counts as a header")
        XCTAssertEqual(refusal(data), "\(dir)/episodes.csv: none of the 2 children with episodes has a usable DOB in "
            + "the header files, so none can be given an age")
    }

    func testAnEmptyWindowAndNoChildInCareNameTheFilesAndTheDataRange() throws {
        let (data, dir) = try load(["1,01/04/2019,S,C2,N1,U4,PR1,01/06/2019,E4A,,,,"], header: ["1,1,01/01/2010"])
        var options = Calibration.Options()
        options.windowStart = CivilDate(year: 2019, month: 7, day: 1)
        options.windowEnd = CivilDate(year: 2019, month: 5, day: 1)
        XCTAssertEqual(refusal(data, options), "\(dir)/episodes.csv: the reference window 2019-07-01 to 2019-05-01 is "
            + "empty (the episodes run from 2019-04-01 to 2019-06-01)")
        XCTAssertEqual(refusal(data), "\(dir)/episodes.csv: no children are in care on the snapshot date 2019-06-01 "
            + "(the episodes run from 2019-04-01 to 2019-06-01)")
    }

    /// A window or snapshot after the data's end counts days on which nothing was recorded, as if no child entered or
    /// left: `calibrate d2i-sample --reference-end 2025-01-01` ran without a word and gave 1.0 entries a year at
    /// 10-15 instead of 14.7 (a fuzz audit). Up to the collection year's end is the data's own period.
    func testAWindowEndOrSnapshotAfterTheDataEndIsRefused() throws {
        let data = try recoveryReturn()
        let dataEnd = try XCTUnwrap(data.quality.collectionEnd).date
        let files = data.episodeFilesDescription
        let (first, last) = (data.firstDate!, data.lastDate!)
        var options = Calibration.Options()
        options.windowEnd = dataEnd
        options.snapshot = dataEnd
        XCTAssertNoThrow(try Calibration(data: data, options: options), "the collection year's end is the data's own")
        let after = CivilDate(dayNumber: dataEnd.dayNumber + 1)
        for flag in ["--reference-end", "--snapshot-date"] {
            var late = Calibration.Options()
            if flag == "--reference-end" { late.windowEnd = after } else { late.snapshot = after }
            XCTAssertEqual(refusal(data, late), "\(files): \(flag) \(after) is after the data's end, \(dataEnd) (the "
                + "episodes run from \(first) to \(last)); give a date up to \(dataEnd)")
        }
    }
}
