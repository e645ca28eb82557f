@testable import SufficiencyReport
import SufficiencyModel
import XCTest

/// The appendix of assumptions: schema order, the schema's descriptions and units, and citations by name with the
/// file or link only as where to read them.
final class AssumptionsTests: XCTestCase {
    func testAssumptionsFollowTheSchemaWithDescriptionsAndCitationsByName() throws {
        let all = Assumptions.all(try ScenarioLoader.loadDefault())
        let specs = Scenario.parameterSpecs.map(\.keyPath)
        let parameters = all.filter { !$0.keyPath.hasPrefix("benchmarks.") }
        let positions = parameters.map { a in specs.firstIndex(of: a.keyPath) ?? -1 }
        XCTAssertFalse(positions.contains(-1), "every assumption is a parameter of the schema")
        XCTAssertEqual(positions, positions.sorted(), "schema order")
        XCTAssertEqual(parameters.first?.keyPath, "start_date")
        let children = try XCTUnwrap(all.first { $0.keyPath == "population.children_in_care" })
        XCTAssertEqual(children.description, "Children looked after on the day before the start date")
        XCTAssertEqual(children.unit, "children")
        XCTAssertEqual(children.citation, "Eastern Region ADCS Children's Services Self-Assessment 2016/17: Peterborough "
            + "(Peterborough City Council, 2017), section Part A, 3. About the local area and services for children")
        XCTAssertEqual(children.citationLocation, "shared/reference/seeds/001_6c61f582bcf5cbae.txt")
        XCTAssertNil(all.first { $0.keyPath == "population.placement_mix" }?.citation, "not every parameter cites")
        XCTAssertTrue(all.contains { $0.keyPath == "benchmarks.moves_3plus_pct_council" && $0.value == "6.3" })

        let html = Briefing.assumptionTable([children], address: { $0 })
        XCTAssertTrue(html.contains("<td>population.children_in_care</td><td>363</td><td>children</td>"), html)
        XCTAssertTrue(html.contains("<td>ADCS 2016/17: 363 children looked after at 31 March 2017 (76 per 10,000) — "
            + "<a href=\"shared/reference/seeds/001_6c61f582bcf5cbae.txt\">Eastern Region ADCS Children's Services "
            + "Self-Assessment 2016/17: Peterborough (Peterborough City Council, 2017), section Part A, 3. About the local "
            + "area and services for children</a></td>"), html)
        XCTAssertEqual(html.components(separatedBy: "seeds/").count, 2, "the file appears once, as the link's address")
    }

    /// A cited file is linked where it is, not beside the briefing: found from a folder below the one that holds
    /// `shared/`, as the project is; a web address is kept; a file not on this machine gets no link.
    func testACitedFileIsLinkedWhereItIsFound() throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("cite-\(UUID().uuidString)")
        let seeds = root.appendingPathComponent("shared/reference/seeds")
        let project = root.appendingPathComponent("main/results/run")
        try FileManager.default.createDirectory(at: seeds, withIntermediateDirectories: true)
        try FileManager.default.createDirectory(at: project, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: root) }
        try Data("text".utf8).write(to: seeds.appendingPathComponent("001.txt"))
        let found = try XCTUnwrap(Briefing.address(of: "shared/reference/seeds/001.txt", from: project.path))
        XCTAssertTrue(found.hasPrefix("file:///"), found)
        XCTAssertTrue(found.hasSuffix("/shared/reference/seeds/001.txt"), found)
        XCTAssertTrue(FileManager.default.fileExists(atPath: try XCTUnwrap(URL(string: found)).path))
        XCTAssertEqual(Briefing.address(of: "https://example.org/a.pdf", from: project.path), "https://example.org/a.pdf")
        XCTAssertNil(Briefing.address(of: "shared/reference/seeds/none.txt", from: project.path))
        let children = Assumption(keyPath: "k", value: "1", unit: "u", description: "d", source: "s", citation: "Title",
                                  citationLocation: "shared/reference/seeds/none.txt", layer: "l")
        XCTAssertTrue(Briefing.assumptionTable([children], address: { Briefing.address(of: $0, from: project.path) })
            .contains("<td>s — Title</td>"))
    }
}
