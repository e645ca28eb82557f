import SufficiencyData
import SufficiencyModel
import XCTest

/// Each cleaning rule on a few hand-written rows.
final class CleaningTests: SSDA903TestCase {
    func testLegalStatusAndSameCarerChangesAreMergedIntoThePreviousPlacement() throws {
        let data = try load([
            ep("7", "01/04/2019", "S", "U4", dec: "01/05/2019"),
            ep("7", "01/05/2019", "L", "U4", dec: "01/06/2019", ls: "C1"),
            ep("7", "01/06/2019", "T", "A4", dec: "01/07/2019", change: "CREQB"),
            ep("7", "01/07/2019", "P", "K2", "PR4", dec: "01/08/2019"),
            ep("7", "01/08/2019", "U", "K2", "PR4"),
        ])
        XCTAssertEqual(data.quality.episodesMergedLTU, 3)
        let child = try XCTUnwrap(data.children.first)
        XCTAssertEqual(child.episodes.count, 5)  // episodes are kept; only placements merge
        XCTAssertEqual(child.periods.count, 1)
        let placements = child.periods[0].placements
        XCTAssertEqual(placements.count, 2)
        XCTAssertEqual(placements[0].start, date("2019-04-01"))
        XCTAssertEqual(placements[0].end, date("2019-07-01"))
        XCTAssertEqual(placements[0].type, .inHouseFoster)  // the placement as it started
        XCTAssertEqual(placements[0].reasonChange, "CREQB")  // from the episode that ended it by a move
        XCTAssertEqual(placements[1].type, .residential)
        XCTAssertNil(placements[1].end)
        XCTAssertNil(placements[1].reasonChange)
        XCTAssertNil(child.periods[0].end)
        XCTAssertNil(child.periods[0].exitReason)
        XCTAssertTrue(child.periods[0].startObserved)
    }

    /// The DfE's figures leave out children looked after under an agreed series of short breaks (LS V3, V4): a
    /// child on short breaks alone has no period of care, and one who comes into care after short breaks starts a
    /// period then, seen as an entry.
    func testShortBreakEpisodesAreLeftOutOfPeriodsOfCare() throws {
        let data = try load([
            ep("1", "01/04/2019", "S", "U4", dec: "03/04/2019", rec: "E13", ls: "V3"),  // short breaks alone
            ep("1", "01/05/2019", "S", "U4", dec: "04/05/2019", rec: "E13", ls: "V3"),
            ep("2", "01/04/2019", "S", "U4", dec: "01/06/2019", ls: "V4"),  // short breaks, then in care
            ep("2", "01/06/2019", "L", "U4", dec: "01/09/2019", rec: "E4A", ls: "C2"),
            ep("3", "01/04/2019", "S", "U4", dec: "01/06/2019", ls: "C2"),  // in care, short breaks, care again
            ep("3", "01/06/2019", "L", "U4", dec: "01/08/2019", ls: "V4"),
            ep("3", "01/08/2019", "L", "K2", "PR4", ls: "C2"),
        ])
        XCTAssertEqual(data.quality.shortBreakEpisodes, 4)
        XCTAssertTrue(data.quality.markdown.contains("| Short-break episodes (LS V3, V4) left out, as in the DfE's figures | 4 |"))
        let children = Dictionary(uniqueKeysWithValues: data.children.map { ($0.id, $0) })
        XCTAssertEqual(children["1"]?.episodes.count, 2)  // the episodes are kept; only periods leave them out
        XCTAssertEqual(children["1"]?.periods.count, 0)
        let second = try XCTUnwrap(children["2"]?.periods)
        XCTAssertEqual(second.count, 1)
        XCTAssertEqual(second[0].start, date("2019-06-01"))
        XCTAssertTrue(second[0].startObserved)  // an RNE L, yet the day the child began to be looked after
        XCTAssertEqual(second[0].exitReason, "E4A")
        let third = try XCTUnwrap(children["3"]?.periods)
        XCTAssertEqual(third.count, 2)
        XCTAssertEqual(third[0].end, date("2019-06-01"))
        XCTAssertNil(third[0].exitReason)  // not an exit: the child went on to short breaks
        XCTAssertEqual(third[1].start, date("2019-08-01"))
        XCTAssertTrue(third[1].startObserved)
        XCTAssertEqual(third[1].placements.map(\.type), [.residential])
        XCTAssertEqual(data.quality.periodsSplit, 0)
        XCTAssertEqual(data.quality.episodesMergedLTU, 0)
    }

