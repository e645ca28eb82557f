import Foundation
import SufficiencyData
import SufficiencyModel
import XCTest

/// Files that are not comma-separated SSDA903 tables at all: each is one line naming the file and what is wrong,
/// instead of a line per missing column or a pile of rejected rows.
final class FileProblemTests: SSDA903TestCase {
    let goodHeader = SSDA903TestCase.headerHeader + "\n1,1,01/01/2010,,,,\n"

    /// A folder holding `episodes` as `episodes.csv` (bytes) and a good header file.
    func folder(episodes: Data) throws -> String {
        let folder = try folder(["header.csv": goodHeader])
        try episodes.write(to: URL(fileURLWithPath: folder + "/episodes.csv"))
        return folder
    }

    func testBinaryDataIsNotATextFile() throws {
        let folder = try folder(episodes: Data([0x00, 0x01, 0x02, 0xFF, 0x10, 0x00, 0x7F] + Array(repeating: 0xAB, count: 100)))
        XCTAssertEqual(errorLines([folder]), ["\(folder)/episodes.csv: not a text file; export the table as CSV"])
        let xlsx = try self.folder(episodes: Data([0x50, 0x4B, 0x03, 0x04, 0x14, 0x00, 0x06, 0x00]))
        XCTAssertEqual(errorLines([xlsx]), [
            "\(xlsx)/episodes.csv: not a text file (a zip archive, such as an .xlsx workbook); export the table as CSV",
        ])
    }

    func testSemicolonsAndTabsAreNamedAsTheWrongSeparator() throws {
        for (separator, label) in [(";", "semicolons"), ("\t", "tabs")] {
            let text = [Self.episodesHeader, ep("1", "01/04/2019", "S", "U4")]
                .map { $0.replacingOccurrences(of: ",", with: separator) }.joined(separator: "\n")
            let folder = try folder(episodes: Data(text.utf8))
            XCTAssertEqual(errorLines([folder]), [
                "\(folder)/episodes.csv: the columns are separated by \(label), not commas; save the file as comma-separated CSV",
            ])
        }
    }

    func testABlankFirstRowAndAFileWithNoneOfTheColumnsAreOneLineEach() throws {
        let blank = try folder(episodes: Data(("\n" + Self.episodesHeader + "\n").utf8))
        XCTAssertEqual(errorLines([blank]), [
            "\(blank)/episodes.csv: the first row is blank; it must hold the column names (CHILD, ...)",
        ])
        // Data rows with no header row: the first row holds values, not column names.
        let headless = try folder(episodes: Data((ep("1", "01/04/2019", "S", "U4") + "\n").utf8))
        XCTAssertEqual(errorLines([headless]), [
            "\(headless)/episodes.csv: none of the episodes file's columns (CHILD, DECOM, RNE, LS, PLACE, "
                + "PLACE_PROVIDER, DEC, REC, REASON_PLACE_CHANGE) in its first row, which starts \"1\", \"01/04/2019\", \"S\"",
        ])
    }

    func testAUTF16FileFromExcelIsRead() throws {
        let text = [Self.episodesHeader, ep("1", "01/04/2019", "S", "U4")].joined(separator: "\r\n") + "\r\n"
        var bytes = Data([0xFF, 0xFE])
        bytes.append(text.data(using: .utf16LittleEndian)!)
        let folder = try folder(episodes: bytes)
        let data = try SSDA903Reader.load(paths: [folder], la: nil)
        XCTAssertEqual(data.quality.rejected, [])
        XCTAssertEqual(data.children.first?.episodes.first?.start, date("2019-04-01"))
    }

    func testAFolderNamedLikeAFileIsNamedNotReadInto() throws {
        let folder = try folder(["header.csv": goodHeader,
                                 "episodes.csv": [Self.episodesHeader, ep("1", "01/04/2019", "S", "U4")].joined(separator: "\n")])
        try FileManager.default.createDirectory(atPath: folder + "/2019-episodes.csv", withIntermediateDirectories: false)
        XCTAssertEqual(errorLines([folder]), ["\(folder)/2019-episodes.csv: a folder, not a CSV file"])
    }

    func testHeaderOnlyEpisodesLoadWithNoRowsRead() throws {
        let folder = try folder(["header.csv": goodHeader, "episodes.csv": Self.episodesHeader + "\n"])
        let data = try SSDA903Reader.load(paths: [folder], la: nil)
        XCTAssertEqual(data.quality.episodeRowsRead, 0)
        XCTAssertEqual(data.quality.rowsRead, 1)
        XCTAssertTrue(data.children.isEmpty)
        XCTAssertNil(data.quality.collectionEnd)
        XCTAssertEqual(data.episodeFiles, [folder + "/episodes.csv"])
    }
}
