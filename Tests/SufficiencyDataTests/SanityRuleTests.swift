import SufficiencyData
import SufficiencyModel
import XCTest

/// The rules that reject rows whose dates no return can hold (issue 11): a DOB after DECOM, an episode starting at
/// 18 or later, a date after the day of the run or after the collection year's end. Each rejection names the file,
/// the row and the field.
final class SanityRuleTests: SSDA903TestCase {
    /// The day of the run in these tests, so that "after today" does not depend on the clock.
    static let today = CivilDate(year: 2023, month: 6, day: 1)

    func options(end: String? = nil) -> SSDA903Reader.Options {
        var o = SSDA903Reader.Options(collectionEnd: end.flatMap { CivilDate(iso: $0) })
        o.today = Self.today
        return o
    }

    /// `files` in a new folder, loaded with `options`; returns the data and the folder.
    func load(_ files: [String: String], _ options: SSDA903Reader.Options) throws -> (SSDA903Data, String) {
        let folder = try folder(files)
        return (try SSDA903Reader.load(paths: [folder], la: nil, options: options), folder)
    }

    func episodes(_ rows: [String]) -> String { ([Self.episodesHeader] + rows).joined(separator: "\n") + "\n" }

    func header(_ rows: [String]) -> String { ([Self.headerHeader] + rows).joined(separator: "\n") + "\n" }

    func testADateOfBirthAfterDECOMRejectsTheEpisodeNamingTheHeaderRowItCameFrom() throws {
        let (data, folder) = try load([
            "episodes.csv": episodes([
                ep("1", "01/04/2019", "S", "U4", dec: "01/05/2019"),  // row 2: born after the episode started
                ep("1", "01/02/2020", "S", "U4"),  // row 3: after the birth, kept
                ep("2", "01/04/2019", "S", "U4"),  // row 4: another child, fine
            ]),
            "header.csv": header(["2,1,01/01/2012,,,,", "1,1,15/01/2020,,,,"]),
        ], options())
        XCTAssertEqual(data.quality.rejected, [
            Rejection(source: SourceRow(file: folder + "/episodes.csv", row: 2),
                      reason: "DECOM 2019-04-01 is before the child's DOB 2020-01-15 (\(folder)/header.csv row 3)"),
        ])
        XCTAssertEqual(data.children.map(\.id), ["1", "2"])
        XCTAssertEqual(data.children[0].episodes.map(\.source.row), [3])
        XCTAssertEqual(data.firstDate, date("2019-04-01"), "child 2's episode still starts the data")
    }

    func testAnEpisodeStartingOnOrAfterThe18thBirthdayIsRejectedWithTheAge() throws {
        let (data, folder) = try load([
            "episodes.csv": episodes([
                ep("25", "01/04/2019", "S", "U4", dec: "01/06/2019", rec: "E4A"),  // row 2: aged 25
                ep("18", "14/06/2019", "S", "U4", dec: "15/06/2019"),  // row 3: the day before the 18th birthday
                ep("18", "15/06/2019", "P", "U4"),  // row 4: on the 18th birthday
                ep("29", "28/02/2018", "S", "U4", dec: "01/03/2018"),  // row 5: born 29 February, 18 on 1 March 2018
                ep("29", "01/03/2018", "P", "U4"),  // row 6
            ]),
            "header.csv": header(["25,1,10/01/1994,,,,", "18,2,15/06/2001,,,,", "29,1,29/02/2000,,,,"]),
        ], options())
        let e = folder + "/episodes.csv", h = folder + "/header.csv"
        XCTAssertEqual(data.quality.rejected, [
            Rejection(source: SourceRow(file: e, row: 2), reason: "DECOM 2019-04-01 is at age 25, on or after the "
                + "child's 18th birthday 2012-01-10 (DOB 1994-01-10, \(h) row 2)"),
            Rejection(source: SourceRow(file: e, row: 4), reason: "DECOM 2019-06-15 is at age 18, on or after the "
                + "child's 18th birthday 2019-06-15 (DOB 2001-06-15, \(h) row 3)"),
            Rejection(source: SourceRow(file: e, row: 6), reason: "DECOM 2018-03-01 is at age 18, on or after the "
                + "child's 18th birthday 2018-03-01 (DOB 2000-02-29, \(h) row 4)"),
        ])
        // The child aged 25 has no episode left, so no record: no exit at 18 can be invented for them.
        XCTAssertEqual(data.children.map(\.id), ["18", "29"])
        XCTAssertEqual(data.children.map { $0.episodes.map(\.source.row) }, [[3], [5]])
    }