    /// A real exit just before short breaks is still an exit; short breaks last end a period without one.
    func testAnExitBeforeShortBreaksCountsAndShortBreaksLastEndThePeriod() throws {
        let data = try load([
            ep("4", "01/04/2019", "S", "U4", dec: "01/06/2019", rec: "E4A", ls: "C2"),  // home, then short breaks
            ep("4", "01/07/2019", "S", "U4", dec: "03/07/2019", rec: "E13", ls: "V3"),
            ep("5", "01/04/2019", "S", "U4", dec: "01/06/2019", ls: "C2"),  // in care, then short breaks to the end
            ep("5", "01/06/2019", "L", "U4", ls: "V4"),
        ])
        let children = Dictionary(uniqueKeysWithValues: data.children.map { ($0.id, $0) })
        let fourth = try XCTUnwrap(children["4"]?.periods)
        XCTAssertEqual(fourth.count, 1)
        XCTAssertEqual(fourth[0].exitReason, "E4A")
        XCTAssertEqual(fourth[0].end, date("2019-06-01"))
        let fifth = try XCTUnwrap(children["5"]?.periods)
        XCTAssertEqual(fifth.count, 1)
        XCTAssertEqual(fifth[0].end, date("2019-06-01"))
        XCTAssertNil(fifth[0].exitReason)
        XCTAssertEqual(data.quality.shortBreakEpisodes, 2)
    }

    func testOverlappingEpisodesEndWhereTheNextOneStarts() throws {
        let data = try load([
            ep("3", "01/04/2019", "S", "U4", dec: "30/06/2019"),
            ep("3", "01/06/2019", "P", "U5", "PR4", dec: "01/09/2019"),
            ep("3", "01/10/2019", "P", "K2"),  // after a gap; the open episode below overlaps it
            ep("3", "01/12/2019", "P", "H5", dec: "01/02/2020", rec: "E4A"),
        ])
        XCTAssertEqual(data.quality.overlapsResolved, 2)
        let episodes = try XCTUnwrap(data.children.first).episodes
        XCTAssertEqual(episodes.map(\.end), [date("2019-06-01"), date("2019-09-01"), date("2019-12-01"),
                                             date("2020-02-01")])
        XCTAssertNil(episodes[2].reasonEnded)  // an open episode cut short continues (X1)
        // The gap between 1 September and 1 October ends one period (with no reason) and starts another.
        let periods = try XCTUnwrap(data.children.first).periods
        XCTAssertEqual(periods.count, 2)
        XCTAssertEqual(periods[0].end, date("2019-09-01"))
        XCTAssertNil(periods[0].exitReason)
        XCTAssertEqual(periods[1].exitReason, "E4A")
        XCTAssertEqual(data.quality.periodsSplit, 1)
    }

    func testExactDuplicateRowsAreDroppedAndCounted() throws {
        let row = ep("5", "01/04/2019", "S", "U1", dec: "01/05/2019", rec: "E11")
        let data = try load([row, row, ep("5", "02/06/2019", "S", "U2"), row])
        XCTAssertEqual(data.quality.exactDuplicatesDropped, 2)
        XCTAssertEqual(data.quality.rejected, [])
        XCTAssertEqual(data.children.first?.episodes.count, 2)
        XCTAssertEqual(data.children.first?.episodes.first?.source.row, 2)  // the first copy is kept
    }

