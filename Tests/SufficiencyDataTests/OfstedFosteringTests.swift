import Foundation
import SufficiencyData
import XCTest

/// Ofsted's local-authority fostering files in `../shared/data/ofsted-fostering`, with the counts measured when the
/// reader was written (cross-checked with Python's csv module, independently of the reader).
final class OfstedFosteringTests: SSDA903TestCase {
    /// The Ofsted files: `../shared` beside the repository, else the workplace's `/work/shared`.
    static let folder: String = {
        let beside = URL(fileURLWithPath: SSDA903TestCase.samples).deletingLastPathComponent().appendingPathComponent("ofsted-fostering").path
        return FileManager.default.fileExists(atPath: beside) ? beside : "/work/shared/data/ofsted-fostering"
    }()

    func file(_ year: String) throws -> OfstedFostering {
        let path = Self.folder + "/la-fostering-\(year).csv"
        guard FileManager.default.fileExists(atPath: path) else { throw XCTSkip("\(path) is not available") }
        return try OfstedFosteringReader.load(path: path)
    }

    /// The error lines `body` throws, or a failure when it does not throw.
    func ofstedErrors(file: StaticString = #filePath, line: UInt = #line, _ body: () throws -> Void) -> [String] {
        do {
            try body()
            XCTFail("expected an OfstedFosteringError", file: file, line: line)
        } catch let error as OfstedFosteringError {
            return error.lines
        } catch {
            XCTFail("unexpected error \(error)", file: file, line: line)
        }
        return []
    }

    func testBothYearsLoadWith153LocalAuthorityRowsElevenRegionsAndEngland() throws {
        for year in ["2017-18", "2018-19"] {
            let data = try file(year)
            XCTAssertEqual(data.rows.count, 165, year)
            XCTAssertEqual(data.localAuthorities.count, 153, year)
            XCTAssertEqual(data.rows.filter { $0.level == "region" }.count, 11, year)
            XCTAssertEqual(data.england?.area, "England", year)
            XCTAssertTrue(data.rows.allSatisfy { $0.year == year }, year)
            XCTAssertEqual(data.rows.first?.source.row, 2, "the header is row 1")
        }
        // 2017-18 names Bournemouth twice (row 161 is Poole in 2018-19): 152 distinct names against 153.
        XCTAssertEqual(Set(try file("2017-18").localAuthorities.map(\.area)).count, 152)
        XCTAssertEqual(Set(try file("2018-19").localAuthorities.map(\.area)).count, 153)
        XCTAssertEqual(try file("2018-19").england?.householdsTotal, 44450)
    }

    func testPeterboroughIn2018To19HasThePublishedFigures() throws {
        let match = try file("2018-19").council(named: "Peterborough")
        let p = match.row
        XCTAssertNil(match.note)
        XCTAssertEqual(p.area, "Peterborough")
        XCTAssertEqual(p.level, "local_authority")
        XCTAssertEqual(p.year, "2018-19")
        XCTAssertEqual(p.source.row, 89)
        XCTAssertEqual([p.householdsTotal, p.householdsFamilyAndFriends], [115, 15])
        XCTAssertEqual([p.households1Place, p.households2Places, p.households3Places, p.households4PlusPlaces], [35, 40, 30, 5])
        XCTAssertEqual([p.placesApproved, p.placesFilled, p.placesVacant, p.placesNotAvailable], [235, 160, 75, 0])
        XCTAssertEqual([p.enquiries, p.applicationsReceived, p.householdsApprovedInYear, p.familyAndFriendsHouseholdsApprovedInYear],
                       [210, 10, 20, 10])
        XCTAssertEqual([p.deregisteredTransferToLA, p.deregisteredTransferToIFA, p.deregisteredByService, p.deregisteredByCarer,
                        p.deregisteredUnknownReason, p.deregisteredTotal], [0, 0, 10, 25, 0, 30])
        XCTAssertEqual([p.became18InFosterCare, p.became18StayedWithCarer], [25, 25])
        XCTAssertEqual(p[column: "places_approved"], 235)
        XCTAssertNil(p[column: "no_such_column"])
    }

    func testASuppressedCellIsNilNotZero() throws {
        let p = try file("2017-18").council(named: "Peterborough").row
        XCTAssertNil(p.placesNotAvailable)          // suppressed
        XCTAssertNil(p.applicationsReceived)        // not published in 2017-18
        XCTAssertNil(p.householdsApprovedInYear)
        XCTAssertEqual(p.familyAndFriendsHouseholdsApprovedInYear, 15)
        XCTAssertEqual(p.became18InFosterCare, 0)   // a published 0 stays 0
        XCTAssertEqual([p.householdsTotal, p.placesApproved, p.enquiries, p.applicationsApproved], [175, 335, 260, 10])
        let birmingham = try file("2018-19").council(named: "Birmingham").row
        XCTAssertTrue(OfstedFosteringRow.columns.allSatisfy { birmingham[keyPath: $0.keyPath] == nil })
    }