    func testDatesAfterTodayAreRejectedWhateverTheCollectionYear() throws {
        // The collection end is given as far ahead: the day of the run still rejects.
        let (data, folder) = try load([
            "episodes.csv": episodes([
                ep("1", "01/04/2022", "S", "U4", dec: "01/01/2099"),  // row 2
                ep("2", "02/06/2023", "S", "U4"),  // row 3: the day after "today"
                ep("3", "01/06/2023", "S", "U4"),  // row 4: today is fine
            ]),
            "header.csv": header(["1,1,01/01/2012,,,,", "2,1,01/01/2012,,,,", "3,1,01/01/2012,,,,", "4,1,01/01/2099,,,,"]),
        ], options(end: "2030-03-31"))
        let e = folder + "/episodes.csv", h = folder + "/header.csv"
        XCTAssertEqual(data.quality.rejected, [
            Rejection(source: SourceRow(file: e, row: 2), reason: "DEC 2099-01-01 is after today (2023-06-01)"),
            Rejection(source: SourceRow(file: e, row: 3), reason: "DECOM 2023-06-02 is after today (2023-06-01)"),
            Rejection(source: SourceRow(file: h, row: 5), reason: "DOB 2099-01-01 is after today (2023-06-01)"),
        ])
        XCTAssertEqual(data.children.map(\.id), ["3"])
        XCTAssertEqual(data.lastDate, date("2023-06-01"))
    }

    func testDatesAfterAGivenCollectionYearEndAreRejectedFieldByField() throws {
        let (data, folder) = try load([
            "episodes.csv": episodes([
                ep("1", "01/04/2019", "S", "U4", dec: "31/03/2020"),  // row 2: ends on the last day, fine
                ep("1", "31/03/2020", "P", "U5", dec: "02/04/2020"),  // row 3: DEC after the end
                ep("2", "01/04/2020", "S", "U4", dec: "05/05/2020"),  // row 4: both after
                ep("3", "01/03/2020", "S", "U4"),  // row 5: fine; the child's DOB row is rejected
            ]),
            "header.csv": header(["1,1,01/01/2012,,,,", "2,1,01/01/2012,,,,", "3,1,01/01/2020,,,,", "3,1,01/04/2020,,,,",
                                  "3,1,01/04/2020,,,,"]),
        ], options(end: "2020-03-31"))
        let e = folder + "/episodes.csv", h = folder + "/header.csv"
        XCTAssertEqual(data.quality.rejected, [
            Rejection(source: SourceRow(file: e, row: 3), reason: "DEC 2020-04-02 is after the collection year's end 2020-03-31"),
            Rejection(source: SourceRow(file: e, row: 4), reason: "DECOM 2020-04-01 is after the collection year's end "
                + "2020-03-31; DEC 2020-05-05 is after the collection year's end 2020-03-31"),
            Rejection(source: SourceRow(file: h, row: 5), reason: "DOB 2020-04-01 is after the collection year's end 2020-03-31"),
            Rejection(source: SourceRow(file: h, row: 6), reason: "DOB 2020-04-01 is after the collection year's end 2020-03-31"),
        ])
        XCTAssertEqual(data.quality.collectionEnd, CollectionEnd(date: date("2020-03-31"), inferred: false))
        XCTAssertEqual(data.lastDate, date("2020-03-31"), "the window ends at the accepted rows' last date")
        // Child 3's DOB comes from the one header row left, not the two (more frequent) rejected ones.
        XCTAssertEqual(data.children.first { $0.id == "3" }?.birth, date("2020-01-01"))
        XCTAssertTrue(data.quality.markdown.contains("Collection year end: 2020-03-31, as given"), data.quality.markdown)
    }

    /// A return of 150 children over three collection years, 2019-20 to 2021-22, and `extra` rows.
    func threeYears(_ extra: [String] = []) -> [String: String] {
        var rows: [String] = [], heads: [String] = []
        for c in 0..<150 {
            let start = CivilDate(dayNumber: CivilDate(year: 2019, month: 4, day: 1).dayNumber + c * 6)
            let end = CivilDate(dayNumber: start.dayNumber + 30 + (c * 37) % 150)  // by 10 March 2022
            func dmy(_ d: CivilDate) -> String { String(format: "%02d/%02d/%04d", d.day, d.month, d.year) }
            rows.append(ep("\(c + 1)", dmy(start), "S", "U4", dec: c % 3 == 0 ? "" : dmy(end), rec: c % 3 == 0 ? "" : "E4A"))
            heads.append("\(c + 1),1,01/01/2012,,,,")
        }
        heads.append("900,1,01/01/2012,,,,")
        return ["episodes.csv": episodes(rows + extra), "header.csv": header(heads)]
    }

