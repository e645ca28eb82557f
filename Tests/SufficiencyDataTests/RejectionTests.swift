import SufficiencyData
import SufficiencyModel
import XCTest

/// Every rejection reason on one malformed return, and the errors that stop a load.
final class RejectionTests: SSDA903TestCase {
    func testEveryRejectionReasonIsReportedWithItsFileAndRow() throws {
        let episodes = [
            Self.episodesHeader,
            ep("1", "01/04/2019", "S", "U4", dec: "01/05/2019"),  // row 2: fine
            ep("1", "31/02/2019", "P", "U4"),  // 3
            ep("1", "01/06/2019", "P", "U4", dec: "2019-13-01"),  // 4
            ep("1", "01/07/2019", "P", "U4", dec: "30/06/2019"),  // 5
            ep("1", "01/08/2019", "P", "Q9"),  // 6
            ep("1", "01/09/2019", "X", "U4"),  // 7
            ep("1", "01/10/2019", "P", "U4", dec: "02/10/2019", rec: "E99"),  // 8
            ep("", "01/11/2019", "P", "U4"),  // 9
            "1,01/12/2019,P,C2,N1,U4,PR1",  // 10
            ep("2", "01/04/2019", "S", "U4"),  // 11: no header row
            "",  // 12: a blank line is not a row
            ep("1", "", "Z", "", dec: "junk", rec: "??"),  // 13: several problems at once
        ].joined(separator: "\n") + "\n"
        let folder = try folder([
            "episodes.csv": episodes,
            "header.csv": Self.headerHeader + "\n1,1,15/06/2010,,,,\n3,1,not a date,,,,\n,2,01/01/2010,,,,\n",
            "uasc.csv": "CHILD,SEX,DOB,DUC\n,1,01/01/2005,01/01/2023\n1,1\n",
        ])
        let data = try SSDA903Reader.load(paths: [folder], la: nil)
        let e = folder + "/episodes.csv", h = folder + "/header.csv", u = folder + "/uasc.csv"
        let expected = [
            Rejection(source: SourceRow(file: e, row: 3), reason: "unparseable DECOM \"31/02/2019\""),
            Rejection(source: SourceRow(file: e, row: 4), reason: "unparseable DEC \"2019-13-01\""),
            Rejection(source: SourceRow(file: e, row: 5), reason: "DEC 2019-06-30 before DECOM 2019-07-01"),
            Rejection(source: SourceRow(file: e, row: 6), reason: "unknown PLACE code \"Q9\""),
            Rejection(source: SourceRow(file: e, row: 7), reason: "unknown RNE code \"X\""),
            Rejection(source: SourceRow(file: e, row: 8), reason: "unknown REC code \"E99\""),
            Rejection(source: SourceRow(file: e, row: 9), reason: "missing CHILD"),
            Rejection(source: SourceRow(file: e, row: 10), reason: "wrong number of fields: expected 13, found 7"),
            Rejection(source: SourceRow(file: e, row: 11),
                      reason: "episode without a header row (CHILD 2 is in no header file)"),
            Rejection(source: SourceRow(file: e, row: 13),
                      reason: "unparseable DECOM \"\"; unparseable DEC \"junk\"; unknown RNE code \"Z\"; "
                          + "unknown PLACE code \"\"; unknown REC code \"??\""),
            Rejection(source: SourceRow(file: h, row: 3), reason: "unparseable DOB \"not a date\""),
            Rejection(source: SourceRow(file: h, row: 4), reason: "missing CHILD"),
            Rejection(source: SourceRow(file: u, row: 2), reason: "missing CHILD"),
            Rejection(source: SourceRow(file: u, row: 3), reason: "wrong number of fields: expected 4, found 2"),
        ]
        XCTAssertEqual(data.quality.rejected, expected)
        XCTAssertEqual(data.quality.episodesWithoutHeader, 1)
        XCTAssertEqual(data.quality.rowsRead, 11 + 3 + 2)
        XCTAssertEqual(data.children.map(\.id), ["1"])
        XCTAssertEqual(data.children.first?.episodes.count, 1)
        XCTAssertFalse(data.children.first?.uasc ?? true)  // the malformed UASC row is not used

        let report = data.quality.markdown
        XCTAssertTrue(report.contains("| Rows rejected | 14 |"), report)
        for r in expected {
            XCTAssertTrue(report.contains("| \(r.source.file) | \(r.source.row) | "), "row \(r.source.row) missing")
        }
    }

