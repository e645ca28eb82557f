import SufficiencyData
import SufficiencyModel
import XCTest

/// The two sample layouts in `../shared/data/ssda903`, with the counts measured when the reader was written
/// (cross-checked by counting distinct CHILD and DECOM pairs with a header row, independently of the reader).
final class SampleTests: SSDA903TestCase {
    func testThePerYearSampleLoads820ChildrenAnd2827EpisodesWithNoRejections() throws {
        let data = try SSDA903Reader.load(paths: [Self.samples + "/d2i-sample"], la: nil)
        XCTAssertEqual(data.files.count, 15)
        XCTAssertEqual(data.children.count, 820)
        XCTAssertEqual(data.children.map(\.episodes.count).reduce(0, +), 2827)
        // 3,737 episode rows: each open episode is repeated in later years' files, 910 repeats in all.
        XCTAssertEqual(data.quality.repeatedReportsMerged, 910)
        XCTAssertEqual(data.quality.exactDuplicatesDropped, 0)
        XCTAssertEqual(data.quality.rejected, [])
        XCTAssertEqual(data.quality.rowsRead, 3737 + 2123 + 82)
        XCTAssertEqual(data.quality.overlapsResolved, 40)
        XCTAssertEqual(data.children.filter(\.uasc).count, 31)
        XCTAssertTrue(data.children.allSatisfy { $0.birth != nil })
        XCTAssertEqual(data.councils, [])
        XCTAssertEqual(data.firstDate, date("2013-08-27"))
        XCTAssertEqual(data.lastDate, date("2022-03-27"))
        XCTAssertEqual(data.children.first?.id, "91")  // numeric order, not text order
        XCTAssertEqual(data.children.last?.id, "998328")
    }

    func testTheRegionalSampleLoadsEveryCouncilAndRejectsEpisodesWithoutAHeaderRow() throws {
        let data = try SSDA903Reader.load(paths: [Self.samples + "/sf-regional-sample"], la: nil)
        XCTAssertEqual(data.files.map { ($0 as NSString).lastPathComponent }, ["episodes.csv", "header.csv", "uasc.csv"])
        XCTAssertEqual(data.councils, ["Bromley", "Hillingdon", "Southwark"])
        XCTAssertEqual(data.children.count, 572)
        XCTAssertEqual(data.children.map(\.episodes.count).reduce(0, +), 2440)
        // 387 of the 3,737 episode rows belong to children with no header row: rejected and counted.
        XCTAssertEqual(data.quality.episodesWithoutHeader, 387)
        XCTAssertEqual(data.quality.rejected.count, 387)
        XCTAssertTrue(data.quality.rejected.allSatisfy { $0.reason.hasPrefix("episode without a header row") })
        XCTAssertEqual(data.quality.rejected.first?.source.row, 2)
        XCTAssertEqual(data.quality.repeatedReportsMerged, 910)
    }

    func testSelectingSouthwarkKeepsOnlySouthwarksChildren() throws {
        let data = try SSDA903Reader.load(paths: [Self.samples + "/sf-regional-sample"], la: "Southwark")
        XCTAssertEqual(data.councils, ["Southwark"])
        XCTAssertEqual(data.children.count, 256)
        XCTAssertEqual(data.children.map(\.episodes.count).reduce(0, +), 1092)
        XCTAssertEqual(data.quality.episodesWithoutHeader, 185)
        XCTAssertTrue(data.children.allSatisfy { $0.episodes.allSatisfy { $0.la == "Southwark" } })
        // The council is matched without regard to case.
        let lower = try SSDA903Reader.load(paths: [Self.samples + "/sf-regional-sample"], la: "southwark")
        XCTAssertEqual(lower.children.count, 256)
        let hillingdon = try SSDA903Reader.load(paths: [Self.samples + "/sf-regional-sample"], la: "Hillingdon")
        XCTAssertEqual(hillingdon.children.count, 131)
        XCTAssertEqual(hillingdon.children.map(\.episodes.count).reduce(0, +), 560)
    }

    func testAnUnknownCouncilIsAnErrorListingTheCouncilsPresent() {
        let lines = errorLines([Self.samples + "/sf-regional-sample"], la: "Lambeth")
        XCTAssertEqual(lines.count, 1)
        XCTAssertTrue(lines.first?.contains("episodes.csv: no episodes for council \"Lambeth\"") ?? false, "\(lines)")
        XCTAssertTrue(lines.first?.hasSuffix("councils present: Bromley, Hillingdon, Southwark") ?? false, "\(lines)")
    }

    func testSelectingACouncilFromFilesWithoutAnLAColumnIsAnError() {
        let lines = errorLines([Self.samples + "/d2i-sample"], la: "Southwark")
        XCTAssertEqual(lines.count, 5)  // one per year's episodes file
        XCTAssertTrue(lines.allSatisfy { $0.hasSuffix("-episodes.csv: no LA column, so the council \"Southwark\" cannot be selected") }, "\(lines)")
    }

    func testBothLayoutsGiveTheSameEpisodesForTheSameChild() throws {
        let perYear = try SSDA903Reader.load(paths: [Self.samples + "/d2i-sample"], la: nil)
        let regional = try SSDA903Reader.load(paths: [Self.samples + "/sf-regional-sample"], la: nil)
        let a = perYear.children.first { $0.id == "296227" }!, b = regional.children.first { $0.id == "296227" }!
        XCTAssertEqual(a.episodes.map(\.start), b.episodes.map(\.start))
        XCTAssertEqual(a.episodes.map(\.end), b.episodes.map(\.end))
        XCTAssertEqual(a.episodes.map(\.place), b.episodes.map(\.place))
    }
}
