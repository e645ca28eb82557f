import SufficiencyModel
import XCTest

/// The one table formatter every command prints through: widths from the content, alignment, gaps, minimum widths.
final class TextTableTests: XCTestCase {
    func testColumnsAreAsWideAsTheirWidestCellAndAlignedAsAsked() {
        let table = TextTable([.left(), .right()], rows: [["year", "cost £m"], ["2017-18", "1.5"], ["2018-19", "12.25"]])
        XCTAssertEqual(table.widths, [7, 7])
        XCTAssertEqual(table.lines(), [
            "year     cost £m",
            "2017-18      1.5",
            "2018-19    12.25",
        ])
    }

    func testAMinimumWidthHoldsUntilACellIsWiderAndTheGapSeparatesColumns() {
        var table = TextTable([.left(minimumWidth: 6), .right(minimumWidth: 4, gap: 1)])
        table.append(["a", "1"])
        XCTAssertEqual(table.render(), "a         1")
        table.append(["b", "123456"])
        XCTAssertEqual(table.render(), "a           1\nb      123456", "a wider cell widens its column in every row")
    }

    func testLinesHaveNoTrailingSpacesSoALeftLastColumnIsNotPadded() {
        let table = TextTable([.left(), .left()], rows: [["short", "one"], ["a longer name", ""], ["x", "two words"]])
        XCTAssertEqual(table.lines(), ["short          one", "a longer name", "x              two words"])
    }

    func testWidthsCountCharactersNotBytes() {
        let table = TextTable([.right(), .right()], rows: [["£1–2", "x"], ["12345", "y"]])
        XCTAssertEqual(table.lines(), [" £1–2  x", "12345  y"])
    }

    func testAnEmptyTableRendersNothing() {
        XCTAssertEqual(TextTable([.left()]).render(), "")
    }
}
