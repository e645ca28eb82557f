import Foundation
@testable import SufficiencyModel
import XCTest

/// Typed parameters: a `reference:` names an entry of the scenario's `references:` table (merged across layers),
/// the table's entries are publications, figures for briefings live under `benchmarks:`, and a source that says
/// "assumption" gives its reasoning.
final class CitationTests: XCTestCase {
    static let child = "extends: peterborough-2017\nname: probe\n"

    func testTheDefaultScenarioCitesTheADCSSelfAssessmentForItsChildrenInCare() throws {
        let loaded = try ScenarioLoader.loadDefault()
        let parameter = try XCTUnwrap(loaded.parameters.first { $0.keyPath == "population.children_in_care" })
        let reference = try XCTUnwrap(parameter.reference)
        let citation = try XCTUnwrap(loaded.citation(reference))
        XCTAssertEqual(citation.file, "shared/reference/seeds/001_6c61f582bcf5cbae.txt")
        XCTAssertEqual(reference.text(citation), "Eastern Region ADCS Children's Services Self-Assessment 2016/17: "
            + "Peterborough (Peterborough City Council, 2017), section Part A, 3. About the local area and services for children")
        XCTAssertFalse(reference.text(citation).contains("seeds"), "the file is where to read it, not the source's name")
    }

    func testAReferenceToAnUnknownIdIsOneLineWithFileLineAndKeyPath() {
        let yaml = Self.child + """
            population:
              staying_put:
                value: 12
                unit: young people
                source: "ADCS 2016/17: 12 young people in Staying Put arrangements at March 2017"
                reference: {id: adcs-2061-17, page: 4}
            """
        XCTAssertEqual(problems(yaml), ["probe.yaml:8: population.staying_put.reference.id: no entry 'adcs-2061-17' in "
            + "references: (known: adcs-2016-17, lenehan-2017, peterborough-scrutiny-2015)"])
    }

    func testAChildLayerCitesItsBaselinesReferencesAndAddsItsOwn() throws {
        let yaml = Self.child + """
            references:
              dfe-cla-2017:
                title: Children looked after in England including adoption, year ending 31 March 2017
                publisher: Department for Education
                date: September 2017
                link: https://www.gov.uk/government/statistics/children-looked-after-in-england-including-adoption-2016-to-2017
            population:
              staying_put:
                value: 12
                unit: young people
                source: "ADCS 2016/17: 12 young people in Staying Put arrangements at March 2017"
                reference: {id: adcs-2016-17, section: "13. Care leavers"}
              children_in_care:
                value: 363
                unit: children
                source: "DfE: 363 children looked after by Peterborough at 31 March 2017"
                reference: {id: dfe-cla-2017, page: 12}
            """
        let loaded = try ScenarioLoader.load(yaml: yaml, file: "probe.yaml")
        XCTAssertEqual(loaded.citations.map(\.id), ["adcs-2016-17", "lenehan-2017", "peterborough-scrutiny-2015", "dfe-cla-2017"])
        let children = try XCTUnwrap(loaded.parameters.first { $0.keyPath == "population.children_in_care" }?.reference)
        XCTAssertEqual(children.text(try XCTUnwrap(loaded.citation(children))),
                       "Children looked after in England including adoption, year ending 31 March 2017 "
                       + "(Department for Education, September 2017), p. 12")
        XCTAssertEqual(loaded.parameters.first { $0.keyPath == "population.staying_put" }?.reference?.id, "adcs-2016-17")
    }

    func testACitationNeedsATitleAPublisherAndOneOfALinkOrAFile() {
        let yaml = Self.child + """
            references:
              no-publisher:
                title: A report
                file: report.txt
              both:
                title: Another
                publisher: Someone
                link: https://example.org/r
                file: r.txt
              neither:
                title: A third
                publisher: Someone
              typo:
                title: A fourth
                publisher: Someone
                link: https://example.org/4
                pages: 12
            """
        XCTAssertEqual(problems(yaml), [
            "probe.yaml:5: references.no-publisher.publisher: missing required key",
            "probe.yaml:11: references.both.file: give a link or a file, not both",
            "probe.yaml:13: references.neither: needs a link or a file where the text can be read",
            "probe.yaml:19: references.typo.pages: unknown key",
        ])
    }

    func testAFigureUnderReferencesIsToldToMoveToBenchmarks() {
        let yaml = Self.child + "references:\n  moves_3plus_pct_council:\n    value: 6.3\n    unit: percent\n    source: \"ADCS\"\n"
        XCTAssertEqual(problems(yaml), ["probe.yaml:4: references.moves_3plus_pct_council: references: lists publications "
            + "(title, publisher, date, link or file); a figure for briefings belongs under benchmarks:"])
    }

    func testBenchmarksKeepTheirValueAsWrittenUnitSourceAndCitation() throws {
        let loaded = try ScenarioLoader.loadDefault()
        let moves = try XCTUnwrap(loaded.benchmarks.first { $0.key == "moves_3plus_pct_council" })
        XCTAssertEqual(moves.value, 6.3)
        XCTAssertEqual(moves.text, "6.3")
        XCTAssertEqual(moves.unit, "percent")
        XCTAssertEqual(moves.reference?.id, "adcs-2016-17")
        XCTAssertFalse(loaded.parameters.contains { $0.keyPath.hasPrefix("benchmarks.") },
                       "benchmarks are figures for briefings, not assumptions of the model")
    }