    func testRowsDifferingOnlyInReturnYearAreExactDuplicates() throws {
        let folder = try folder([
            "episodes.csv": "CHILD,DECOM,RNE,LS,PLACE,PLACE_PROVIDER,DEC,REC,REASON_PLACE_CHANGE,LA,YEAR\n"
                + "9,2019-04-01,S,C2,U4,PR1,2019-05-01,E13,,Barnet,2019\n"
                + "9,2019-04-01,S,C2,U4,PR1,2019-05-01,E13,,Barnet,2020\n",
            "header.csv": "CHILD,DOB,LA,YEAR\n9,2005-01-01,Barnet,2019\n",
        ])
        let data = try SSDA903Reader.load(paths: [folder], la: "barnet")
        XCTAssertEqual(data.quality.exactDuplicatesDropped, 1)
        XCTAssertEqual(data.children.first?.periods.first?.exitReason, "E13")
    }

    func testOfExactDuplicatesTheFirstReadIsKeptWhateverItsYear() throws {
        let folder = try folder([
            "episodes.csv": "CHILD,DECOM,RNE,LS,PLACE,PLACE_PROVIDER,DEC,REC,REASON_PLACE_CHANGE,LA,YEAR,URN\n"
                + "9,2019-04-01,S,C2,U4,PR1,,,,Barnet,2020,1\n"
                + "9,2019-04-01,S,C2,U4,PR1,,,,barnet,2019,1\n"  // the same row (LA compared lower-cased)
                + "9,2019-04-01,S,C2,U4,PR1,,,,Barnet,2019,2\n"  // another URN: a repeated report, not a duplicate
                + "9,2019-04-01,S,C2,U4,PR1,,,,Barnet,2021,1\n",
            "header.csv": "CHILD,DOB,LA\n9,2005-01-01,Barnet\n",
        ])
        let data = try SSDA903Reader.load(paths: [folder], la: "barnet")
        XCTAssertEqual(data.quality.exactDuplicatesDropped, 2)
        XCTAssertEqual(data.quality.repeatedReportsMerged, 1)
        // Of the two reports left, both open, the later return's (YEAR 2020 against 2019) is kept.
        XCTAssertEqual(data.children.first?.episodes.map(\.source.row), [2])
    }

    /// The exact-duplicate key is the fields joined by U+001F: rows whose fields differ only in where that character
    /// falls are duplicates, as they always were.
    func testTheDuplicateKeyIsTheFieldsJoinedByTheUnitSeparator() throws {
        let data = try load([
            "5,01/04/2019,S,C2,N1,U1,PR1,,,,a\u{1F}b,,",
            "5,01/04/2019,S,C2,N1,U1,PR1,,,,a,b\u{1F},",
            "5,01/04/2019,S,C2,N1,U1,PR1,,,,a,b,",
        ])
        XCTAssertEqual(data.quality.exactDuplicatesDropped, 1)
        XCTAssertEqual(data.quality.repeatedReportsMerged, 1)
        XCTAssertEqual(data.children.first?.episodes.map(\.source.row), [4])
    }