    func testAnUnknownCouncilSuggestsTheClosestNames() throws {
        let data = try file("2018-19")
        let lines = ofstedErrors { _ = try data.council(named: "Peterbrough") }
        XCTAssertEqual(lines.count, 1)
        XCTAssertTrue(lines[0].hasPrefix(data.path + ": no local authority \"Peterbrough\""), "\(lines)")
        XCTAssertTrue(lines[0].contains("did you mean 'Peterborough'"), "\(lines)")
        XCTAssertEqual(data.closest(to: "Peterbrough", among: data.localAuthorities.map(\.area)).first, "Peterborough")
        XCTAssertLessThanOrEqual(data.closest(to: "x", among: data.localAuthorities.map(\.area)).count, 3)
    }

    func testNamesMatchWithoutCasePunctuationOrAdministrativeWordsButNeverARegion() throws {
        let recent = try file("2018-19"), older = try file("2017-18")
        XCTAssertEqual(try recent.council(named: "PETERBOROUGH").row.area, "Peterborough")
        XCTAssertEqual(try recent.council(named: "St Helens").row.area, "St. Helens")
        let durham = try recent.council(named: "County Durham")
        XCTAssertEqual(durham.row.area, "Durham")
        XCTAssertTrue(durham.note?.contains("\"County Durham\" matched \"Durham\"") ?? false, "\(String(describing: durham.note))")
        XCTAssertEqual(try older.council(named: "Durham").row.area, "County Durham")
        XCTAssertEqual(try recent.council(named: "Bedford").row.area, "Bedford Borough")
        XCTAssertEqual(try recent.council(named: "Peterborough City Council").row.area, "Peterborough")
        // "London" is a region: City of London is not what was asked for.
        let london = ofstedErrors { _ = try recent.council(named: "London") }
        XCTAssertTrue(london.first?.contains("is the region row") ?? false, "\(london)")
        let england = ofstedErrors { _ = try recent.council(named: "England") }
        XCTAssertTrue(england.first?.contains("is the national row") ?? false, "\(england)")
    }

    func testTwoRowsOfTheSameNameAreAmbiguousNotGuessed() throws {
        let lines = ofstedErrors { _ = try file("2017-18").council(named: "Bournemouth") }
        XCTAssertEqual(lines.count, 1)
        XCTAssertTrue(lines[0].contains("\"Bournemouth\" matches 2 local authority rows (Bournemouth at row 152, Bournemouth at row 161)"),
                      "\(lines)")
    }

    // MARK: - Malformed files

    static let header = "area,level,year," + OfstedFosteringRow.columns.map(\.name).joined(separator: ",")
    static let peterborough = "Peterborough,local_authority,2018-19,160,115,15,35,40,30,5,235,160,75,0,210,10,10,0,0,0,0,20,10,0,0,10,25,0,30,0,25,25,15,15,25,25"

    func testAFileWithoutNeededColumnsNamesEachOne() throws {
        var columns = Self.header.split(separator: ",").map(String.init)
        var cells = Self.peterborough.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
        for name in ["places_approved", "deregistered_total"] {
            let i = try XCTUnwrap(columns.firstIndex(of: name))
            columns.remove(at: i)
            cells.remove(at: i)
        }
        let path = try folder(["cut.csv": columns.joined(separator: ",") + "\n" + cells.joined(separator: ",") + "\n"]) + "/cut.csv"
        let lines = ofstedErrors { _ = try OfstedFosteringReader.load(path: path) }
        XCTAssertEqual(lines, ["\(path): missing column places_approved (Ofsted local-authority fostering layout)",
                               "\(path): missing column deregistered_total (Ofsted local-authority fostering layout)"])
    }

    func testAnOptionalColumnMayBeAbsent() throws {
        var columns = Self.header.split(separator: ",").map(String.init)
        var cells = Self.peterborough.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
        let i = try XCTUnwrap(columns.firstIndex(of: "children_unplanned_endings"))
        columns.remove(at: i)
        cells.remove(at: i)
        let path = try folder(["ok.csv": columns.joined(separator: ",") + "\n" + cells.joined(separator: ",") + "\n"]) + "/ok.csv"
        let row = try OfstedFosteringReader.load(path: path).council(named: "Peterborough").row
        XCTAssertNil(row.childrenUnplannedEndings)
        XCTAssertEqual(row.householdsTotal, 115)
    }