    /// A benchmark may say which day it describes (`as_at`), so that a briefing compares it with the model's figure
    /// for that financial year; the day is checked like `start_date`, and other parameters have no such key.
    func testABenchmarksDayIsReadCheckedAndWrittenBack() throws {
        let loaded = try ScenarioLoader.loadDefault()
        let households = try XCTUnwrap(loaded.benchmarks.first { $0.key == "in_house_households_council" })
        XCTAssertEqual(households.asAt, CivilDate(year: 2019, month: 3, day: 31))
        XCTAssertEqual(households.asAt?.financialYear.label, "2018-19", "31 March closes the financial year")
        XCTAssertNil(loaded.benchmarks.first { $0.key == "moves_3plus_pct_england" }?.asAt, "a figure of no one day has none")
        func benchmark(_ day: String) -> String {
            Self.child + "benchmarks:\n  probe_pct:\n    value: 5\n    unit: percent\n    source: \"a council report\"\n"
                + "    as_at: \(day)\n"
        }
        let day = try XCTUnwrap(ScenarioLoader.load(yaml: benchmark("2020-04-01"), file: "probe.yaml").benchmarks
            .first { $0.key == "probe_pct" }?.asAt)
        XCTAssertEqual(day.financialYear.label, "2020-21", "1 April opens the financial year")
        let message = "probe.yaml:8: benchmarks.probe_pct.as_at: expected the day the figure describes as yyyy-mm-dd, "
            + "from 1900-01-01 to 2199-12-31"
        for bad in ["31/03/2019", "2019-02-30", "March 2019", "1899-03-31", "[2019-03-31]"] {
            XCTAssertEqual(problems(benchmark(bad)), [message], bad)
        }
        let parameter = Self.child + "population:\n  staying_put:\n    value: 12\n    unit: young people\n"
            + "    source: \"ADCS 2016/17: 12 in March 2017\"\n    as_at: 2017-03-31\n"
        XCTAssertEqual(problems(parameter), ["probe.yaml:8: population.staying_put.as_at: unknown key"])
        // Written as read: a scenario writer's benchmarks keep their day.
        var writer = ScenarioDocument(extends: "peterborough-2017", name: "probe", title: "Probe", question: nil)
        writer.benchmarks = [Benchmark(key: "probe_pct", value: 5, unit: "percent", source: "a council report",
                                       asAt: CivilDate(year: 2019, month: 3, day: 31)),
                             Benchmark(key: "undated_pct", value: 7, unit: "percent", source: "a council report")]
        let yaml = writer.yaml()
        XCTAssertTrue(yaml.contains("    as_at: 2019-03-31\n"), yaml)
        let back = try ScenarioLoader.load(yaml: yaml, file: "written.yaml").benchmarks
        XCTAssertEqual(back.first { $0.key == "probe_pct" }?.asAt, CivilDate(year: 2019, month: 3, day: 31))
        XCTAssertNil(try XCTUnwrap(back.first { $0.key == "undated_pct" }).asAt)
    }

    func testABareAssumptionIsRefusedAndOneWithItsReasoningIsNot() throws {
        func yaml(_ source: String) -> String {
            Self.child + "population:\n  staying_put:\n    value: 12\n    unit: young people\n    source: \"\(source)\"\n"
        }
        let message = "probe.yaml:7: population.staying_put.source: source \"assumption\" must give its reasoning (at least a sentence)"
        for bare in ["assumption", "Assumption", "ASSUMPTION.", "assumption: a guess", "Assumptions: about twelve young people",
                     "assumption - five words are not enough"] {
            XCTAssertEqual(problems(yaml(bare)), [message], bare)
        }
        for reasoned in ["assumption: carers approved for teenagers take older children first; no published figure",
                         "Assumption, since no figure is published for the council", "assumed from the 2017 figure",
                         "ADCS 2016/17 (no assumption)"] {
            XCTAssertNoThrow(try ScenarioLoader.load(yaml: yaml(reasoned), file: "probe.yaml"), reasoned)
        }
    }

    func testEveryParameterOfTheLibraryIsInTheSchemaAndTheSchemaHasNoKeyTwice() throws {
        let specs = Scenario.parameterSpecs
        XCTAssertEqual(Set(specs.map(\.keyPath)).count, specs.count, "a key path declared twice")
        let known = Set(specs.map(\.keyPath))
        for name in EmbeddedScenarios.names {
            let loaded = try ScenarioLoader.load(path: name)
            for p in loaded.parameters { XCTAssertTrue(known.contains(p.keyPath), "\(name): \(p.keyPath)") }
            let positions = loaded.parameters.compactMap { p in specs.firstIndex { $0.keyPath == p.keyPath } }
            XCTAssertEqual(positions, positions.sorted(), "\(name): parameters are listed in schema order")
        }
    }
}
