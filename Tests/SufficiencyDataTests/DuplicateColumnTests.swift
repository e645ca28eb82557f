import Foundation
import SufficiencyData
import XCTest

/// A header row that names a column twice: which of the two a reader took was an accident of the code (the
/// first), so a file like that is refused, one line per name, naming the file, its first row and the columns.
final class DuplicateColumnTests: SSDA903TestCase {
    let goodHeader = SSDA903TestCase.headerHeader + "\n1,1,15/06/2010,,,,\n"

    func testAnEpisodesFileWithDECOMTwiceIsRefused() throws {
        // DECOM first holds a date the row's own DECOM contradicts.
        let episodes = ["DECOM," + Self.episodesHeader, "01/01/2000," + ep("1", "01/04/2019", "S", "U4")].joined(separator: "\n")
        let folder = try folder(["episodes.csv": episodes + "\n", "header.csv": goodHeader])
        XCTAssertEqual(errorLines([folder]), ["\(folder)/episodes.csv:1: duplicate column DECOM (columns 1 and 3)"])
    }

    func testNamesAreComparedAsTheReaderReadsThemAndEachNameIsOneLine() throws {
        // SSDA903 names are read without case or surrounding spaces: " child " and "Dob" are CHILD and DOB.
        let header = SSDA903TestCase.headerHeader + ", child ,Dob,DOB,NOTES,NOTES\n1,1,15/06/2010,,,,,1,15/06/2010,,x,y\n"
        let folder = try folder(["episodes.csv": Self.episodesHeader + "\n" + ep("1", "01/04/2019", "S", "U4") + "\n",
                                 "header.csv": header])
        XCTAssertEqual(errorLines([folder]), [
            "\(folder)/header.csv:1: duplicate column CHILD (columns 1 and 8)",
            "\(folder)/header.csv:1: duplicate column DOB (columns 3, 9 and 10)",
            "\(folder)/header.csv:1: duplicate column NOTES (columns 11 and 12)",
        ])
    }

    /// Blank names (from commas at the end of the header row, as spreadsheets export them) are not columns.
    func testBlankColumnNamesMayRepeat() throws {
        let folder = try folder(["episodes.csv": Self.episodesHeader + ",,\n" + ep("1", "01/04/2019", "S", "U4") + ",,\n",
                                 "header.csv": goodHeader])
        let data = try SSDA903Reader.load(paths: [folder], la: nil)
        XCTAssertEqual(data.children.count, 1)
    }

    func testAnOfstedFileWithAColumnTwiceIsRefused() throws {
        let path2018 = OfstedFosteringTests.folder + "/la-fostering-2018-19.csv"
        guard FileManager.default.fileExists(atPath: path2018) else { throw XCTSkip("\(path2018) is not available") }
        // The file's lines end in CRLF; the column goes before the line break.
        let source = try String(contentsOfFile: path2018, encoding: .utf8).replacingOccurrences(of: "\r\n", with: "\n")
        let lines = source.split(separator: "\n", omittingEmptySubsequences: false)
        let header = lines[0].split(separator: ",", omittingEmptySubsequences: false)
        let first = try XCTUnwrap(header.firstIndex(of: "households_total")) + 1
        // The second copy in capitals: Ofsted names are read without case.
        let edited = lines.enumerated().map { k, line in line.isEmpty ? "" : line + (k == 0 ? ",Households_Total" : ",9999") }
        let folder = try folder(["dup.csv": edited.joined(separator: "\n")])
        let path = folder + "/dup.csv"
        do {
            _ = try OfstedFosteringReader.load(path: path)
            XCTFail("expected an OfstedFosteringError")
        } catch let error as OfstedFosteringError {
            XCTAssertEqual(error.lines, ["\(path):row 1: duplicate column households_total (columns \(first) and \(header.count + 1))"])
        }
    }
}