    func testAnEpisodeRepeatedInTheNextYearsReturnIsOneEpisodeClosedByTheLaterReport() throws {
        let folder = try folder([
            "2019-episodes.csv": [Self.episodesHeader, ep("4", "01/03/2019", "S", "U4"),
                                  ep("4", "01/01/2019", "S", "U4", dec: "15/02/2019", rec: "E4A")].joined(separator: "\n"),
            "2020-episodes.csv": [Self.episodesHeader, ep("4", "01/03/2019", "S", "U4", dec: "01/05/2019", rec: "E8")]
                .joined(separator: "\n"),
            "2019-header.csv": Self.headerHeader + "\n4,2,01/01/2005,,,,\n",
            "2020-header.csv": Self.headerHeader + "\n4,2,01/01/2005,,,,\n",
        ])
        let data = try SSDA903Reader.load(paths: [folder], la: nil)
        XCTAssertEqual(data.quality.repeatedReportsMerged, 1)
        XCTAssertEqual(data.quality.exactDuplicatesDropped, 0)
        let child = try XCTUnwrap(data.children.first)
        XCTAssertEqual(child.episodes.map(\.start), [date("2019-01-01"), date("2019-03-01")])
        XCTAssertEqual(child.episodes[1].end, date("2019-05-01"))
        XCTAssertEqual(child.episodes[1].source, SourceRow(file: folder + "/2020-episodes.csv", row: 2))
        XCTAssertEqual(child.periods.map(\.exitReason), ["E4A", "E8"])
    }

    func testASameDayEpisodeIsKeptBeforeTheEpisodeStartingThatDay() throws {
        let data = try load([
            ep("8", "01/04/2019", "S", "U4", dec: "10/04/2019", change: "CREQO"),
            ep("8", "10/04/2019", "P", "K2", dec: "10/04/2019", change: "CHILD"),
            ep("8", "10/04/2019", "P", "U5", "PR4"),
        ])
        XCTAssertEqual(data.quality.repeatedReportsMerged, 0)
        let placements = try XCTUnwrap(data.children.first?.periods.first?.placements)
        XCTAssertEqual(placements.map(\.type), [.inHouseFoster, .residential, .ifaFoster])
        XCTAssertEqual(placements.map(\.reasonChange), ["CREQO", "CHILD", nil])
    }

    func testEpisodesWithoutAHeaderRowAreRejectedAndCounted() throws {
        let folder = try folder([
            "episodes.csv": [Self.episodesHeader, ep("1", "01/04/2019", "S", "U4"), ep("2", "01/04/2019", "S", "U4"),
                             ep("2", "01/05/2019", "P", "U5")].joined(separator: "\n"),
            "header.csv": Self.headerHeader + "\n1,1,01/01/2010,,,,\n",
        ])
        let data = try SSDA903Reader.load(paths: [folder], la: nil)
        XCTAssertEqual(data.children.map(\.id), ["1"])
        XCTAssertEqual(data.quality.episodesWithoutHeader, 2)
        let reason = "episode without a header row (CHILD 2 is in no header file)"
        XCTAssertEqual(data.quality.rejected, [
            Rejection(source: SourceRow(file: folder + "/episodes.csv", row: 3), reason: reason),
            Rejection(source: SourceRow(file: folder + "/episodes.csv", row: 4), reason: reason),
        ])
    }

    func testPeriodsStartAtRNESAndEndAtALeavingReason() throws {
        let data = try load([
            ep("6", "01/04/2018", "P", "U4", dec: "01/06/2018", rec: "E45"),  // began before the data
            ep("6", "01/01/2019", "S", "K2", dec: "01/02/2019", change: "ALLEG"),
            ep("6", "01/02/2019", "B", "U3", dec: "01/03/2019", rec: "E17"),
            ep("6", "02/03/2019", "S", "P2"),
        ])
        let periods = try XCTUnwrap(data.children.first).periods
        XCTAssertEqual(periods.map(\.start), [date("2018-04-01"), date("2019-01-01"), date("2019-03-02")])
        XCTAssertEqual(periods.map(\.end), [date("2018-06-01"), date("2019-03-01"), nil])
        XCTAssertEqual(periods.map(\.exitReason), ["E45", "E17", nil])
        XCTAssertEqual(periods.map(\.startObserved), [false, true, true])
        XCTAssertEqual(periods[1].placements.map(\.type), [.residential, .kinshipFoster])
        XCTAssertEqual(periods[1].placements[0].reasonChange, "ALLEG")
        XCTAssertEqual(periods[2].placements.first?.type, .supportedAccommodation)
        XCTAssertEqual(data.quality.periodsSplit, 0)
    }