    func testTheCollectionEndIsInferredFromTheBulkOfTheDatesAndOneMistypedYearDoesNotMoveIt() throws {
        let (clean, _) = try load(threeYears(), options())
        XCTAssertEqual(clean.quality.collectionEnd, CollectionEnd(date: date("2022-03-31"), inferred: true))
        XCTAssertEqual(clean.quality.rejected, [])
        // 2023 typed for 2022: a date before "today", in the year after the return's last.
        let typo = ep("900", "01/02/2022", "S", "U4", dec: "15/01/2023", rec: "E4A")
        let (data, folder) = try load(threeYears([typo]), options())
        XCTAssertEqual(data.quality.collectionEnd, clean.quality.collectionEnd)
        XCTAssertEqual(data.quality.rejected, [
            Rejection(source: SourceRow(file: folder + "/episodes.csv", row: 152),
                      reason: "DEC 2023-01-15 is after the collection year's end 2022-03-31"),
        ])
        XCTAssertEqual(data.firstDate, clean.firstDate)
        XCTAssertEqual(data.lastDate, clean.lastDate)
        XCTAssertTrue(data.quality.markdown.contains("Collection year end: 2022-03-31, inferred from the episode dates"))
    }

    func testOne2099DECIsRejectedAndLeavesTheDataRangeAlone() throws {
        let (clean, _) = try load(threeYears(), SSDA903Reader.Options())
        let (data, folder) = try load(threeYears([ep("900", "01/02/2022", "S", "U4", dec: "01/01/2099", rec: "E4A")]),
                                      SSDA903Reader.Options())
        XCTAssertEqual(data.quality.rejected.map(\.source), [SourceRow(file: folder + "/episodes.csv", row: 152)])
        XCTAssertTrue(data.quality.rejected[0].reason.hasPrefix("DEC 2099-01-01 is after today ("),
                      data.quality.rejected[0].reason)
        XCTAssertEqual(data.lastDate, clean.lastDate)
        XCTAssertEqual(data.quality.collectionEnd, clean.quality.collectionEnd)
    }

    func testTheInferenceRule() {
        func end(_ counts: [Int: Int]) -> CivilDate? { SSDA903Reader.inferCollectionEnd(datesByFinancialYear: counts) }
        XCTAssertNil(end([:]))
        XCTAssertEqual(end([2019: 500, 2020: 400, 2021: 300]), CivilDate(year: 2022, month: 3, day: 31))
        XCTAssertEqual(end([2019: 500, 2020: 400, 2021: 300, 2022: 1]), CivilDate(year: 2022, month: 3, day: 31),
                       "one date in the next year is a mistake")
        XCTAssertEqual(end([2019: 500, 2020: 400, 2021: 300, 2022: 9]), CivilDate(year: 2022, month: 3, day: 31),
                       "under 2% of the busiest year")
        XCTAssertEqual(end([2019: 500, 2020: 400, 2021: 300, 2022: 10]), CivilDate(year: 2023, month: 3, day: 31),
                       "2% of the busiest year is a (partial) year of the return")
        XCTAssertEqual(end([2019: 500, 2020: 400, 2021: 300, 2099: 1]), CivilDate(year: 2022, month: 3, day: 31))
        XCTAssertEqual(end([2019: 3, 2020: 1]), CivilDate(year: 2021, month: 3, day: 31),
                       "in a tiny return every date counts")
    }

    func testWhenEveryRowIsRejectedTheReportStillListsEveryOne() throws {
        let (data, folder) = try load([
            "episodes.csv": episodes([
                ep("1", "01/04/2019", "S", "U4"),  // born after
                ep("2", "01/04/2019", "S", "U4"),  // aged 30
                ep("3", "junk", "S", "U4"),  // unparseable DECOM
            ]),
            "header.csv": header(["1,1,01/01/2020,,,,", "2,1,01/01/1989,,,,", "3,1,01/01/2012,,,,"]),
        ], options())
        XCTAssertTrue(data.children.isEmpty)
        XCTAssertNil(data.firstDate)
        XCTAssertNil(data.lastDate)
        XCTAssertEqual(data.quality.episodeRowsRead, 3)
        XCTAssertEqual(data.quality.rejected.map(\.source.row), [2, 3, 4])
        XCTAssertEqual(data.episodeFiles, [folder + "/episodes.csv"])
        let report = data.quality.markdown
        XCTAssertTrue(report.contains("| Rows rejected | 3 |"), report)
        for row in 2...4 { XCTAssertTrue(report.contains("| \(folder)/episodes.csv | \(row) | "), report) }
    }
}
