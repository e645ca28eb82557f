import Foundation
@testable import SufficiencyCalibration
import SufficiencyData
import SufficiencyModel
import XCTest

/// How a return's exits are counted by route, against the DfE's reasons (REC): by REC before 17.9, as the 18th
/// birthday from 17.9 whatever the REC (the model's hazards run only before 18), and short breaks (LS V3, V4) are
/// no exits at all.
final class ExitClassificationTests: XCTestCase {
    /// The return of `testExitsAreCountedByReasonBefore17Point9AndAsThe18thBirthdayFromThen`: ten children born in
    /// 2000 or 2003, each leaving by a different route, and `extra` rows (with their children born in 2008).
    static func exitsReturn(extra: [String] = []) throws -> SSDA903Data {
        // Born 15 June 2000: 17.9 on about 11 May 2018, 18 on 15 June 2018.
        let leaving: [(child: String, dec: String, rec: String)] = [
            ("1", "01/01/2018", "E4A"),  // home at 17.55
            ("2", "01/01/2017", "E11"),  // adopted at 16.55
            ("3", "01/01/2018", "E45"),  // special guardianship at 17.55
            ("4", "20/05/2018", "E13"),  // to live with family at 17.93: ageing out
            ("5", "20/05/2018", "E17"),  // Staying Put at 17.93
            ("6", "15/06/2018", "E5"),   // on the birthday
            ("7", "01/01/2018", "E8"),   // other at 17.55
        ]
        var rows = leaving.map { "\($0.child),01/04/2016,S,C2,N1,U4,PR1,\($0.dec),\($0.rec),,,," }
        // Short breaks ending with a return home: not in care as the DfE counts it, so no exit.
        rows.append("8,01/04/2017,S,V3,N1,U4,PR1,03/04/2017,E13,,,,")
        // E17, "remained with current carers", at 17.93 from a placement with parents: an exit at 18, but not Staying
        // Put, which is an arrangement with foster carers.
        rows.append("9,01/04/2016,S,C2,N1,P1,PR1,20/05/2018,E17,,,,")
        // E17 at 15 (child 10 is born in 2003): an "other" exit, and no one staying put at the snapshot.
        rows.append("10,01/04/2016,S,C2,N1,U4,PR1,01/01/2019,E17,,,,")
        let children = leaving.map(\.child) + ["8", "9"]
        let extraChildren = Set(extra.map { String($0.prefix { $0 != "," }) })
        let header = children.map { "\($0),1,15/06/2000,WBRI,,," } + ["10,1,15/06/2003,WBRI,,,"]
            + extraChildren.sorted().map { "\($0),1,15/06/2008,WBRI,,," }
        return try load(episodes: rows + extra, header: header)
    }