    func testAnRNESWithoutTheLastEpisodeEndingStartsANewPeriod() throws {
        let data = try load([ep("6", "01/04/2019", "S", "U4", dec: "01/05/2019"), ep("6", "01/05/2019", "S", "U4")])
        XCTAssertEqual(data.children.first?.periods.count, 2)
        XCTAssertEqual(data.quality.periodsSplit, 1)
    }

    func testAnOpenEpisodeHasNoReasonForEndingWhateverTheFileSays() throws {
        let data = try load([ep("2", "01/04/2019", "S", "U4", rec: "E9")])
        XCTAssertNil(data.children.first?.episodes.first?.reasonEnded)
        XCTAssertNil(data.children.first?.periods.first?.exitReason)
    }

    func testTheMostFrequentDateOfBirthIsUsedAndUASCIsFlagged() throws {
        let data = try load([ep("1", "01/04/2019", "S", "U4"), ep("2", "01/04/2019", "S", "U4")],
                            header: ["1,1,01/01/2009,,,,", "1,1,01/01/2009,,,,", "2,2,2008-03-04,,,,"],
                            uasc: ["2,2,04/03/2008,01/04/2026"])
        // Child 1 has 15/06/2010 once (fixture) and 01/01/2009 twice; child 2 has a tie, so the first wins.
        XCTAssertEqual(data.children.map(\.birth), [date("2009-01-01"), date("2010-06-15")])
        XCTAssertEqual(data.quality.conflictingBirthDates, 2)
        XCTAssertEqual(data.children.map(\.uasc), [false, true])
        XCTAssertEqual(data.children.map(\.sex), ["1", "1"])
    }

    func testChildrenAreSortedByNumericIdThenText() throws {
        let data = try load(["10", "9", "A2", "100", "A10"].map { ep($0, "01/04/2019", "S", "U4") })
        XCTAssertEqual(data.children.map(\.id), ["9", "10", "100", "A10", "A2"])
    }

    func testDatesAreReadInEitherFormatPerValue() throws {
        let data = try load([ep("1", "2019-04-01", "S", "U4", dec: "01/05/2019"), ep("1", " 1/5/2019 ", "P", "U4")])
        XCTAssertEqual(data.quality.rejected, [])
        XCTAssertEqual(data.children.first?.episodes.map(\.start), [date("2019-04-01"), date("2019-05-01")])
        XCTAssertEqual(data.firstDate, date("2019-04-01"))
        XCTAssertEqual(data.lastDate, date("2019-05-01"))
    }

    func testCodesAreTrimmedAndUpperCased() throws {
        let data = try load(["1,01/04/2019, s ,c2,N1,u4 ,pr4,01/05/2019,e4a,creqb,,,"])
        let e = try XCTUnwrap(data.children.first?.episodes.first)
        XCTAssertEqual([e.rne, e.place, e.provider, e.reasonEnded, e.reasonPlaceChange, e.legalStatus],
                       ["S", "U4", "PR4", "E4A", "CREQB", "C2"])
        XCTAssertEqual(e.placementType, .ifaFoster)
    }

    func testPeriodsCanBeBuiltFromEpisodesMadeInCode() {
        let a = Episode(child: "1", start: date("2019-04-01"), end: date("2019-05-01"), rne: "S", place: "U1")
        let b = Episode(child: "1", start: date("2019-05-01"), end: date("2019-06-01"), rne: "L", place: "U1",
                        reasonEnded: "E41")
        let periods = SSDA903Reader.periods(of: [a, b])
        XCTAssertEqual(periods.count, 1)
        XCTAssertEqual(periods[0].placements.count, 1)
        XCTAssertEqual(periods[0].placements[0].end, date("2019-06-01"))
        XCTAssertEqual(periods[0].exitReason, "E41")
    }
}
