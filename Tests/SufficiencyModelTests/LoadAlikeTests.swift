import Foundation
@testable import SufficiencyModel
import XCTest

/// Which file a problem of a comparison's `--set` value belongs to (a third fuzz audit): a value's problem that
/// only one scenario has was said without naming it, and a key path missing because a file's own parameter there
/// is malformed hid that file's problem behind a `--set` line.
final class LoadAlikeTests: XCTestCase {
    var directory: URL!

    override func setUpWithError() throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("alike-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws { try? FileManager.default.removeItem(at: directory) }

    func write(_ name: String, _ yaml: String) throws -> String {
        let url = directory.appendingPathComponent(name)
        try yaml.write(to: url, atomically: true, encoding: .utf8)
        return url.path
    }

    func problems(_ paths: [String], _ sets: [String]) -> [String] {
        do {
            _ = try ScenarioLoader.loadAlike(paths: paths, overrides: sets.map { ScenarioOverride(assignment: $0)! })
            return []
        } catch {
            return (error as? ScenarioError)?.problems.map(\.description) ?? ["\(error)"]
        }
    }

    func testAValueWrongForOneScenarioOnlyNamesIt() throws {
        let reason = "\"assumption: four bands, so that a list of five multipliers fits the baseline and not this file\""
        var yaml = "extends: peterborough-2017\nname: four-bands\nexits:\n"
            + "  time_in_care_bands: {value: [0, 6, 12, 24], unit: months, source: \(reason)}\n"
        for route in ["reunification", "adoption", "sgo", "other"] {
            yaml += "  \(route):\n    time_in_care_multiplier: {value: [1, 1, 1, 1], unit: multiplier, source: \(reason)}\n"
        }
        let four = try write("four.yaml", yaml)
        XCTAssertEqual(problems(["peterborough-2017", four], ["exits.reunification.time_in_care_multiplier=[1, 1, 1, 1, 1]"]), [
            "--set: exits.reunification.time_in_care_multiplier.value: needs one multiplier per time-in-care band (4) (in \(four))",
        ])
    }

    func testAFilesMalformedParameterIsSaidAtItsLineBesideTheSetLine() throws {
        let bare = try write("bare.yaml", "extends: peterborough-2017\nname: bare\nuasc:\n  annual_rate: 5\n")
        XCTAssertEqual(problems(["peterborough-2017", bare], ["uasc.annual_rate=40"]), [
            "--set: uasc.annual_rate: no parameter with this key path in \(bare), though embedded:peterborough-2017 has one: "
                + "a value set for several scenarios alike must be a key each of them gives",
            "\(bare):4: uasc.annual_rate: expected a parameter with value, unit and source",
        ])
        // A parameter without its unit is the file's problem, at its line, though the value came from --set.
        let noUnit = try write("nounit.yaml", "extends: peterborough-2017\nname: nounit\nuasc:\n  annual_rate:\n    value: 5\n")
        XCTAssertEqual(problems(["peterborough-2017", noUnit], ["uasc.annual_rate=40"]),
                       ["\(noUnit):5: uasc.annual_rate.unit: missing required key"])
    }

    func testAFileGivenTwiceHasItsProblemsSaidOnce() throws {
        let bare = try write("bare.yaml", "extends: peterborough-2017\nname: bare\nuasc:\n  annual_rate: 5\n")
        XCTAssertEqual(problems([bare, bare], []), ["\(bare):4: uasc.annual_rate: expected a parameter with value, unit and source"])
    }

    /// A cross-field check that reports at the parameter itself (an end year before the start year, a minimum over
    /// its maximum) names `--set` when the value came from it, not the file line it replaced.
    func testACrossFieldProblemOfASetValueNamesSet() {
        XCTAssertEqual(problems(["family-safeguarding"], ["interventions.income.end_year=2016-17"]),
                       ["--set: interventions.income.end_year: ends before start_year 2017-18"])
        XCTAssertEqual(problems(["reunification"], ["interventions.reunification_programme.time_in_care={min: 30, max: 24}"]).count, 1)
        XCTAssertTrue(problems(["reunification"], ["interventions.reunification_programme.time_in_care={min: 30, max: 24}"])[0]
            .hasPrefix("--set: interventions.reunification_programme.time_in_care"))
    }
}