    /// An SSDA903 return from episode rows and header rows (without their column lines), read as `calibrate` reads it.
    static func load(episodes rows: [String], header: [String]) throws -> SSDA903Data {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("exits-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let episodes = "CHILD,DECOM,RNE,LS,CIN,PLACE,PLACE_PROVIDER,DEC,REC,REASON_PLACE_CHANGE,HOME_POST,PL_POST,URN\n"
            + rows.joined(separator: "\n") + "\n"
        try Data(episodes.utf8).write(to: dir.appendingPathComponent("episodes.csv"))
        try Data(("CHILD,SEX,DOB,ETHNIC,UPN,MOTHER,MC_DOB\n" + header.joined(separator: "\n") + "\n").utf8)
            .write(to: dir.appendingPathComponent("header.csv"))
        return try SSDA903Reader.load(paths: [dir.path], la: nil)
    }

    func testExitsAreCountedByReasonBefore17Point9AndAsThe18thBirthdayFromThen() throws {
        let data = try Self.exitsReturn()
        XCTAssertEqual(data.quality.rejected.count, 0, data.quality.markdown)
        XCTAssertEqual(data.quality.shortBreakEpisodes, 1)

        let e = Estimates(data: data, windowStart: CivilDate(year: 2016, month: 4, day: 1),
                          windowEnd: CivilDate(year: 2019, month: 4, day: 1), snapshot: CivilDate(year: 2019, month: 4, day: 1))
        func events(_ route: ExitRoute) -> Int { e.exitRate(Estimates.routes.firstIndex(of: route)!).events }
        XCTAssertEqual(events(.reunification), 1)  // child 1 (not the short breaks' E13, nor child 4's)
        XCTAssertEqual(events(.adoption), 1)
        XCTAssertEqual(events(.specialGuardianship), 1)
        XCTAssertEqual(events(.other), 2)  // children 7 and 10
        XCTAssertEqual(e.exitsAt18, 4)  // children 4, 5, 6 and 9
        XCTAssertEqual(e.exitsAt18FromFoster, 3)  // not child 9, placed with parents
        XCTAssertEqual(e.stayingPut, 1)  // child 5: of the three from foster care, as the share's denominator
        // In the year before the snapshot (1 April 2019), child 5 went into Staying Put; children 9 and 10 did not.
        XCTAssertEqual(e.stayingPutAtSnapshot, 1)
        XCTAssertEqual(e.reunifications, 1)
        XCTAssertEqual(e.entries.reduce(0, +) + e.uascEntries + e.reentries, 9)  // the short breaks are no entry
    }

    /// A baseline's time-in-care bands may be fewer or more than the default's five: an exit rate over all bands
    /// sums every band the events were counted in (three bands used to stop `calibrate` with an index out of range,
    /// and a sixth band's exits were left out of the rate).
    func testExitRatesSumEveryTimeInCareBandWhateverTheirNumber() throws {
        let rows = [
            "1,01/04/2016,S,C2,N1,U4,PR1,01/06/2016,E4A,,,,",   // home after 2 months
            "2,01/04/2012,S,C2,N1,U4,PR1,01/06/2018,E4A,,,,",   // home after 6 years
        ]
        let data = try Self.load(episodes: rows, header: ["1,1,15/06/2008,WBRI,,,", "2,1,15/06/2008,WBRI,,,"])
        let window = (CivilDate(year: 2016, month: 4, day: 1), CivilDate(year: 2019, month: 4, day: 1))
        let home = Estimates.routes.firstIndex(of: .reunification)!
        for months: [Double] in [[0, 12, 36], [0, 6, 12, 24, 60], [0, 6, 12, 24, 48, 72]] {
            let e = Estimates(data: data, windowStart: window.0, windowEnd: window.1, snapshot: window.1,
                              timeBandMonths: months)
            let rate = e.exitRate(home)
            XCTAssertEqual(rate.events, 2, "\(months)")
            XCTAssertEqual(rate.exposureDays, e.exposure.joined().reduce(0, +), "\(months)")
            XCTAssertEqual(e.exitRate(home, band: months.count - 1).events, 1, "\(months): the 6-year stay")
        }
    }

    /// Going to live with parents or relatives (E13) before 17.9 is a return home (`Estimates.route(of:)`): it counts
    /// in the reunification hazard, and a re-entry within a year of it is a re-entry.
    func testLeavingToLiveWithFamilyAt12IsAReturnHome() throws {
        let data = try Self.load(episodes: ["1,01/04/2016,S,C2,N1,U4,PR1,01/01/2018,E13,,,,"],
                                 header: ["1,1,15/06/2005,WBRI,,,"])
        let e = Estimates(data: data, windowStart: CivilDate(year: 2016, month: 4, day: 1),
                          windowEnd: CivilDate(year: 2019, month: 4, day: 1), snapshot: CivilDate(year: 2019, month: 4, day: 1))
        XCTAssertEqual(e.exitRate(Estimates.routes.firstIndex(of: .reunification)!).events, 1)  // at 12.5
        XCTAssertEqual(e.exitRate(Estimates.routes.firstIndex(of: .other)!).events, 0)
        XCTAssertEqual(e.reunifications, 1)
    }

    /// The exit hazards run only before 18, so their exposure ends at the 18th birthday: a young person recorded in
    /// care past it adds no days after it. Born 1 April 2000, 16 on 1 April 2016 (5,844 days, 16 × 365.25) and 18 at
    /// 6,574.5 days: 730.5 days at 16–17 in the window, not the 1,095 days to its end.
    func testExposureEndsAtThe18thBirthday() throws {
        let data = try Self.load(episodes: ["1,01/04/2016,S,C2,N1,U4,PR1,01/04/2019,E8,,,,"],
                                 header: ["1,1,01/04/2000,WBRI,,,"])
        let e = Estimates(data: data, windowStart: CivilDate(year: 2016, month: 4, day: 1),
                          windowEnd: CivilDate(year: 2019, month: 4, day: 1), snapshot: CivilDate(year: 2019, month: 4, day: 1))
        XCTAssertEqual(e.exposure.joined().reduce(0, +), 730.5, accuracy: 1e-9)
        XCTAssertEqual(e.exposure[AgeBand.of(age: 17).index].reduce(0, +), 730.5, accuracy: 1e-9)
    }

    /// A window runs from its first day up to, not including, its end: a child entering on the end day is the next
    /// window's entry (31 March 2019 is in the window ending 1 April 2019; 1 April 2019 is not).
    func testAnEntryOnTheWindowsEndDayBelongsToTheNextWindow() throws {
        let data = try Self.load(episodes: ["1,31/03/2019,S,C2,N1,U4,PR1,,,,,,", "2,01/04/2019,S,C2,N1,U4,PR1,,,,,,"],
                                 header: ["1,1,01/01/2010,WBRI,,,", "2,1,01/01/2010,WBRI,,,"])
        let e = Estimates(data: data, windowStart: CivilDate(year: 2018, month: 4, day: 1),
                          windowEnd: CivilDate(year: 2019, month: 4, day: 1), snapshot: CivilDate(year: 2019, month: 4, day: 1))
        XCTAssertEqual(e.entries.reduce(0, +), 1)
    }

    /// The calibrated scenario's Staying Put probability is the E17 exits over the 18th birthdays in foster care: 1
    /// (child 5) of children 4, 5 and 6, not of all four 18th birthdays (child 9 left a placement with parents).
    func testTheStayingPutProbabilityIsOverThe18thBirthdaysInFosterCare() throws {
        // Child 11 is in care at the snapshot, so that the return has a stock to calibrate.
        let data = try Self.exitsReturn(extra: ["11,01/04/2016,S,C2,N1,U4,PR1,,,,,,"])
        var options = Calibration.Options()
        options.windowStart = CivilDate(year: 2016, month: 4, day: 1)
        options.windowEnd = CivilDate(year: 2019, month: 3, day: 31)
        var calibration = try Calibration(data: data, options: options)
        let scenario = try ScenarioLoader.load(yaml: calibration.scenarioYAML(), file: "c.yaml").scenario
        XCTAssertEqual(scenario.exits.stayingPutProbability, 1.0 / 3, accuracy: 1e-4)
    }
}