    func testAHeaderRowWithABadDateOfBirthStillCountsAsAHeader() throws {
        let folder = try folder([
            "episodes.csv": [Self.episodesHeader, ep("3", "01/04/2019", "S", "U4")].joined(separator: "\n"),
            "header.csv": Self.headerHeader + "\n3,1,31/31/2010,,,,\n",
        ])
        let data = try SSDA903Reader.load(paths: [folder], la: nil)
        XCTAssertEqual(data.quality.rejected.map(\.reason), ["unparseable DOB \"31/31/2010\""])
        XCTAssertEqual(data.children.count, 1)
        XCTAssertNil(data.children.first?.birth)
    }

    func testAFileMissingARequiredColumnIsAnErrorNamingFileAndColumn() throws {
        let folder = try folder([
            "episodes.csv": "CHILD,RNE,LS,PLACE,PLACE_PROVIDER,DEC,REC\n1,S,C2,U4,PR1,,X1\n",
            "header.csv": "CHILD,SEX\n1,1\n",
        ])
        let lines = errorLines([folder])
        XCTAssertEqual(lines, [
            "\(folder)/episodes.csv: missing required column DECOM (episodes file)",
            "\(folder)/episodes.csv: missing required column REASON_PLACE_CHANGE (episodes file)",
            "\(folder)/header.csv: missing required column DOB (header file)",
        ])
    }

    func testMissingFilesAreErrorsNamingThem() throws {
        XCTAssertEqual(errorLines(["/nonexistent/ssda903"]), ["/nonexistent/ssda903: no such file or folder"])
        let onlyEpisodes = try folder(["episodes.csv": Self.episodesHeader + "\n"])
        let lines = errorLines([onlyEpisodes])
        XCTAssertEqual(lines.count, 1)
        XCTAssertTrue(lines.first?.hasPrefix("\(onlyEpisodes): no header file found") ?? false, "\(lines)")
        let empty = try folder(["notes.txt": "hello"])
        XCTAssertEqual(errorLines([empty]), [
            "\(empty): no *episodes*.csv, *header*.csv or *uasc*.csv files in the folder",
        ])
        let blank = try folder(["episodes.csv": "", "header.csv": Self.headerHeader + "\n"])
        XCTAssertEqual(errorLines([blank]), ["\(blank)/episodes.csv: empty file, no header row"])
    }

    func testFilesNamedOtherwiseAreRecognisedByTheirColumns() throws {
        let folder = try folder([
            "a.csv": [Self.episodesHeader, ep("1", "01/04/2019", "S", "U4")].joined(separator: "\n"),
            "b.csv": Self.headerHeader + "\n1,1,01/01/2010,,,,\n",
            "c.csv": "CHILD,SEX,DOB,DUC\n1,1,01/01/2010,01/01/2028\n",
        ])
        let data = try SSDA903Reader.load(paths: ["a.csv", "b.csv", "c.csv"].map { folder + "/" + $0 }, la: nil)
        XCTAssertEqual(data.children.count, 1)
        XCTAssertTrue(data.children[0].uasc)
        XCTAssertEqual(data.files, ["a.csv", "b.csv", "c.csv"].map { folder + "/" + $0 })
    }

    func testABytesOrderMarkAndWindowsLineEndingsAreAccepted() throws {
        let folder = try folder([
            "episodes.csv": "\u{FEFF}" + [Self.episodesHeader, ep("1", "01/04/2019", "S", "U4")].joined(separator: "\r\n") + "\r\n",
            "header.csv": "\u{FEFF}child,DOB\r\n1,01/01/2010\r\n",
        ])
        let data = try SSDA903Reader.load(paths: [folder], la: nil)
        XCTAssertEqual(data.quality.rejected, [])
        XCTAssertEqual(data.children.first?.birth, date("2010-01-01"))
    }
}