    func testAMalformedNumberNamesTheFileRowAndColumn() throws {
        let bad = Self.peterborough.replacingOccurrences(of: ",235,160,", with: ",23x,160,")
        let negative = Self.peterborough.replacingOccurrences(of: "Peterborough", with: "Luton")
            .replacingOccurrences(of: ",210,10,", with: ",-5,10,")
        let path = try folder(["bad.csv": [Self.header, Self.peterborough, bad, "", negative].joined(separator: "\n") + "\n"]) + "/bad.csv"
        let lines = ofstedErrors { _ = try OfstedFosteringReader.load(path: path) }
        XCTAssertEqual(lines, [
            "\(path):row 3: places_approved: \"23x\" is not a whole number of 0 or more (suppressed cells must be empty)",
            "\(path):row 5: enquiries: \"-5\" is not a whole number of 0 or more (suppressed cells must be empty)",
        ])
    }

    /// A quoted cell holding a line break was printed with it (two lines for one problem), and a quote left open,
    /// which swallows the rest of the file into one cell, printed all of it (85 lines): a fuzz audit.
    func testACellQuotedInAnErrorIsOneShortLine() throws {
        let broken = Self.peterborough.replacingOccurrences(of: ",235,160,", with: ",\"2\n35\",160,")
        // The last cell opens a quote that never closes: the rest of the file is that cell.
        let open = String(Self.peterborough.replacingOccurrences(of: "Peterborough", with: "Luton").dropLast(2)) + "\"abc"
        let rest = (0..<20).map { _ in Self.peterborough }
        let path = try folder(["q.csv": ([Self.header, Self.peterborough, broken, open] + rest).joined(separator: "\n") + "\n"]) + "/q.csv"
        let lines = ofstedErrors { _ = try OfstedFosteringReader.load(path: path) }
        XCTAssertEqual(lines.first, "\(path):row 3: places_approved: \"2?35\" is not a whole number of 0 or more (suppressed cells must be empty)")
        XCTAssertEqual(lines.count, 2, "\(lines)")
        let last = try XCTUnwrap(lines.last)
        XCTAssertTrue(last.hasPrefix("\(path):row 4: "), last)
        XCTAssertTrue(last.contains("siblings_placed_to_plan: \"abc?Peterborough,local_authority,2018-19…\" ("), last)
        XCTAssertFalse(last.contains("\n"), last)
        XCTAssertLessThan(last.count, 200 + path.count, last)
    }

    func testARowOfTheWrongWidthOrAnUnknownLevelIsAnError() throws {
        let short = "Luton,local_authority,2018-19,5"
        let level = Self.peterborough.replacingOccurrences(of: "local_authority", with: "county")
        let path = try folder(["odd.csv": [Self.header, short, level].joined(separator: "\n") + "\n"]) + "/odd.csv"
        let lines = ofstedErrors { _ = try OfstedFosteringReader.load(path: path) }
        XCTAssertEqual(lines.count, 2, "\(lines)")
        XCTAssertTrue(lines[0].hasPrefix("\(path):row 2: has 4 fields, the header has 36"), "\(lines)")
        XCTAssertEqual(lines[1], "\(path):row 3: level: \"county\" is not england, region or local_authority")
    }

    func testAMissingFileIsAnErrorNamingIt() {
        let lines = ofstedErrors { _ = try OfstedFosteringReader.load(path: "/nonexistent/la-fostering.csv") }
        XCTAssertEqual(lines, ["/nonexistent/la-fostering.csv: no such file"])
    }

    // MARK: - Seventh mutation audit

    /// The shortened forms count in the suggestions (`OfstedFostering.closest`: "the shortened forms count too, so
    /// `Durhm` finds `County Durham`"): in 2017-18, `durhm` is 1 edit from `durham`, the core of `County Durham`,
    /// against 8 from `county durham` and 3 from the closest whole names, `bury` and `derby`, so County Durham comes first.
    func testASuggestionComparesNamesWithoutTheirAdministrativeWords() throws {
        let older = try file("2017-18")
        XCTAssertEqual(older.closest(to: "Durhm", among: older.localAuthorities.map(\.area)).first, "County Durham")
        let lines = ofstedErrors { _ = try older.council(named: "Durhm") }
        XCTAssertTrue(lines.first?.contains("did you mean 'County Durham'") ?? false, "\(lines)")
    }

    /// `&` reads as `and` (`OfstedFostering.normalised`), so `Brighton & Hove` finds the file's `Brighton and Hove`
    /// by the first step, with no note.
    func testAnAmpersandMatchesAnd() throws {
        let data = OfstedFostering(path: "synthetic.csv",
                                   rows: [OfstedFosteringRow(area: "Brighton and Hove", level: "local_authority", year: "2018-19")])
        let match = try data.council(named: "Brighton & Hove")
        XCTAssertEqual(match.row.area, "Brighton and Hove")
        XCTAssertNil(match.note)
    }
}
