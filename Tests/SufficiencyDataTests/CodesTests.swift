import SufficiencyData
import SufficiencyModel
import XCTest

final class CodesTests: XCTestCase {
    func testPlacementTypesFollowPlaceAndProvider() {
        let cases: [(String, String, PlacementType)] = [
            ("U1", "PR1", .kinshipFoster), ("U2", "PR4", .kinshipFoster), ("U3", "", .kinshipFoster),
            ("U4", "PR1", .inHouseFoster), ("U5", "PR2", .inHouseFoster), ("U6", "PR3", .inHouseFoster),
            ("U4", "PR4", .ifaFoster), ("U5", "PR5", .ifaFoster), ("U6", "", .ifaFoster), ("U4", "PR0", .ifaFoster),
            ("A3", "PR1", .placedForAdoption), ("A6", "PR4", .placedForAdoption),
            ("K1", "PR1", .secure), ("K2", "PR4", .residential), ("R1", "PR1", .residential),
            ("S1", "PR4", .residentialSchool),
            ("K3", "PR4", .supportedAccommodation), ("H5", "PR1", .supportedAccommodation),
            ("P2", "", .supportedAccommodation), ("P1", "PR0", .placedWithParents),
            ("P3", "", .other), ("R2", "PR3", .other), ("R3", "", .other), ("R5", "", .other), ("T0", "", .other),
            ("Z1", "", .other), ("Z12", "", .other),
        ]
        for (place, provider, type) in cases {
            XCTAssertEqual(SSDA903Reader.placementType(place: place, provider: provider), type, "\(place) \(provider)")
        }
    }

    func testDatesParseInBothLayoutsAndRejectImpossibleDays() {
        XCTAssertEqual(SSDA903Reader.parseDate("09/04/2017"), CivilDate(year: 2017, month: 4, day: 9))
        XCTAssertEqual(SSDA903Reader.parseDate("2017-04-09"), CivilDate(year: 2017, month: 4, day: 9))
        XCTAssertEqual(SSDA903Reader.parseDate("9/4/2017"), CivilDate(year: 2017, month: 4, day: 9))
        XCTAssertEqual(SSDA903Reader.parseDate("2017-04-09 00:00:00"), CivilDate(year: 2017, month: 4, day: 9))
        XCTAssertEqual(SSDA903Reader.parseDate("2017-04-09T00:00:00Z"), CivilDate(year: 2017, month: 4, day: 9))
        XCTAssertEqual(SSDA903Reader.parseDate("29/02/2020"), CivilDate(year: 2020, month: 2, day: 29))
        for bad in ["", "29/02/2019", "2019-02-30", "31/04/2019", "2019/04/01", "01-04-2019", "1/4/19", "04/2019",
                    "2019-4-1x", "2019-04-01 noon", "00/01/2019", "01/00/2019", "tomorrow", "20190401"] {
            XCTAssertNil(SSDA903Reader.parseDate(bad), bad)
        }
    }

    func testTheCodeListsHoldEveryCodeInTheReturn() {
        XCTAssertEqual(SSDA903Codes.place.count, 32)
        XCTAssertEqual(SSDA903Codes.rne, ["S", "P", "T", "L", "U", "B"])
        XCTAssertEqual(SSDA903Codes.rec.count, 22)
        XCTAssertTrue(SSDA903Codes.rec.isSuperset(of: ["X1", "E4A", "E4B", "E17", "E41", "E45", "E48"]))
    }
}
